//! DataLoaders of the catalog: each batches one key type into one or two
//! statements, so a page of products with producers, certificates, labels
//! and images costs the same number of statements whatever its size.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use coopbridge_domain::catalog::{brand_labels, certificates, files, producers, products};
use coopbridge_domain::entities::catalog_enums::CertificateScope;
use coopbridge_domain::entities::{brand_label, certificate, producer, product, stored_file};
use sea_orm::DatabaseConnection;

use crate::graphql::errors::query_error;

type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

fn group<K: std::hash::Hash + Eq, V>(pairs: impl IntoIterator<Item = (K, V)>) -> HashMap<K, Vec<V>> {
    let mut map: HashMap<K, Vec<V>> = HashMap::new();
    for (k, v) in pairs {
        map.entry(k).or_default().push(v);
    }
    map
}

pub struct ProducerLoader(pub DatabaseConnection);

impl Loader<i32> for ProducerLoader {
    type Value = producer::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = producers::producers_by_ids(&self.0, keys).await.map_err(query_error)?;
        Ok(rows.into_iter().map(|p| (p.id, p)).collect())
    }
}

pub struct FileLoader(pub DatabaseConnection);

impl Loader<i32> for FileLoader {
    type Value = stored_file::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = files::files_by_ids(&self.0, keys).await.map_err(query_error)?;
        Ok(rows.into_iter().map(|f| (f.id, f)).collect())
    }
}

/// All certificates of a producer, whatever their scope.
pub struct ProducerCertificatesLoader(pub DatabaseConnection);

impl Loader<i32> for ProducerCertificatesLoader {
    type Value = Vec<certificate::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = certificates::certificates_of_producers(&self.0, keys)
            .await
            .map_err(query_error)?;
        Ok(group(rows.into_iter().map(|c| (c.producer_id, c))))
    }
}

/// Certificates covering a product, keyed by (product id, producer id): the
/// producer's whole-producer certificates and those naming the product.
pub struct ProductCertificatesLoader(pub DatabaseConnection);

impl Loader<(i32, i32)> for ProductCertificatesLoader {
    type Value = Vec<certificate::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[(i32, i32)]) -> LoadResult<(i32, i32), Self::Value> {
        let product_ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let producer_ids: Vec<i32> = keys.iter().map(|k| k.1).collect();
        let links = certificates::certificate_links(&self.0, None, Some(&product_ids))
            .await
            .map_err(query_error)?;
        let all = certificates::certificates_of_producers(&self.0, &producer_ids)
            .await
            .map_err(query_error)?;
        Ok(keys
            .iter()
            .map(|&(product_id, producer_id)| {
                let covering = all
                    .iter()
                    .filter(|c| c.producer_id == producer_id)
                    .filter(|c| {
                        c.scope == CertificateScope::Producer
                            || links
                                .iter()
                                .any(|l| l.certificate_id == c.id && l.product_id == product_id)
                    })
                    .cloned()
                    .collect();
                ((product_id, producer_id), covering)
            })
            .collect())
    }
}

/// Products a certificate names.
pub struct CertificateProductsLoader(pub DatabaseConnection);

impl Loader<i32> for CertificateProductsLoader {
    type Value = Vec<product::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let links = certificates::certificate_links(&self.0, Some(keys), None)
            .await
            .map_err(query_error)?;
        let ids: Vec<i32> = links.iter().map(|l| l.product_id).collect();
        let found = products::products_by_ids(&self.0, &ids).await.map_err(query_error)?;
        Ok(group(links.into_iter().filter_map(|l| {
            found
                .iter()
                .find(|p| p.id == l.product_id && p.archived_at.is_none())
                .map(|p| (l.certificate_id, p.clone()))
        })))
    }
}

pub struct ProducerLabelsLoader(pub DatabaseConnection);

impl Loader<i32> for ProducerLabelsLoader {
    type Value = Vec<brand_label::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = brand_labels::labels_of_producers(&self.0, keys)
            .await
            .map_err(query_error)?;
        Ok(group(rows.into_iter().map(|l| (l.producer_id, l))))
    }
}

/// Labels a product carries.
pub struct ProductLabelsLoader(pub DatabaseConnection);

impl Loader<i32> for ProductLabelsLoader {
    type Value = Vec<brand_label::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let links = brand_labels::label_links(&self.0, None, Some(keys))
            .await
            .map_err(query_error)?;
        let ids: Vec<i32> = links.iter().map(|l| l.brand_label_id).collect();
        let labels = brand_labels::labels_by_ids(&self.0, &ids).await.map_err(query_error)?;
        Ok(group(links.into_iter().filter_map(|l| {
            labels
                .iter()
                .find(|b| b.id == l.brand_label_id)
                .map(|b| (l.product_id, b.clone()))
        })))
    }
}

/// Products carrying a label.
pub struct LabelProductsLoader(pub DatabaseConnection);

impl Loader<i32> for LabelProductsLoader {
    type Value = Vec<product::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let links = brand_labels::label_links(&self.0, Some(keys), None)
            .await
            .map_err(query_error)?;
        let ids: Vec<i32> = links.iter().map(|l| l.product_id).collect();
        let found = products::products_by_ids(&self.0, &ids).await.map_err(query_error)?;
        Ok(group(links.into_iter().filter_map(|l| {
            found
                .iter()
                .find(|p| p.id == l.product_id && p.archived_at.is_none())
                .map(|p| (l.brand_label_id, p.clone()))
        })))
    }
}

pub struct ProductImagesLoader(pub DatabaseConnection);

impl Loader<i32> for ProductImagesLoader {
    type Value = Vec<stored_file::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = products::images_of_products(&self.0, keys).await.map_err(query_error)?;
        Ok(group(rows))
    }
}

pub struct ProducerPhotosLoader(pub DatabaseConnection);

impl Loader<i32> for ProducerPhotosLoader {
    type Value = Vec<stored_file::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = producers::photos_of_producers(&self.0, keys)
            .await
            .map_err(query_error)?;
        Ok(group(rows))
    }
}
