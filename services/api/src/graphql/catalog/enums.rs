//! The catalog's fixed vocabularies, as GraphQL enums.

use async_graphql::Enum;

/// Legal form of a producer.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::ProducerKind")]
pub enum ProducerKind {
    /// Hợp tác xã (HTX).
    Cooperative,
    /// Tổ hợp tác (THT).
    CooperativeGroup,
    /// Liên hiệp hợp tác xã.
    UnionOfCooperatives,
    /// Hộ sản xuất giỏi.
    Household,
    /// Doanh nghiệp nông nghiệp.
    Enterprise,
}

/// Product taxonomy.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::ProductCategory")]
pub enum ProductCategory {
    /// Lúa gạo, ngũ cốc.
    RiceGrains,
    /// Rau, củ.
    Vegetables,
    /// Trái cây.
    Fruit,
    /// Chè, cà phê.
    TeaCoffee,
    /// Mật ong.
    Honey,
    /// Nấm.
    Mushrooms,
    /// Dược liệu.
    MedicinalHerbs,
    /// Thịt, gia cầm.
    MeatPoultry,
    /// Trứng.
    Eggs,
    /// Thủy sản, nước mắm.
    SeafoodFishSauce,
    /// Thực phẩm chế biến.
    ProcessedFoods,
    /// Hạt (lạc, điều, mắc ca…).
    NutsSeeds,
    /// Gia vị.
    Spices,
    /// Thủ công mỹ nghệ.
    Handicrafts,
    /// Khác.
    Other,
}

/// An organizer's verdict.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::VerificationStatus")]
pub enum VerificationStatus {
    /// Not yet checked by an organizer.
    Unverified,
    /// Checked and confirmed by an organizer.
    Verified,
    /// Checked and found wrong; rejected certificates never count.
    Rejected,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::CertificationScheme")]
pub enum CertificationScheme {
    VietGap,
    GlobalGap,
    /// Organic; the standard (TCVN 11041, USDA, EU…) is in `organicStandard`.
    Organic,
    /// One Commune One Product, rated 3 to 5 stars in `ocopStars`.
    Ocop,
    Haccp,
    Iso22000,
    Other,
}

/// What a certificate covers.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::CertificateScope")]
pub enum CertificateScope {
    /// Everything the producer makes.
    Producer,
    /// Only the listed products.
    Products,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::BrandLabelKind")]
pub enum BrandLabelKind {
    /// Nhãn hiệu.
    Trademark,
    /// Nhãn hiệu tập thể.
    CollectiveMark,
    /// Nhãn hiệu chứng nhận.
    CertificationMark,
    /// Chỉ dẫn địa lý.
    GeographicalIndication,
    /// Tem truy xuất nguồn gốc.
    TraceabilityStamp,
}

/// What an uploaded file is for; decides the accepted types and sizes.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::catalog_enums::FilePurpose")]
pub enum FilePurpose {
    /// Producer logo: JPEG, PNG or WebP, up to 5 MiB.
    Logo,
    /// Photo of the cooperative (fields, barns, workshops): JPEG, PNG or WebP, up to 5 MiB.
    Photo,
    /// Product photo: JPEG, PNG or WebP, up to 5 MiB.
    ProductImage,
    /// Label image: JPEG, PNG or WebP, up to 5 MiB.
    LabelImage,
    /// Certificate evidence: PDF, JPEG, PNG or WebP, up to 10 MiB.
    Evidence,
}
