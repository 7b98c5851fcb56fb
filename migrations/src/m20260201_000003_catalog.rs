//! The catalog: producer profiles, products, certificates, brand labels and
//! the files (logos, photos, evidence) they point at.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
    OrganizationId,
    StorageKey,
    ContentType,
    ByteSize,
    Sha256,
    OriginalName,
    Purpose,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Producer {
    Table,
    Id,
    Kind,
    Name,
    Slug,
    RegistrationNumber,
    TaxCode,
    FoundedYear,
    MemberCount,
    Description,
    MainSectors,
    ProvinceCode,
    CommuneCode,
    Street,
    Latitude,
    Longitude,
    ContactPerson,
    Phone,
    Email,
    Website,
    LogoFileId,
    VerificationStatus,
    VerifiedBy,
    VerifiedAt,
    VerificationNote,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProducerPhoto {
    Table,
    ProducerId,
    FileId,
    Position,
}

#[derive(DeriveIden)]
enum Product {
    Table,
    Id,
    ProducerId,
    Name,
    Category,
    Description,
    Unit,
    PriceMinVnd,
    PriceMaxVnd,
    MinOrderQuantity,
    MonthlyCapacity,
    HarvestMonths,
    ShelfLifeDays,
    Packaging,
    Available,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProductImage {
    Table,
    ProductId,
    FileId,
    Position,
}

// Variant names are the column names.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Certificate {
    Table,
    Id,
    ProducerId,
    Scheme,
    OrganicStandard,
    OcopStars,
    CertificateNumber,
    Issuer,
    IssuedOn,
    ExpiresOn,
    Scope,
    EvidenceFileId,
    VerificationStatus,
    VerifiedBy,
    VerifiedAt,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CertificateProduct {
    Table,
    CertificateId,
    ProductId,
}

#[derive(DeriveIden)]
enum BrandLabel {
    Table,
    Id,
    ProducerId,
    Name,
    Kind,
    RegistrationNumber,
    Authority,
    ValidFrom,
    ValidUntil,
    ImageFileId,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BrandLabelProduct {
    Table,
    BrandLabelId,
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

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).to_owned()
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
                    .table(StoredFile::Table)
                    .col(pk_auto(StoredFile::Id))
                    .col(integer_null(StoredFile::OrganizationId))
                    .col(string_uniq(StoredFile::StorageKey))
                    .col(string(StoredFile::ContentType))
                    .col(big_integer(StoredFile::ByteSize))
                    .col(string(StoredFile::Sha256))
                    .col(string(StoredFile::OriginalName))
                    .col(string(StoredFile::Purpose))
                    .col(integer_null(StoredFile::CreatedBy))
                    .col(timestamp_with_time_zone(StoredFile::CreatedAt))
                    .foreign_key(
                        &mut fk(
                            (StoredFile::Table, StoredFile::OrganizationId),
                            (Organization::Table, Organization::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(
                        &mut fk(
                            (StoredFile::Table, StoredFile::CreatedBy),
                            (Account::Table, Account::Id),
                        )
                        .on_delete(ForeignKeyAction::SetNull)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Producer::Table)
                    .col(integer(Producer::Id).primary_key())
                    .col(string(Producer::Kind))
                    .col(string(Producer::Name))
                    .col(string_uniq(Producer::Slug))
                    .col(string_null(Producer::RegistrationNumber))
                    .col(string_null(Producer::TaxCode))
                    .col(integer_null(Producer::FoundedYear))
                    .col(integer_null(Producer::MemberCount))
                    .col(text(Producer::Description).default(""))
                    .col(string(Producer::MainSectors).default(""))
                    .col(integer(Producer::ProvinceCode))
                    .col(integer_null(Producer::CommuneCode))
                    .col(string(Producer::Street).default(""))
                    .col(double_null(Producer::Latitude))
                    .col(double_null(Producer::Longitude))
                    .col(string_null(Producer::ContactPerson))
                    .col(string_null(Producer::Phone))
                    .col(string_null(Producer::Email))
                    .col(string_null(Producer::Website))
                    .col(integer_null(Producer::LogoFileId))
                    .col(string(Producer::VerificationStatus).default("unverified"))
                    .col(integer_null(Producer::VerifiedBy))
                    .col(timestamp_with_time_zone_null(Producer::VerifiedAt))
                    .col(string_null(Producer::VerificationNote))
                    .col(timestamp_with_time_zone_null(Producer::ArchivedAt))
                    .col(timestamp_with_time_zone(Producer::CreatedAt))
                    .col(timestamp_with_time_zone(Producer::UpdatedAt))
                    .foreign_key(
                        &mut fk((Producer::Table, Producer::Id), (Organization::Table, Organization::Id))
                            .on_delete(ForeignKeyAction::Cascade)
                            .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        (Producer::Table, Producer::ProvinceCode),
                        (Province::Table, Province::Code),
                    ))
                    .foreign_key(&mut fk(
                        (Producer::Table, Producer::CommuneCode),
                        (Commune::Table, Commune::Code),
                    ))
                    .foreign_key(&mut fk(
                        (Producer::Table, Producer::LogoFileId),
                        (StoredFile::Table, StoredFile::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Producer::Table, Producer::VerifiedBy),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_producer_province",
                Producer::Table,
                &["province_code", "id"],
            ))
            .await?;
        manager
            .create_index(index("idx_producer_name", Producer::Table, &["name", "id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProducerPhoto::Table)
                    .col(integer(ProducerPhoto::ProducerId))
                    .col(integer(ProducerPhoto::FileId))
                    .col(integer(ProducerPhoto::Position))
                    .primary_key(
                        Index::create()
                            .col(ProducerPhoto::ProducerId)
                            .col(ProducerPhoto::FileId),
                    )
                    .foreign_key(
                        &mut fk(
                            (ProducerPhoto::Table, ProducerPhoto::ProducerId),
                            (Producer::Table, Producer::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        (ProducerPhoto::Table, ProducerPhoto::FileId),
                        (StoredFile::Table, StoredFile::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Product::Table)
                    .col(pk_auto(Product::Id))
                    .col(integer(Product::ProducerId))
                    .col(string(Product::Name))
                    .col(string(Product::Category))
                    .col(text(Product::Description).default(""))
                    .col(string(Product::Unit))
                    .col(big_integer_null(Product::PriceMinVnd))
                    .col(big_integer_null(Product::PriceMaxVnd))
                    .col(big_integer_null(Product::MinOrderQuantity))
                    .col(big_integer_null(Product::MonthlyCapacity))
                    .col(integer(Product::HarvestMonths).default(0))
                    .col(integer_null(Product::ShelfLifeDays))
                    .col(string(Product::Packaging).default(""))
                    .col(boolean(Product::Available).default(true))
                    .col(timestamp_with_time_zone_null(Product::ArchivedAt))
                    .col(timestamp_with_time_zone(Product::CreatedAt))
                    .col(timestamp_with_time_zone(Product::UpdatedAt))
                    .foreign_key(
                        &mut fk((Product::Table, Product::ProducerId), (Producer::Table, Producer::Id))
                            .on_delete(ForeignKeyAction::Cascade)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_product_producer", Product::Table, &["producer_id", "id"]))
            .await?;
        manager
            .create_index(index("idx_product_category", Product::Table, &["category", "id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProductImage::Table)
                    .col(integer(ProductImage::ProductId))
                    .col(integer(ProductImage::FileId))
                    .col(integer(ProductImage::Position))
                    .primary_key(Index::create().col(ProductImage::ProductId).col(ProductImage::FileId))
                    .foreign_key(
                        &mut fk(
                            (ProductImage::Table, ProductImage::ProductId),
                            (Product::Table, Product::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        (ProductImage::Table, ProductImage::FileId),
                        (StoredFile::Table, StoredFile::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Certificate::Table)
                    .col(pk_auto(Certificate::Id))
                    .col(integer(Certificate::ProducerId))
                    .col(string(Certificate::Scheme))
                    .col(string_null(Certificate::OrganicStandard))
                    .col(integer_null(Certificate::OcopStars))
                    .col(string(Certificate::CertificateNumber))
                    .col(string(Certificate::Issuer))
                    .col(date(Certificate::IssuedOn))
                    .col(date_null(Certificate::ExpiresOn))
                    .col(string(Certificate::Scope))
                    .col(integer_null(Certificate::EvidenceFileId))
                    .col(string(Certificate::VerificationStatus).default("unverified"))
                    .col(integer_null(Certificate::VerifiedBy))
                    .col(timestamp_with_time_zone_null(Certificate::VerifiedAt))
                    .col(timestamp_with_time_zone_null(Certificate::ArchivedAt))
                    .col(timestamp_with_time_zone(Certificate::CreatedAt))
                    .col(timestamp_with_time_zone(Certificate::UpdatedAt))
                    .foreign_key(
                        &mut fk(
                            (Certificate::Table, Certificate::ProducerId),
                            (Producer::Table, Producer::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        (Certificate::Table, Certificate::EvidenceFileId),
                        (StoredFile::Table, StoredFile::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Certificate::Table, Certificate::VerifiedBy),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_certificate_producer", Certificate::Table, &["producer_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CertificateProduct::Table)
                    .col(integer(CertificateProduct::CertificateId))
                    .col(integer(CertificateProduct::ProductId))
                    .primary_key(
                        Index::create()
                            .col(CertificateProduct::CertificateId)
                            .col(CertificateProduct::ProductId),
                    )
                    .foreign_key(
                        &mut fk(
                            (CertificateProduct::Table, CertificateProduct::CertificateId),
                            (Certificate::Table, Certificate::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(
                        &mut fk(
                            (CertificateProduct::Table, CertificateProduct::ProductId),
                            (Product::Table, Product::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_certificate_product_product",
                CertificateProduct::Table,
                &["product_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BrandLabel::Table)
                    .col(pk_auto(BrandLabel::Id))
                    .col(integer(BrandLabel::ProducerId))
                    .col(string(BrandLabel::Name))
                    .col(string(BrandLabel::Kind))
                    .col(string_null(BrandLabel::RegistrationNumber))
                    .col(string_null(BrandLabel::Authority))
                    .col(date_null(BrandLabel::ValidFrom))
                    .col(date_null(BrandLabel::ValidUntil))
                    .col(integer_null(BrandLabel::ImageFileId))
                    .col(timestamp_with_time_zone_null(BrandLabel::ArchivedAt))
                    .col(timestamp_with_time_zone(BrandLabel::CreatedAt))
                    .col(timestamp_with_time_zone(BrandLabel::UpdatedAt))
                    .foreign_key(
                        &mut fk(
                            (BrandLabel::Table, BrandLabel::ProducerId),
                            (Producer::Table, Producer::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        (BrandLabel::Table, BrandLabel::ImageFileId),
                        (StoredFile::Table, StoredFile::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_brand_label_producer", BrandLabel::Table, &["producer_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BrandLabelProduct::Table)
                    .col(integer(BrandLabelProduct::BrandLabelId))
                    .col(integer(BrandLabelProduct::ProductId))
                    .primary_key(
                        Index::create()
                            .col(BrandLabelProduct::BrandLabelId)
                            .col(BrandLabelProduct::ProductId),
                    )
                    .foreign_key(
                        &mut fk(
                            (BrandLabelProduct::Table, BrandLabelProduct::BrandLabelId),
                            (BrandLabel::Table, BrandLabel::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(
                        &mut fk(
                            (BrandLabelProduct::Table, BrandLabelProduct::ProductId),
                            (Product::Table, Product::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_brand_label_product_product",
                BrandLabelProduct::Table,
                &["product_id"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BrandLabelProduct::Table.into_iden(),
            BrandLabel::Table.into_iden(),
            CertificateProduct::Table.into_iden(),
            Certificate::Table.into_iden(),
            ProductImage::Table.into_iden(),
            Product::Table.into_iden(),
            ProducerPhoto::Table.into_iden(),
            Producer::Table.into_iden(),
            StoredFile::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
