//! The organizers' review queue: what waits for a verdict in their provinces.

use async_graphql::connection::Connection;
use async_graphql::{Context, Object};
use coopbridge_domain::catalog::review;
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::types::{Certificate, Producer};
use crate::graphql::context::{actor, db};
use crate::graphql::pagination::paged;

#[derive(Default)]
pub struct ReviewQuery;

#[Object]
impl ReviewQuery {
    /// Cooperatives waiting for verification (`UNVERIFIED`, not archived),
    /// oldest first, in the provinces the caller's organizing bodies cover (a
    /// national body: all). Organizers and admins. Decide with `verifyProducer`.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn pending_producers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Producer>> {
        let read = |page| review::pending_producers(db(ctx), actor(ctx), page);
        paged(first, after, read, |p| CursorKey::id(p.id), Producer::from).await
    }

    /// Self-declared certificates waiting for verification (current,
    /// `UNVERIFIED`) of listed producers, oldest first, in the provinces the
    /// caller's organizing bodies cover (a national body: all). Organizers and
    /// admins. Each has its `evidence` file; decide with `verifyCertificate`.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn pending_certificates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Certificate>> {
        let read = |page| review::pending_certificates(db(ctx), actor(ctx), page);
        paged(first, after, read, |c| CursorKey::id(c.id), Certificate::from).await
    }
}
