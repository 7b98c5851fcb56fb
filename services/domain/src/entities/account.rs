use sea_orm::entity::prelude::*;

use crate::entities::organization::OrganizationKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lower-cased, NFC; unique.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    /// argon2id PHC string; never leaves the domain crate.
    pub password_hash: String,
    pub role: Role,
    pub disabled_at: Option<DateTimeUtc>,
    pub last_sign_in_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Set when the account was deleted: its personal fields are anonymised
    /// (see `privacy::erasure`), the row stays for the records that name it.
    pub deleted_at: Option<DateTimeUtc>,
    /// The account itself, or the admin who deleted it.
    pub deleted_by: Option<i32>,
    /// An admin's reason for deleting it.
    pub deletion_reason: Option<String>,
    #[sea_orm(has_many)]
    pub memberships: HasMany<super::membership::Entity>,
    #[sea_orm(has_many)]
    pub auth_tokens: HasMany<super::auth_token::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}

/// An account's role. It fixes which kind of organization the account can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Role {
    #[sea_orm(string_value = "admin")]
    Admin,
    #[sea_orm(string_value = "organizer")]
    Organizer,
    #[sea_orm(string_value = "cooperative_member")]
    CooperativeMember,
    #[sea_orm(string_value = "buyer")]
    Buyer,
}

impl Role {
    /// The organization kind accounts of this role belong to (admins belong to none).
    pub fn organization_kind(self) -> Option<OrganizationKind> {
        match self {
            Role::Admin => None,
            Role::Organizer => Some(OrganizationKind::OrganizingBody),
            Role::CooperativeMember => Some(OrganizationKind::Cooperative),
            Role::Buyer => Some(OrganizationKind::BuyerCompany),
        }
    }
}
