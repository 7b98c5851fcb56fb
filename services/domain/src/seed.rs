//! `coopbridge seed --demo`: a demo data set built from public facts about
//! real cooperatives and their products (see `seed/demo.json`, each entry's
//! `source_note`). Every contact detail in it is invented: phones 0900000xxx,
//! emails @example.vn.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};
use serde::Deserialize;

use crate::accounts::{self, NewAccount};
use crate::authz::{Actor, Role};
use crate::catalog::brand_labels::{self, NewBrandLabel};
use crate::catalog::certificates::{self, NewCertificate};
use crate::catalog::producers::{self, ProducerFields};
use crate::catalog::products::{self, ProductFields};
use crate::entities::catalog_enums::{
    BrandLabelKind, CertificationScheme, ProducerKind, ProductCategory, VerificationStatus,
};
use crate::entities::organization::{self, OrganizationKind};
use crate::error::{Error, Result};
use crate::organizations::{self, NewOrganization};

const DEMO_JSON: &str = include_str!("seed/demo.json");

/// Password of every demo account; printed by `seed --demo` and in the README.
pub const DEMO_PASSWORD: &str = "demo-coopbridge";
pub const DEMO_ADMIN_EMAIL: &str = "admin@example.vn";

#[derive(Debug, Deserialize)]
pub struct DemoData {
    pub organizers: Vec<DemoOrganizer>,
    pub buyers: Vec<DemoBuyer>,
    pub cooperatives: Vec<DemoCooperative>,
}

#[derive(Debug, Deserialize)]
pub struct DemoOrganizer {
    pub name: String,
    pub kind: String,
    pub province_code: i32,
    pub email: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoBuyer {
    pub name: String,
    pub kind: String,
    pub province_code: i32,
    pub commune_code: i32,
    pub tax_code: String,
    pub buys: String,
    pub contact: DemoContact,
}

#[derive(Debug, Deserialize)]
pub struct DemoContact {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    pub phone: String,
    pub email: String,
}

/// A cooperative with its products, certificates and brand labels.
#[derive(Debug, Deserialize)]
pub struct DemoCooperative {
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub province_code: i32,
    pub commune_code: i32,
    #[serde(default)]
    pub street: String,
    pub founded_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: String,
    #[serde(default)]
    pub main_sectors: Vec<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub contact: DemoContact,
    /// Where the facts come from.
    pub source_note: String,
    pub products: Vec<DemoProduct>,
    #[serde(default)]
    pub certificates: Vec<DemoCertificate>,
    #[serde(default)]
    pub brand_labels: Vec<DemoLabel>,
}

#[derive(Debug, Deserialize)]
pub struct DemoProduct {
    pub name: String,
    pub category: String,
    pub unit: String,
    pub price_min_vnd: Option<i64>,
    pub price_max_vnd: Option<i64>,
    pub min_order_qty: Option<i64>,
    pub monthly_capacity: Option<i64>,
    #[serde(default)]
    pub harvest_months: Vec<i32>,
    pub shelf_life_days: Option<i32>,
    #[serde(default)]
    pub packaging: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
pub struct DemoCertificate {
    pub scheme: String,
    pub ocop_stars: Option<i32>,
    pub number: String,
    pub issuer: String,
    pub issued_on: chrono::NaiveDate,
    pub expires_on: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub product_names: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct DemoLabel {
    pub name: String,
    pub kind: String,
    pub registration_number: Option<String>,
    pub authority: Option<String>,
    #[serde(default)]
    pub product_names: Vec<String>,
}

pub fn demo_data() -> Result<DemoData> {
    serde_json::from_str(DEMO_JSON).map_err(|e| Error::Internal(format!("demo data is invalid: {e}")))
}

/// What the demo seed created, for the operator.
#[derive(Debug, Default)]
pub struct SeedReport {
    pub organizations: usize,
    pub accounts: Vec<(String, Role)>,
    pub already_seeded: bool,
}

/// Loads the demo data set in one transaction. Running it again does nothing.
pub async fn seed_demo(db: &(impl ConnectionTrait + TransactionTrait)) -> Result<SeedReport> {
    let data = demo_data()?;
    let txn = db.begin().await?;
    let already = organization::Entity::find()
        .filter(organization::Column::Name.eq(data.cooperatives[0].name.clone()))
        .one(&txn)
        .await?
        .is_some();
    if already {
        return Ok(SeedReport {
            already_seeded: true,
            ..Default::default()
        });
    }
    let mut report = SeedReport::default();
    let system = Actor::System;
    let mut add = async |name: &str, kind, province, email: &str, display: &str, role| -> Result<()> {
        let org = organizations::create_organization(
            &txn,
            &system,
            NewOrganization {
                kind,
                name: name.to_owned(),
                province_code: Some(province),
            },
        )
        .await?;
        report.organizations += 1;
        accounts::create_account(
            &txn,
            &system,
            NewAccount {
                email: email.to_owned(),
                password: DEMO_PASSWORD.to_owned(),
                display_name: display.to_owned(),
                role,
                organization_ids: vec![org.id],
            },
        )
        .await?;
        report.accounts.push((email.to_owned(), role));
        Ok(())
    };
    for o in &data.organizers {
        add(
            &o.name,
            OrganizationKind::OrganizingBody,
            o.province_code,
            &o.email,
            &o.name,
            Role::Organizer,
        )
        .await?;
    }
    for b in &data.buyers {
        add(
            &b.name,
            OrganizationKind::BuyerCompany,
            b.province_code,
            &b.contact.email,
            &b.contact.name,
            Role::Buyer,
        )
        .await?;
    }
    for c in &data.cooperatives {
        let producer = seed_cooperative(&txn, c).await?;
        report.organizations += 1;
        accounts::create_account(
            &txn,
            &system,
            NewAccount {
                email: c.contact.email.clone(),
                password: DEMO_PASSWORD.to_owned(),
                display_name: c.contact.name.clone(),
                role: Role::CooperativeMember,
                organization_ids: vec![producer.id],
            },
        )
        .await?;
        report.accounts.push((c.contact.email.clone(), Role::CooperativeMember));
    }
    accounts::create_account(
        &txn,
        &system,
        NewAccount {
            email: DEMO_ADMIN_EMAIL.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
            display_name: "Quản trị viên (demo)".to_owned(),
            role: Role::Admin,
            organization_ids: vec![],
        },
    )
    .await?;
    report.accounts.push((DEMO_ADMIN_EMAIL.to_owned(), Role::Admin));
    txn.commit().await?;
    Ok(report)
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
async fn seed_cooperative(
    txn: &(impl ConnectionTrait + TransactionTrait),
    c: &DemoCooperative,
) -> Result<crate::entities::producer::Model> {
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
        ..Default::default()
    };
    let producer = producers::create_producer(txn, &system, fields).await?;
    let mut product_ids = std::collections::HashMap::new();
    for p in &c.products {
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
            image_file_ids: None,
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
        let created = certificates::create_certificate(
            txn,
            &system,
            NewCertificate {
                producer_id: producer.id,
                scheme: scheme(&cert.scheme)?,
                organic_standard: None,
                ocop_stars: cert.ocop_stars,
                certificate_number: cert.number.clone(),
                issuer: cert.issuer.clone(),
                issued_on: cert.issued_on,
                expires_on: cert.expires_on,
                product_ids: ids_of(&cert.product_names)?,
                evidence_file_id: None,
            },
        )
        .await?;
        if verified {
            certificates::verify_certificate(txn, &system, created.id, VerificationStatus::Verified).await?;
        }
    }
    for label in &c.brand_labels {
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
                image_file_id: None,
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
