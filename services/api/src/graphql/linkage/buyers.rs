//! Buyer companies: public profiles, and contacts shown only to those allowed.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::entities::buyer_profile;
use coopbridge_domain::linkage::buyers::{self, BuyerFields, ContactInput};
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::enums::ProductCategory;
use crate::graphql::context::{actor, db, loaders, parse_id, patch};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::linkage::contacts::may_read_contacts;
use crate::graphql::linkage::enums::BuyerKind;
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::payload::{payload, payload_type};
use crate::graphql::places::{Commune, Province};

/// A business that buys from cooperatives: safe-food store, supermarket,
/// processor, exporter, restaurant or canteen, wholesaler.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct BuyerCompany {
    /// The buyer company's organization id.
    pub id: ID,
    pub kind: BuyerKind,
    /// Tax code: 10 digits, or `0123456789-001` for a branch.
    pub tax_code: Option<String>,
    pub street: String,
    pub description: String,
    /// What it buys and how much, in its own words (e.g. "5 tấn gạo/tháng").
    pub purchase_volume: String,
    pub website: Option<String>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: buyer_profile::Model,
    /// In a mutation's payload: the province before the write (Some(None):
    /// none). Contacts are shown only if the caller could see them then too.
    #[graphql(skip)]
    pub province_before_write: Option<Option<i32>>,
}

impl From<buyer_profile::Model> for BuyerCompany {
    fn from(m: buyer_profile::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            kind: m.kind.into(),
            tax_code: m.tax_code.clone(),
            street: m.street.clone(),
            description: m.description.clone(),
            purchase_volume: m.purchase_volume.clone(),
            website: m.website.clone(),
            updated_at: m.updated_at,
            model: m,
            province_before_write: None,
        }
    }
}

/// A person to talk to at a buyer company.
#[derive(SimpleObject, Clone)]
pub struct BuyerContact {
    pub name: String,
    /// Job title, e.g. "Trưởng phòng thu mua".
    pub role: String,
    /// Digits only, starting with 0.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Zalo number, digits only.
    pub zalo: Option<String>,
    /// When it was recorded that this person agreed to be listed; null when
    /// nothing was recorded (listed before consent was asked for).
    pub consent_recorded_at: Option<DateTime<Utc>>,
    /// The account that recorded it; null when the operator did, or none did.
    pub consent_recorded_by: Option<ID>,
}

#[ComplexObject]
impl BuyerCompany {
    /// Company name with diacritics.
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let org = loaders(ctx).organizations.load_one(self.model.id).await?;
        Ok(org.map(|o| o.name).unwrap_or_default())
    }

    /// Product categories it buys.
    async fn categories(&self) -> Vec<ProductCategory> {
        buyers::categories_of(&self.model).into_iter().map(Into::into).collect()
    }

    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.model.province_code)
    }

    async fn commune(&self, ctx: &Context<'_>) -> Option<Commune> {
        crate::graphql::places::commune(ctx, self.model.commune_code)
    }

    /// Its contacts, or null when the caller may not see them: the company's
    /// own members; a cooperative that accepted one of its inquiries (in
    /// discussion or agreed); organizers of its province, or of a national
    /// body; admins. Never anonymous callers.
    async fn contacts(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Vec<BuyerContact>>> {
        if !may_read_contacts(ctx, self.model.id, self.model.province_code).await? {
            return Ok(None);
        }
        if let Some(before) = self.province_before_write
            && !may_read_contacts(ctx, self.model.id, before).await?
        {
            return Ok(None);
        }
        let rows = loaders(ctx)
            .buyer_contacts
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        Ok(Some(
            rows.into_iter()
                .map(|c| BuyerContact {
                    name: c.name,
                    role: c.role,
                    phone: c.phone,
                    email: c.email,
                    zalo: c.zalo,
                    consent_recorded_at: c.consent_recorded_at,
                    consent_recorded_by: c.consent_recorded_by.map(|id| ID(id.to_string())),
                })
                .collect(),
        ))
    }
}

/// Loads a buyer company by organization id through the request's loader.
pub async fn load_buyer(ctx: &Context<'_>, id: i32) -> async_graphql::Result<Option<BuyerCompany>> {
    Ok(loaders(ctx).buyer_profiles.load_one(id).await?.map(BuyerCompany::from))
}

#[derive(Default)]
pub struct BuyerQuery;

#[Object]
impl BuyerQuery {
    /// Buyer companies with a profile, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn buyer_companies(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only companies buying this category.")] category: Option<ProductCategory>,
        #[graphql(desc = "Only companies in this province (official code).")] province_code: Option<i32>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, BuyerCompany>> {
        let page = page_request(first, after).or_query_error()?;
        let rows = buyers::list_buyers(db(ctx), category.map(Into::into), province_code, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |b| CursorKey::id(b.id), BuyerCompany::from))
    }

    /// One buyer company by organization id; null when it has no profile yet.
    async fn buyer_company(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<BuyerCompany>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(buyers::find_buyer_profile(db(ctx), id)
            .await
            .or_query_error()?
            .map(BuyerCompany::from))
    }
}

#[derive(InputObject)]
pub struct BuyerContactInput {
    /// Up to 120 characters.
    pub name: String,
    /// Job title; up to 120 characters.
    pub role: Option<String>,
    /// Vietnamese mobile or landline; +84 accepted.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Zalo number (a Vietnamese phone number).
    pub zalo: Option<String>,
    /// This person agreed to be listed (personal data law). Required, as
    /// `true`, for a new contact or one whose details change (`REQUIRED` on
    /// `contacts[i].consent` otherwise); who sent it and when is recorded. A
    /// contact sent back unchanged keeps its record.
    pub consent: Option<bool>,
}

/// Profile fields. Fields left out keep their value; fields set to null are cleared.
#[derive(InputObject, Default)]
pub struct BuyerProfileInput {
    /// Required the first time.
    pub kind: Option<BuyerKind>,
    /// Renames the company; up to 200 characters.
    pub name: Option<String>,
    /// 10 digits, or 13 (`0123456789-001`).
    pub tax_code: MaybeUndefined<String>,
    pub province_code: MaybeUndefined<i32>,
    /// Must lie in the province.
    pub commune_code: MaybeUndefined<i32>,
    pub street: Option<String>,
    /// Up to 5,000 characters.
    pub description: Option<String>,
    pub categories: Option<Vec<ProductCategory>>,
    /// What it buys and how much; up to 300 characters.
    pub purchase_volume: Option<String>,
    /// Starts with https:// or http://.
    pub website: MaybeUndefined<String>,
    /// Replaces the contacts, in this order (at most 10). Errors name
    /// `contacts[i].phone` and the like.
    pub contacts: Option<Vec<BuyerContactInput>>,
}

payload_type! {
    /// Result of `updateBuyerProfile`.
    BuyerProfilePayload { buyer_company: BuyerCompany }
}

#[derive(Default)]
pub struct BuyerMutation;

#[Object]
impl BuyerMutation {
    /// Creates or edits a buyer company's profile and contacts. Its members;
    /// organizers of its province (a company without one: national bodies'),
    /// who may move it only to a province they also cover; admins. Edits by
    /// anyone outside the company are recorded in its audit record.
    async fn update_buyer_profile(
        &self,
        ctx: &Context<'_>,
        buyer_id: ID,
        input: BuyerProfileInput,
    ) -> async_graphql::Result<BuyerProfilePayload> {
        payload(async {
            let id = parse_id("buyerId", &buyer_id)?;
            let fields = BuyerFields {
                kind: input.kind.map(Into::into),
                name: input.name,
                tax_code: patch(input.tax_code),
                province_code: patch(input.province_code),
                commune_code: patch(input.commune_code),
                street: input.street,
                description: input.description,
                categories: input.categories.map(|c| c.into_iter().map(Into::into).collect()),
                purchase_volume: input.purchase_volume,
                website: patch(input.website),
                contacts: input.contacts.map(|list| {
                    list.into_iter()
                        .map(|c| ContactInput {
                            name: c.name,
                            role: c.role,
                            phone: c.phone,
                            email: c.email,
                            zalo: c.zalo,
                            consent: c.consent,
                        })
                        .collect()
                }),
            };
            let (before, saved) = buyers::save_buyer_profile_from(db(ctx), actor(ctx), id, fields).await?;
            Ok(BuyerCompany {
                province_before_write: Some(before),
                ..saved.into()
            })
        })
        .await
    }
}
