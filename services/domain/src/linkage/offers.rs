//! Offers: a matching cooperative answers a purchase request.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::purchase_requests::{self, actor_matches};
use crate::authz::{Action, Actor};
use crate::catalog::validation as check;
use crate::entities::{product, purchase_offer, purchase_request};
use crate::error::{ErrorCode, Result, ResultExt, Validator};

#[derive(Debug, Clone)]
pub struct NewOffer {
    pub purchase_request_id: i32,
    pub cooperative_id: i32,
    pub product_id: Option<i32>,
    pub quantity: i64,
    pub price_vnd: Option<i64>,
    pub message: Option<String>,
}

pub async fn make_offer(db: &impl ConnectionTrait, actor: &Actor, input: NewOffer) -> Result<purchase_offer::Model> {
    let request = purchase_requests::find(db, input.purchase_request_id).await?;
    let coverage = purchase_requests::product_coverage(db, input.cooperative_id).await?;
    let open = actor_matches(db, actor, &request).await?;
    let matching = open && purchase_requests::is_matched_by(&request, &coverage);
    actor.authorize(Action::MakeOffer {
        cooperative_id: input.cooperative_id,
        matching,
    })?;
    let mut v = Validator::new();
    if input.quantity <= 0 {
        v.push("quantity", ErrorCode::OutOfRange, "the quantity must be positive");
    }
    if let Some(price) = input.price_vnd {
        v.check(check::non_negative("priceVnd", price));
    }
    let message = v.check(check::long_text(
        "message",
        input.message.as_deref().unwrap_or(""),
        super::MAX_MESSAGE_CHARS,
    ));
    if let Some(id) = input.product_id {
        check_offered_product(db, &mut v, id, input.cooperative_id, &request).await?;
    }
    v.finish()?;
    purchase_offer::ActiveModel {
        purchase_request_id: Set(request.id),
        cooperative_id: Set(input.cooperative_id),
        product_id: Set(input.product_id),
        quantity: Set(input.quantity),
        price_vnd: Set(input.price_vnd),
        message: Set(message.unwrap_or_default()),
        created_by: Set(actor.signed_in().map(|s| s.account_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .on_unique_violation("purchaseRequestId", "this cooperative already offered on this request")
}

async fn check_offered_product(
    db: &impl ConnectionTrait,
    v: &mut Validator,
    id: i32,
    cooperative_id: i32,
    request: &purchase_request::Model,
) -> Result<()> {
    match product::Entity::find_by_id(id).one(db).await? {
        None => v.push("productId", ErrorCode::NotFound, "no product has this id"),
        Some(p) if p.producer_id != cooperative_id => v.push(
            "productId",
            ErrorCode::Forbidden,
            "this product belongs to another cooperative",
        ),
        Some(p) if p.archived_at.is_some() || !p.available => v.push(
            "productId",
            ErrorCode::InvalidState,
            "this product is archived or not available",
        ),
        Some(p) if p.category != request.category => v.push(
            "productId",
            ErrorCode::InvalidFormat,
            "this product is not in the request's category",
        ),
        Some(_) => {}
    }
    Ok(())
}

/// Offers on a request: all of them for the buyer (and organizers, admins);
/// only its own for a cooperative.
pub async fn offers_on_request(
    db: &impl ConnectionTrait,
    actor: &Actor,
    request: &purchase_request::Model,
) -> Result<Vec<purchase_offer::Model>> {
    let mut condition = Condition::all().add(purchase_offer::Column::PurchaseRequestId.eq(request.id));
    let sees_all = actor
        .authorize(Action::ReadInbox {
            organization_id: request.buyer_id,
        })
        .is_ok()
        || actor
            .authorize(Action::ReadPurchaseRequest {
                buyer_id: request.buyer_id,
                matching: false,
            })
            .is_ok();
    if !sees_all {
        let own = actor
            .signed_in()
            .map(|s| s.organization_ids().collect::<Vec<_>>())
            .unwrap_or_default();
        condition = condition.add(purchase_offer::Column::CooperativeId.is_in(own));
    }
    Ok(purchase_offer::Entity::find()
        .filter(condition)
        .order_by_asc(purchase_offer::Column::Id)
        .all(db)
        .await?)
}
