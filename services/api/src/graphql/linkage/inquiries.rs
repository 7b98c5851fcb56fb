//! Inquiries: a buyer asks a cooperative; they talk in a thread; the
//! cooperative accepts or declines. Only the two parties (and admins) read it.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::entities::{inquiry, inquiry_message};
use coopbridge_domain::linkage::inquiries::{self, NewInquiry};
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::producers::Producer;
use crate::graphql::catalog::products::Product;
use crate::graphql::context::{actor, db, loaders, parse_id, settings};
use crate::graphql::dataloader::load_object;
use crate::graphql::errors::QueryResultExt;
use crate::graphql::linkage::buyers::{BuyerCompany, load_buyer};
use crate::graphql::linkage::enums::InquiryStatus;
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::payload::{payload, payload_type};

/// A buyer's question to a cooperative about a product or a purchase request.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Inquiry {
    pub id: ID,
    pub subject: String,
    pub status: InquiryStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the cooperative first answered (message, acceptance or refusal).
    pub first_replied_at: Option<DateTime<Utc>>,
    /// The buyer's purchase request it is about, if any.
    pub purchase_request_id: Option<ID>,
    #[graphql(skip)]
    pub model: inquiry::Model,
}

impl From<inquiry::Model> for Inquiry {
    fn from(m: inquiry::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            subject: m.subject.clone(),
            status: m.status.into(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            first_replied_at: m.first_replied_at,
            purchase_request_id: m.purchase_request_id.map(|id| ID(id.to_string())),
            model: m,
        }
    }
}

/// One message of an inquiry's thread.
#[derive(SimpleObject, Clone)]
pub struct InquiryMessage {
    pub id: ID,
    /// The organization that wrote it (the buyer company or the cooperative).
    pub author_organization_id: ID,
    /// True when the cooperative wrote it.
    pub from_cooperative: bool,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A status change: who moved the inquiry, when, from what to what.
#[derive(SimpleObject, Clone)]
pub struct InquiryStatusChange {
    /// Null for the row recording the inquiry's creation.
    pub from_status: Option<InquiryStatus>,
    pub to_status: InquiryStatus,
    /// The account that made the change.
    pub changed_by_account_id: Option<ID>,
    pub changed_at: DateTime<Utc>,
}

fn message(m: inquiry_message::Model, cooperative_id: i32) -> InquiryMessage {
    InquiryMessage {
        id: ID(m.id.to_string()),
        author_organization_id: ID(m.author_organization_id.to_string()),
        from_cooperative: m.author_organization_id == cooperative_id,
        body: m.body,
        created_at: m.created_at,
    }
}

#[ComplexObject]
impl Inquiry {
    async fn buyer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<BuyerCompany>> {
        load_buyer(ctx, self.model.buyer_id).await
    }

    async fn cooperative(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        load_object(&loaders(ctx).producers, self.model.cooperative_id).await
    }

    /// The product it is about, if any.
    async fn product(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Product>> {
        load_object(&loaders(ctx).products, self.model.product_id).await
    }

    /// The thread, oldest first; the first message is the buyer's question.
    async fn messages(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<InquiryMessage>> {
        let rows = loaders(ctx).messages.load_one(self.model.id).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(|m| message(m, self.model.cooperative_id))
            .collect())
    }

    /// Every status change, oldest first, starting with its creation.
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<InquiryStatusChange>> {
        let rows = loaders(ctx).history.load_one(self.model.id).await?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(|c| InquiryStatusChange {
                from_status: c.from_status.map(Into::into),
                to_status: c.to_status.into(),
                changed_by_account_id: c.changed_by.map(|id| ID(id.to_string())),
                changed_at: c.changed_at,
            })
            .collect())
    }
}

#[derive(Default)]
pub struct InquiryQuery;

#[Object]
impl InquiryQuery {
    /// One inquiry: its two parties' members and admins (else `FORBIDDEN`).
    async fn inquiry(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Inquiry> {
        let id = parse_id("id", &id).or_query_error()?;
        Ok(inquiries::read_inquiry(db(ctx), actor(ctx), id)
            .await
            .or_query_error()?
            .into())
    }

    /// An organization's inquiries, newest first: those a buyer company sent,
    /// or a cooperative's inbox. Its members and admins.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn inquiries(
        &self,
        ctx: &Context<'_>,
        organization_id: ID,
        status: Option<InquiryStatus>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Inquiry>> {
        let id = parse_id("organizationId", &organization_id).or_query_error()?;
        let page = page_request(first, after).or_query_error()?;
        let rows = inquiries::list_inquiries(db(ctx), actor(ctx), id, status.map(Into::into), page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |i| CursorKey::id(i.id), Inquiry::from))
    }
}

#[derive(InputObject)]
pub struct SendInquiryInput {
    /// The buyer company asking; the caller must be its member.
    pub buyer_id: ID,
    /// The cooperative asked; may be left out when `productId` is given.
    pub cooperative_id: Option<ID>,
    /// A product of the cooperative that is not archived.
    pub product_id: Option<ID>,
    /// One of the buyer's own purchase requests.
    pub purchase_request_id: Option<ID>,
    /// Up to 200 characters.
    pub subject: String,
    /// The question; 1 to 4,000 characters.
    pub message: String,
}

payload_type! {
    /// Result of the inquiry mutations.
    InquiryPayload { inquiry: Inquiry }
}

#[derive(Default)]
pub struct InquiryMutation;

#[Object]
impl InquiryMutation {
    /// Sends an inquiry with its first message. Buyer members only; limited
    /// per account per hour (`RATE_LIMITED`).
    async fn send_inquiry(&self, ctx: &Context<'_>, input: SendInquiryInput) -> async_graphql::Result<InquiryPayload> {
        payload(async {
            let account = actor(ctx).require_account()?;
            let optional = |field: &str, id: &Option<ID>| id.as_ref().map(|id| parse_id(field, id)).transpose();
            let new = NewInquiry {
                buyer_id: parse_id("buyerId", &input.buyer_id)?,
                cooperative_id: optional("cooperativeId", &input.cooperative_id)?,
                product_id: optional("productId", &input.product_id)?,
                purchase_request_id: optional("purchaseRequestId", &input.purchase_request_id)?,
                subject: input.subject,
                message: input.message,
            };
            settings(ctx).rate_limits.check_inquiry(account.account_id).await?;
            inquiries::send_inquiry(db(ctx), actor(ctx), new).await
        })
        .await
    }

    /// Adds a message to an inquiry's thread (1 to 4,000 characters). Its
    /// parties' members; not once declined or closed.
    async fn reply_to_inquiry(
        &self,
        ctx: &Context<'_>,
        inquiry_id: ID,
        body: String,
    ) -> async_graphql::Result<InquiryPayload> {
        payload(async {
            let id = parse_id("inquiryId", &inquiry_id)?;
            inquiries::post_message(db(ctx), actor(ctx), id, &body).await?;
            inquiries::find(db(ctx), id).await
        })
        .await
    }

    /// Moves an inquiry on: the cooperative accepts (`IN_DISCUSSION`) or
    /// declines (`DECLINED`); either side marks it `AGREED` or `CLOSED`.
    /// A change its current status does not allow fails with `INVALID_STATE`.
    async fn change_inquiry_status(
        &self,
        ctx: &Context<'_>,
        inquiry_id: ID,
        status: InquiryStatus,
    ) -> async_graphql::Result<InquiryPayload> {
        payload(async {
            let id = parse_id("inquiryId", &inquiry_id)?;
            inquiries::change_status(db(ctx), actor(ctx), id, status.into()).await
        })
        .await
    }
}
