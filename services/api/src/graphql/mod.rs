//! The GraphQL schema: one module per domain, merged here.

pub mod accounts;
pub mod agreements;
pub mod buyers;
pub mod catalog_enums;
pub mod catalog_loaders;
pub mod catalog_reports;
pub mod certificates;
pub mod context;
pub mod errors;
pub mod fairs;
pub mod fairs_applications;
pub mod fairs_loaders;
pub mod fairs_meetings;
pub mod files;
pub mod inquiries;
pub mod limits;
pub mod linkage_enums;
pub mod linkage_loaders;
pub mod organizations;
pub mod pagination;
pub mod places;
pub mod producers;
pub mod products;
pub mod purchase_requests;
pub mod search;
pub mod search_results;

use async_graphql::{EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

pub use context::{ApiSettings, ClientIp, Loaders, RequestToken};

#[derive(MergedObject, Default)]
pub struct Query(
    accounts::AccountQuery,
    organizations::OrganizationQuery,
    places::PlaceQuery,
    producers::ProducerQuery,
    products::ProductQuery,
    certificates::CertificateQuery,
    search::SearchQuery,
    buyers::BuyerQuery,
    purchase_requests::PurchaseRequestQuery,
    inquiries::InquiryQuery,
    agreements::AgreementQuery,
    fairs::EventQuery,
    fairs_applications::ApplicationQuery,
    fairs_meetings::MeetingQuery,
    catalog_reports::CatalogReportQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::AccountMutation,
    organizations::OrganizationMutation,
    producers::ProducerMutation,
    products::ProductMutation,
    certificates::CertificateMutation,
    files::FileMutation,
    buyers::BuyerMutation,
    purchase_requests::PurchaseRequestMutation,
    inquiries::InquiryMutation,
    agreements::AgreementMutation,
    fairs::EventMutation,
    fairs_applications::ApplicationMutation,
    fairs_meetings::MeetingMutation,
);

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 12,
            max_complexity: 20_000,
            max_aliases: 30,
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
