//! The catalog's GraphQL objects as plain structs: producers, products,
//! certificates and brand labels. Their fields point at each other
//! (a producer's products, a product's producer…), so the structs live here
//! together and each `#[ComplexObject]` impl lives with its own module; the
//! module graph then stays one-way.

use async_graphql::{ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use coopbridge_domain::catalog::validation::months_of;
use coopbridge_domain::entities::{brand_label, certificate, producer, product};

use crate::graphql::catalog::enums::{
    BrandLabelKind, CertificateScope, CertificationScheme, ProducerKind, ProductCategory, VerificationStatus,
};

/// A cooperative (or cooperative group, union, household, enterprise) that sells produce.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Producer {
    pub id: ID,
    /// URL-friendly name without diacritics, unique, e.g. `hop-tac-xa-quyet-thang`.
    pub slug: String,
    pub kind: ProducerKind,
    /// Name with diacritics (NFC), e.g. "Hợp tác xã Quyết Thắng".
    pub name: String,
    /// Business registration number.
    pub registration_number: Option<String>,
    /// Tax code: 10 digits, or `0123456789-001` for a branch.
    pub tax_code: Option<String>,
    pub founded_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: String,
    /// Street address below the commune (thôn, xóm, số nhà…).
    pub street: String,
    /// Exact position when the cooperative gave one; otherwise null and
    /// `commune` is the best known location.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Public website.
    pub website: Option<String>,
    pub verification_status: VerificationStatus,
    /// When an organizer last verified or rejected it.
    pub verified_at: Option<DateTime<Utc>>,
    /// True once archived: hidden from lists, kept for history.
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: producer::Model,
    /// In a mutation's payload: the province the producer was in before the
    /// write. Contacts are shown only if the caller could see them then too,
    /// so a write (a move, say) never reveals what was hidden before it.
    #[graphql(skip)]
    pub province_before_write: Option<i32>,
}

impl From<producer::Model> for Producer {
    fn from(m: producer::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            slug: m.slug.clone(),
            kind: m.kind.into(),
            name: m.name.clone(),
            registration_number: m.registration_number.clone(),
            tax_code: m.tax_code.clone(),
            founded_year: m.founded_year,
            member_count: m.member_count,
            description: m.description.clone(),
            street: m.street.clone(),
            latitude: m.latitude,
            longitude: m.longitude,
            website: m.website.clone(),
            verification_status: m.verification_status.into(),
            verified_at: m.verified_at,
            archived: m.archived_at.is_some(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            model: m,
            province_before_write: None,
        }
    }
}

/// Phone, email and contact person: shown to the cooperative's members,
/// buyers whose inquiry it accepted, organizers of its province and admins.
#[derive(SimpleObject, Clone)]
pub struct ProducerContacts {
    pub contact_person: Option<String>,
    /// Digits only, starting with 0, e.g. `0912345678`.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// When it was recorded that the contact person agreed to be listed;
    /// null when nothing was recorded (listed before consent was asked for).
    pub consent_recorded_at: Option<DateTime<Utc>>,
    /// The account that recorded it; null when the operator did, or none did.
    pub consent_recorded_by: Option<ID>,
}

/// A product a producer sells. Prices are in Vietnamese đồng (VND), whole numbers.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Product {
    pub id: ID,
    /// Name with diacritics, e.g. "Mật ong Tuyên Hóa".
    pub name: String,
    pub category: ProductCategory,
    pub description: String,
    /// Unit of sale and of every quantity below, e.g. "kg", "lít", "con".
    pub unit: String,
    /// Lowest price per unit, VND.
    pub price_min_vnd: Option<i64>,
    /// Highest price per unit, VND.
    pub price_max_vnd: Option<i64>,
    /// Smallest order, in `unit`.
    pub min_order_quantity: Option<i64>,
    /// What the producer can supply per month, in `unit`.
    pub monthly_capacity: Option<i64>,
    /// Harvest or production months, 1–12; empty when unknown.
    pub harvest_months: Vec<i32>,
    pub shelf_life_days: Option<i32>,
    pub packaging: String,
    /// Whether it can be ordered now.
    pub available: bool,
    /// True once archived: hidden from lists, kept for history.
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub producer_id: i32,
    #[graphql(skip)]
    pub product_id: i32,
}

impl From<product::Model> for Product {
    fn from(m: product::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            name: m.name,
            category: m.category.into(),
            description: m.description,
            unit: m.unit,
            price_min_vnd: m.price_min_vnd,
            price_max_vnd: m.price_max_vnd,
            min_order_quantity: m.min_order_quantity,
            monthly_capacity: m.monthly_capacity,
            harvest_months: months_of(m.harvest_months),
            shelf_life_days: m.shelf_life_days,
            packaging: m.packaging,
            available: m.available,
            archived: m.archived_at.is_some(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            producer_id: m.producer_id,
            product_id: m.id,
        }
    }
}

/// A certificate held by a producer, for all its products or named ones.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Certificate {
    pub id: ID,
    pub scheme: CertificationScheme,
    /// For organic certificates: TCVN 11041, USDA Organic, EU Organic…
    pub organic_standard: Option<String>,
    /// For OCOP: 3, 4 or 5.
    pub ocop_stars: Option<i32>,
    pub certificate_number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    /// Null when it does not expire.
    pub expires_on: Option<NaiveDate>,
    pub scope: CertificateScope,
    /// `UNVERIFIED` while no organizer has checked it: it is then
    /// self-declared (see `selfDeclared`) and counts nowhere.
    pub verification_status: VerificationStatus,
    pub verified_at: Option<DateTime<Utc>>,
    /// The organizer's reason when it was rejected (or a remark when verified).
    pub verification_note: Option<String>,
    #[graphql(skip)]
    pub model: certificate::Model,
}

impl From<certificate::Model> for Certificate {
    fn from(m: certificate::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            scheme: m.scheme.into(),
            organic_standard: m.organic_standard.clone(),
            ocop_stars: m.ocop_stars,
            certificate_number: m.certificate_number.clone(),
            issuer: m.issuer.clone(),
            issued_on: m.issued_on,
            expires_on: m.expires_on,
            scope: m.scope.into(),
            verification_status: m.verification_status.into(),
            verified_at: m.verified_at,
            verification_note: m.verification_note.clone(),
            model: m,
        }
    }
}

/// A trademark, collective or certification mark, geographical indication or traceability stamp.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct BrandLabel {
    pub id: ID,
    /// e.g. "Mật ong Tuyên Hóa".
    pub name: String,
    pub kind: BrandLabelKind,
    pub registration_number: Option<String>,
    /// e.g. "Cục Sở hữu trí tuệ".
    pub authority: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    #[graphql(skip)]
    pub model: brand_label::Model,
}

impl From<brand_label::Model> for BrandLabel {
    fn from(m: brand_label::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            name: m.name.clone(),
            kind: m.kind.into(),
            registration_number: m.registration_number.clone(),
            authority: m.authority.clone(),
            valid_from: m.valid_from,
            valid_until: m.valid_until,
            model: m,
        }
    }
}
