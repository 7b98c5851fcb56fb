//! Purchase requests and offers: a buyer says what it needs; cooperatives
//! whose products match see it and offer.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use coopbridge_domain::entities::{purchase_offer, purchase_request};
use coopbridge_domain::linkage::offers::{self, NewOffer};
use coopbridge_domain::linkage::purchase_requests::{self as requests, NewPurchaseRequest};
use coopbridge_domain::linkage::schemes;
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::enums::{CertificationScheme, ProductCategory};
use crate::graphql::catalog::producers::Producer;
use crate::graphql::catalog::products::Product;
use crate::graphql::context::{actor, db, loaders, parse_id};
use crate::graphql::dataloader::load_object;
use crate::graphql::errors::QueryResultExt;
use crate::graphql::linkage::buyers::{BuyerCompany, load_buyer};
use crate::graphql::linkage::enums::{PurchaseFrequency, PurchaseRequestStatus};
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::payload::{payload, payload_type};
use crate::graphql::places::Province;

/// What a buyer wants to buy. Seen by the buyer's members, organizers,
/// admins, and members of cooperatives whose products match it.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct PurchaseRequest {
    pub id: ID,
    pub title: String,
    pub category: ProductCategory,
    /// The product wanted, in the buyer's words (e.g. "Gạo ST25").
    pub product_name: String,
    pub quantity: i64,
    /// Unit of `quantity` and of the target price, e.g. "kg", "tấn".
    pub unit: String,
    pub frequency: PurchaseFrequency,
    /// First day deliveries are wanted.
    pub window_start: Option<NaiveDate>,
    /// Last day; after it the request no longer shows to cooperatives.
    pub window_end: Option<NaiveDate>,
    /// Target price per unit, whole VND.
    pub target_price_vnd: Option<i64>,
    pub note: String,
    pub status: PurchaseRequestStatus,
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: purchase_request::Model,
}

impl From<purchase_request::Model> for PurchaseRequest {
    fn from(m: purchase_request::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            title: m.title.clone(),
            category: m.category.into(),
            product_name: m.product_name.clone(),
            quantity: m.quantity,
            unit: m.unit.clone(),
            frequency: m.frequency.into(),
            window_start: m.window_start,
            window_end: m.window_end,
            target_price_vnd: m.target_price_vnd,
            note: m.note.clone(),
            status: m.status.into(),
            created_at: m.created_at,
            model: m,
        }
    }
}

#[ComplexObject]
impl PurchaseRequest {
    /// Certifications the product must hold (current, covering it).
    async fn required_certifications(&self) -> Vec<CertificationScheme> {
        schemes::from_bits(self.model.required_schemes)
            .into_iter()
            .map(Into::into)
            .collect()
    }

    async fn delivery_province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.model.delivery_province_code)
    }

    async fn buyer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<BuyerCompany>> {
        load_buyer(ctx, self.model.buyer_id).await
    }

    /// Offers on it: all of them for the buyer, organizers and admins; a
    /// cooperative sees only its own.
    async fn offers(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PurchaseOffer>> {
        let rows = offers::offers_on_request(db(ctx), actor(ctx), &self.model)
            .await
            .or_query_error()?;
        Ok(rows.into_iter().map(PurchaseOffer::from).collect())
    }
}

/// A cooperative's answer to a purchase request.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct PurchaseOffer {
    pub id: ID,
    pub quantity: i64,
    /// Price per unit of the request, whole VND.
    pub price_vnd: Option<i64>,
    pub message: String,
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: purchase_offer::Model,
}

impl From<purchase_offer::Model> for PurchaseOffer {
    fn from(m: purchase_offer::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            quantity: m.quantity,
            price_vnd: m.price_vnd,
            message: m.message.clone(),
            created_at: m.created_at,
            model: m,
        }
    }
}

#[ComplexObject]
impl PurchaseOffer {
    async fn cooperative(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        load_object(&loaders(ctx).producers, self.model.cooperative_id).await
    }

    /// The product offered, if the cooperative named one.
    async fn product(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Product>> {
        load_object(&loaders(ctx).products, self.model.product_id).await
    }
}

#[derive(Default)]
pub struct PurchaseRequestQuery;

#[Object]
impl PurchaseRequestQuery {
    /// One purchase request, if the caller may see it (else `FORBIDDEN`).
    async fn purchase_request(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PurchaseRequest> {
        let id = parse_id("id", &id).or_query_error()?;
        Ok(requests::read_purchase_request(db(ctx), actor(ctx), id)
            .await
            .or_query_error()?
            .into())
    }

    /// A buyer company's purchase requests, newest first. Its members and admins.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn purchase_requests(
        &self,
        ctx: &Context<'_>,
        buyer_id: ID,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, PurchaseRequest>> {
        let id = parse_id("buyerId", &buyer_id).or_query_error()?;
        let page = page_request(first, after).or_query_error()?;
        let rows = requests::list_buyer_requests(db(ctx), actor(ctx), id, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |r| CursorKey::id(r.id), PurchaseRequest::from))
    }

    /// Open purchase requests that a cooperative's available products match
    /// (same category, current certificates of every required scheme), newest
    /// first. The cooperative's members and admins.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn matching_purchase_requests(
        &self,
        ctx: &Context<'_>,
        cooperative_id: ID,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, PurchaseRequest>> {
        let id = parse_id("cooperativeId", &cooperative_id).or_query_error()?;
        let page = page_request(first, after).or_query_error()?;
        let rows = requests::matching_purchase_requests(db(ctx), actor(ctx), id, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |r| CursorKey::id(r.id), PurchaseRequest::from))
    }
}

#[derive(InputObject)]
pub struct CreatePurchaseRequestInput {
    pub buyer_id: ID,
    /// Up to 200 characters.
    pub title: String,
    pub category: ProductCategory,
    pub product_name: Option<String>,
    /// Positive.
    pub quantity: i64,
    /// Up to 30 characters.
    pub unit: String,
    pub frequency: PurchaseFrequency,
    pub delivery_province_code: Option<i32>,
    pub window_start: Option<NaiveDate>,
    /// On or after `windowStart`.
    pub window_end: Option<NaiveDate>,
    #[graphql(default)]
    pub required_certifications: Vec<CertificationScheme>,
    /// Whole VND per unit; not negative.
    pub target_price_vnd: Option<i64>,
    /// Up to 2,000 characters.
    pub note: Option<String>,
}

#[derive(InputObject)]
pub struct MakeOfferInput {
    pub purchase_request_id: ID,
    /// The offering cooperative; the caller must be its member and it must match the request.
    pub cooperative_id: ID,
    /// One of its available products in the request's category.
    pub product_id: Option<ID>,
    /// Positive, in the request's unit.
    pub quantity: i64,
    /// Whole VND per unit.
    pub price_vnd: Option<i64>,
    /// Up to 4,000 characters.
    pub message: Option<String>,
}

payload_type! {
    /// Result of the purchase request mutations.
    PurchaseRequestPayload { purchase_request: PurchaseRequest }
}

payload_type! {
    /// Result of `makeOffer`.
    OfferPayload { offer: PurchaseOffer }
}

#[derive(Default)]
pub struct PurchaseRequestMutation;

#[Object]
impl PurchaseRequestMutation {
    /// Posts a purchase request for a buyer company. Its buyer members.
    async fn create_purchase_request(
        &self,
        ctx: &Context<'_>,
        input: CreatePurchaseRequestInput,
    ) -> async_graphql::Result<PurchaseRequestPayload> {
        payload(async {
            let new = NewPurchaseRequest {
                buyer_id: parse_id("buyerId", &input.buyer_id)?,
                title: input.title,
                category: input.category.into(),
                product_name: input.product_name,
                quantity: input.quantity,
                unit: input.unit,
                frequency: input.frequency.into(),
                delivery_province_code: input.delivery_province_code,
                window_start: input.window_start,
                window_end: input.window_end,
                required_schemes: input.required_certifications.into_iter().map(Into::into).collect(),
                target_price_vnd: input.target_price_vnd,
                note: input.note,
            };
            requests::create_purchase_request(db(ctx), actor(ctx), new).await
        })
        .await
    }

    /// Closes a purchase request: cooperatives no longer see it.
    async fn close_purchase_request(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PurchaseRequestPayload> {
        payload(async { requests::close_purchase_request(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }

    /// Offers on a purchase request for a matching cooperative; one offer per cooperative.
    async fn make_offer(&self, ctx: &Context<'_>, input: MakeOfferInput) -> async_graphql::Result<OfferPayload> {
        payload(async {
            let product_id = input
                .product_id
                .as_ref()
                .map(|id| parse_id("productId", id))
                .transpose()?;
            let new = NewOffer {
                purchase_request_id: parse_id("purchaseRequestId", &input.purchase_request_id)?,
                cooperative_id: parse_id("cooperativeId", &input.cooperative_id)?,
                product_id,
                quantity: input.quantity,
                price_vnd: input.price_vnd,
                message: input.message,
            };
            offers::make_offer(db(ctx), actor(ctx), new).await
        })
        .await
    }
}
