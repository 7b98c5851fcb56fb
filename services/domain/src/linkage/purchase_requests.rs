//! Purchase requests, and which cooperatives they match: a cooperative
//! matches when one of its available, non-archived products is in the
//! request's category and is covered by a current certificate of every
//! required scheme.

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::schemes;
use crate::authz::{Action, Actor};
use crate::catalog::certificates::{certificate_links, certificates_of_producers, is_current, today};
use crate::catalog::coverage::covers;
use crate::catalog::validation as check;
use crate::entities::catalog_enums::{CertificationScheme, ProductCategory};
use crate::entities::linkage_enums::{PurchaseFrequency, PurchaseRequestStatus};
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{product, purchase_request};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{Page, PageRequest, page_by_id};
use crate::places;
use sea_orm::Order;

#[derive(Debug, Clone)]
pub struct NewPurchaseRequest {
    pub buyer_id: i32,
    pub title: String,
    pub category: ProductCategory,
    pub product_name: Option<String>,
    pub quantity: i64,
    pub unit: String,
    pub frequency: PurchaseFrequency,
    pub delivery_province_code: Option<i32>,
    pub window_start: Option<NaiveDate>,
    pub window_end: Option<NaiveDate>,
    pub required_schemes: Vec<CertificationScheme>,
    pub target_price_vnd: Option<i64>,
    pub note: Option<String>,
}

pub async fn create_purchase_request(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: NewPurchaseRequest,
) -> Result<purchase_request::Model> {
    actor.authorize(Action::ManagePurchaseRequests {
        buyer_id: input.buyer_id,
    })?;
    let mut v = Validator::new();
    let title = v.check(check::required_text("title", &input.title, 200));
    let product_name = v.check(check::optional_text(
        "productName",
        input.product_name.as_deref().unwrap_or(""),
        200,
    ));
    if input.quantity <= 0 {
        v.push("quantity", ErrorCode::OutOfRange, "the quantity must be positive");
    }
    let unit = v.check(check::required_text("unit", &input.unit, 30));
    if let Some(code) = input.delivery_province_code {
        v.check(places::check_province(db, "deliveryProvinceCode", code).await?);
    }
    if let (Some(start), Some(end)) = (input.window_start, input.window_end)
        && end < start
    {
        v.push(
            "windowEnd",
            ErrorCode::OutOfRange,
            "the window must end on or after its start",
        );
    }
    if let Some(price) = input.target_price_vnd {
        v.check(check::non_negative("targetPriceVnd", price));
    }
    let note = v.check(check::long_text("note", input.note.as_deref().unwrap_or(""), 2000));
    v.finish()?;
    let now = Utc::now();
    Ok(purchase_request::ActiveModel {
        buyer_id: Set(input.buyer_id),
        title: Set(title.unwrap_or_default()),
        category: Set(input.category),
        product_name: Set(product_name.flatten().unwrap_or_default()),
        quantity: Set(input.quantity),
        unit: Set(unit.unwrap_or_default()),
        frequency: Set(input.frequency),
        delivery_province_code: Set(input.delivery_province_code),
        window_start: Set(input.window_start),
        window_end: Set(input.window_end),
        required_schemes: Set(schemes::to_bits(&input.required_schemes)),
        target_price_vnd: Set(input.target_price_vnd),
        note: Set(note.unwrap_or_default()),
        status: Set(PurchaseRequestStatus::Open),
        created_by: Set(actor.signed_in().map(|s| s.account_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn close_purchase_request(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<purchase_request::Model> {
    let current = find(db, id).await?;
    actor.authorize(Action::ManagePurchaseRequests {
        buyer_id: current.buyer_id,
    })?;
    let mut model: purchase_request::ActiveModel = current.into();
    model.status = Set(PurchaseRequestStatus::Closed);
    model.updated_at = Set(Utc::now());
    Ok(model.update(db).await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<purchase_request::Model> {
    purchase_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound {
            entity: "purchase request",
        })
}

/// The (category, held schemes) pairs of a cooperative's available products.
pub async fn product_coverage(
    db: &impl ConnectionTrait,
    cooperative_id: i32,
) -> Result<HashSet<(ProductCategory, i32)>> {
    let products = product::Entity::find()
        .filter(product::Column::ProducerId.eq(cooperative_id))
        .filter(product::Column::Available.eq(true))
        .filter(product::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    if products.is_empty() {
        return Ok(HashSet::new());
    }
    let on = today();
    let certificates: Vec<_> = certificates_of_producers(db, &[cooperative_id])
        .await?
        .into_iter()
        .filter(|c| is_current(c, on))
        .collect();
    let ids: Vec<i32> = certificates.iter().map(|c| c.id).collect();
    let links = if ids.is_empty() {
        vec![]
    } else {
        certificate_links(db, Some(ids.as_slice()), None).await?
    };
    Ok(products
        .iter()
        .map(|p| {
            let held = certificates
                .iter()
                .filter(|c| covers(c, p.id, &links))
                .fold(0, |bits, c| bits | schemes::bit(c.scheme));
            (p.category, held)
        })
        .collect())
}

fn open_condition() -> Condition {
    Condition::all()
        .add(purchase_request::Column::Status.eq(PurchaseRequestStatus::Open))
        .add(
            Condition::any()
                .add(purchase_request::Column::WindowEnd.is_null())
                .add(purchase_request::Column::WindowEnd.gte(today())),
        )
}

/// SQL condition: the request is matched by a product with this coverage.
fn coverage_condition(coverage: &HashSet<(ProductCategory, i32)>) -> Condition {
    coverage.iter().fold(Condition::any(), |any, (category, held)| {
        let missing = schemes::all_bits() & !held;
        any.add(
            Condition::all()
                .add(purchase_request::Column::Category.eq(*category))
                .add(
                    Expr::col((purchase_request::Entity, purchase_request::Column::RequiredSchemes))
                        .bit_and(missing)
                        .eq(0),
                ),
        )
    })
}

pub fn is_matched_by(request: &purchase_request::Model, coverage: &HashSet<(ProductCategory, i32)>) -> bool {
    coverage
        .iter()
        .any(|(category, held)| *category == request.category && request.required_schemes & !held == 0)
}

/// Whether any of the actor's cooperatives matches the request (and the request is open).
pub async fn actor_matches(
    db: &impl ConnectionTrait,
    actor: &Actor,
    request: &purchase_request::Model,
) -> Result<bool> {
    let Some(account) = actor.signed_in() else {
        return Ok(false);
    };
    if request.status != PurchaseRequestStatus::Open || request.window_end.is_some_and(|d| d < today()) {
        return Ok(false);
    }
    for id in account.organization_ids() {
        if is_matched_by(request, &product_coverage(db, id).await?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A purchase request the actor may read.
pub async fn read_purchase_request(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<purchase_request::Model> {
    let request = find(db, id).await?;
    let matching = actor_matches(db, actor, &request).await?;
    actor.authorize(Action::ReadPurchaseRequest {
        buyer_id: request.buyer_id,
        matching,
    })?;
    Ok(request)
}

/// A buyer's own purchase requests, newest first.
pub async fn list_buyer_requests(
    db: &impl ConnectionTrait,
    actor: &Actor,
    buyer_id: i32,
    page: PageRequest,
) -> Result<Page<purchase_request::Model>> {
    actor.authorize(Action::ReadInbox {
        organization_id: buyer_id,
    })?;
    let query = purchase_request::Entity::find().filter(purchase_request::Column::BuyerId.eq(buyer_id));
    page_by_id(db, query, purchase_request::Column::Id, Order::Desc, &page).await
}

/// Open purchase requests a cooperative's products match, newest first.
pub async fn matching_purchase_requests(
    db: &impl ConnectionTrait,
    actor: &Actor,
    cooperative_id: i32,
    page: PageRequest,
) -> Result<Page<purchase_request::Model>> {
    actor.authorize(Action::ReadInbox {
        organization_id: cooperative_id,
    })?;
    let is_cooperative = organization::Entity::find_by_id(cooperative_id)
        .one(db)
        .await?
        .is_some_and(|o| o.kind == OrganizationKind::Cooperative);
    if !is_cooperative {
        return Err(Error::field(
            "cooperativeId",
            ErrorCode::NotFound,
            "no cooperative has this id",
        ));
    }
    let coverage = product_coverage(db, cooperative_id).await?;
    if coverage.is_empty() {
        return Ok(Page::from_rows(vec![], &page));
    }
    let query = purchase_request::Entity::find().filter(open_condition().add(coverage_condition(&coverage)));
    page_by_id(db, query, purchase_request::Column::Id, Order::Desc, &page).await
}
