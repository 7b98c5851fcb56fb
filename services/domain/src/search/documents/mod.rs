//! Search documents from the catalog. The unit of work is a producer "family":
//! the producer, its products and its brand labels, because a product's
//! document carries its producer's name, place, verification and current
//! certificates. Only verified certificates give schemes and OCOP stars;
//! self-declared ones are kept apart, for buyers who ask to include them. Rebuilding the whole family after any change keeps every
//! document consistent without tracking which fields moved.

use std::collections::{HashMap, HashSet};

use coopbridge_search::SearchDocument;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::catalog::certificates::{counts, is_self_declared, today};
use crate::entities::catalog_enums::CertificateScope;
use crate::entities::{brand_label, brand_label_product, certificate, certificate_product, producer, product};
use crate::error::Result;

mod builders;
mod events;

use builders::{Places, label_document, producer_document, product_document};
pub use events::event_documents;

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

/// What to write to the index for some producers: documents to upsert and
/// ids to delete (archived things, and families of archived producers).
#[derive(Debug, Default)]
pub struct FamilyDocuments {
    pub upserts: Vec<SearchDocument>,
    pub deletes: Vec<String>,
}

/// Current certificates of one producer: which schemes apply to which product.
#[derive(Default)]
pub(super) struct Certification {
    producer_wide: Vec<certificate::Model>,
    by_product: HashMap<i32, Vec<certificate::Model>>,
}

impl Certification {
    pub(super) fn for_product(&self, product_id: i32) -> impl Iterator<Item = &certificate::Model> {
        self.producer_wide
            .iter()
            .chain(self.by_product.get(&product_id).into_iter().flatten())
    }

    pub(super) fn all(&self) -> impl Iterator<Item = &certificate::Model> {
        self.producer_wide.iter().chain(self.by_product.values().flatten())
    }
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
    let places = Places::load(
        db,
        producers.iter().map(|p| p.province_code).collect(),
        producers.iter().filter_map(|p| p.commune_code).collect(),
    )
    .await?;

    let mut certification: HashMap<i32, Certification> = HashMap::new();
    let cert_by_id: HashMap<i32, &certificate::Model> = certificates.iter().map(|c| (c.id, c)).collect();
    for c in &certificates {
        let entry = certification.entry(c.producer_id).or_default();
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
    let empty = Certification::default();
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
