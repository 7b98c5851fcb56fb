//! The organization audit record read back through the domain: an
//! organizer's edit of a cooperative is there, readable by the cooperative's
//! members and the organizers covering its province, and by nobody else.

use coopbridge_domain::audit::audit_of_organization;
use coopbridge_domain::authz::{Actor, MemberOf, Role, SignedIn};
use coopbridge_domain::catalog::producers::{self, ProducerFields};
use coopbridge_domain::entities::organization::OrganizationKind;
use coopbridge_domain::organizations::{self, NewOrganization};

use crate::support::{TestDb, member, organization, refusal, runtime};

#[test]
fn an_organizers_edit_is_in_the_audit_record_its_members_and_provincial_organizers_read() {
    runtime().block_on(async {
        for t in TestDb::all().await {
            let db = &t.db;
            let coop = organization(db, OrganizationKind::Cooperative, "HTX Cam Lộ").await;
            let body = organization(db, OrganizationKind::OrganizingBody, "Hội Nông dân Quảng Trị").await;
            let buyer = organization(db, OrganizationKind::BuyerCompany, "Siêu thị Đông Hà").await;
            let organizer = member(db, "hnd@example.vn", Role::Organizer, body).await;
            let coop_member = member(db, "htx@example.vn", Role::CooperativeMember, coop).await;
            let buyer_member = member(db, "st@example.vn", Role::Buyer, buyer).await;
            let far_body = organizations::create_organization(
                db,
                &Actor::System,
                NewOrganization {
                    kind: OrganizationKind::OrganizingBody,
                    name: "Hội Nông dân Cao Bằng".to_owned(),
                    province_code: Some(1),
                },
            )
            .await
            .unwrap();
            let far = match member(db, "cb@example.vn", Role::Organizer, far_body.id).await {
                Actor::Account(s) => Actor::Account(SignedIn {
                    organizations: vec![MemberOf {
                        organization_id: far_body.id,
                        province_code: Some(1),
                    }],
                    ..s
                }),
                other => other,
            };
            let edit = |description: &str| ProducerFields {
                description: Some(description.to_owned()),
                ..Default::default()
            };
            producers::update_producer(db, &coop_member, coop, edit("Của thành viên"))
                .await
                .unwrap();
            producers::update_producer(db, &organizer, coop, edit("Của Hội"))
                .await
                .unwrap();
            let far_edit = producers::update_producer(db, &far, coop, edit("Của tỉnh khác")).await;
            assert_eq!(
                refusal(&far_edit.unwrap_err()).1,
                coopbridge_domain::ErrorCode::Forbidden
            );

            for reader in [&organizer, &coop_member] {
                let rows = audit_of_organization(db, reader, coop, 50).await.unwrap();
                assert_eq!(rows.len(), 1, "only the outsider's edit, on {}", t.name);
                let row = &rows[0];
                assert_eq!(row.action, "update_producer");
                assert_eq!(
                    Some(row.actor_account_id.unwrap()),
                    organizer.signed_in().map(|s| s.account_id)
                );
                assert_eq!(row.before.as_ref().unwrap()["description"], "Của thành viên");
                assert_eq!(row.after.as_ref().unwrap()["description"], "Của Hội");
            }
            for outsider in [&buyer_member, &far] {
                let refused = audit_of_organization(db, outsider, coop, 50).await.unwrap_err();
                assert_eq!(refusal(&refused).1, coopbridge_domain::ErrorCode::Forbidden);
            }
            t.drop_database().await;
        }
    });
}
