//! Who may do what. Every permission check in Coopbridge goes through
//! [`Actor::authorize`], so the rules can be read (and tested) in one place.

pub use crate::entities::account::Role;
use crate::entities::linkage_enums::InquiryStatus;
use crate::error::{Error, Result};

/// A signed-in account, with the organizations it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: i32,
    pub role: Role,
    pub organization_ids: Vec<i32>,
    /// The province of each organization in `organization_ids`, same order;
    /// None for a body without one. An organizer sees contact details and
    /// agreements of its organizations' provinces; an organizer of a body with
    /// no province (a national body) sees every province's.
    pub organization_provinces: Vec<Option<i32>>,
}

impl SignedIn {
    fn is_member_of(&self, organization_id: i32) -> bool {
        self.organization_ids.contains(&organization_id)
    }

    /// Whether one of the account's organizations covers `province`: is in it,
    /// or is national (has no province).
    pub fn covers_province(&self, province: Option<i32>) -> bool {
        self.organization_provinces
            .iter()
            .any(|p| p.is_none() || (province.is_some() && *p == province))
    }
}

/// Whoever is making a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Account(SignedIn),
    /// The operator at the command line (`coopbridge user create`, `seed`):
    /// whoever can run the binary against the database already owns it.
    System,
}

/// Things that need permission.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// Create accounts, list every account.
    ManageAccounts,
    /// Create organizations and add members to them.
    ManageOrganizations,
    /// Read an account's details (its email, role, organizations).
    ReadAccount { account_id: i32 },
    /// Change an organization's own data (profile, products, certificates,
    /// labels, files, archiving). `province_code`: the organization's stored
    /// province; a move to another province is also checked with the target
    /// province, so an organizer moves only between provinces it covers.
    EditOrganization {
        organization_id: i32,
        province_code: Option<i32>,
    },
    /// Register a cooperative in `province_code`. None when the input gives no
    /// province: only the role is checked, and the input is then refused for
    /// the missing province (a cooperative always has one).
    CreateProducer { province_code: Option<i32> },
    /// Read the audit record of an organization (edits by outsiders,
    /// verification verdicts) in `province_code`.
    ReadOrganizationAudit {
        organization_id: i32,
        province_code: Option<i32>,
    },
    /// See an organization's phone, email and contact person (a cooperative's,
    /// or a buyer's contacts). `partner`: one of the caller's organizations has
    /// an inquiry with this one that is in discussion or agreed.
    ReadContacts {
        organization_id: i32,
        province_code: Option<i32>,
        partner: bool,
    },
    /// Verify or reject a cooperative, or one of its certificates; the
    /// cooperative is in `province_code`.
    Verify { province_code: Option<i32> },
    /// List the cooperatives and certificates waiting for a verdict (each
    /// organizer sees those of the provinces it covers).
    ReadReviewQueue,
    /// List an organization's inquiries, purchase requests, offers and agreements.
    ReadInbox { organization_id: i32 },
    /// Send an inquiry on behalf of a buyer company.
    SendInquiry { buyer_id: i32 },
    /// Read an inquiry and its thread.
    ReadInquiry { buyer_id: i32, cooperative_id: i32 },
    /// Write in an inquiry's thread: only its two parties' members.
    WriteInquiryMessage { buyer_id: i32, cooperative_id: i32 },
    /// Move an inquiry to `to`.
    ChangeInquiryStatus {
        buyer_id: i32,
        cooperative_id: i32,
        to: InquiryStatus,
    },
    /// Post or close a buyer company's purchase requests.
    ManagePurchaseRequests { buyer_id: i32 },
    /// Read a purchase request. `matching`: the caller belongs to a cooperative
    /// whose products match it.
    ReadPurchaseRequest { buyer_id: i32, matching: bool },
    /// Offer on a purchase request on behalf of a cooperative.
    MakeOffer { cooperative_id: i32, matching: bool },
    /// Record, change or read a linkage agreement.
    ManageAgreement {
        buyer_id: i32,
        cooperative_id: i32,
        cooperative_province: Option<i32>,
    },
    /// Confirm a linkage agreement for the other side. `proposed_by`: the
    /// party whose member recorded it (None: an organizer, or unknown).
    ConfirmAgreement {
        buyer_id: i32,
        cooperative_id: i32,
        cooperative_province: Option<i32>,
        proposed_by: Option<i32>,
    },
    /// Read the linkage KPI of a province.
    ReadLinkageKpi { province_code: i32 },
    /// Run an organizing body's events: create, publish, decide on
    /// applications, check exhibitors in, export lists, see drafts.
    ManageEvents { organizer_id: i32 },
    /// Apply to exhibit (and withdraw) on behalf of a cooperative.
    ExhibitAs { producer_id: i32 },
    /// Request meetings at connection conferences on behalf of a buyer company.
    MeetAsBuyer { buyer_id: i32 },
    /// See fair participation reports (KPIs).
    ReadFairReports,
    /// See catalog reports (certified products per province and scheme).
    ReadCatalogReports,
    /// Remove a stored file's bytes for good.
    PurgeFiles,
    /// Open the evidence file of a certificate that was archived or rejected:
    /// no longer public, still for the cooperative and those who review it.
    ReadWithdrawnEvidence {
        organization_id: i32,
        province_code: Option<i32>,
    },
}

impl Action {
    fn describe(self) -> &'static str {
        match self {
            Action::ManageAccounts => "manage accounts",
            Action::ManageOrganizations => "manage organizations",
            Action::ReadAccount { .. } => "read this account",
            Action::EditOrganization { .. } => "edit this organization",
            Action::CreateProducer { .. } => "register a cooperative in this province",
            Action::ReadOrganizationAudit { .. } => "read this organization's audit record",
            Action::ReadContacts { .. } => "see these contact details",
            Action::Verify { .. } => "verify cooperatives and certificates of this province",
            Action::ReadReviewQueue => "see the review queue",
            Action::ReadInbox { .. } => "read this organization's inquiries and requests",
            Action::SendInquiry { .. } => "send inquiries for this buyer",
            Action::ReadInquiry { .. } => "read this inquiry",
            Action::WriteInquiryMessage { .. } => "write in this inquiry",
            Action::ChangeInquiryStatus { .. } => "change this inquiry's status",
            Action::ManagePurchaseRequests { .. } => "manage this buyer's purchase requests",
            Action::ReadPurchaseRequest { .. } => "read this purchase request",
            Action::MakeOffer { .. } => "offer on this purchase request",
            Action::ManageAgreement { .. } => "manage this agreement",
            Action::ConfirmAgreement { .. } => "confirm this agreement",
            Action::ReadLinkageKpi { .. } => "read this province's linkage figures",
            Action::ManageEvents { .. } => "manage this organizer's events",
            Action::ExhibitAs { .. } => "apply on behalf of this cooperative",
            Action::MeetAsBuyer { .. } => "request meetings on behalf of this buyer",
            Action::ReadFairReports => "see fair reports",
            Action::ReadCatalogReports => "see catalog reports",
            Action::PurgeFiles => "purge stored files",
            Action::ReadWithdrawnEvidence { .. } => "open this withdrawn evidence",
        }
    }
}

impl Actor {
    pub fn signed_in(&self) -> Option<&SignedIn> {
        match self {
            Actor::Account(s) => Some(s),
            _ => None,
        }
    }

    /// The account id behind the actor, or `Unauthenticated`.
    pub fn require_account(&self) -> Result<&SignedIn> {
        self.signed_in().ok_or(Error::Unauthenticated)
    }

    /// Ok when the actor may perform `action`; `Unauthenticated` for anonymous
    /// callers and `Forbidden` for accounts without the right.
    pub fn authorize(&self, action: Action) -> Result<()> {
        let account = match self {
            Actor::System => return Ok(()),
            Actor::Anonymous => return Err(Error::Unauthenticated),
            Actor::Account(account) => account,
        };
        let allowed = match (account.role, action) {
            (Role::Admin, _) => true,
            (_, Action::ManageAccounts | Action::ManageOrganizations) => false,
            (_, Action::ReadAccount { account_id }) => account.account_id == account_id,
            // Organizers act on organizations of the provinces their bodies
            // cover (a national body covers all); members on their own.
            (
                role,
                Action::EditOrganization {
                    organization_id,
                    province_code,
                }
                | Action::ReadOrganizationAudit {
                    organization_id,
                    province_code,
                },
            ) => {
                account.is_member_of(organization_id)
                    || (role == Role::Organizer && account.covers_province(province_code))
            }
            (role, Action::ReadReviewQueue) => role == Role::Organizer,
            (role, Action::Verify { province_code }) => {
                role == Role::Organizer && account.covers_province(province_code)
            }
            (role, Action::CreateProducer { province_code }) => {
                role == Role::Organizer && province_code.is_none_or(|p| account.covers_province(Some(p)))
            }
            // Contact details: the organization's own members; the other side
            // once an inquiry between them is accepted; organizers of its province.
            (
                role,
                Action::ReadContacts {
                    organization_id,
                    province_code,
                    partner,
                },
            ) => {
                account.is_member_of(organization_id)
                    || (partner && matches!(role, Role::Buyer | Role::CooperativeMember))
                    || (role == Role::Organizer && account.covers_province(province_code))
            }
            (_, Action::ReadInbox { organization_id }) => account.is_member_of(organization_id),
            (role, Action::SendInquiry { buyer_id } | Action::ManagePurchaseRequests { buyer_id }) => {
                role == Role::Buyer && account.is_member_of(buyer_id)
            }
            (
                _,
                Action::ReadInquiry {
                    buyer_id,
                    cooperative_id,
                }
                | Action::WriteInquiryMessage {
                    buyer_id,
                    cooperative_id,
                },
            ) => account.is_member_of(buyer_id) || account.is_member_of(cooperative_id),
            // The cooperative accepts or declines; either side may agree or close.
            (
                role,
                Action::ChangeInquiryStatus {
                    buyer_id,
                    cooperative_id,
                    to,
                },
            ) => match to {
                InquiryStatus::InDiscussion | InquiryStatus::Declined => {
                    role == Role::CooperativeMember && account.is_member_of(cooperative_id)
                }
                InquiryStatus::Agreed | InquiryStatus::Closed => {
                    account.is_member_of(buyer_id) || account.is_member_of(cooperative_id)
                }
                InquiryStatus::New => false,
            },
            (role, Action::ReadPurchaseRequest { buyer_id, matching }) => {
                account.is_member_of(buyer_id)
                    || role == Role::Organizer
                    || (role == Role::CooperativeMember && matching)
            }
            (
                role,
                Action::MakeOffer {
                    cooperative_id,
                    matching,
                },
            ) => role == Role::CooperativeMember && matching && account.is_member_of(cooperative_id),
            (
                role,
                Action::ManageAgreement {
                    buyer_id,
                    cooperative_id,
                    cooperative_province,
                },
            ) => {
                account.is_member_of(buyer_id)
                    || account.is_member_of(cooperative_id)
                    || (role == Role::Organizer && account.covers_province(cooperative_province))
            }
            // The side that proposed it cannot confirm it.
            (
                role,
                Action::ConfirmAgreement {
                    buyer_id,
                    cooperative_id,
                    cooperative_province,
                    proposed_by,
                },
            ) => {
                let proposer = proposed_by.is_some_and(|p| account.is_member_of(p));
                let party = account.is_member_of(buyer_id) || account.is_member_of(cooperative_id);
                (party && !proposer) || (role == Role::Organizer && account.covers_province(cooperative_province))
            }
            (role, Action::ReadLinkageKpi { province_code }) => {
                role == Role::Organizer && account.covers_province(Some(province_code))
            }
            // Events belong to an organizing body; only its own organizers run them.
            (Role::Organizer, Action::ManageEvents { organizer_id }) => {
                account.organization_ids.contains(&organizer_id)
            }
            (Role::CooperativeMember, Action::ExhibitAs { producer_id }) => {
                account.organization_ids.contains(&producer_id)
            }
            (Role::Buyer, Action::MeetAsBuyer { buyer_id }) => account.organization_ids.contains(&buyer_id),
            (Role::Organizer, Action::ReadFairReports) => true,
            (_, Action::ManageEvents { .. } | Action::ExhibitAs { .. } | Action::MeetAsBuyer { .. }) => false,
            (_, Action::ReadFairReports) => false,
            (role, Action::ReadCatalogReports) => role == Role::Organizer,
            (_, Action::PurgeFiles) => false,
            (
                role,
                Action::ReadWithdrawnEvidence {
                    organization_id,
                    province_code,
                },
            ) => {
                account.is_member_of(organization_id)
                    || (role == Role::Organizer && account.covers_province(province_code))
            }
        };
        if allowed {
            Ok(())
        } else {
            Err(Error::Forbidden {
                action: action.describe(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role, orgs: &[i32]) -> Actor {
        Actor::Account(SignedIn {
            account_id: 7,
            role,
            organization_ids: orgs.to_vec(),
            organization_provinces: orgs.iter().map(|_| Some(44)).collect(),
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
            organization_ids: vec![21],
            organization_provinces: vec![None],
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
            organization_ids: vec![21],
            organization_provinces: vec![None],
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
}
