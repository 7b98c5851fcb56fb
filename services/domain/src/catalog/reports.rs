//! The certification KPI organizers report: how many listed products a
//! verified current certificate covers, per producer province and per scheme.
//! Self-declared (unverified) certificates count nowhere here.

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Iterable, QueryFilter};

use super::certificates::{certificate_links, counts, today};
use crate::authz::{Action, Actor};
use crate::entities::catalog_enums::{CertificateScope, CertificationScheme, VerificationStatus};
use crate::entities::{certificate, producer, product};
use crate::error::Result;

/// Certified products of one province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceCertifiedProducts {
    /// The producers' province.
    pub province_code: i32,
    /// Listed products (not archived, of producers not archived).
    pub products: u64,
    /// Of those, how many a verified current certificate covers (any scheme).
    pub certified_products: u64,
    /// Covered products per scheme, in scheme order; a product with two
    /// schemes counts once in each.
    pub by_scheme: Vec<(CertificationScheme, u64)>,
}

/// Listed products and those covered by a verified current certificate (not
/// archived, not expired today in Vietnam), per producer province, most
/// certified first. Provinces without products are left out. Four statements
/// whatever the size.
pub async fn certified_products_by_province(
    db: &impl ConnectionTrait,
    actor: &Actor,
    province_code: Option<i32>,
) -> Result<Vec<ProvinceCertifiedProducts>> {
    actor.authorize(Action::ReadCatalogReports)?;
    let mut producers = Condition::all().add(producer::Column::ArchivedAt.is_null());
    if let Some(code) = province_code {
        producers = producers.add(producer::Column::ProvinceCode.eq(code));
    }
    let province_of: HashMap<i32, i32> = producer::Entity::find()
        .filter(producers)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.province_code))
        .collect();
    let products: Vec<(i32, i32)> = product::Entity::find()
        .filter(product::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|p| province_of.contains_key(&p.producer_id))
        .map(|p| (p.id, p.producer_id))
        .collect();
    let on = today();
    let certificates: Vec<certificate::Model> = certificate::Entity::find()
        .filter(
            Condition::all()
                .add(certificate::Column::ArchivedAt.is_null())
                .add(certificate::Column::VerificationStatus.eq(VerificationStatus::Verified)),
        )
        .all(db)
        .await?
        .into_iter()
        .filter(|c| counts(c, on) && province_of.contains_key(&c.producer_id))
        .collect();
    let named: Vec<i32> = certificates
        .iter()
        .filter(|c| c.scope == CertificateScope::Products)
        .map(|c| c.id)
        .collect();
    let links = if named.is_empty() {
        vec![]
    } else {
        certificate_links(db, Some(&named), None).await?
    };

    // Schemes covering each producer as a whole, and each named product.
    let mut producer_schemes: HashMap<i32, HashSet<CertificationScheme>> = HashMap::new();
    let scheme_of: HashMap<i32, CertificationScheme> = certificates.iter().map(|c| (c.id, c.scheme)).collect();
    for c in certificates.iter().filter(|c| c.scope == CertificateScope::Producer) {
        producer_schemes.entry(c.producer_id).or_default().insert(c.scheme);
    }
    let mut product_schemes: HashMap<i32, HashSet<CertificationScheme>> = HashMap::new();
    for link in &links {
        if let Some(scheme) = scheme_of.get(&link.certificate_id) {
            product_schemes.entry(link.product_id).or_default().insert(*scheme);
        }
    }

    let mut by_province: BTreeMap<i32, (u64, u64, HashMap<CertificationScheme, u64>)> = BTreeMap::new();
    for (product_id, producer_id) in products {
        let entry = by_province.entry(province_of[&producer_id]).or_default();
        entry.0 += 1;
        let mut schemes = producer_schemes.get(&producer_id).cloned().unwrap_or_default();
        schemes.extend(product_schemes.get(&product_id).into_iter().flatten().copied());
        if !schemes.is_empty() {
            entry.1 += 1;
        }
        for scheme in schemes {
            *entry.2.entry(scheme).or_default() += 1;
        }
    }
    let mut rows: Vec<ProvinceCertifiedProducts> = by_province
        .into_iter()
        .map(|(code, (products, certified, schemes))| ProvinceCertifiedProducts {
            province_code: code,
            products,
            certified_products: certified,
            by_scheme: CertificationScheme::iter()
                .filter_map(|scheme| schemes.get(&scheme).map(|n| (scheme, *n)))
                .collect(),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.certified_products
            .cmp(&a.certified_products)
            .then(a.province_code.cmp(&b.province_code))
    });
    Ok(rows)
}
