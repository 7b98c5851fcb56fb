//! When a certificate counts: current (not archived, not rejected, not
//! expired) and verified, in Rust for one certificate and in SQL for the
//! catalog filters ("has a current VietGAP certificate").

use chrono::{NaiveDate, Utc};
use sea_orm::Condition;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};

use crate::entities::catalog_enums::{CertificationScheme, VerificationStatus};
use crate::entities::{certificate, certificate_product, producer, product};

/// "Has a verified current certificate of this scheme (and at least these
/// OCOP stars)"; with `include_self_declared`, unverified ones match too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificateMatch {
    pub scheme: Option<CertificationScheme>,
    pub min_ocop_stars: Option<i32>,
    pub include_self_declared: bool,
}

pub fn today() -> NaiveDate {
    // Certificates are dated in Vietnam's calendar (UTC+7).
    (Utc::now() + chrono::Duration::hours(7)).date_naive()
}

pub fn is_current(c: &certificate::Model, on: NaiveDate) -> bool {
    c.archived_at.is_none()
        && c.verification_status != VerificationStatus::Rejected
        && c.expires_on.is_none_or(|d| d >= on)
}

/// Current and verified by an organizer: what stars, filters and KPIs count.
pub fn counts(c: &certificate::Model, on: NaiveDate) -> bool {
    is_current(c, on) && c.verification_status == VerificationStatus::Verified
}

/// Current but not (yet) verified: listed as self-declared, counted nowhere.
pub fn is_self_declared(c: &certificate::Model, on: NaiveDate) -> bool {
    is_current(c, on) && c.verification_status == VerificationStatus::Unverified
}

/// SELECT 1 FROM certificate c WHERE <current> AND <matches> AND <link>
/// (sea-query forbids mixing `and_where` and `cond_where`, so all of it is one condition).
fn current_certificates(matching: &CertificateMatch, link: Condition) -> SelectStatement {
    let c = Alias::new("c");
    let mut condition = Condition::all()
        .add(Expr::col((c.clone(), certificate::Column::ArchivedAt)).is_null())
        .add(Expr::col((c.clone(), certificate::Column::VerificationStatus)).ne("rejected"))
        .add(
            Condition::any()
                .add(Expr::col((c.clone(), certificate::Column::ExpiresOn)).is_null())
                .add(Expr::col((c.clone(), certificate::Column::ExpiresOn)).gte(today())),
        );
    if !matching.include_self_declared {
        condition = condition.add(Expr::col((c.clone(), certificate::Column::VerificationStatus)).eq("verified"));
    }
    if let Some(scheme) = matching.scheme {
        let code: String = sea_orm::ActiveEnum::to_value(&scheme);
        condition = condition.add(Expr::col((c.clone(), certificate::Column::Scheme)).eq(code));
    }
    if let Some(stars) = matching.min_ocop_stars {
        condition = condition
            .add(Expr::col((c.clone(), certificate::Column::Scheme)).eq("ocop"))
            .add(Expr::col((c.clone(), certificate::Column::OcopStars)).gte(stars));
    }
    Query::select()
        .expr(Expr::val(1))
        .from_as(certificate::Entity, c)
        .cond_where(condition.add(link))
        .to_owned()
}

/// A producer holds a matching current certificate (of any scope).
pub fn current_certificate_exists_for_producer(matching: &CertificateMatch) -> Condition {
    let link = Condition::all().add(
        Expr::col((Alias::new("c"), certificate::Column::ProducerId)).equals((producer::Entity, producer::Column::Id)),
    );
    Condition::all().add(Expr::exists(current_certificates(matching, link)))
}

/// A product is covered by a matching current certificate: one of its
/// producer's whole-producer certificates, or one naming the product.
pub fn current_certificate_exists_for_product(matching: &CertificateMatch) -> Condition {
    // Two EXISTS, each driven by an index (the producer's certificates; the
    // certificates naming the product), instead of one EXISTS whose OR made
    // SQLite scan every certificate for every product: a VietGAP filter over
    // 100,000 products went from seconds to about a millisecond.
    let c = Alias::new("c");
    let of_producer = Condition::all()
        .add(Expr::col((c.clone(), certificate::Column::Scope)).eq("producer"))
        .add(
            Expr::col((c.clone(), certificate::Column::ProducerId))
                .equals((product::Entity, product::Column::ProducerId)),
        );
    let naming_product = Query::select()
        .column(certificate_product::Column::CertificateId)
        .from(certificate_product::Entity)
        .cond_where(
            Expr::col((certificate_product::Entity, certificate_product::Column::ProductId))
                .equals((product::Entity, product::Column::Id)),
        )
        .to_owned();
    let of_product = Condition::all().add(Expr::col((c, certificate::Column::Id)).in_subquery(naming_product));
    Condition::any()
        .add(Expr::exists(current_certificates(matching, of_producer)))
        .add(Expr::exists(current_certificates(matching, of_product)))
}
