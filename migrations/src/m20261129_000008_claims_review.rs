//! Claims stay claims until someone else checks them.
//!
//! - `certificate.verification_note`: the organizer's reason when rejecting
//!   (and an optional remark when verifying), shown to the cooperative.
//! - `linkage_agreement.proposed_by_organization_id`, `confirmed_by`,
//!   `confirmed_at`: an agreement recorded by one side is PROPOSED until the
//!   other side (or an organizer covering the cooperative's province) confirms
//!   it; only confirmed agreements count in the linkage KPI.
//!
//! Existing agreements: nothing recorded who, if anyone, on the other side
//! agreed to them, and the linkage share is an official figure. Marking them
//! "confirmed by unknown" would make an unverified claim look verified, which
//! is exactly what this change removes. So ACTIVE agreements become PROPOSED
//! (the other party sees them waiting for its confirmation and one click makes
//! them ACTIVE again); ENDED ones stay ENDED but unconfirmed, and can be
//! confirmed the same way to count for the periods they covered. Cancelled and
//! draft ones need nothing. Their proposing side is unknown, so either party
//! may confirm them.
//!
//! Every producer is also noted in the search outbox: its documents must be
//! rebuilt so that self-declared certificates stop showing as stars and stop
//! matching the certification filters.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::entity::prelude::ChronoUtc;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Certificate {
    Table,
    VerificationNote,
}

#[derive(DeriveIden)]
enum LinkageAgreement {
    Table,
    Status,
    ProposedByOrganizationId,
    ConfirmedBy,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum SearchOutbox {
    Table,
    SubjectKind,
    SubjectId,
    EnqueuedAt,
    Attempts,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Certificate::Table)
                    .add_column(text_null(Certificate::VerificationNote))
                    .to_owned(),
            )
            .await?;
        for column in [
            integer_null(LinkageAgreement::ProposedByOrganizationId),
            integer_null(LinkageAgreement::ConfirmedBy),
            timestamp_with_time_zone_null(LinkageAgreement::ConfirmedAt),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(LinkageAgreement::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .exec_stmt(
                Query::update()
                    .table(LinkageAgreement::Table)
                    .value(LinkageAgreement::Status, "proposed")
                    .and_where(Expr::col(LinkageAgreement::Status).eq("active"))
                    .to_owned(),
            )
            .await?;
        let select = Query::select()
            .expr(Expr::val("producer"))
            .column(Producer::Id)
            .expr(Expr::val(ChronoUtc::now()))
            .expr(Expr::val(0))
            .from(Producer::Table)
            .to_owned();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(SearchOutbox::Table)
                    .columns([
                        SearchOutbox::SubjectKind,
                        SearchOutbox::SubjectId,
                        SearchOutbox::EnqueuedAt,
                        SearchOutbox::Attempts,
                    ])
                    .select_from(select)
                    .map_err(|e| DbErr::Migration(e.to_string()))?
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::update()
                    .table(LinkageAgreement::Table)
                    .value(LinkageAgreement::Status, "active")
                    .and_where(Expr::col(LinkageAgreement::Status).eq("proposed"))
                    .to_owned(),
            )
            .await?;
        for column in [
            LinkageAgreement::ProposedByOrganizationId,
            LinkageAgreement::ConfirmedBy,
            LinkageAgreement::ConfirmedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LinkageAgreement::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Certificate::Table)
                    .drop_column(Certificate::VerificationNote)
                    .to_owned(),
            )
            .await
    }
}
