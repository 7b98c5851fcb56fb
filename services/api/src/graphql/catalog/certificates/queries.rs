//! Certificate and brand label lookups, and the brand label list.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object};
use coopbridge_domain::catalog::brand_labels::{self, BrandLabelFilter as DomainLabelFilter};
use coopbridge_domain::catalog::certificates;
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::enums::BrandLabelKind;
use crate::graphql::catalog::types::{BrandLabel, Certificate};
use crate::graphql::context::{db, parse_id, parse_optional_id};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::pagination::paged;

#[derive(InputObject, Default)]
pub struct BrandLabelFilter {
    pub producer_id: Option<ID>,
    pub kind: Option<BrandLabelKind>,
    /// Official code of the producer's province.
    pub province_code: Option<i32>,
}

#[derive(Default)]
pub struct CertificateQuery;

#[Object]
impl CertificateQuery {
    /// One certificate by id; null when none has it.
    async fn certificate(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Certificate>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(certificates::find_certificate(db(ctx), id)
            .await
            .or_query_error()?
            .map(Certificate::from))
    }

    /// Brand labels that are not archived, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn brand_labels(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: BrandLabelFilter,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, BrandLabel>> {
        let producer_id = parse_optional_id("filter.producerId", filter.producer_id.as_ref());
        let domain_filter = DomainLabelFilter {
            producer_id: producer_id.or_query_error()?,
            kind: filter.kind.map(Into::into),
            province_code: filter.province_code,
        };
        let read = |page| brand_labels::list_brand_labels(db(ctx), &domain_filter, page);
        paged(first, after, read, |l| CursorKey::id(l.id), BrandLabel::from).await
    }

    /// One brand label by id; null when none has it.
    async fn brand_label(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<BrandLabel>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(brand_labels::find_brand_label(db(ctx), id)
            .await
            .or_query_error()?
            .map(BrandLabel::from))
    }
}
