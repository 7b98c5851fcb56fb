//! Fixed vocabularies of the linkage between buyers and cooperatives.

use sea_orm::entity::prelude::*;

/// What kind of business a buyer company is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum BuyerKind {
    /// Cửa hàng thực phẩm an toàn.
    #[sea_orm(string_value = "safe_food_store")]
    SafeFoodStore,
    /// Siêu thị.
    #[sea_orm(string_value = "supermarket")]
    Supermarket,
    /// Doanh nghiệp chế biến.
    #[sea_orm(string_value = "processor")]
    Processor,
    /// Doanh nghiệp xuất khẩu.
    #[sea_orm(string_value = "exporter")]
    Exporter,
    /// Nhà hàng, bếp ăn tập thể.
    #[sea_orm(string_value = "restaurant_canteen")]
    RestaurantCanteen,
    /// Đầu mối bán buôn.
    #[sea_orm(string_value = "wholesaler")]
    Wholesaler,
}

/// How often a purchase request repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PurchaseFrequency {
    #[sea_orm(string_value = "once")]
    Once,
    #[sea_orm(string_value = "weekly")]
    Weekly,
    #[sea_orm(string_value = "monthly")]
    Monthly,
    #[sea_orm(string_value = "quarterly")]
    Quarterly,
    #[sea_orm(string_value = "seasonal")]
    Seasonal,
    #[sea_orm(string_value = "yearly")]
    Yearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum PurchaseRequestStatus {
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// new → in discussion → agreed / declined / closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum InquiryStatus {
    #[sea_orm(string_value = "new")]
    New,
    /// The cooperative accepted the inquiry: contact details are now shared.
    #[sea_orm(string_value = "in_discussion")]
    InDiscussion,
    #[sea_orm(string_value = "agreed")]
    Agreed,
    #[sea_orm(string_value = "declined")]
    Declined,
    #[sea_orm(string_value = "closed")]
    Closed,
}

impl InquiryStatus {
    /// The statuses in which both sides see each other's contact details.
    pub const SHARING_CONTACTS: [InquiryStatus; 2] = [InquiryStatus::InDiscussion, InquiryStatus::Agreed];

    /// Whether an inquiry may move from `self` to `to`.
    pub fn can_become(self, to: InquiryStatus) -> bool {
        use InquiryStatus::*;
        matches!(
            (self, to),
            (New, InDiscussion | Declined | Closed) | (InDiscussion, Agreed | Declined | Closed)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AgreementStatus {
    /// Being negotiated; does not count yet.
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Recorded by one side; waits for the other side (or an organizer
    /// covering the cooperative's province) to confirm it. Does not count.
    #[sea_orm(string_value = "proposed")]
    Proposed,
    /// Signed and in force between its start and end dates.
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "ended")]
    Ended,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}
