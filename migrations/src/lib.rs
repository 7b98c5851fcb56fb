//! Database schema for Coopbridge. Migrations are the source of truth for the
//! schema on both SQLite and PostgreSQL; entities in `coopbridge-domain` mirror them.

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_administrative_units;
mod m20260101_000002_accounts;
mod m20260201_000003_catalog;
mod m20261123_000004_linkage;
mod m20261123_000005_fairs;
mod m20261123_000006_search_outbox;
mod m20261129_000007_organization_audit;
mod m20261129_000008_claims_review;
mod m20261129_000009_file_purge;
mod m20261129_000010_rate_limit_bucket;
mod m20261207_000012_personal_data;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_administrative_units::Migration),
            Box::new(m20260101_000002_accounts::Migration),
            Box::new(m20260201_000003_catalog::Migration),
            Box::new(m20261123_000006_search_outbox::Migration),
            Box::new(m20261123_000004_linkage::Migration),
            Box::new(m20261123_000005_fairs::Migration),
            Box::new(m20261129_000007_organization_audit::Migration),
            Box::new(m20261129_000008_claims_review::Migration),
            Box::new(m20261129_000009_file_purge::Migration),
            Box::new(m20261129_000010_rate_limit_bucket::Migration),
            Box::new(m20261207_000012_personal_data::Migration),
        ]
    }
}
