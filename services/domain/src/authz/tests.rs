//! The permission table, case by case: who may and who may not.

use super::*;

fn account(role: Role, orgs: &[i32]) -> Actor {
    Actor::Account(SignedIn {
        account_id: 7,
        role,
        organizations: orgs
            .iter()
            .map(|&organization_id| MemberOf {
                organization_id,
                province_code: Some(44),
            })
            .collect(),
    })
}

fn contacts(organization_id: i32, province: i32, partner: bool) -> Action {
    Action::ReadContacts {
        organization_id,
        province_code: Some(province),
        partner,
    }
}

#[test]
fn anonymous_is_told_to_sign_in_for_everything() {
    for action in [
        Action::ManageAccounts,
        Action::ManageOrganizations,
        Action::ReadAccount { account_id: 1 },
        Action::EditOrganization {
            organization_id: 1,
            province_code: Some(44),
        },
    ] {
        assert!(matches!(
            Actor::Anonymous.authorize(action),
            Err(Error::Unauthenticated)
        ));
    }
}

#[test]
fn only_admins_manage_accounts_and_organizations() {
    assert!(account(Role::Admin, &[]).authorize(Action::ManageAccounts).is_ok());
    for role in [Role::Organizer, Role::CooperativeMember, Role::Buyer] {
        let actor = account(role, &[1]);
        assert!(matches!(
            actor.authorize(Action::ManageAccounts),
            Err(Error::Forbidden { .. })
        ));
        assert!(matches!(
            actor.authorize(Action::ManageOrganizations),
            Err(Error::Forbidden { .. })
        ));
    }
}

fn edit(organization_id: i32, province: Option<i32>) -> Action {
    Action::EditOrganization {
        organization_id,
        province_code: province,
    }
}

fn national_organizer() -> Actor {
    Actor::Account(SignedIn {
        account_id: 8,
        role: Role::Organizer,
        organizations: vec![MemberOf {
            organization_id: 21,
            province_code: None,
        }],
    })
}

#[test]
fn members_edit_only_their_own_organizations() {
    let member = account(Role::CooperativeMember, &[3, 4]);
    assert!(member.authorize(edit(4, Some(1))).is_ok());
    assert!(member.authorize(edit(5, Some(44))).is_err());
}

#[test]
fn organizers_edit_only_organizations_of_the_provinces_they_cover() {
    let provincial = account(Role::Organizer, &[20]);
    assert!(provincial.authorize(edit(5, Some(44))).is_ok());
    assert!(provincial.authorize(edit(5, Some(1))).is_err());
    assert!(
        provincial.authorize(edit(5, None)).is_err(),
        "a buyer without a province is for national bodies"
    );
    assert!(account(Role::Organizer, &[]).authorize(edit(5, Some(44))).is_err());
    assert!(national_organizer().authorize(edit(5, Some(1))).is_ok());
    assert!(national_organizer().authorize(edit(5, None)).is_ok());
    assert!(account(Role::Admin, &[]).authorize(edit(5, Some(1))).is_ok());
    let audit = |province| Action::ReadOrganizationAudit {
        organization_id: 5,
        province_code: Some(province),
    };
    assert!(provincial.authorize(audit(44)).is_ok());
    assert!(provincial.authorize(audit(1)).is_err());
    assert!(account(Role::CooperativeMember, &[5]).authorize(audit(1)).is_ok());
    assert!(account(Role::Buyer, &[6]).authorize(audit(44)).is_err());
}

#[test]
fn organizers_register_cooperatives_only_in_provinces_they_cover() {
    let create = |p| Action::CreateProducer { province_code: p };
    let provincial = account(Role::Organizer, &[20]);
    assert!(provincial.authorize(create(Some(44))).is_ok());
    assert!(provincial.authorize(create(Some(1))).is_err());
    assert!(
        provincial.authorize(create(None)).is_ok(),
        "then refused as a missing field"
    );
    assert!(national_organizer().authorize(create(Some(1))).is_ok());
    assert!(account(Role::CooperativeMember, &[3]).authorize(create(None)).is_err());
}

#[test]
fn only_organizers_of_the_province_and_admins_verify() {
    let verify = |p| Action::Verify { province_code: Some(p) };
    assert!(account(Role::Organizer, &[20]).authorize(verify(44)).is_ok());
    assert!(account(Role::Organizer, &[20]).authorize(verify(1)).is_err());
    assert!(account(Role::Organizer, &[]).authorize(verify(44)).is_err());
    assert!(national_organizer().authorize(verify(1)).is_ok());
    assert!(account(Role::Admin, &[]).authorize(verify(1)).is_ok());
    assert!(account(Role::CooperativeMember, &[1]).authorize(verify(44)).is_err());
    assert!(account(Role::Buyer, &[]).authorize(verify(44)).is_err());
}

#[test]
fn contacts_are_for_members_accepted_partners_provincial_organizers_and_admins() {
    let member = account(Role::CooperativeMember, &[3]);
    assert!(member.authorize(contacts(3, 44, false)).is_ok());
    assert!(member.authorize(contacts(4, 44, false)).is_err());
    let buyer = account(Role::Buyer, &[9]);
    assert!(buyer.authorize(contacts(3, 44, false)).is_err());
    assert!(
        buyer.authorize(contacts(3, 44, true)).is_ok(),
        "an accepted inquiry shares contacts"
    );
    // Organizers of bodies in province 44 see province 44 only; a national body sees all.
    let provincial = account(Role::Organizer, &[20]);
    assert!(provincial.authorize(contacts(3, 44, false)).is_ok());
    assert!(provincial.authorize(contacts(3, 1, false)).is_err());
    assert!(account(Role::Organizer, &[]).authorize(contacts(3, 44, false)).is_err());
    let national = Actor::Account(SignedIn {
        account_id: 8,
        role: Role::Organizer,
        organizations: vec![MemberOf {
            organization_id: 21,
            province_code: None,
        }],
    });
    assert!(national.authorize(contacts(3, 1, false)).is_ok());
    assert!(account(Role::Admin, &[]).authorize(contacts(3, 1, false)).is_ok());
    assert!(matches!(
        Actor::Anonymous.authorize(contacts(3, 44, true)),
        Err(Error::Unauthenticated)
    ));
}

#[test]
fn only_the_cooperative_accepts_or_declines_and_either_side_closes() {
    let coop = account(Role::CooperativeMember, &[3]);
    let buyer = account(Role::Buyer, &[9]);
    let change = |to| Action::ChangeInquiryStatus {
        buyer_id: 9,
        cooperative_id: 3,
        to,
    };
    assert!(coop.authorize(change(InquiryStatus::InDiscussion)).is_ok());
    assert!(buyer.authorize(change(InquiryStatus::InDiscussion)).is_err());
    assert!(buyer.authorize(change(InquiryStatus::Closed)).is_ok());
    assert!(coop.authorize(change(InquiryStatus::Agreed)).is_ok());
    assert!(
        account(Role::Buyer, &[10])
            .authorize(change(InquiryStatus::Closed))
            .is_err()
    );
}

#[test]
fn fairs_are_run_by_their_own_organizers_and_joined_by_members() {
    let organizer = account(Role::Organizer, &[9]);
    assert!(organizer.authorize(Action::ManageEvents { organizer_id: 9 }).is_ok());
    assert!(organizer.authorize(Action::ManageEvents { organizer_id: 10 }).is_err());
    assert!(organizer.authorize(Action::ExhibitAs { producer_id: 3 }).is_err());
    let member = account(Role::CooperativeMember, &[3]);
    assert!(member.authorize(Action::ExhibitAs { producer_id: 3 }).is_ok());
    assert!(member.authorize(Action::ExhibitAs { producer_id: 4 }).is_err());
    assert!(member.authorize(Action::ManageEvents { organizer_id: 3 }).is_err());
    assert!(member.authorize(Action::MeetAsBuyer { buyer_id: 3 }).is_err());
    let buyer = account(Role::Buyer, &[5]);
    assert!(buyer.authorize(Action::MeetAsBuyer { buyer_id: 5 }).is_ok());
    assert!(buyer.authorize(Action::ReadFairReports).is_err());
    assert!(organizer.authorize(Action::ReadFairReports).is_ok());
    assert!(buyer.authorize(Action::ReadCatalogReports).is_err());
    assert!(organizer.authorize(Action::ReadCatalogReports).is_ok());
}

#[test]
fn accounts_read_only_themselves_unless_admin() {
    let buyer = account(Role::Buyer, &[]);
    assert!(buyer.authorize(Action::ReadAccount { account_id: 7 }).is_ok());
    assert!(buyer.authorize(Action::ReadAccount { account_id: 8 }).is_err());
    assert!(
        account(Role::Admin, &[])
            .authorize(Action::ReadAccount { account_id: 8 })
            .is_ok()
    );
}
