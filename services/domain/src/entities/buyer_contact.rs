use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "buyer_contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub buyer_id: i32,
    pub position: i32,
    pub name: String,
    /// Job title, e.g. "Trưởng phòng thu mua".
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Zalo number (a Vietnamese phone number).
    pub zalo: Option<String>,
    /// Who recorded that this person agreed to be listed (null with a time: the operator).
    pub consent_recorded_by: Option<i32>,
    /// When it was recorded; null: no consent recorded (listed before consent was asked for).
    pub consent_recorded_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
