//! `coopbridge seed --demo`: a demo data set built from public facts about
//! real cooperatives and their products (see `seed/demo.json`, each entry's
//! `source_note`). Every contact detail in it is invented: phones 0900000xxx,
//! emails @example.vn.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};
use serde::Deserialize;

use crate::accounts::{self, NewAccount};
use crate::authz::{Actor, Role};
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

/// A cooperative with its products, certificates and labels. The catalog
/// parts are read here so the file is checked whole; they are loaded once the
/// catalog tables exist.
#[derive(Debug, Deserialize)]
pub struct DemoCooperative {
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub province_code: i32,
    pub commune_code: i32,
    pub contact: DemoContact,
    pub products: Vec<serde_json::Value>,
    #[serde(default)]
    pub certificates: Vec<serde_json::Value>,
    #[serde(default)]
    pub brand_labels: Vec<serde_json::Value>,
}

pub fn demo_data() -> Result<DemoData> {
    serde_json::from_str(DEMO_JSON)
        .map_err(|e| Error::Internal(format!("demo data is invalid: {e}")))
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
    let mut add =
        async |name: &str, kind, province, email: &str, display: &str, role| -> Result<()> {
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
        add(
            &c.name,
            OrganizationKind::Cooperative,
            c.province_code,
            &c.contact.email,
            &c.contact.name,
            Role::CooperativeMember,
        )
        .await?;
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
    report
        .accounts
        .push((DEMO_ADMIN_EMAIL.to_owned(), Role::Admin));
    txn.commit().await?;
    Ok(report)
}
