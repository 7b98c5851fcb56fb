//! Organizations: cooperatives, buyer companies and organizing bodies.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::entities::organization;
use coopbridge_domain::organizations::{self, NewOrganization};

use crate::graphql::context::{actor, db, parse_id};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::payload::{payload, payload_type};
use crate::graphql::places::Province;
use coopbridge_domain::pagination::CursorKey;

/// The kind of body an organization is.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::entities::organization::OrganizationKind")]
pub enum OrganizationKind {
    /// A producer: cooperative (HTX), cooperative group (THT), union or household.
    Cooperative,
    /// A business that buys: safe-food store, supermarket, processor, exporter…
    BuyerCompany,
    /// Farmers' Association, Women's Union, Cooperative Alliance, Department of Industry and Trade…
    OrganizingBody,
}

/// A cooperative, buyer company or organizing body.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Organization {
    pub id: ID,
    pub kind: OrganizationKind,
    /// Name with diacritics (NFC), e.g. "Hợp tác xã Quyết Thắng".
    pub name: String,
    /// Official code of its province, if known.
    pub province_code: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl From<organization::Model> for Organization {
    fn from(m: organization::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            kind: m.kind.into(),
            name: m.name,
            province_code: m.province_code,
            created_at: m.created_at,
        }
    }
}

#[ComplexObject]
impl Organization {
    /// Its province, if known.
    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.province_code)
    }
}

#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// Organizations, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only organizations of this kind.")] kind: Option<OrganizationKind>,
        #[graphql(desc = "Only organizations in this province (official code).")] province_code: Option<i32>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last organization of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Organization>> {
        let page = page_request(first, after).or_query_error()?;
        let rows = organizations::list_organizations(db(ctx), kind.map(Into::into), province_code, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |o| CursorKey::id(o.id), Organization::from))
    }

    /// One organization by id; null when none has it.
    async fn organization(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Organization>> {
        let Ok(id) = parse_id("id", &id) else {
            return Ok(None);
        };
        match organizations::find_organization(db(ctx), id).await {
            Ok(o) => Ok(Some(o.into())),
            Err(coopbridge_domain::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e).or_query_error(),
        }
    }
}

#[derive(InputObject)]
pub struct CreateOrganizationInput {
    pub kind: OrganizationKind,
    /// Name with diacritics; up to 200 characters.
    pub name: String,
    /// Official province code (see `provinces`).
    pub province_code: Option<i32>,
}

payload_type! {
    /// Result of `createOrganization`.
    CreateOrganizationPayload { organization: Organization }
}

#[derive(InputObject)]
pub struct AddMembershipInput {
    pub organization_id: ID,
    /// The account's role must match the organization's kind.
    pub account_id: ID,
}

payload_type! {
    /// Result of `addMembership`.
    AddMembershipPayload { organization: Organization }
}

#[derive(Default)]
pub struct OrganizationMutation;

#[Object]
impl OrganizationMutation {
    /// Creates an organization. Admins only.
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganizationInput,
    ) -> async_graphql::Result<CreateOrganizationPayload> {
        let new = NewOrganization {
            kind: input.kind.into(),
            name: input.name,
            province_code: input.province_code,
        };
        payload(organizations::create_organization(db(ctx), actor(ctx), new)).await
    }

    /// Adds an account to an organization. Admins only.
    async fn add_membership(
        &self,
        ctx: &Context<'_>,
        input: AddMembershipInput,
    ) -> async_graphql::Result<AddMembershipPayload> {
        payload(async {
            let organization_id = parse_id("organizationId", &input.organization_id)?;
            let account_id = parse_id("accountId", &input.account_id)?;
            organizations::add_member(db(ctx), actor(ctx), organization_id, account_id).await?;
            organizations::find_organization(db(ctx), organization_id).await
        })
        .await
    }
}
