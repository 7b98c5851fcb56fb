//! `coopbridge seed --demo`: a demo data set built from public facts about
//! real cooperatives and their products (see `demo.json`, each entry's
//! `source_note`). Every contact detail in it is invented: phones 0900000xxx,
//! emails @example.vn.

use coopbridge_storage::BlobStore;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};
use serde::Deserialize;

use coopbridge_domain::accounts::{self, NewAccount};
use coopbridge_domain::authz::{Actor, Role};
use coopbridge_domain::entities::organization::{self, OrganizationKind};
use coopbridge_domain::error::{Error, Result};
use coopbridge_domain::organizations::{self, NewOrganization};

mod cooperative;
pub mod synthetic;
mod synthetic_activity;
mod synthetic_inquiries;
pub mod synthetic_people;

/// Inserts `rows` a thousand at a time: one statement per chunk, and below
/// the bound-parameter limits of SQLite and PostgreSQL.
pub(crate) async fn insert_chunked<A>(db: &impl ConnectionTrait, rows: &[A]) -> Result<()>
where
    A: sea_orm::ActiveModelTrait + Clone + Send,
{
    for chunk in rows.chunks(1000) {
        A::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

const DEMO_JSON: &str = include_str!("../demo.json");

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
    /// Paths under `seed/files/` (drawn illustrations, marked as samples).
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub photos: Vec<String>,
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
    #[serde(default)]
    pub image: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DemoCertificate {
    pub scheme: String,
    #[serde(default)]
    pub organic_standard: Option<String>,
    pub ocop_stars: Option<i32>,
    pub number: String,
    pub issuer: String,
    pub issued_on: chrono::NaiveDate,
    pub expires_on: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub product_names: Vec<String>,
    /// A drawn "TÀI LIỆU MẪU" page, never a real certificate scan.
    #[serde(default)]
    pub evidence: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DemoLabel {
    pub name: String,
    pub kind: String,
    pub registration_number: Option<String>,
    pub authority: Option<String>,
    #[serde(default)]
    pub product_names: Vec<String>,
    #[serde(default)]
    pub image: Option<String>,
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
/// Pictures and evidence documents go to `store` (the bytes are drawn samples).
pub async fn seed_demo(db: &(impl ConnectionTrait + TransactionTrait), store: &dyn BlobStore) -> Result<SeedReport> {
    let data = demo_data()?;
    let _turn = coopbridge_domain::database::write_turn(db).await;
    let txn = db.begin_with_options(coopbridge_domain::database::WRITE).await?;
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
        let producer = cooperative::seed_cooperative(&txn, store, c).await?;
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
