//! The organization audit record: every edit of an organization's data by an
//! account that is not one of its members (an organizer or an admin acting on
//! its behalf), every verification verdict, and every verification cleared by
//! an identity change. Rows are written in the same transaction as the change
//! they describe and are never updated.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrganizationAudit {
    Table,
    Id,
    OrganizationId,
    ActorAccountId,
    Action,
    Before,
    After,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrganizationAudit::Table)
                    .col(big_pk_auto(OrganizationAudit::Id))
                    .col(integer(OrganizationAudit::OrganizationId))
                    // Null for the operator at the command line (no account).
                    .col(integer_null(OrganizationAudit::ActorAccountId))
                    .col(string(OrganizationAudit::Action))
                    .col(json_null(OrganizationAudit::Before))
                    .col(json_null(OrganizationAudit::After))
                    .col(timestamp_with_time_zone(OrganizationAudit::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganizationAudit::Table, OrganizationAudit::OrganizationId)
                            .to(Organization::Table, Organization::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganizationAudit::Table, OrganizationAudit::ActorAccountId)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organization_audit_organization")
                    .table(OrganizationAudit::Table)
                    .col(OrganizationAudit::OrganizationId)
                    .col(OrganizationAudit::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrganizationAudit::Table).to_owned())
            .await
    }
}
