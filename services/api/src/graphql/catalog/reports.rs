//! The certification KPI: certified products per province and scheme.

use async_graphql::{ComplexObject, Context, Object, SimpleObject};
use coopbridge_domain::catalog::reports;

use crate::graphql::catalog::enums::CertificationScheme;
use crate::graphql::context::{actor, db};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::places::Province;

/// Listed products of one province's producers and how many of them a
/// verified current certificate covers, today (Vietnam time).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ProvinceCertifiedProducts {
    /// The producers' province.
    pub province_code: i32,
    /// Products listed (not archived, of producers not archived).
    pub products: i32,
    /// Of those, how many a verified current certificate covers: one of their
    /// producer's whole-producer certificates, or one naming them.
    /// Self-declared (unverified) certificates do not count.
    pub certified_products: i32,
    /// Covered products per scheme (only schemes with at least one); a
    /// product certified VietGAP and OCOP counts in both.
    pub schemes: Vec<SchemeProductCount>,
}

/// How many products a verified current certificate of one scheme covers.
#[derive(SimpleObject)]
pub struct SchemeProductCount {
    pub scheme: CertificationScheme,
    pub products: i32,
}

#[ComplexObject]
impl ProvinceCertifiedProducts {
    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.province_code)
    }
}

#[derive(Default)]
pub struct CatalogReportQuery;

#[Object]
impl CatalogReportQuery {
    /// The KPI: products covered by a current certificate an organizer
    /// verified (not archived, not expired today in Vietnam), per the producers'
    /// province, most certified first; provinces without products are left
    /// out. Organizers and admins.
    async fn certified_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only producers of this province.")] province_code: Option<i32>,
    ) -> async_graphql::Result<Vec<ProvinceCertifiedProducts>> {
        let rows = reports::certified_products_by_province(db(ctx), actor(ctx), province_code)
            .await
            .or_query_error()?;
        Ok(rows
            .into_iter()
            .map(|r| ProvinceCertifiedProducts {
                province_code: r.province_code,
                products: r.products as i32,
                certified_products: r.certified_products as i32,
                schemes: r
                    .by_scheme
                    .into_iter()
                    .map(|(scheme, n)| SchemeProductCount {
                        scheme: scheme.into(),
                        products: n as i32,
                    })
                    .collect(),
            })
            .collect())
    }
}
