//! Batch reads for the API's DataLoaders: the rows of many keys in one or two
//! statements, each paired with the key it answers. Reads that belong to one
//! domain's rules live in that domain (e.g. `catalog::coverage`); these are
//! plain lookups by id and the link tables joined to the rows they name.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::catalog::{brand_labels, certificates, products};
use crate::entities::{brand_label, fair_event, organization, product};
use crate::error::Result;

/// Organizations by id.
pub async fn organizations_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// Events by id, drafts included: whoever reads them decides what the caller may see.
pub async fn events_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<fair_event::Model>> {
    Ok(fair_event::Entity::find()
        .filter(fair_event::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The listed (not archived) products each certificate names.
pub async fn products_of_certificates(
    db: &impl ConnectionTrait,
    certificate_ids: &[i32],
) -> Result<Vec<(i32, product::Model)>> {
    let links = certificates::certificate_links(db, Some(certificate_ids), None).await?;
    let pairs: Vec<(i32, i32)> = links.iter().map(|l| (l.certificate_id, l.product_id)).collect();
    listed_products(db, pairs).await
}

/// The listed (not archived) products carrying each label.
pub async fn products_of_labels(db: &impl ConnectionTrait, label_ids: &[i32]) -> Result<Vec<(i32, product::Model)>> {
    let links = brand_labels::label_links(db, Some(label_ids), None).await?;
    let pairs: Vec<(i32, i32)> = links.iter().map(|l| (l.brand_label_id, l.product_id)).collect();
    listed_products(db, pairs).await
}

/// The labels (not archived) each product carries.
pub async fn labels_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i32],
) -> Result<Vec<(i32, brand_label::Model)>> {
    let links = brand_labels::label_links(db, None, Some(product_ids)).await?;
    let pairs: Vec<(i32, i32)> = links.iter().map(|l| (l.product_id, l.brand_label_id)).collect();
    let ids: Vec<i32> = pairs.iter().map(|&(_, label)| label).collect();
    let labels = brand_labels::labels_by_ids(db, &ids).await?;
    Ok(join(pairs, labels, |l| l.id))
}

/// The products each fair application exhibits, archived ones included (the
/// application happened), by product id.
pub async fn products_of_applications(
    db: &impl ConnectionTrait,
    application_ids: &[i32],
) -> Result<Vec<(i32, product::Model)>> {
    let pairs = crate::fairs::application_reads::product_links(db, application_ids).await?;
    let ids: Vec<i32> = pairs.iter().map(|&(_, product)| product).collect();
    let found = products::products_by_ids(db, &ids).await?;
    Ok(join(pairs, found, |p| p.id))
}

async fn listed_products(db: &impl ConnectionTrait, pairs: Vec<(i32, i32)>) -> Result<Vec<(i32, product::Model)>> {
    let ids: Vec<i32> = pairs.iter().map(|&(_, product)| product).collect();
    let found = products::products_by_ids(db, &ids).await?;
    let listed = found.into_iter().filter(|p| p.archived_at.is_none());
    Ok(join(pairs, listed, |p| p.id))
}

/// Pairs each `(key, row id)` link with its row, in the links' order; links
/// whose row is missing (filtered out by the read) are dropped.
pub fn join<R: Clone>(
    links: impl IntoIterator<Item = (i32, i32)>,
    rows: impl IntoIterator<Item = R>,
    id: impl Fn(&R) -> i32,
) -> Vec<(i32, R)> {
    let by_id: HashMap<i32, R> = rows.into_iter().map(|row| (id(&row), row)).collect();
    links
        .into_iter()
        .filter_map(|(key, row_id)| by_id.get(&row_id).map(|row| (key, row.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn join_pairs_each_link_with_its_row_in_link_order_and_drops_missing_rows() {
        let links = [(1, 10), (2, 30), (1, 20), (3, 99)];
        let rows = [(20, "b"), (10, "a"), (30, "c")];
        let joined = join(links, rows, |r| r.0);
        assert_eq!(joined, vec![(1, (10, "a")), (2, (30, "c")), (1, (20, "b"))]);
    }
}
