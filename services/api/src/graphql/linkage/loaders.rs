//! DataLoaders and per-request facts of the linkage: organizations, buyer
//! profiles and contacts, products, inquiry threads and histories, agreement
//! products, response times, and whom the caller shares contacts with.

use std::collections::HashMap;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, Loader};
use coopbridge_domain::authz::Action;
use coopbridge_domain::catalog::products;
use coopbridge_domain::entities::{
    buyer_contact, buyer_profile, inquiry_message, inquiry_status_change, organization, product,
};
use coopbridge_domain::linkage::{agreements, buyers, inquiries, response_time};
use sea_orm::{DatabaseConnection, EntityTrait, QueryFilter};
use tokio::sync::OnceCell;

use crate::graphql::context::{actor, db};
use crate::graphql::errors::query_error;

type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

fn group<K: std::hash::Hash + Eq, V>(pairs: impl IntoIterator<Item = (K, V)>) -> HashMap<K, Vec<V>> {
    let mut map: HashMap<K, Vec<V>> = HashMap::new();
    for (k, v) in pairs {
        map.entry(k).or_default().push(v);
    }
    map
}

pub struct OrganizationLoader(pub DatabaseConnection);

impl Loader<i32> for OrganizationLoader {
    type Value = organization::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        use sea_orm::ColumnTrait;
        let rows = organization::Entity::find()
            .filter(organization::Column::Id.is_in(keys.iter().copied()))
            .all(&self.0)
            .await
            .map_err(|e| query_error(e.into()))?;
        Ok(rows.into_iter().map(|o| (o.id, o)).collect())
    }
}

pub struct BuyerProfileLoader(pub DatabaseConnection);

impl Loader<i32> for BuyerProfileLoader {
    type Value = buyer_profile::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = buyers::buyer_profiles_by_ids(&self.0, keys)
            .await
            .map_err(query_error)?;
        Ok(rows.into_iter().map(|b| (b.id, b)).collect())
    }
}

pub struct BuyerContactsLoader(pub DatabaseConnection);

impl Loader<i32> for BuyerContactsLoader {
    type Value = Vec<buyer_contact::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = buyers::contacts_of_buyers(&self.0, keys).await.map_err(query_error)?;
        Ok(group(rows.into_iter().map(|c| (c.buyer_id, c))))
    }
}

pub struct ProductLoader(pub DatabaseConnection);

impl Loader<i32> for ProductLoader {
    type Value = product::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = products::products_by_ids(&self.0, keys).await.map_err(query_error)?;
        Ok(rows.into_iter().map(|p| (p.id, p)).collect())
    }
}

pub struct InquiryMessagesLoader(pub DatabaseConnection);

impl Loader<i32> for InquiryMessagesLoader {
    type Value = Vec<inquiry_message::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = inquiries::messages_of(&self.0, keys).await.map_err(query_error)?;
        Ok(group(rows.into_iter().map(|m| (m.inquiry_id, m))))
    }
}

pub struct InquiryHistoryLoader(pub DatabaseConnection);

impl Loader<i32> for InquiryHistoryLoader {
    type Value = Vec<inquiry_status_change::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = inquiries::history_of(&self.0, keys).await.map_err(query_error)?;
        Ok(group(rows.into_iter().map(|c| (c.inquiry_id, c))))
    }
}

pub struct AgreementProductsLoader(pub DatabaseConnection);

impl Loader<i32> for AgreementProductsLoader {
    type Value = Vec<i32>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = agreements::products_of_agreements(&self.0, keys)
            .await
            .map_err(query_error)?;
        Ok(group(rows.into_iter().map(|l| (l.agreement_id, l.product_id))))
    }
}

pub struct ResponseTimeLoader(pub DatabaseConnection);

impl Loader<i32> for ResponseTimeLoader {
    type Value = f64;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        response_time::median_response_hours(&self.0, keys)
            .await
            .map_err(query_error)
    }
}

/// Per-request loaders of the linkage; nothing is cached across callers.
pub struct LinkageLoaders {
    pub organizations: DataLoader<OrganizationLoader>,
    pub buyer_profiles: DataLoader<BuyerProfileLoader>,
    pub buyer_contacts: DataLoader<BuyerContactsLoader>,
    pub products: DataLoader<ProductLoader>,
    pub messages: DataLoader<InquiryMessagesLoader>,
    pub history: DataLoader<InquiryHistoryLoader>,
    pub agreement_products: DataLoader<AgreementProductsLoader>,
    pub response_times: DataLoader<ResponseTimeLoader>,
    /// Organizations the caller shares contact details with; asked once per request.
    partners: OnceCell<Vec<i32>>,
}

fn loader<T>(inner: T, delay: std::time::Duration) -> DataLoader<T> {
    DataLoader::new(inner, tokio::spawn).delay(delay)
}

impl LinkageLoaders {
    pub fn new(db: &DatabaseConnection, delay: std::time::Duration) -> Self {
        Self {
            organizations: loader(OrganizationLoader(db.clone()), delay),
            buyer_profiles: loader(BuyerProfileLoader(db.clone()), delay),
            buyer_contacts: loader(BuyerContactsLoader(db.clone()), delay),
            products: loader(ProductLoader(db.clone()), delay),
            messages: loader(InquiryMessagesLoader(db.clone()), delay),
            history: loader(InquiryHistoryLoader(db.clone()), delay),
            agreement_products: loader(AgreementProductsLoader(db.clone()), delay),
            response_times: loader(ResponseTimeLoader(db.clone()), delay),
            partners: OnceCell::new(),
        }
    }
}

pub fn linkage_loaders<'a>(ctx: &Context<'a>) -> &'a LinkageLoaders {
    ctx.data_unchecked::<LinkageLoaders>()
}

/// Whether the caller may see the contact details of `organization_id` (in
/// `province_code`); the rule itself is `Action::ReadContacts` in authz.
pub async fn may_read_contacts(
    ctx: &Context<'_>,
    organization_id: i32,
    province_code: Option<i32>,
) -> async_graphql::Result<bool> {
    let actor = actor(ctx);
    let partner = match actor.signed_in() {
        None => false,
        Some(_) => linkage_loaders(ctx)
            .partners
            .get_or_try_init(|| inquiries::contact_partners(db(ctx), actor))
            .await
            .map_err(query_error)?
            .contains(&organization_id),
    };
    Ok(actor
        .authorize(Action::ReadContacts {
            organization_id,
            province_code,
            partner,
        })
        .is_ok())
}
