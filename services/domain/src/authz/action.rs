//! The things that need permission, one variant per kind of act, each with
//! the facts (organization, province, relationship) the rule needs; the
//! rules themselves are in the table of `authz::Actor::authorize`.

use crate::entities::linkage_enums::InquiryStatus;

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
    pub(super) fn describe(self) -> &'static str {
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
