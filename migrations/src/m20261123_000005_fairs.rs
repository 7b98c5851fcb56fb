//! Trade fairs and connection conferences: events with booth zones, exhibitor
//! applications with their status history and check-in codes, and buyer
//! meetings at connection conferences.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FairEvent {
    Table,
    Id,
    OrganizerId,
    Kind,
    Title,
    Description,
    VenueName,
    Street,
    ProvinceCode,
    StartsAt,
    EndsAt,
    RegistrationOpensAt,
    RegistrationClosesAt,
    BoothCapacity,
    FeeVnd,
    RequiresApproval,
    Status,
    /// Bumped by every booking change; on SQLite the bump is the first write
    /// of the transaction, so bookings of one event run one after another.
    LockSeq,
    CreatedBy,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FairZone {
    Table,
    Id,
    EventId,
    Name,
    Booths,
    ProvinceCode,
    Position,
}

#[derive(DeriveIden)]
enum FairApplication {
    Table,
    Id,
    EventId,
    ProducerId,
    ZoneId,
    Booths,
    Notes,
    Status,
    Reason,
    CheckInCode,
    CheckedInAt,
    CheckedInBy,
    AppliedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FairApplicationProduct {
    Table,
    ApplicationId,
    ProductId,
}

#[derive(DeriveIden)]
enum FairApplicationHistory {
    Table,
    Id,
    ApplicationId,
    FromStatus,
    ToStatus,
    Reason,
    ActorAccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FairMeeting {
    Table,
    Id,
    EventId,
    BuyerId,
    ProducerId,
    RequestedBy,
    Message,
    Status,
    StartsAt,
    EndsAt,
    AnsweredBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Province {
    Table,
    Code,
}

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).to_owned()
}

fn cascade(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    fk(from, to).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for col in cols {
        index.col(Alias::new(*col));
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FairEvent::Table)
                    .col(pk_auto(FairEvent::Id))
                    .col(integer(FairEvent::OrganizerId))
                    .col(string(FairEvent::Kind))
                    .col(string(FairEvent::Title))
                    .col(text(FairEvent::Description).default(""))
                    .col(string(FairEvent::VenueName))
                    .col(string(FairEvent::Street).default(""))
                    .col(integer(FairEvent::ProvinceCode))
                    .col(timestamp_with_time_zone(FairEvent::StartsAt))
                    .col(timestamp_with_time_zone(FairEvent::EndsAt))
                    .col(timestamp_with_time_zone(FairEvent::RegistrationOpensAt))
                    .col(timestamp_with_time_zone(FairEvent::RegistrationClosesAt))
                    .col(integer(FairEvent::BoothCapacity))
                    .col(big_integer(FairEvent::FeeVnd).default(0))
                    .col(boolean(FairEvent::RequiresApproval).default(false))
                    .col(string(FairEvent::Status).default("draft"))
                    .col(big_integer(FairEvent::LockSeq).default(0))
                    .col(integer_null(FairEvent::CreatedBy))
                    .col(timestamp_with_time_zone_null(FairEvent::PublishedAt))
                    .col(timestamp_with_time_zone(FairEvent::CreatedAt))
                    .col(timestamp_with_time_zone(FairEvent::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (FairEvent::Table, FairEvent::OrganizerId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut fk(
                        (FairEvent::Table, FairEvent::ProvinceCode),
                        (Province::Table, Province::Code),
                    ))
                    .foreign_key(
                        &mut fk((FairEvent::Table, FairEvent::CreatedBy), (Account::Table, Account::Id))
                            .on_delete(ForeignKeyAction::SetNull)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_fair_event_starts", FairEvent::Table, &["starts_at", "id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairZone::Table)
                    .col(pk_auto(FairZone::Id))
                    .col(integer(FairZone::EventId))
                    .col(string(FairZone::Name))
                    .col(integer(FairZone::Booths))
                    .col(integer_null(FairZone::ProvinceCode))
                    .col(integer(FairZone::Position))
                    .foreign_key(&mut cascade(
                        (FairZone::Table, FairZone::EventId),
                        (FairEvent::Table, FairEvent::Id),
                    ))
                    .foreign_key(&mut fk(
                        (FairZone::Table, FairZone::ProvinceCode),
                        (Province::Table, Province::Code),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_fair_zone_event", FairZone::Table, &["event_id", "position"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairApplication::Table)
                    .col(pk_auto(FairApplication::Id))
                    .col(integer(FairApplication::EventId))
                    .col(integer(FairApplication::ProducerId))
                    .col(integer_null(FairApplication::ZoneId))
                    .col(integer(FairApplication::Booths))
                    .col(text(FairApplication::Notes).default(""))
                    .col(string(FairApplication::Status))
                    .col(string_null(FairApplication::Reason))
                    .col(string_uniq(FairApplication::CheckInCode))
                    .col(timestamp_with_time_zone_null(FairApplication::CheckedInAt))
                    .col(integer_null(FairApplication::CheckedInBy))
                    .col(integer_null(FairApplication::AppliedBy))
                    .col(timestamp_with_time_zone(FairApplication::CreatedAt))
                    .col(timestamp_with_time_zone(FairApplication::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (FairApplication::Table, FairApplication::EventId),
                        (FairEvent::Table, FairEvent::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (FairApplication::Table, FairApplication::ProducerId),
                        (Producer::Table, Producer::Id),
                    ))
                    .foreign_key(&mut fk(
                        (FairApplication::Table, FairApplication::ZoneId),
                        (FairZone::Table, FairZone::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (FairApplication::Table, FairApplication::CheckedInBy),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .foreign_key(
                        &mut fk(
                            (FairApplication::Table, FairApplication::AppliedBy),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        // One application per cooperative and event, whatever its status.
        manager
            .create_index(
                index(
                    "uq_fair_application_event_producer",
                    FairApplication::Table,
                    &["event_id", "producer_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_fair_application_status",
                FairApplication::Table,
                &["event_id", "status", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_fair_application_producer",
                FairApplication::Table,
                &["producer_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairApplicationProduct::Table)
                    .col(integer(FairApplicationProduct::ApplicationId))
                    .col(integer(FairApplicationProduct::ProductId))
                    .primary_key(
                        Index::create()
                            .col(FairApplicationProduct::ApplicationId)
                            .col(FairApplicationProduct::ProductId),
                    )
                    .foreign_key(&mut cascade(
                        (FairApplicationProduct::Table, FairApplicationProduct::ApplicationId),
                        (FairApplication::Table, FairApplication::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (FairApplicationProduct::Table, FairApplicationProduct::ProductId),
                        (Product::Table, Product::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairApplicationHistory::Table)
                    .col(pk_auto(FairApplicationHistory::Id))
                    .col(integer(FairApplicationHistory::ApplicationId))
                    .col(string_null(FairApplicationHistory::FromStatus))
                    .col(string(FairApplicationHistory::ToStatus))
                    .col(string_null(FairApplicationHistory::Reason))
                    .col(integer_null(FairApplicationHistory::ActorAccountId))
                    .col(timestamp_with_time_zone(FairApplicationHistory::CreatedAt))
                    .foreign_key(&mut cascade(
                        (FairApplicationHistory::Table, FairApplicationHistory::ApplicationId),
                        (FairApplication::Table, FairApplication::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (FairApplicationHistory::Table, FairApplicationHistory::ActorAccountId),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_fair_application_history_application",
                FairApplicationHistory::Table,
                &["application_id", "id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FairMeeting::Table)
                    .col(pk_auto(FairMeeting::Id))
                    .col(integer(FairMeeting::EventId))
                    .col(integer(FairMeeting::BuyerId))
                    .col(integer(FairMeeting::ProducerId))
                    .col(integer_null(FairMeeting::RequestedBy))
                    .col(text(FairMeeting::Message).default(""))
                    .col(string(FairMeeting::Status))
                    .col(timestamp_with_time_zone(FairMeeting::StartsAt))
                    .col(timestamp_with_time_zone(FairMeeting::EndsAt))
                    .col(integer_null(FairMeeting::AnsweredBy))
                    .col(timestamp_with_time_zone(FairMeeting::CreatedAt))
                    .col(timestamp_with_time_zone(FairMeeting::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (FairMeeting::Table, FairMeeting::EventId),
                        (FairEvent::Table, FairEvent::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (FairMeeting::Table, FairMeeting::BuyerId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (FairMeeting::Table, FairMeeting::ProducerId),
                        (Producer::Table, Producer::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (FairMeeting::Table, FairMeeting::RequestedBy),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .foreign_key(
                        &mut fk(
                            (FairMeeting::Table, FairMeeting::AnsweredBy),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_fair_meeting_event", FairMeeting::Table, &["event_id", "id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FairMeeting::Table.into_iden(),
            FairApplicationHistory::Table.into_iden(),
            FairApplicationProduct::Table.into_iden(),
            FairApplication::Table.into_iden(),
            FairZone::Table.into_iden(),
            FairEvent::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
