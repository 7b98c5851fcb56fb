//! People's rights over their personal data (issue 23).
//!
//! - `account.deleted_at`, `deleted_by`, `deletion_reason`: an account that
//!   was deleted keeps its row (business records of others point at it)
//!   with its personal fields anonymised; these say when, by whom (the
//!   account itself or an admin) and, for an admin, why.
//! - `producer.contact_consent_recorded_by` / `_at`: the contact person listed
//!   on a cooperative's profile agreed to be listed; who recorded that (an
//!   account id; null with a time: the operator) and when.
//! - `buyer_contact.consent_recorded_by` / `_at`: the same, per contact of a
//!   buyer company.
//! - An index on `auth_token.expires_at`, which the daily retention job
//!   purges by.
//!
//! Contacts listed before this change keep a null consent: nothing recorded
//! that they agreed, and writing "agreed" now would invent it. The profile
//! editors show them as "consent not recorded".

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    DeletedAt,
    DeletedBy,
    DeletionReason,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    ContactConsentRecordedBy,
    ContactConsentRecordedAt,
}

#[derive(DeriveIden)]
enum BuyerContact {
    Table,
    ConsentRecordedBy,
    ConsentRecordedAt,
}

#[derive(DeriveIden)]
enum AuthToken {
    Table,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let columns: Vec<(DynIden, ColumnDef)> = vec![
            (
                Account::Table.into_iden(),
                timestamp_with_time_zone_null(Account::DeletedAt),
            ),
            (Account::Table.into_iden(), integer_null(Account::DeletedBy)),
            (Account::Table.into_iden(), text_null(Account::DeletionReason)),
            (
                Producer::Table.into_iden(),
                integer_null(Producer::ContactConsentRecordedBy),
            ),
            (
                Producer::Table.into_iden(),
                timestamp_with_time_zone_null(Producer::ContactConsentRecordedAt),
            ),
            (
                BuyerContact::Table.into_iden(),
                integer_null(BuyerContact::ConsentRecordedBy),
            ),
            (
                BuyerContact::Table.into_iden(),
                timestamp_with_time_zone_null(BuyerContact::ConsentRecordedAt),
            ),
        ];
        for (table, mut column) in columns {
            manager
                .alter_table(Table::alter().table(table).add_column(&mut column).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("auth_token_expires_at")
                    .table(AuthToken::Table)
                    .col(AuthToken::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("auth_token_expires_at")
                    .table(AuthToken::Table)
                    .to_owned(),
            )
            .await?;
        let columns: Vec<(DynIden, DynIden)> = vec![
            (Account::Table.into_iden(), Account::DeletedAt.into_iden()),
            (Account::Table.into_iden(), Account::DeletedBy.into_iden()),
            (Account::Table.into_iden(), Account::DeletionReason.into_iden()),
            (
                Producer::Table.into_iden(),
                Producer::ContactConsentRecordedBy.into_iden(),
            ),
            (
                Producer::Table.into_iden(),
                Producer::ContactConsentRecordedAt.into_iden(),
            ),
            (
                BuyerContact::Table.into_iden(),
                BuyerContact::ConsentRecordedBy.into_iden(),
            ),
            (
                BuyerContact::Table.into_iden(),
                BuyerContact::ConsentRecordedAt.into_iden(),
            ),
        ];
        for (table, column) in columns {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
