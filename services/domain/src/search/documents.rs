//! Search documents from the catalog. The unit of work is a producer "family":
//! the producer, its products and its brand labels, because a product's
//! document carries its producer's name, place, verification and current
//! certificates. Only verified certificates give schemes and OCOP stars;
//! self-declared ones are kept apart, for buyers who ask to include them. Rebuilding the whole family after any change keeps every
//! document consistent without tracking which fields moved.

use std::collections::{HashMap, HashSet};

use coopbridge_search::{DocumentKind, GeoPoint, SearchDocument};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::catalog::certificates::{counts, is_self_declared, today};
use crate::catalog::producers::sectors_of;
use crate::catalog::validation::months_of;
use crate::entities::catalog_enums::{CertificateScope, CertificationScheme, VerificationStatus};
use crate::entities::{
    brand_label, brand_label_product, certificate, certificate_product, commune, producer, product, province,
};
use crate::error::Result;

pub fn producer_doc_id(id: i32) -> String {
    format!("producer:{id}")
}
pub fn product_doc_id(id: i32) -> String {
    format!("product:{id}")
}
pub fn label_doc_id(id: i32) -> String {
    format!("label:{id}")
}
pub fn fair_doc_id(id: i32) -> String {
    format!("fair:{id}")
}

/// Documents for events: published ones are upserted, drafts and unknown
/// ids deleted.
pub async fn fair_documents(db: &impl ConnectionTrait, event_ids: &[i32]) -> Result<FamilyDocuments> {
    use crate::entities::fair_enums::EventStatus;
    use crate::entities::fair_event;
    let mut out = FamilyDocuments::default();
    if event_ids.is_empty() {
        return Ok(out);
    }
    let events = fair_event::Entity::find()
        .filter(fair_event::Column::Id.is_in(event_ids.iter().copied()))
        .all(db)
        .await?;
    let codes: HashSet<i32> = events.iter().map(|e| e.province_code).collect();
    let provinces: HashMap<i32, String> = province::Entity::find()
        .filter(province::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.name))
        .collect();
    let found: HashSet<i32> = events.iter().map(|e| e.id).collect();
    out.deletes.extend(
        event_ids
            .iter()
            .filter(|id| !found.contains(id))
            .map(|id| fair_doc_id(*id)),
    );
    for e in events {
        if e.status != EventStatus::Published {
            out.deletes.push(fair_doc_id(e.id));
            continue;
        }
        let place = provinces.get(&e.province_code).cloned().unwrap_or_default();
        out.upserts.push(SearchDocument {
            id: fair_doc_id(e.id),
            kind: DocumentKind::Fair,
            title: e.title.clone(),
            producer_name: None,
            text: [e.description.as_str(), &e.venue_name, &e.street, &place].join(" · "),
            province_code: Some(e.province_code),
            commune_code: None,
            category: None,
            schemes: vec![],
            ocop_stars: None,
            self_declared_schemes: vec![],
            self_declared_ocop_stars: None,
            producer_kind: None,
            verified: true,
            has_current_certificate: false,
            location: None,
            harvest_months: vec![],
            monthly_capacity: None,
            price_min_vnd: None,
            price_max_vnd: None,
            created_at: e.published_at.unwrap_or(e.created_at).timestamp(),
        });
    }
    Ok(out)
}

/// What to write to the index for some producers: documents to upsert and
/// ids to delete (archived things, and families of archived producers).
#[derive(Debug, Default)]
pub struct FamilyDocuments {
    pub upserts: Vec<SearchDocument>,
    pub deletes: Vec<String>,
}

fn code<T: sea_orm::ActiveEnum<Value = String>>(value: &T) -> String {
    value.to_value()
}

/// Current certificates of one producer: which schemes apply to which product.
struct Certification {
    producer_wide: Vec<certificate::Model>,
    by_product: HashMap<i32, Vec<certificate::Model>>,
}

impl Certification {
    fn for_product(&self, product_id: i32) -> impl Iterator<Item = &certificate::Model> {
        self.producer_wide
            .iter()
            .chain(self.by_product.get(&product_id).into_iter().flatten())
    }

    fn all(&self) -> impl Iterator<Item = &certificate::Model> {
        self.producer_wide.iter().chain(self.by_product.values().flatten())
    }
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

/// Builds the documents of the given producers' families from the database.
pub async fn family_documents(db: &impl ConnectionTrait, producer_ids: &[i32]) -> Result<FamilyDocuments> {
    let mut out = FamilyDocuments::default();
    if producer_ids.is_empty() {
        return Ok(out);
    }
    let ids = producer_ids.iter().copied();
    let producers = producer::Entity::find()
        .filter(producer::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let products = product::Entity::find()
        .filter(product::Column::ProducerId.is_in(ids.clone()))
        .order_by_asc(product::Column::Id)
        .all(db)
        .await?;
    let labels = brand_label::Entity::find()
        .filter(brand_label::Column::ProducerId.is_in(ids.clone()))
        .order_by_asc(brand_label::Column::Id)
        .all(db)
        .await?;
    let on = today();
    let certificates: Vec<_> = certificate::Entity::find()
        .filter(certificate::Column::ProducerId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter(|c| counts(c, on) || is_self_declared(c, on))
        .collect();
    let cert_ids: Vec<i32> = certificates.iter().map(|c| c.id).collect();
    let cert_links = certificate_product::Entity::find()
        .filter(certificate_product::Column::CertificateId.is_in(cert_ids))
        .all(db)
        .await?;
    let label_ids: Vec<i32> = labels.iter().map(|l| l.id).collect();
    let label_links = brand_label_product::Entity::find()
        .filter(brand_label_product::Column::BrandLabelId.is_in(label_ids))
        .all(db)
        .await?;
    let places = Places::load(db, &producers).await?;

    let mut certification: HashMap<i32, Certification> = HashMap::new();
    let cert_by_id: HashMap<i32, &certificate::Model> = certificates.iter().map(|c| (c.id, c)).collect();
    for c in &certificates {
        let entry = certification.entry(c.producer_id).or_insert_with(|| Certification {
            producer_wide: vec![],
            by_product: HashMap::new(),
        });
        if c.scope == CertificateScope::Producer {
            entry.producer_wide.push(c.clone());
        }
    }
    for link in &cert_links {
        if let Some(c) = cert_by_id.get(&link.certificate_id) {
            certification
                .get_mut(&c.producer_id)
                .expect("entry created above")
                .by_product
                .entry(link.product_id)
                .or_default()
                .push((*c).clone());
        }
    }
    let empty = Certification {
        producer_wide: vec![],
        by_product: HashMap::new(),
    };
    let product_names: HashMap<i32, &product::Model> = products.iter().map(|p| (p.id, p)).collect();
    let mut products_of_label: HashMap<i32, Vec<&product::Model>> = HashMap::new();
    for link in &label_links {
        if let Some(p) = product_names.get(&link.product_id).filter(|p| p.archived_at.is_none()) {
            products_of_label.entry(link.brand_label_id).or_default().push(p);
        }
    }

    // One pass each, not a scan per producer: reindex hands over hundreds at a time.
    let mut products_of: HashMap<i32, Vec<&product::Model>> = HashMap::new();
    for x in &products {
        products_of.entry(x.producer_id).or_default().push(x);
    }
    let mut labels_of: HashMap<i32, Vec<&brand_label::Model>> = HashMap::new();
    for l in &labels {
        labels_of.entry(l.producer_id).or_default().push(l);
    }
    let found: HashSet<i32> = producers.iter().map(|p| p.id).collect();
    for missing in producer_ids.iter().filter(|id| !found.contains(id)) {
        out.deletes.push(producer_doc_id(*missing));
    }
    for p in &producers {
        let listed = p.archived_at.is_none();
        let certs = certification.get(&p.id).unwrap_or(&empty);
        let own_products = products_of.remove(&p.id).unwrap_or_default();
        if !listed {
            out.deletes.push(producer_doc_id(p.id));
        } else {
            out.upserts
                .push(producer_document(p, certs, &own_products, &places, on));
        }
        for x in own_products {
            if listed && x.archived_at.is_none() {
                out.upserts.push(product_document(p, x, certs, &places, on));
            } else {
                out.deletes.push(product_doc_id(x.id));
            }
        }
        for l in labels_of.remove(&p.id).unwrap_or_default() {
            if listed && l.archived_at.is_none() {
                let carried = products_of_label.get(&l.id).map(Vec::as_slice).unwrap_or(&[]);
                out.upserts.push(label_document(p, l, carried, &places));
            } else {
                out.deletes.push(label_doc_id(l.id));
            }
        }
    }
    Ok(out)
}

/// Province and commune names, indexed so "mật ong Quảng Trị" finds the place too.
struct Places {
    provinces: HashMap<i32, String>,
    communes: HashMap<i32, String>,
}

impl Places {
    async fn load(db: &impl ConnectionTrait, producers: &[producer::Model]) -> Result<Self> {
        let province_codes: HashSet<i32> = producers.iter().map(|p| p.province_code).collect();
        let commune_codes: HashSet<i32> = producers.iter().filter_map(|p| p.commune_code).collect();
        let provinces = province::Entity::find()
            .filter(province::Column::Code.is_in(province_codes))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.code, p.name))
            .collect();
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

fn base(p: &producer::Model, kind: DocumentKind, id: String, title: String) -> SearchDocument {
    SearchDocument {
        id,
        kind,
        title,
        producer_name: None,
        text: String::new(),
        province_code: Some(p.province_code),
        commune_code: p.commune_code,
        category: None,
        schemes: vec![],
        ocop_stars: None,
        self_declared_schemes: vec![],
        self_declared_ocop_stars: None,
        producer_kind: Some(code(&p.kind)),
        verified: p.verification_status == VerificationStatus::Verified,
        has_current_certificate: false,
        location: location(p),
        harvest_months: vec![],
        monthly_capacity: None,
        price_min_vnd: None,
        price_max_vnd: None,
        created_at: p.created_at.timestamp(),
    }
}

fn producer_document(
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
        has_current_certificate: !claims.schemes.is_empty(),
        schemes: claims.schemes,
        ocop_stars: claims.stars,
        self_declared_schemes: claims.self_declared_schemes,
        self_declared_ocop_stars: claims.self_declared_stars,
        created_at: p.created_at.timestamp(),
        ..base(p, DocumentKind::Producer, producer_doc_id(p.id), p.name.clone())
    }
}

fn product_document(
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
        has_current_certificate: !claims.schemes.is_empty(),
        schemes: claims.schemes,
        ocop_stars: claims.stars,
        self_declared_schemes: claims.self_declared_schemes,
        self_declared_ocop_stars: claims.self_declared_stars,
        harvest_months: months_of(x.harvest_months).into_iter().map(|m| m as u8).collect(),
        monthly_capacity: x.monthly_capacity,
        price_min_vnd: x.price_min_vnd,
        price_max_vnd: x.price_max_vnd,
        created_at: x.created_at.timestamp(),
        ..base(p, DocumentKind::Product, product_doc_id(x.id), x.name.clone())
    }
}

fn label_document(
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
