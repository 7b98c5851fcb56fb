//! The GraphQL schema: one module per domain, merged here.

pub mod accounts;
pub mod catalog;
pub mod context;
pub mod dataloader;
pub mod errors;
pub mod fairs;
pub mod limits;
pub mod linkage;
pub mod pagination;
pub mod payload;
pub mod places;
pub mod search;

use async_graphql::{EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

pub use context::{ApiSettings, ClientIp, Loaders, RequestToken};

#[derive(MergedObject, Default)]
pub struct Query(
    accounts::account::AccountQuery,
    accounts::organizations::OrganizationQuery,
    places::PlaceQuery,
    catalog::producers::ProducerQuery,
    catalog::products::ProductQuery,
    catalog::certificates::CertificateQuery,
    search::query::SearchQuery,
    linkage::buyers::BuyerQuery,
    linkage::purchase_requests::PurchaseRequestQuery,
    linkage::inquiries::InquiryQuery,
    linkage::agreements::AgreementQuery,
    fairs::event_queries::EventQuery,
    fairs::applications::ApplicationQuery,
    fairs::meetings::MeetingQuery,
    catalog::reports::CatalogReportQuery,
    catalog::review::ReviewQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::account::AccountMutation,
    accounts::organizations::OrganizationMutation,
    accounts::privacy::PrivacyMutation,
    catalog::producers::ProducerMutation,
    catalog::products::ProductMutation,
    catalog::certificates::CertificateMutation,
    catalog::files::FileMutation,
    catalog::file_purge::FilePurgeMutation,
    linkage::buyers::BuyerMutation,
    linkage::purchase_requests::PurchaseRequestMutation,
    linkage::inquiries::InquiryMutation,
    linkage::agreements::AgreementMutation,
    fairs::event_mutations::EventMutation,
    fairs::applications::ApplicationMutation,
    fairs::meetings::MeetingMutation,
);

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    pub max_fragments: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 12,
            max_complexity: 20_000,
            max_aliases: 30,
            max_fragments: 100,
        }
    }
}

/// What resolvers reach through the context.
pub struct Services {
    pub db: DatabaseConnection,
    pub store: std::sync::Arc<dyn coopbridge_storage::BlobStore>,
    pub search: std::sync::Arc<dyn coopbridge_search::SearchIndex>,
}

/// Builds the schema. Without a database it can still print its SDL.
pub fn build_schema(services: Option<Services>, settings: ApiSettings, limits: Limits) -> AppSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .extension(limits::RequestLimits {
            max_aliases: limits.max_aliases,
            max_fragments: limits.max_fragments,
            max_depth: limits.max_depth,
        })
        .data(settings);
    if let Some(Services { db, store, search }) = services {
        builder = builder.data(db).data(store).data(search);
    }
    builder.finish()
}

/// The SDL that `coopbridge export-schema` writes to schema/schema.graphql.
pub fn sdl() -> String {
    let schema = build_schema(
        None,
        ApiSettings {
            token_ttl: chrono::Duration::hours(1),
            rate_limits: Default::default(),
        },
        Limits::default(),
    );
    schema.sdl()
}
