//! Purged files: an admin can remove a stored file's bytes (unlawful content,
//! personal data uploaded by mistake). The row stays, so the file's URL can
//! answer 410 Gone and the purge stays on record: who, when and why.
//!
//! One ALTER per column: SQLite takes a single change per ALTER TABLE.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    PurgedAt,
    PurgedBy,
    PurgeReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            timestamp_with_time_zone_null(StoredFile::PurgedAt),
            // The admin's account id; kept as a plain number so the record
            // outlives the account.
            integer_null(StoredFile::PurgedBy),
            text_null(StoredFile::PurgeReason),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(StoredFile::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [StoredFile::PurgedAt, StoredFile::PurgedBy, StoredFile::PurgeReason] {
            manager
                .alter_table(Table::alter().table(StoredFile::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
