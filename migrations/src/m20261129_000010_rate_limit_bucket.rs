//! Rate-limit buckets shared by every replica of one database, so a limit
//! holds across N replicas instead of allowing N times the quota. One row per
//! key (a SHA-256 of what is limited, so no email or address is stored in
//! clear) holding its GCRA "theoretical arrival time" in microseconds since
//! the Unix epoch; a row whose time has passed is as good as absent and is
//! swept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimitBucket {
    Table,
    Key,
    TatMicros,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimitBucket::Table)
                    .col(string_len(RateLimitBucket::Key, 64).primary_key())
                    .col(big_integer(RateLimitBucket::TatMicros))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rate_limit_bucket_tat")
                    .table(RateLimitBucket::Table)
                    .col(RateLimitBucket::TatMicros)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateLimitBucket::Table).to_owned())
            .await
    }
}
