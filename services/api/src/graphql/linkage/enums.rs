//! The linkage's fixed vocabularies, as GraphQL enums.

use async_graphql::Enum;

/// What kind of business a buyer company is.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::linkage_enums::BuyerKind")]
pub enum BuyerKind {
    /// Cửa hàng thực phẩm an toàn.
    SafeFoodStore,
    /// Siêu thị.
    Supermarket,
    /// Doanh nghiệp chế biến.
    Processor,
    /// Doanh nghiệp xuất khẩu.
    Exporter,
    /// Nhà hàng, bếp ăn tập thể.
    RestaurantCanteen,
    /// Đầu mối bán buôn.
    Wholesaler,
}

/// How often a purchase request repeats.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::linkage_enums::PurchaseFrequency")]
pub enum PurchaseFrequency {
    Once,
    Weekly,
    Monthly,
    Quarterly,
    /// Every harvest season.
    Seasonal,
    Yearly,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::linkage_enums::PurchaseRequestStatus")]
pub enum PurchaseRequestStatus {
    /// Shown to matching cooperatives until its delivery window has passed.
    Open,
    /// Closed by the buyer.
    Closed,
}

/// An inquiry moves NEW → IN_DISCUSSION → AGREED / DECLINED / CLOSED
/// (or straight from NEW to DECLINED or CLOSED).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::linkage_enums::InquiryStatus")]
pub enum InquiryStatus {
    /// Sent, not yet accepted.
    New,
    /// Accepted by the cooperative: both sides now see each other's contact details.
    InDiscussion,
    /// They agreed to trade; contact details stay shared.
    Agreed,
    /// Refused by the cooperative (or, once in discussion, by either side).
    Declined,
    /// Closed by either side without agreement.
    Closed,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::linkage_enums::AgreementStatus")]
pub enum AgreementStatus {
    /// Being negotiated; not counted in the KPI.
    Draft,
    /// Recorded by one side, waiting for the other side (or an organizer
    /// covering the cooperative's province) to confirm it with
    /// `confirmLinkageAgreement`; not counted in the KPI.
    Proposed,
    /// Confirmed by both sides and in force between `startsOn` and `endsOn`.
    Active,
    /// Ran its course; counts for the periods it covered if it was confirmed
    /// (see `confirmedAt`).
    Ended,
    /// Cancelled; never counted.
    Cancelled,
}
