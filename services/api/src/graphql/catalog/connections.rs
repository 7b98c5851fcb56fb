//! What the catalog's lists share: the product list that `products` and
//! `Producer.products` both answer, its sort order, and the certificate
//! condition of the producer and product filters.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum};
use coopbridge_domain::catalog::certificates::CertificateMatch;
use coopbridge_domain::catalog::products::{self, ProductFilter, ProductSort as DomainSort};

use crate::graphql::catalog::enums::CertificationScheme;
use crate::graphql::catalog::types::Product;
use crate::graphql::context::db;
use crate::graphql::pagination::paged;

#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProductSort {
    /// Most recently added first.
    #[default]
    Newest,
    /// By name, A to Z.
    Name,
    /// Lowest minimum price first; products without a price last.
    PriceLowToHigh,
    /// Largest monthly capacity first.
    CapacityHighToLow,
}

impl From<ProductSort> for DomainSort {
    fn from(s: ProductSort) -> Self {
        match s {
            ProductSort::Newest => DomainSort::Newest,
            ProductSort::Name => DomainSort::Name,
            ProductSort::PriceLowToHigh => DomainSort::PriceLowToHigh,
            ProductSort::CapacityHighToLow => DomainSort::CapacityHighToLow,
        }
    }
}

/// One page of products matching `filter`, in `sort` order.
pub async fn products_connection(
    ctx: &Context<'_>,
    filter: ProductFilter,
    sort: ProductSort,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<Connection<String, Product>> {
    let sort: DomainSort = sort.into();
    let read = |page| products::list_products(db(ctx), &filter, sort, page);
    paged(first, after, read, |p| products::cursor_key(p, sort), Product::from).await
}

/// The certificate condition of a filter; none when neither a scheme nor a
/// star rating is asked for.
pub fn certificate_match(
    scheme: Option<CertificationScheme>,
    stars: Option<i32>,
    include_self_declared: bool,
) -> Option<CertificateMatch> {
    (scheme.is_some() || stars.is_some()).then(|| CertificateMatch {
        scheme: scheme.map(Into::into),
        min_ocop_stars: stars,
        include_self_declared,
    })
}
