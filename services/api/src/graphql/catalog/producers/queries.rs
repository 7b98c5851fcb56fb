//! The producer lists and lookups: `producers`, `producer`, `producerBySlug`.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object};
use coopbridge_domain::catalog::producers::{self, ProducerFilter as DomainFilter, ProducerSort as DomainSort};

use crate::graphql::catalog::connections::certificate_match;
use crate::graphql::catalog::enums::{CertificationScheme, ProducerKind, ProductCategory};
use crate::graphql::catalog::types::Producer;
use crate::graphql::context::{db, parse_id};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::pagination::paged;

/// Filters for `producers`; all given conditions must hold.
#[derive(InputObject, Default)]
pub struct ProducerFilter {
    /// Official province code.
    pub province_code: Option<i32>,
    /// Official commune code.
    pub commune_code: Option<i32>,
    pub kind: Option<ProducerKind>,
    /// true: only producers an organizer verified; false: only the others.
    pub verified: Option<bool>,
    /// A main sector, or a category of at least one of its products.
    pub sector: Option<ProductCategory>,
    /// Holds a current (unexpired) certificate of this scheme that an
    /// organizer verified.
    pub certification_scheme: Option<CertificationScheme>,
    /// Holds a verified current OCOP certificate with at least this many stars (3–5).
    pub ocop_stars_at_least: Option<i32>,
    /// Let self-declared (not yet verified) certificates satisfy the two
    /// certificate conditions. Default false.
    #[graphql(default)]
    pub include_self_declared: bool,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProducerSort {
    /// By name, A to Z (Vietnamese letters sort after their base letter).
    #[default]
    Name,
    /// Most recently added first.
    Newest,
    /// Most members first.
    MemberCount,
}

impl From<ProducerSort> for DomainSort {
    fn from(s: ProducerSort) -> Self {
        match s {
            ProducerSort::Name => DomainSort::Name,
            ProducerSort::Newest => DomainSort::Newest,
            ProducerSort::MemberCount => DomainSort::MemberCount,
        }
    }
}

#[derive(Default)]
pub struct ProducerQuery;

#[Object]
impl ProducerQuery {
    /// Producers that are not archived, filtered and sorted.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn producers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: ProducerFilter,
        #[graphql(default)] sort: ProducerSort,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last producer of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Producer>> {
        let domain_filter = DomainFilter {
            province_code: filter.province_code,
            commune_code: filter.commune_code,
            kind: filter.kind.map(Into::into),
            verified: filter.verified,
            sector: filter.sector.map(Into::into),
            certificate: certificate_match(
                filter.certification_scheme,
                filter.ocop_stars_at_least,
                filter.include_self_declared,
            ),
        };
        let sort: DomainSort = sort.into();
        let read = |page| producers::list_producers(db(ctx), &domain_filter, sort, page);
        paged(first, after, read, |p| producers::cursor_key(p, sort), Producer::from).await
    }

    /// One producer by id (archived ones too); null when none has it.
    async fn producer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Producer>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(producers::find_producer(db(ctx), id)
            .await
            .or_query_error()?
            .map(Producer::from))
    }

    /// One producer by slug; null when none has it.
    async fn producer_by_slug(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<Producer>> {
        Ok(producers::find_producer_by_slug(db(ctx), &slug)
            .await
            .or_query_error()?
            .map(Producer::from))
    }
}
