use sea_orm::entity::prelude::*;

use super::catalog_enums::BrandLabelKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "brand_label")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub producer_id: i32,
    pub name: String,
    pub kind: BrandLabelKind,
    pub registration_number: Option<String>,
    pub authority: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub image_file_id: Option<i32>,
    pub archived_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "producer_id", to = "id", on_delete = "Cascade")]
    pub producer: BelongsTo<super::producer::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
