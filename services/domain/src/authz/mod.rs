//! Who may do what. Every permission check in Coopbridge goes through
//! [`Actor::authorize`], so the rules can be read (and tested) in one place:
//! the table in `authorize` is one `match` by design, and stays whole even
//! as it grows. The actions are in `action.rs`, the cases in `tests.rs`.

pub use crate::entities::account::Role;
use crate::entities::linkage_enums::InquiryStatus;

mod action;
use crate::error::{Error, Result};
pub use action::Action;

/// A signed-in account, with the organizations it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: i32,
    pub role: Role,
    pub organizations: Vec<MemberOf>,
}

/// One organization an account belongs to, with the province that decides
/// what its organizers cover: an organizer sees contact details and
/// agreements of its organizations' provinces; an organizer of a body with
/// no province (a national body) sees every province's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberOf {
    pub organization_id: i32,
    /// None for a body without a province.
    pub province_code: Option<i32>,
}

impl SignedIn {
    pub fn is_member_of(&self, organization_id: i32) -> bool {
        self.organizations.iter().any(|o| o.organization_id == organization_id)
    }

    /// The ids of the account's organizations, in the order they were loaded.
    pub fn organization_ids(&self) -> impl Iterator<Item = i32> + Clone + '_ {
        self.organizations.iter().map(|o| o.organization_id)
    }

    /// Whether one of the account's organizations covers `province`: is in it,
    /// or is national (has no province).
    pub fn covers_province(&self, province: Option<i32>) -> bool {
        self.organizations
            .iter()
            .any(|o| o.province_code.is_none() || (province.is_some() && o.province_code == province))
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
            (Role::Organizer, Action::ManageEvents { organizer_id }) => account.is_member_of(organizer_id),
            (Role::CooperativeMember, Action::ExhibitAs { producer_id }) => account.is_member_of(producer_id),
            (Role::Buyer, Action::MeetAsBuyer { buyer_id }) => account.is_member_of(buyer_id),
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
mod tests;
