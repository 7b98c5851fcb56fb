//! One demo cooperative: its profile, products, certificates and labels, and
//! the illustration files drawn for them (`files/`, made by
//! `make_demo_files.py`; each says on its face that it is a sample).

use bytes::Bytes;
use coopbridge_storage::BlobStore;
use include_dir::{Dir, include_dir};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::DemoCooperative;
use coopbridge_domain::authz::Actor;
use coopbridge_domain::catalog::brand_labels::{self, NewBrandLabel};
use coopbridge_domain::catalog::certificates::{self, NewCertificate};
use coopbridge_domain::catalog::files::{self, Upload};
use coopbridge_domain::catalog::producers::{self, ProducerFields};
use coopbridge_domain::catalog::products::{self, ProductFields};
use coopbridge_domain::entities::catalog_enums::{
    BrandLabelKind, CertificationScheme, FilePurpose, ProducerKind, ProductCategory, VerificationStatus,
};
use coopbridge_domain::error::{Error, Result};

static DEMO_FILES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/files");

/// Stores one of the demo files for the cooperative and returns its id.
async fn store_demo_file(
    db: &(impl ConnectionTrait + TransactionTrait),
    store: &dyn BlobStore,
    organization_id: i32,
    purpose: FilePurpose,
    path: &str,
) -> Result<i32> {
    let file = DEMO_FILES
        .get_file(path)
        .ok_or_else(|| Error::Internal(format!("demo data: missing file {path}")))?;
    let upload = Upload {
        organization_id,
        purpose,
        file_name: path.rsplit('/').next().unwrap_or(path).to_owned(),
        declared_content_type: None,
        bytes: Bytes::from_static(file.contents()),
    };
    Ok(files::store_upload(db, store, &Actor::System, upload).await?.id)
}

async fn store_optional(
    db: &(impl ConnectionTrait + TransactionTrait),
    store: &dyn BlobStore,
    organization_id: i32,
    purpose: FilePurpose,
    path: Option<&str>,
) -> Result<Option<i32>> {
    match path {
        Some(path) => Ok(Some(store_demo_file(db, store, organization_id, purpose, path).await?)),
        None => Ok(None),
    }
}

fn unknown(what: &str, value: &str) -> Error {
    Error::Internal(format!("demo data: unknown {what} {value:?}"))
}

fn producer_kind(code: &str) -> Result<ProducerKind> {
    Ok(match code {
        "htx" => ProducerKind::Cooperative,
        "tht" => ProducerKind::CooperativeGroup,
        "union" => ProducerKind::UnionOfCooperatives,
        "household" => ProducerKind::Household,
        "enterprise" => ProducerKind::Enterprise,
        other => return Err(unknown("producer kind", other)),
    })
}

fn scheme(code: &str) -> Result<CertificationScheme> {
    <CertificationScheme as sea_orm::Iterable>::iter()
        .find(|s| sea_orm::ActiveEnum::to_value(s) == code)
        .ok_or_else(|| unknown("certification scheme", code))
}

fn label_kind(code: &str) -> Result<BrandLabelKind> {
    <BrandLabelKind as sea_orm::Iterable>::iter()
        .find(|k| sea_orm::ActiveEnum::to_value(k) == code)
        .ok_or_else(|| unknown("label kind", code))
}

fn category(code: &str) -> Result<ProductCategory> {
    ProductCategory::from_code(code).ok_or_else(|| unknown("category", code))
}

/// Creates one cooperative's profile, products, certificates and labels.
pub(super) async fn seed_cooperative(
    txn: &(impl ConnectionTrait + TransactionTrait),
    store: &dyn BlobStore,
    c: &DemoCooperative,
) -> Result<coopbridge_domain::entities::producer::Model> {
    let system = Actor::System;
    let fields = ProducerFields {
        kind: Some(producer_kind(&c.kind)?),
        name: Some(c.name.clone()),
        founded_year: Some(c.founded_year),
        member_count: Some(c.member_count),
        description: Some(c.description.clone()),
        main_sectors: Some(c.main_sectors.iter().map(|s| category(s)).collect::<Result<_>>()?),
        province_code: Some(c.province_code),
        commune_code: Some(Some(c.commune_code)),
        street: Some(c.street.clone()),
        latitude: Some(c.latitude),
        longitude: Some(c.longitude),
        contact_person: Some(Some(c.contact.name.clone())),
        phone: Some(Some(c.contact.phone.clone())),
        email: Some(Some(c.contact.email.clone())),
        // Invented people (see the README); the operator records their consent.
        contact_consent: Some(true),
        ..Default::default()
    };
    let producer = producers::create_producer(txn, &system, fields).await?;
    let logo = store_optional(txn, store, producer.id, FilePurpose::Logo, c.logo.as_deref()).await?;
    let mut photos = Vec::with_capacity(c.photos.len());
    for path in &c.photos {
        photos.push(store_demo_file(txn, store, producer.id, FilePurpose::Photo, path).await?);
    }
    let pictures = ProducerFields {
        logo_file_id: Some(logo),
        photo_file_ids: Some(photos),
        ..Default::default()
    };
    let producer = producers::update_producer(txn, &system, producer.id, pictures).await?;
    let mut product_ids = std::collections::HashMap::new();
    for p in &c.products {
        let image = store_optional(txn, store, producer.id, FilePurpose::ProductImage, p.image.as_deref()).await?;
        let fields = ProductFields {
            name: Some(p.name.clone()),
            category: Some(category(&p.category)?),
            description: Some(p.description.clone()),
            unit: Some(p.unit.clone()),
            price_min_vnd: Some(p.price_min_vnd),
            price_max_vnd: Some(p.price_max_vnd),
            min_order_quantity: Some(p.min_order_qty),
            monthly_capacity: Some(p.monthly_capacity),
            harvest_months: Some(p.harvest_months.clone()),
            shelf_life_days: Some(p.shelf_life_days),
            packaging: Some(p.packaging.clone()),
            available: Some(true),
            image_file_ids: Some(image.into_iter().collect()),
        };
        let created = products::create_product(txn, &system, producer.id, fields).await?;
        product_ids.insert(p.name.clone(), created.id);
    }
    let ids_of = |names: &[String]| -> Result<Vec<i32>> {
        names
            .iter()
            .map(|n| product_ids.get(n).copied().ok_or_else(|| unknown("product", n)))
            .collect()
    };
    // Facts with a founding year and member count were checked against
    // publications: the demo shows those cooperatives and certificates as verified.
    let verified = c.founded_year.is_some() && c.member_count.is_some();
    for cert in &c.certificates {
        let evidence = store_optional(txn, store, producer.id, FilePurpose::Evidence, cert.evidence.as_deref()).await?;
        let created = certificates::create_certificate(
            txn,
            &system,
            NewCertificate {
                producer_id: producer.id,
                scheme: scheme(&cert.scheme)?,
                organic_standard: cert.organic_standard.clone(),
                ocop_stars: cert.ocop_stars,
                certificate_number: cert.number.clone(),
                issuer: cert.issuer.clone(),
                issued_on: cert.issued_on,
                expires_on: cert.expires_on,
                product_ids: ids_of(&cert.product_names)?,
                evidence_file_id: evidence,
            },
        )
        .await?;
        if verified {
            certificates::verify_certificate(txn, &system, created.id, VerificationStatus::Verified, None).await?;
        }
    }
    for label in &c.brand_labels {
        let image = store_optional(txn, store, producer.id, FilePurpose::LabelImage, label.image.as_deref()).await?;
        brand_labels::create_brand_label(
            txn,
            &system,
            NewBrandLabel {
                producer_id: producer.id,
                name: label.name.clone(),
                kind: label_kind(&label.kind)?,
                registration_number: label.registration_number.clone(),
                authority: label.authority.clone(),
                valid_from: None,
                valid_until: None,
                image_file_id: image,
                product_ids: ids_of(&label.product_names)?,
            },
        )
        .await?;
    }
    if verified {
        let note = Some("Dữ liệu mẫu: đối chiếu với nguồn công khai".to_owned());
        return producers::verify_producer(txn, &system, producer.id, VerificationStatus::Verified, note).await;
    }
    Ok(producer)
}
