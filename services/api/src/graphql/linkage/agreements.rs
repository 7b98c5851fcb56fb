//! Linkage agreements (hợp đồng liên kết tiêu thụ) and the KPI organizers report.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use coopbridge_domain::entities::linkage_agreement;
use coopbridge_domain::linkage::agreements::{self, LinkageKpi as DomainKpi, NewAgreement, TARGET_PERCENT};
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::producers::Producer;
use crate::graphql::catalog::products::Product;
use crate::graphql::context::{actor, db, loaders, parse_id};
use crate::graphql::dataloader::load_object;
use crate::graphql::errors::QueryResultExt;
use crate::graphql::linkage::buyers::{BuyerCompany, load_buyer};
use crate::graphql::linkage::enums::AgreementStatus;
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::payload::{payload, payload_type};
use crate::graphql::places::Province;

/// An agreement between a buyer company and a cooperative to trade.
/// Seen by both parties' members, organizers of the cooperative's province and admins.
/// Recorded by one side it is `PROPOSED`; it counts only once the other side
/// (or an organizer covering the cooperative's province) confirmed it.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct LinkageAgreement {
    pub id: ID,
    /// The inquiry that led to it, if any.
    pub inquiry_id: Option<ID>,
    /// Volume in the parties' words, e.g. "20 tấn/vụ".
    pub volume: String,
    pub price_terms: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: AgreementStatus,
    pub created_at: DateTime<Utc>,
    /// True once the other party (or a covering organizer) confirmed it;
    /// unconfirmed agreements count in no KPI.
    pub confirmed: bool,
    /// When it was confirmed; null until then.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The party (buyer company or cooperative) whose member recorded it;
    /// null when an organizer recorded it or it predates confirmations.
    /// The other party confirms it.
    pub proposed_by_organization_id: Option<ID>,
    #[graphql(skip)]
    pub model: linkage_agreement::Model,
}

impl From<linkage_agreement::Model> for LinkageAgreement {
    fn from(m: linkage_agreement::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            inquiry_id: m.inquiry_id.map(|id| ID(id.to_string())),
            volume: m.volume.clone(),
            price_terms: m.price_terms.clone(),
            starts_on: m.starts_on,
            ends_on: m.ends_on,
            status: m.status.into(),
            created_at: m.created_at,
            confirmed: m.confirmed_at.is_some(),
            confirmed_at: m.confirmed_at,
            proposed_by_organization_id: m.proposed_by_organization_id.map(|id| ID(id.to_string())),
            model: m,
        }
    }
}

#[ComplexObject]
impl LinkageAgreement {
    async fn buyer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<BuyerCompany>> {
        load_buyer(ctx, self.model.buyer_id).await
    }

    async fn cooperative(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        load_object(&loaders(ctx).producers, self.model.cooperative_id).await
    }

    /// The cooperative's products it covers.
    async fn products(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Product>> {
        let ids = loaders(ctx)
            .agreement_products
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        let products = loaders(ctx).products.load_many(ids.iter().copied()).await?;
        let mut models: Vec<_> = products.into_values().collect();
        models.sort_by_key(|p| p.id);
        Ok(models.into_iter().map(Product::from).collect())
    }
}

/// How many agricultural cooperatives (HTX) of a province had a linkage
/// agreement in force during a period. Target: 50%.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct LinkageKpi {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// HTX of the province that are not archived.
    pub cooperatives: u64,
    /// Of those, how many had a confirmed, active (or since ended) agreement
    /// overlapping the period. Proposed (unconfirmed) agreements do not count.
    pub with_agreement: u64,
    /// `withAgreement / cooperatives` in percent, one decimal; 0 without cooperatives.
    pub share_percent: f64,
    /// The national target, 50.
    pub target_percent: f64,
    pub meets_target: bool,
    #[graphql(skip)]
    pub province_code: i32,
}

impl From<DomainKpi> for LinkageKpi {
    fn from(k: DomainKpi) -> Self {
        let share = k.share_percent();
        Self {
            from: k.from,
            to: k.to,
            cooperatives: k.cooperatives,
            with_agreement: k.with_agreement,
            share_percent: share,
            target_percent: TARGET_PERCENT,
            meets_target: k.cooperatives > 0 && share >= TARGET_PERCENT,
            province_code: k.province_code,
        }
    }
}

#[ComplexObject]
impl LinkageKpi {
    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.province_code)
    }
}

#[derive(Default)]
pub struct AgreementQuery;

#[Object]
impl AgreementQuery {
    /// One agreement, if the caller may see it (else `FORBIDDEN`).
    async fn linkage_agreement(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<LinkageAgreement> {
        let id = parse_id("id", &id).or_query_error()?;
        Ok(agreements::read_agreement(db(ctx), actor(ctx), id)
            .await
            .or_query_error()?
            .into())
    }

    /// An organization's agreements, newest first. Its members and admins.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn linkage_agreements(
        &self,
        ctx: &Context<'_>,
        organization_id: ID,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, LinkageAgreement>> {
        let id = parse_id("organizationId", &organization_id).or_query_error()?;
        let page = page_request(first, after).or_query_error()?;
        let rows = agreements::list_agreements(db(ctx), actor(ctx), id, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |a| CursorKey::id(a.id), LinkageAgreement::from))
    }

    /// The linkage KPI of a province over `from..=to` (dates included).
    /// Organizers of that province (or of a national body) and admins.
    async fn linkage_kpi(
        &self,
        ctx: &Context<'_>,
        province_code: i32,
        from: NaiveDate,
        to: NaiveDate,
    ) -> async_graphql::Result<LinkageKpi> {
        Ok(agreements::linkage_kpi(db(ctx), actor(ctx), province_code, from, to)
            .await
            .or_query_error()?
            .into())
    }
}

#[derive(InputObject)]
pub struct CreateAgreementInput {
    pub buyer_id: ID,
    pub cooperative_id: ID,
    /// The inquiry between the two that led to it.
    pub inquiry_id: Option<ID>,
    /// Products of the cooperative it covers.
    #[graphql(default)]
    pub product_ids: Vec<ID>,
    /// Up to 300 characters, e.g. "20 tấn/vụ".
    pub volume: String,
    /// Up to 2,000 characters.
    pub price_terms: String,
    pub starts_on: NaiveDate,
    /// On or after `startsOn`.
    pub ends_on: NaiveDate,
    /// `PROPOSED` (the default) or `DRAFT`. It becomes `ACTIVE` when the other
    /// party confirms it (`confirmLinkageAgreement`); other values are refused
    /// (`INVALID_STATE` on `status`).
    #[graphql(default_with = "AgreementStatus::Proposed")]
    pub status: AgreementStatus,
}

payload_type! {
    /// Result of the agreement mutations.
    AgreementPayload { agreement: LinkageAgreement }
}

#[derive(Default)]
pub struct AgreementMutation;

#[Object]
impl AgreementMutation {
    /// Records an agreement, `PROPOSED` until the other side confirms it.
    /// Either party's members, organizers of the cooperative's province, admins.
    async fn create_linkage_agreement(
        &self,
        ctx: &Context<'_>,
        input: CreateAgreementInput,
    ) -> async_graphql::Result<AgreementPayload> {
        payload(async {
            let new = NewAgreement {
                buyer_id: parse_id("buyerId", &input.buyer_id)?,
                cooperative_id: parse_id("cooperativeId", &input.cooperative_id)?,
                inquiry_id: input
                    .inquiry_id
                    .as_ref()
                    .map(|id| parse_id("inquiryId", id))
                    .transpose()?,
                product_ids: input
                    .product_ids
                    .iter()
                    .map(|id| parse_id("productIds", id))
                    .collect::<Result<_, _>>()?,
                volume: input.volume,
                price_terms: input.price_terms,
                starts_on: input.starts_on,
                ends_on: input.ends_on,
                status: input.status.into(),
            };
            agreements::create_agreement(db(ctx), actor(ctx), new).await
        })
        .await
    }

    /// Confirms an agreement the other side recorded: a `PROPOSED` one becomes
    /// `ACTIVE` and starts counting in the linkage KPI (an unconfirmed `ENDED`
    /// one counts for its period). Members of the party that did not record
    /// it, organizers covering the cooperative's province, admins; never the
    /// account that recorded it.
    async fn confirm_linkage_agreement(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<AgreementPayload> {
        payload(async { agreements::confirm_agreement(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }

    /// Changes an agreement's status (e.g. `ENDED`, `CANCELLED`). `ACTIVE` and
    /// `ENDED` need the other party's confirmation first (`INVALID_STATE` on
    /// `status` otherwise).
    async fn set_linkage_agreement_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: AgreementStatus,
    ) -> async_graphql::Result<AgreementPayload> {
        payload(async {
            agreements::set_agreement_status(db(ctx), actor(ctx), parse_id("id", &id)?, status.into()).await
        })
        .await
    }
}
