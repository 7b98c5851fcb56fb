//! Fixed vocabularies of the catalog, stored as stable strings.

use sea_orm::entity::prelude::*;

/// Legal form of a producer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ProducerKind {
    /// Hợp tác xã.
    #[sea_orm(string_value = "htx")]
    Cooperative,
    /// Tổ hợp tác.
    #[sea_orm(string_value = "tht")]
    CooperativeGroup,
    /// Liên hiệp hợp tác xã.
    #[sea_orm(string_value = "union")]
    UnionOfCooperatives,
    /// Hộ sản xuất giỏi.
    #[sea_orm(string_value = "household")]
    Household,
    /// Doanh nghiệp nông nghiệp.
    #[sea_orm(string_value = "enterprise")]
    Enterprise,
}

/// The product taxonomy buyers filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ProductCategory {
    #[sea_orm(string_value = "rice_grains")]
    RiceGrains,
    #[sea_orm(string_value = "vegetables")]
    Vegetables,
    #[sea_orm(string_value = "fruit")]
    Fruit,
    #[sea_orm(string_value = "tea_coffee")]
    TeaCoffee,
    #[sea_orm(string_value = "honey")]
    Honey,
    #[sea_orm(string_value = "mushrooms")]
    Mushrooms,
    #[sea_orm(string_value = "medicinal_herbs")]
    MedicinalHerbs,
    #[sea_orm(string_value = "meat_poultry")]
    MeatPoultry,
    #[sea_orm(string_value = "eggs")]
    Eggs,
    #[sea_orm(string_value = "seafood_fish_sauce")]
    SeafoodFishSauce,
    #[sea_orm(string_value = "processed_foods")]
    ProcessedFoods,
    #[sea_orm(string_value = "nuts_seeds")]
    NutsSeeds,
    #[sea_orm(string_value = "spices")]
    Spices,
    #[sea_orm(string_value = "handicrafts")]
    Handicrafts,
    #[sea_orm(string_value = "other")]
    Other,
}

impl ProductCategory {
    pub fn from_code(code: &str) -> Option<Self> {
        <Self as sea_orm::Iterable>::iter().find(|c| c.to_value() == code)
    }

    /// The Vietnamese name buyers use (also indexed, so "rau" finds vegetables).
    pub fn vietnamese_name(self) -> &'static str {
        match self {
            ProductCategory::RiceGrains => "Gạo và ngũ cốc",
            ProductCategory::Vegetables => "Rau củ",
            ProductCategory::Fruit => "Trái cây",
            ProductCategory::TeaCoffee => "Chè và cà phê",
            ProductCategory::Honey => "Mật ong",
            ProductCategory::Mushrooms => "Nấm",
            ProductCategory::MedicinalHerbs => "Dược liệu",
            ProductCategory::MeatPoultry => "Thịt và gia cầm",
            ProductCategory::Eggs => "Trứng",
            ProductCategory::SeafoodFishSauce => "Thủy hải sản và nước mắm",
            ProductCategory::ProcessedFoods => "Thực phẩm chế biến",
            ProductCategory::NutsSeeds => "Các loại hạt",
            ProductCategory::Spices => "Gia vị",
            ProductCategory::Handicrafts => "Thủ công mỹ nghệ",
            ProductCategory::Other => "Khác",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum VerificationStatus {
    #[sea_orm(string_value = "unverified")]
    Unverified,
    #[sea_orm(string_value = "verified")]
    Verified,
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CertificationScheme {
    #[sea_orm(string_value = "vietgap")]
    VietGap,
    #[sea_orm(string_value = "globalgap")]
    GlobalGap,
    #[sea_orm(string_value = "organic")]
    Organic,
    #[sea_orm(string_value = "ocop")]
    Ocop,
    #[sea_orm(string_value = "haccp")]
    Haccp,
    #[sea_orm(string_value = "iso22000")]
    Iso22000,
    #[sea_orm(string_value = "other")]
    Other,
}

/// Whether a certificate covers the whole producer or named products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CertificateScope {
    #[sea_orm(string_value = "producer")]
    Producer,
    #[sea_orm(string_value = "products")]
    Products,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum BrandLabelKind {
    #[sea_orm(string_value = "trademark")]
    Trademark,
    #[sea_orm(string_value = "collective_mark")]
    CollectiveMark,
    #[sea_orm(string_value = "certification_mark")]
    CertificationMark,
    #[sea_orm(string_value = "geographical_indication")]
    GeographicalIndication,
    #[sea_orm(string_value = "traceability_stamp")]
    TraceabilityStamp,
}

/// What an uploaded file is for; decides which content types are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum FilePurpose {
    #[sea_orm(string_value = "logo")]
    Logo,
    /// Photos of the cooperative: fields, barns, workshops, people.
    #[sea_orm(string_value = "photo")]
    Photo,
    #[sea_orm(string_value = "product_image")]
    ProductImage,
    #[sea_orm(string_value = "label_image")]
    LabelImage,
    #[sea_orm(string_value = "evidence")]
    Evidence,
}
