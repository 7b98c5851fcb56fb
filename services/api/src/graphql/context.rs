//! What every resolver can reach: the database, the caller, the settings, and
//! per-request DataLoaders that batch lookups into one statement per key type.

use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::DataLoader;
use coopbridge_domain::places::PlaceDirectory;
use coopbridge_domain::{Actor, Error};
use sea_orm::DatabaseConnection;
use tokio::sync::OnceCell;

use crate::graphql::accounts::loaders as accounts;
use crate::graphql::catalog::loaders as catalog;
use crate::graphql::dataloader::loader;
use crate::graphql::fairs::loaders as fairs;
use crate::graphql::linkage::loaders as linkage;

/// The bearer token of the request, kept to revoke it on sign-out.
#[derive(Clone, Debug)]
pub struct RequestToken(pub Option<String>);

/// Settings the resolvers need.
#[derive(Clone, Debug)]
pub struct ApiSettings {
    pub token_ttl: chrono::Duration,
    pub rate_limits: std::sync::Arc<crate::rate_limit::RateLimits>,
}

/// The caller's IP address: the TCP peer, or the last `X-Forwarded-For`
/// entry when `COOPBRIDGE_TRUST_FORWARDED_FOR` is set.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub Option<std::net::IpAddr>);

pub fn client_ip(ctx: &Context<'_>) -> Option<std::net::IpAddr> {
    ctx.data_opt::<ClientIp>().and_then(|c| c.0)
}

pub fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// Provinces and communes (in memory).
pub fn places<'a>(ctx: &Context<'a>) -> &'a PlaceDirectory {
    ctx.data_unchecked::<Arc<PlaceDirectory>>()
}

pub fn actor<'a>(ctx: &Context<'a>) -> &'a Actor {
    ctx.data_opt::<Actor>().unwrap_or(&Actor::Anonymous)
}

pub fn settings<'a>(ctx: &Context<'a>) -> &'a ApiSettings {
    ctx.data_unchecked::<ApiSettings>()
}

pub fn request_token<'a>(ctx: &Context<'a>) -> Option<&'a str> {
    ctx.data_opt::<RequestToken>().and_then(|t| t.0.as_deref())
}

/// Declares the per-request registry [`Loaders`] from one list of
/// `field: LoaderType`, each loader built over the request's database handle.
macro_rules! loaders {
    ($($field:ident: $loader:ident::$ty:ident,)+) => {
        /// Per-request DataLoaders (declared in each domain's `loaders.rs`), created
        /// for each request so nothing is cached across callers.
        pub struct Loaders {
            $(pub $field: DataLoader<$loader::$ty>,)+
            /// Organizations the caller shares contact details with; asked once per
            /// request (see `linkage::contacts`).
            pub contact_partners: OnceCell<Vec<i32>>,
        }

        impl Loaders {
            /// `delay` is how long a loader waits to collect keys before it reads.
            pub fn new(db: &DatabaseConnection, delay: std::time::Duration) -> Self {
                Self {
                    $($field: loader($loader::$ty(db.clone()), delay),)+
                    contact_partners: OnceCell::new(),
                }
            }
        }
    };
}

loaders! {
    account_organizations: accounts::AccountOrganizationsLoader,
    producers: catalog::ProducerLoader,
    products: catalog::ProductLoader,
    files: catalog::FileLoader,
    producer_certificates: catalog::ProducerCertificatesLoader,
    product_certificates: catalog::ProductCertificatesLoader,
    certificate_products: catalog::CertificateProductsLoader,
    producer_labels: catalog::ProducerLabelsLoader,
    product_labels: catalog::ProductLabelsLoader,
    label_products: catalog::LabelProductsLoader,
    product_images: catalog::ProductImagesLoader,
    producer_photos: catalog::ProducerPhotosLoader,
    organizations: linkage::OrganizationLoader,
    buyer_profiles: linkage::BuyerProfileLoader,
    buyer_contacts: linkage::BuyerContactsLoader,
    messages: linkage::InquiryMessagesLoader,
    history: linkage::InquiryHistoryLoader,
    agreement_products: linkage::AgreementProductsLoader,
    response_times: linkage::ResponseTimeLoader,
    events: fairs::EventLoader,
    event_zones: fairs::EventZonesLoader,
    event_counts: fairs::EventCountsLoader,
    application_products: fairs::ApplicationProductsLoader,
}

pub fn blob_store<'a>(ctx: &Context<'a>) -> &'a dyn coopbridge_storage::BlobStore {
    ctx.data_unchecked::<std::sync::Arc<dyn coopbridge_storage::BlobStore>>()
        .as_ref()
}

pub fn loaders<'a>(ctx: &Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}

/// Turns an optional input the client may leave out, set to null, or set,
/// into the domain's "unchanged / clear / set".
pub fn patch<T>(value: async_graphql::MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        async_graphql::MaybeUndefined::Undefined => None,
        async_graphql::MaybeUndefined::Null => Some(None),
        async_graphql::MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

/// Parses an `ID` argument into a row id, naming the field when it is not one.
pub fn parse_id(field: &str, id: &async_graphql::ID) -> Result<i32, Error> {
    id.parse::<i32>().ok().filter(|n| *n > 0).ok_or_else(|| {
        Error::field(
            field,
            coopbridge_domain::ErrorCode::InvalidFormat,
            "not an ID from this API",
        )
    })
}

/// Parses an optional `ID` argument; see [`parse_id`].
pub fn parse_optional_id(field: &str, id: Option<&async_graphql::ID>) -> Result<Option<i32>, Error> {
    id.map(|id| parse_id(field, id)).transpose()
}

/// Parses a list of `ID`s, naming the field at the first that is not one.
pub fn parse_ids(field: &str, ids: &[async_graphql::ID]) -> Result<Vec<i32>, Error> {
    ids.iter().map(|id| parse_id(field, id)).collect()
}
