use sea_orm::entity::prelude::*;

/// What kind of body an organization is; it decides which role may belong to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum OrganizationKind {
    /// A producer: cooperative, cooperative group, union or household.
    #[sea_orm(string_value = "cooperative")]
    Cooperative,
    /// A business that buys: store, supermarket, processor, exporter…
    #[sea_orm(string_value = "buyer_company")]
    BuyerCompany,
    /// Farmers' Association, Women's Union, Cooperative Alliance, Department of Industry and Trade…
    #[sea_orm(string_value = "organizing_body")]
    OrganizingBody,
}

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organization")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: OrganizationKind,
    pub name: String,
    pub province_code: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(has_many)]
    pub memberships: HasMany<super::membership::Entity>,
    #[sea_orm(belongs_to, from = "province_code", to = "code")]
    pub province: BelongsTo<Option<super::province::Entity>>,
}

impl ActiveModelBehavior for ActiveModel {}
