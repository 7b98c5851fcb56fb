//! What every resolver can reach: the database, the caller, the settings, and
//! per-request DataLoaders that batch lookups into one statement per key type.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, Loader};
use coopbridge_domain::entities::organization;
use coopbridge_domain::places::PlaceDirectory;
use coopbridge_domain::{Actor, Error, organizations};
use sea_orm::DatabaseConnection;

use crate::graphql::catalog::loaders as cl;

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

/// Loads the organizations each account belongs to.
pub struct AccountOrganizationsLoader(pub DatabaseConnection);

impl Loader<i32> for AccountOrganizationsLoader {
    type Value = Vec<organization::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = organizations::organizations_of_accounts(&self.0, keys)
            .await
            .map_err(super::errors::query_error)?;
        let mut map: HashMap<i32, Vec<organization::Model>> = HashMap::new();
        for (account_id, org) in rows {
            map.entry(account_id).or_default().push(org);
        }
        Ok(map)
    }
}

/// Per-request loaders; created for each request so nothing is cached across callers.
pub struct Loaders {
    pub account_organizations: DataLoader<AccountOrganizationsLoader>,
    pub producers: DataLoader<cl::ProducerLoader>,
    pub files: DataLoader<cl::FileLoader>,
    pub producer_certificates: DataLoader<cl::ProducerCertificatesLoader>,
    pub product_certificates: DataLoader<cl::ProductCertificatesLoader>,
    pub certificate_products: DataLoader<cl::CertificateProductsLoader>,
    pub producer_labels: DataLoader<cl::ProducerLabelsLoader>,
    pub product_labels: DataLoader<cl::ProductLabelsLoader>,
    pub label_products: DataLoader<cl::LabelProductsLoader>,
    pub product_images: DataLoader<cl::ProductImagesLoader>,
    pub producer_photos: DataLoader<cl::ProducerPhotosLoader>,
    pub event_zones: DataLoader<crate::graphql::fairs::loaders::EventZonesLoader>,
    pub event_counts: DataLoader<crate::graphql::fairs::loaders::EventCountsLoader>,
}

fn loader<T>(inner: T, delay: std::time::Duration) -> DataLoader<T> {
    DataLoader::new(inner, tokio::spawn).delay(delay)
}

impl Loaders {
    /// `delay` is how long a loader waits to collect keys before it queries:
    /// longer batches more reliably, shorter answers sooner.
    pub fn new(db: &DatabaseConnection, delay: std::time::Duration) -> Self {
        Self {
            account_organizations: loader(AccountOrganizationsLoader(db.clone()), delay),
            producers: loader(cl::ProducerLoader(db.clone()), delay),
            files: loader(cl::FileLoader(db.clone()), delay),
            producer_certificates: loader(cl::ProducerCertificatesLoader(db.clone()), delay),
            product_certificates: loader(cl::ProductCertificatesLoader(db.clone()), delay),
            certificate_products: loader(cl::CertificateProductsLoader(db.clone()), delay),
            producer_labels: loader(cl::ProducerLabelsLoader(db.clone()), delay),
            product_labels: loader(cl::ProductLabelsLoader(db.clone()), delay),
            label_products: loader(cl::LabelProductsLoader(db.clone()), delay),
            product_images: loader(cl::ProductImagesLoader(db.clone()), delay),
            producer_photos: loader(cl::ProducerPhotosLoader(db.clone()), delay),
            event_zones: loader(crate::graphql::fairs::loaders::EventZonesLoader(db.clone()), delay),
            event_counts: loader(crate::graphql::fairs::loaders::EventCountsLoader(db.clone()), delay),
        }
    }
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
