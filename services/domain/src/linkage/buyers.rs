//! Buyer company profiles and their contacts.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

use crate::audit;
use crate::authz::Actor;
use crate::catalog::validation as check;
use crate::entities::catalog_enums::ProductCategory;
use crate::entities::linkage_enums::BuyerKind;
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{buyer_contact, buyer_profile};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{Page, PageRequest, page_by_id};
use crate::places;
use sea_orm::Order;

pub const MAX_CONTACTS: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub zalo: Option<String>,
    /// The person agreed to be listed: required (as `true`) for a new
    /// contact or one whose details change; records who said so and when.
    pub consent: Option<bool>,
}

/// Profile fields. `None` leaves a field unchanged; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct BuyerFields {
    pub kind: Option<BuyerKind>,
    pub name: Option<String>,
    pub tax_code: Option<Option<String>>,
    pub province_code: Option<Option<i32>>,
    pub commune_code: Option<Option<i32>>,
    pub street: Option<String>,
    pub description: Option<String>,
    pub categories: Option<Vec<ProductCategory>>,
    pub purchase_volume: Option<String>,
    pub website: Option<Option<String>>,
    /// Replaces the contacts, in this order.
    pub contacts: Option<Vec<ContactInput>>,
}

pub fn categories_of(model: &buyer_profile::Model) -> Vec<ProductCategory> {
    model
        .categories
        .split(',')
        .filter_map(ProductCategory::from_code)
        .collect()
}

/// Checks the contacts that replace `stored`. A contact that is `stored`
/// unchanged (same name, role, phone, email and Zalo) keeps its consent
/// record, even a missing one (listed before consent was asked for); any
/// other needs `consent: true`, recorded as given by `actor` now.
fn check_contacts(
    v: &mut Validator,
    contacts: &[ContactInput],
    stored: &[buyer_contact::Model],
    actor: &Actor,
) -> Vec<buyer_contact::ActiveModel> {
    if contacts.len() > MAX_CONTACTS {
        v.push(
            "contacts",
            ErrorCode::OutOfRange,
            format!("at most {MAX_CONTACTS} contacts"),
        );
    }
    let mut rows = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        let field = |name: &str| format!("contacts[{i}].{name}");
        let name = v.check(check::required_text(&field("name"), &c.name, 120));
        let role = v.check(check::optional_text(
            &field("role"),
            c.role.as_deref().unwrap_or(""),
            120,
        ));
        let phone = v.check(c.phone.as_deref().map(|p| check::phone(&field("phone"), p)).transpose());
        let zalo = v.check(c.zalo.as_deref().map(|p| check::phone(&field("zalo"), p)).transpose());
        let email = v.check(
            c.email
                .as_deref()
                .map(|e| crate::accounts::normalize_email(&field("email"), e))
                .transpose(),
        );
        if let (Some(name), Some(role), Some(phone), Some(zalo), Some(email)) = (name, role, phone, zalo, email) {
            let role = role.unwrap_or_default();
            let same = stored
                .iter()
                .find(|s| (&s.name, &s.role, &s.phone, &s.email, &s.zalo) == (&name, &role, &phone, &email, &zalo));
            let (by, at) = match (c.consent, same) {
                (Some(true), _) => (actor.signed_in().map(|s| s.account_id), Some(Utc::now())),
                (_, Some(same)) => (same.consent_recorded_by, same.consent_recorded_at),
                (_, None) => {
                    v.push(
                        &field("consent"),
                        ErrorCode::Required,
                        "confirm that this person agreed to be listed",
                    );
                    continue;
                }
            };
            rows.push(buyer_contact::ActiveModel {
                position: Set(i as i32),
                name: Set(name),
                role: Set(role),
                phone: Set(phone),
                email: Set(email),
                zalo: Set(zalo),
                consent_recorded_by: Set(by),
                consent_recorded_at: Set(at),
                ..Default::default()
            });
        }
    }
    rows
}

/// Creates or updates a buyer company's profile and replaces its contacts,
/// in one transaction. The organization's name and province follow it.
pub async fn save_buyer_profile(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    buyer_id: i32,
    fields: BuyerFields,
) -> Result<buyer_profile::Model> {
    Ok(save_buyer_profile_from(db, actor, buyer_id, fields).await?.1)
}

/// [`save_buyer_profile`], also giving the province the company was in before.
pub async fn save_buyer_profile_from(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    buyer_id: i32,
    fields: BuyerFields,
) -> Result<(Option<i32>, buyer_profile::Model)> {
    // Judged on the stored province, and on the target one for a move: an
    // organizer moves a company only between provinces it covers.
    let org = Some(audit::authorize_edit_of(db, actor, buyer_id, "buyerId").await?)
        .filter(|o| o.kind == OrganizationKind::BuyerCompany)
        .ok_or_else(|| Error::field("buyerId", ErrorCode::NotFound, "no buyer company has this id"))?;
    if let Some(to) = fields.province_code {
        audit::authorize_move(actor, buyer_id, org.province_code, to)?;
    }
    let current = buyer_profile::Entity::find_by_id(buyer_id).one(db).await?;
    let before = match &current {
        Some(profile) => Some(snapshot_with_contacts(db, profile).await?),
        None => None,
    };
    let mut v = Validator::new();
    let now = Utc::now();
    let mut model: buyer_profile::ActiveModel = match &current {
        Some(c) => c.clone().into(),
        None => buyer_profile::ActiveModel {
            id: Set(buyer_id),
            street: Set(String::new()),
            description: Set(String::new()),
            categories: Set(String::new()),
            purchase_volume: Set(String::new()),
            province_code: Set(org.province_code),
            created_at: Set(now),
            ..Default::default()
        },
    };
    match (fields.kind, &current) {
        (Some(kind), _) => model.kind = Set(kind),
        (None, None) => v.push("kind", ErrorCode::Required, "choose the kind of business"),
        (None, Some(_)) => {}
    }
    let name = fields
        .name
        .as_deref()
        .and_then(|n| v.check(check::required_text("name", n, 200)));
    if let Some(value) = fields.tax_code
        && let Some(value) = v.check(value.map(|s| check::tax_code("taxCode", &s)).transpose())
    {
        model.tax_code = Set(value);
    }
    if let Some(street) = fields.street
        && let Some(street) = v.check(check::optional_text("street", &street, 300))
    {
        model.street = Set(street.unwrap_or_default());
    }
    if let Some(text) = fields.description
        && let Some(text) = v.check(check::long_text("description", &text, 5000))
    {
        model.description = Set(text);
    }
    if let Some(text) = fields.purchase_volume
        && let Some(text) = v.check(check::optional_text("purchaseVolume", &text, 300))
    {
        model.purchase_volume = Set(text.unwrap_or_default());
    }
    if let Some(categories) = fields.categories {
        let codes: Vec<String> = categories.iter().map(sea_orm::ActiveEnum::to_value).collect();
        model.categories = Set(codes.join(","));
    }
    if let Some(value) = fields.website
        && let Some(value) = v.check(value.map(|s| check::website("website", &s)).transpose())
    {
        model.website = Set(value);
    }
    let province = match fields.province_code {
        Some(p) => p,
        None => current.as_ref().map_or(org.province_code, |c| c.province_code),
    };
    let commune = match fields.commune_code {
        Some(c) => c,
        None => current.as_ref().and_then(|c| c.commune_code),
    };
    if let Some(code) = province
        && v.check(places::check_province(db, "provinceCode", code).await?)
            .is_some()
        && let Some(commune) = commune
    {
        v.check(places::check_commune_in_province(db, "communeCode", commune, code).await?);
    }
    if province.is_none() && commune.is_some() {
        v.push(
            "provinceCode",
            ErrorCode::Required,
            "choose the province of the commune",
        );
    }
    model.province_code = Set(province);
    model.commune_code = Set(commune);
    let contacts = match fields.contacts.as_deref() {
        Some(list) => {
            let stored = contacts_of_buyers(db, &[buyer_id]).await?;
            Some(check_contacts(&mut v, list, &stored, actor))
        }
        None => None,
    };
    v.finish()?;

    model.updated_at = Set(now);
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let saved = if current.is_some() {
        model.update(&txn).await?
    } else {
        model.insert(&txn).await?
    };
    if let Some(contacts) = contacts {
        buyer_contact::Entity::delete_many()
            .filter(buyer_contact::Column::BuyerId.eq(buyer_id))
            .exec(&txn)
            .await?;
        for mut row in contacts {
            row.buyer_id = Set(buyer_id);
            row.insert(&txn).await?;
        }
    }
    let mut update = organization::Entity::update_many()
        .col_expr(organization::Column::ProvinceCode, Expr::value(province))
        .col_expr(organization::Column::UpdatedAt, Expr::value(now));
    if let Some(name) = name {
        update = update.col_expr(organization::Column::Name, Expr::value(name));
    }
    update.filter(organization::Column::Id.eq(buyer_id)).exec(&txn).await?;
    if audit::is_outsider(actor, buyer_id) {
        let after = Some(snapshot_with_contacts(&txn, &saved).await?);
        audit::record(&txn, actor, buyer_id, "update_buyer_profile", before, after).await?;
    }
    txn.commit().await?;
    Ok((org.province_code, saved))
}

/// A profile and its contacts, for the audit record.
async fn snapshot_with_contacts(
    db: &impl ConnectionTrait,
    profile: &buyer_profile::Model,
) -> Result<serde_json::Value> {
    let contacts = contacts_of_buyers(db, &[profile.id]).await?;
    let mut value = audit::snapshot(profile);
    value["contacts"] = contacts.iter().map(audit::snapshot).collect();
    Ok(value)
}

pub async fn find_buyer_profile(db: &impl ConnectionTrait, id: i32) -> Result<Option<buyer_profile::Model>> {
    Ok(buyer_profile::Entity::find_by_id(id).one(db).await?)
}

pub async fn buyer_profiles_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<buyer_profile::Model>> {
    Ok(buyer_profile::Entity::find()
        .filter(buyer_profile::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// Contacts of many buyers at once, in each buyer's order.
pub async fn contacts_of_buyers(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<buyer_contact::Model>> {
    Ok(buyer_contact::Entity::find()
        .filter(buyer_contact::Column::BuyerId.is_in(ids.iter().copied()))
        .order_by_asc(buyer_contact::Column::BuyerId)
        .order_by_asc(buyer_contact::Column::Position)
        .all(db)
        .await?)
}

/// Buyer companies with a profile, oldest first; optionally only those buying `category`.
pub async fn list_buyers(
    db: &impl ConnectionTrait,
    category: Option<ProductCategory>,
    province_code: Option<i32>,
    page: PageRequest,
) -> Result<Page<buyer_profile::Model>> {
    let mut query = buyer_profile::Entity::find();
    if let Some(category) = category {
        let code: String = sea_orm::ActiveEnum::to_value(&category);
        query = query.filter(buyer_profile::Column::Categories.like(format!("%{code}%")));
    }
    if let Some(code) = province_code {
        query = query.filter(buyer_profile::Column::ProvinceCode.eq(code));
    }
    page_by_id(db, query, buyer_profile::Column::Id, Order::Asc, &page).await
}
