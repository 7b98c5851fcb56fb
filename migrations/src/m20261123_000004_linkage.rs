//! Linkage between buyers and cooperatives: buyer company profiles and their
//! contacts, purchase requests and the offers cooperatives make on them,
//! inquiries with their message threads and status history, and linkage
//! agreements (hợp đồng liên kết tiêu thụ) with the products they cover.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BuyerProfile {
    Table,
    Id,
    Kind,
    TaxCode,
    ProvinceCode,
    CommuneCode,
    Street,
    Description,
    Categories,
    PurchaseVolume,
    Website,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BuyerContact {
    Table,
    Id,
    BuyerId,
    Position,
    Name,
    Role,
    Phone,
    Email,
    Zalo,
}

#[derive(DeriveIden)]
enum PurchaseRequest {
    Table,
    Id,
    BuyerId,
    Title,
    Category,
    ProductName,
    Quantity,
    Unit,
    Frequency,
    DeliveryProvinceCode,
    WindowStart,
    WindowEnd,
    RequiredSchemes,
    TargetPriceVnd,
    Note,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PurchaseOffer {
    Table,
    Id,
    PurchaseRequestId,
    CooperativeId,
    ProductId,
    Quantity,
    PriceVnd,
    Message,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Inquiry {
    Table,
    Id,
    BuyerId,
    CooperativeId,
    ProductId,
    PurchaseRequestId,
    Subject,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    FirstRepliedAt,
}

#[derive(DeriveIden)]
enum InquiryMessage {
    Table,
    Id,
    InquiryId,
    AuthorAccountId,
    AuthorOrganizationId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InquiryStatusChange {
    Table,
    Id,
    InquiryId,
    FromStatus,
    ToStatus,
    ChangedBy,
    ChangedAt,
}

#[derive(DeriveIden)]
enum LinkageAgreement {
    Table,
    Id,
    BuyerId,
    CooperativeId,
    InquiryId,
    Volume,
    PriceTerms,
    StartsOn,
    EndsOn,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LinkageAgreementProduct {
    Table,
    AgreementId,
    ProductId,
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

#[derive(DeriveIden)]
enum Province {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Commune {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
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
        // One row per buyer company organization; `id` is the organization's id.
        manager
            .create_table(
                Table::create()
                    .table(BuyerProfile::Table)
                    .col(integer(BuyerProfile::Id).primary_key())
                    .col(string(BuyerProfile::Kind))
                    .col(string_null(BuyerProfile::TaxCode))
                    .col(integer_null(BuyerProfile::ProvinceCode))
                    .col(integer_null(BuyerProfile::CommuneCode))
                    .col(string(BuyerProfile::Street).default(""))
                    .col(text(BuyerProfile::Description).default(""))
                    // Category codes joined by ','.
                    .col(string(BuyerProfile::Categories).default(""))
                    .col(string(BuyerProfile::PurchaseVolume).default(""))
                    .col(string_null(BuyerProfile::Website))
                    .col(timestamp_with_time_zone(BuyerProfile::CreatedAt))
                    .col(timestamp_with_time_zone(BuyerProfile::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (BuyerProfile::Table, BuyerProfile::Id),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut fk(
                        (BuyerProfile::Table, BuyerProfile::ProvinceCode),
                        (Province::Table, Province::Code),
                    ))
                    .foreign_key(&mut fk(
                        (BuyerProfile::Table, BuyerProfile::CommuneCode),
                        (Commune::Table, Commune::Code),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BuyerContact::Table)
                    .col(pk_auto(BuyerContact::Id))
                    .col(integer(BuyerContact::BuyerId))
                    .col(integer(BuyerContact::Position))
                    .col(string(BuyerContact::Name))
                    .col(string(BuyerContact::Role).default(""))
                    .col(string_null(BuyerContact::Phone))
                    .col(string_null(BuyerContact::Email))
                    .col(string_null(BuyerContact::Zalo))
                    .foreign_key(&mut cascade(
                        (BuyerContact::Table, BuyerContact::BuyerId),
                        (BuyerProfile::Table, BuyerProfile::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_buyer_contact_buyer",
                BuyerContact::Table,
                &["buyer_id", "position"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PurchaseRequest::Table)
                    .col(pk_auto(PurchaseRequest::Id))
                    .col(integer(PurchaseRequest::BuyerId))
                    .col(string(PurchaseRequest::Title))
                    .col(string(PurchaseRequest::Category))
                    .col(string(PurchaseRequest::ProductName).default(""))
                    .col(big_integer(PurchaseRequest::Quantity))
                    .col(string(PurchaseRequest::Unit))
                    .col(string(PurchaseRequest::Frequency))
                    .col(integer_null(PurchaseRequest::DeliveryProvinceCode))
                    .col(date_null(PurchaseRequest::WindowStart))
                    .col(date_null(PurchaseRequest::WindowEnd))
                    // Bit set of certification schemes (see `CertificationScheme::bit`).
                    .col(integer(PurchaseRequest::RequiredSchemes).default(0))
                    .col(big_integer_null(PurchaseRequest::TargetPriceVnd))
                    .col(text(PurchaseRequest::Note).default(""))
                    .col(string(PurchaseRequest::Status))
                    .col(integer_null(PurchaseRequest::CreatedBy))
                    .col(timestamp_with_time_zone(PurchaseRequest::CreatedAt))
                    .col(timestamp_with_time_zone(PurchaseRequest::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (PurchaseRequest::Table, PurchaseRequest::BuyerId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PurchaseRequest::Table, PurchaseRequest::DeliveryProvinceCode),
                        (Province::Table, Province::Code),
                    ))
                    .foreign_key(
                        &mut fk(
                            (PurchaseRequest::Table, PurchaseRequest::CreatedBy),
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
                "idx_purchase_request_open",
                PurchaseRequest::Table,
                &["status", "category", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_purchase_request_buyer",
                PurchaseRequest::Table,
                &["buyer_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PurchaseOffer::Table)
                    .col(pk_auto(PurchaseOffer::Id))
                    .col(integer(PurchaseOffer::PurchaseRequestId))
                    .col(integer(PurchaseOffer::CooperativeId))
                    .col(integer_null(PurchaseOffer::ProductId))
                    .col(big_integer(PurchaseOffer::Quantity))
                    .col(big_integer_null(PurchaseOffer::PriceVnd))
                    .col(text(PurchaseOffer::Message).default(""))
                    .col(integer_null(PurchaseOffer::CreatedBy))
                    .col(timestamp_with_time_zone(PurchaseOffer::CreatedAt))
                    .foreign_key(&mut cascade(
                        (PurchaseOffer::Table, PurchaseOffer::PurchaseRequestId),
                        (PurchaseRequest::Table, PurchaseRequest::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (PurchaseOffer::Table, PurchaseOffer::CooperativeId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PurchaseOffer::Table, PurchaseOffer::ProductId),
                        (Product::Table, Product::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (PurchaseOffer::Table, PurchaseOffer::CreatedBy),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        // One offer per cooperative and request; a second is refused, not duplicated.
        manager
            .create_index(
                index(
                    "uq_purchase_offer_request_cooperative",
                    PurchaseOffer::Table,
                    &["purchase_request_id", "cooperative_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Inquiry::Table)
                    .col(pk_auto(Inquiry::Id))
                    .col(integer(Inquiry::BuyerId))
                    .col(integer(Inquiry::CooperativeId))
                    .col(integer_null(Inquiry::ProductId))
                    .col(integer_null(Inquiry::PurchaseRequestId))
                    .col(string(Inquiry::Subject))
                    .col(string(Inquiry::Status))
                    .col(integer_null(Inquiry::CreatedBy))
                    .col(timestamp_with_time_zone(Inquiry::CreatedAt))
                    .col(timestamp_with_time_zone(Inquiry::UpdatedAt))
                    // When the cooperative first answered (message or status change).
                    .col(timestamp_with_time_zone_null(Inquiry::FirstRepliedAt))
                    .foreign_key(&mut cascade(
                        (Inquiry::Table, Inquiry::BuyerId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Inquiry::Table, Inquiry::CooperativeId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Inquiry::Table, Inquiry::ProductId),
                        (Product::Table, Product::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Inquiry::Table, Inquiry::PurchaseRequestId),
                        (PurchaseRequest::Table, PurchaseRequest::Id),
                    ))
                    .foreign_key(
                        &mut fk((Inquiry::Table, Inquiry::CreatedBy), (Account::Table, Account::Id))
                            .on_delete(ForeignKeyAction::SetNull)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_inquiry_buyer", Inquiry::Table, &["buyer_id", "id"]))
            .await?;
        manager
            .create_index(index(
                "idx_inquiry_cooperative",
                Inquiry::Table,
                &["cooperative_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InquiryMessage::Table)
                    .col(pk_auto(InquiryMessage::Id))
                    .col(integer(InquiryMessage::InquiryId))
                    .col(integer_null(InquiryMessage::AuthorAccountId))
                    .col(integer(InquiryMessage::AuthorOrganizationId))
                    .col(text(InquiryMessage::Body))
                    .col(timestamp_with_time_zone(InquiryMessage::CreatedAt))
                    .foreign_key(&mut cascade(
                        (InquiryMessage::Table, InquiryMessage::InquiryId),
                        (Inquiry::Table, Inquiry::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (InquiryMessage::Table, InquiryMessage::AuthorAccountId),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .foreign_key(&mut cascade(
                        (InquiryMessage::Table, InquiryMessage::AuthorOrganizationId),
                        (Organization::Table, Organization::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_inquiry_message_inquiry",
                InquiryMessage::Table,
                &["inquiry_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InquiryStatusChange::Table)
                    .col(pk_auto(InquiryStatusChange::Id))
                    .col(integer(InquiryStatusChange::InquiryId))
                    .col(string_null(InquiryStatusChange::FromStatus))
                    .col(string(InquiryStatusChange::ToStatus))
                    .col(integer_null(InquiryStatusChange::ChangedBy))
                    .col(timestamp_with_time_zone(InquiryStatusChange::ChangedAt))
                    .foreign_key(&mut cascade(
                        (InquiryStatusChange::Table, InquiryStatusChange::InquiryId),
                        (Inquiry::Table, Inquiry::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (InquiryStatusChange::Table, InquiryStatusChange::ChangedBy),
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
                "idx_inquiry_status_change_inquiry",
                InquiryStatusChange::Table,
                &["inquiry_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LinkageAgreement::Table)
                    .col(pk_auto(LinkageAgreement::Id))
                    .col(integer(LinkageAgreement::BuyerId))
                    .col(integer(LinkageAgreement::CooperativeId))
                    .col(integer_null(LinkageAgreement::InquiryId))
                    .col(string(LinkageAgreement::Volume))
                    .col(text(LinkageAgreement::PriceTerms))
                    .col(date(LinkageAgreement::StartsOn))
                    .col(date(LinkageAgreement::EndsOn))
                    .col(string(LinkageAgreement::Status))
                    .col(integer_null(LinkageAgreement::CreatedBy))
                    .col(timestamp_with_time_zone(LinkageAgreement::CreatedAt))
                    .col(timestamp_with_time_zone(LinkageAgreement::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (LinkageAgreement::Table, LinkageAgreement::BuyerId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (LinkageAgreement::Table, LinkageAgreement::CooperativeId),
                        (Organization::Table, Organization::Id),
                    ))
                    .foreign_key(&mut fk(
                        (LinkageAgreement::Table, LinkageAgreement::InquiryId),
                        (Inquiry::Table, Inquiry::Id),
                    ))
                    .foreign_key(
                        &mut fk(
                            (LinkageAgreement::Table, LinkageAgreement::CreatedBy),
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
                "idx_linkage_agreement_cooperative",
                LinkageAgreement::Table,
                &["cooperative_id", "starts_on"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_linkage_agreement_buyer",
                LinkageAgreement::Table,
                &["buyer_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LinkageAgreementProduct::Table)
                    .col(integer(LinkageAgreementProduct::AgreementId))
                    .col(integer(LinkageAgreementProduct::ProductId))
                    .primary_key(
                        Index::create()
                            .col(LinkageAgreementProduct::AgreementId)
                            .col(LinkageAgreementProduct::ProductId),
                    )
                    .foreign_key(&mut cascade(
                        (LinkageAgreementProduct::Table, LinkageAgreementProduct::AgreementId),
                        (LinkageAgreement::Table, LinkageAgreement::Id),
                    ))
                    .foreign_key(&mut fk(
                        (LinkageAgreementProduct::Table, LinkageAgreementProduct::ProductId),
                        (Product::Table, Product::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LinkageAgreementProduct::Table.into_iden(),
            LinkageAgreement::Table.into_iden(),
            InquiryStatusChange::Table.into_iden(),
            InquiryMessage::Table.into_iden(),
            Inquiry::Table.into_iden(),
            PurchaseOffer::Table.into_iden(),
            PurchaseRequest::Table.into_iden(),
            BuyerContact::Table.into_iden(),
            BuyerProfile::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
