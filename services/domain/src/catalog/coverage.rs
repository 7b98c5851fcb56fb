//! Which certificates cover a product: its producer's whole-producer
//! certificates (scope `PRODUCER`) and those that name it. Whether a covering
//! certificate also *counts* (current, verified) is [`super::certificates::counts`].

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use super::certificates::{certificate_links, certificates_of_producers};
use crate::entities::catalog_enums::CertificateScope;
use crate::entities::{certificate, certificate_product};
use crate::error::Result;

/// Whether `certificate` covers the product `product_id` of its producer,
/// given the (certificate, product) links of the products in question.
pub fn covers(certificate: &certificate::Model, product_id: i32, links: &[certificate_product::Model]) -> bool {
    certificate.scope == CertificateScope::Producer
        || links
            .iter()
            .any(|l| l.certificate_id == certificate.id && l.product_id == product_id)
}

/// The non-archived certificates covering each `(product id, producer id)`,
/// oldest first, in two statements whatever the number of products.
pub async fn certificates_covering(
    db: &impl ConnectionTrait,
    products: &[(i32, i32)],
) -> Result<HashMap<(i32, i32), Vec<certificate::Model>>> {
    let product_ids: Vec<i32> = products.iter().map(|&(product, _)| product).collect();
    let producer_ids: Vec<i32> = products.iter().map(|&(_, producer)| producer).collect();
    let links = certificate_links(db, None, Some(&product_ids)).await?;
    let held = certificates_of_producers(db, &producer_ids).await?;
    Ok(products
        .iter()
        .map(|&(product_id, producer_id)| {
            let covering = held
                .iter()
                .filter(|c| c.producer_id == producer_id && covers(c, product_id, &links))
                .cloned()
                .collect();
            ((product_id, producer_id), covering)
        })
        .collect())
}
