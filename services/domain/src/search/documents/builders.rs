//! One search document per catalog row: what a producer's, a product's and a
//! brand label's document say, and the place names and certificate claims
//! they carry.

use std::collections::{HashMap, HashSet};

use coopbridge_search::{DocumentKind, GeoPoint, SearchDocument};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{Certification, label_doc_id, producer_doc_id, product_doc_id};
use crate::catalog::certificates::{counts, is_self_declared};
use crate::catalog::producers::sectors_of;
use crate::catalog::validation::months_of;
use crate::entities::catalog_enums::{CertificationScheme, VerificationStatus};
use crate::entities::{brand_label, certificate, commune, producer, product, province};
use crate::error::Result;

pub(super) fn code<T: sea_orm::ActiveEnum<Value = String>>(value: &T) -> String {
    value.to_value()
}

/// Schemes and best OCOP stars of the certificates that count (verified),
/// then of the self-declared ones.
struct Claims {
    schemes: Vec<String>,
    stars: Option<i32>,
    self_declared_schemes: Vec<String>,
    self_declared_stars: Option<i32>,
}

fn claims<'a>(certs: impl Iterator<Item = &'a certificate::Model>, on: chrono::NaiveDate) -> Claims {
    let certs: Vec<&certificate::Model> = certs.collect();
    let (schemes, stars) = schemes_and_stars(certs.iter().copied().filter(|c| counts(c, on)));
    let (self_declared_schemes, self_declared_stars) =
        schemes_and_stars(certs.iter().copied().filter(|c| is_self_declared(c, on)));
    Claims {
        schemes,
        stars,
        self_declared_schemes,
        self_declared_stars,
    }
}

fn schemes_and_stars<'a>(certs: impl Iterator<Item = &'a certificate::Model>) -> (Vec<String>, Option<i32>) {
    let mut schemes = vec![];
    let mut stars = None;
    for c in certs {
        let scheme = code(&c.scheme);
        if !schemes.contains(&scheme) {
            schemes.push(scheme);
        }
        if c.scheme == CertificationScheme::Ocop {
            stars = stars.max(c.ocop_stars);
        }
    }
    schemes.sort();
    (schemes, stars)
}

impl Claims {
    /// `doc` with these schemes and stars.
    fn onto(self, doc: SearchDocument) -> SearchDocument {
        SearchDocument {
            has_current_certificate: !self.schemes.is_empty(),
            schemes: self.schemes,
            ocop_stars: self.stars,
            self_declared_schemes: self.self_declared_schemes,
            self_declared_ocop_stars: self.self_declared_stars,
            ..doc
        }
    }
}

pub(super) async fn province_names(db: &impl ConnectionTrait, codes: HashSet<i32>) -> Result<HashMap<i32, String>> {
    Ok(province::Entity::find()
        .filter(province::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.name))
        .collect())
}

/// Province and commune names, indexed so "mật ong Quảng Trị" finds the place too.
pub(super) struct Places {
    provinces: HashMap<i32, String>,
    communes: HashMap<i32, String>,
}

impl Places {
    pub(super) async fn load(
        db: &impl ConnectionTrait,
        province_codes: HashSet<i32>,
        commune_codes: HashSet<i32>,
    ) -> Result<Self> {
        let provinces = province_names(db, province_codes).await?;
        let communes = commune::Entity::find()
            .filter(commune::Column::Code.is_in(commune_codes))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect();
        Ok(Self { provinces, communes })
    }

    fn describe(&self, p: &producer::Model) -> String {
        let commune = p.commune_code.and_then(|c| self.communes.get(&c)).map(String::as_str);
        let province = self.provinces.get(&p.province_code).map(String::as_str);
        [commune, province].into_iter().flatten().collect::<Vec<_>>().join(", ")
    }
}

fn location(p: &producer::Model) -> Option<GeoPoint> {
    Some(GeoPoint {
        lat: p.latitude?,
        lon: p.longitude?,
    })
}

/// A document with nothing but its identity; the builders fill in the rest.
pub(super) fn blank(kind: DocumentKind, id: String, title: String, created_at: i64) -> SearchDocument {
    SearchDocument {
        id,
        kind,
        title,
        producer_name: None,
        text: String::new(),
        province_code: None,
        commune_code: None,
        category: None,
        schemes: vec![],
        ocop_stars: None,
        self_declared_schemes: vec![],
        self_declared_ocop_stars: None,
        producer_kind: None,
        verified: false,
        has_current_certificate: false,
        location: None,
        harvest_months: vec![],
        monthly_capacity: None,
        price_min_vnd: None,
        price_max_vnd: None,
        created_at,
    }
}

/// What every document of a producer's family says about the producer.
fn base(p: &producer::Model, kind: DocumentKind, id: String, title: String) -> SearchDocument {
    SearchDocument {
        province_code: Some(p.province_code),
        commune_code: p.commune_code,
        producer_kind: Some(code(&p.kind)),
        verified: p.verification_status == VerificationStatus::Verified,
        location: location(p),
        ..blank(kind, id, title, p.created_at.timestamp())
    }
}

pub(super) fn producer_document(
    p: &producer::Model,
    certs: &Certification,
    products: &[&product::Model],
    places: &Places,
    on: chrono::NaiveDate,
) -> SearchDocument {
    let sectors = sectors_of(p);
    let claims = claims(certs.all(), on);
    let mut text = vec![p.description.clone(), places.describe(p)];
    text.extend(sectors.iter().map(|s| s.vietnamese_name().to_owned()));
    text.extend(
        products
            .iter()
            .filter(|x| x.archived_at.is_none())
            .map(|x| x.name.clone()),
    );
    SearchDocument {
        text: text.join(" · "),
        category: sectors.first().map(code),
        created_at: p.created_at.timestamp(),
        ..claims.onto(base(p, DocumentKind::Producer, producer_doc_id(p.id), p.name.clone()))
    }
}

pub(super) fn product_document(
    p: &producer::Model,
    x: &product::Model,
    certs: &Certification,
    places: &Places,
    on: chrono::NaiveDate,
) -> SearchDocument {
    let claims = claims(certs.for_product(x.id), on);
    let text = [
        x.description.as_str(),
        x.category.vietnamese_name(),
        x.packaging.as_str(),
        &places.describe(p),
    ]
    .join(" · ");
    SearchDocument {
        producer_name: Some(p.name.clone()),
        text,
        category: Some(code(&x.category)),
        harvest_months: months_of(x.harvest_months).into_iter().map(|m| m as u8).collect(),
        monthly_capacity: x.monthly_capacity,
        price_min_vnd: x.price_min_vnd,
        price_max_vnd: x.price_max_vnd,
        created_at: x.created_at.timestamp(),
        ..claims.onto(base(p, DocumentKind::Product, product_doc_id(x.id), x.name.clone()))
    }
}

pub(super) fn label_document(
    p: &producer::Model,
    l: &brand_label::Model,
    carried: &[&product::Model],
    places: &Places,
) -> SearchDocument {
    let mut text: Vec<String> = carried.iter().map(|x| x.name.clone()).collect();
    text.extend(l.authority.clone());
    text.extend(l.registration_number.clone());
    text.push(places.describe(p));
    SearchDocument {
        producer_name: Some(p.name.clone()),
        text: text.join(" · "),
        category: carried.first().map(|x| code(&x.category)),
        created_at: l.created_at.timestamp(),
        ..base(p, DocumentKind::BrandLabel, label_doc_id(l.id), l.name.clone())
    }
}
