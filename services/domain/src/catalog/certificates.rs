//! Certificates (VietGAP, GlobalGAP, organic, OCOP…). A certificate is
//! current while it is not archived, not rejected and not past its expiry
//! date: an expired certificate stops by itself, with no job to run.
//!
//! A certificate a member enters is self-declared ("tự khai") until an
//! organizer verifies it: it is listed with that label, but gives no OCOP
//! stars, matches no certification filter (unless the buyer asks to include
//! self-declared ones) and counts in no KPI. Only verified current
//! certificates count ([`counts`]).

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

pub use super::certificate_currency::{
    CertificateMatch, counts, current_certificate_exists_for_producer, current_certificate_exists_for_product,
    is_current, is_self_declared, today,
};
use super::validation as check;
use crate::audit;
use crate::authz::{Action, Actor};
use crate::entities::catalog_enums::{CertificateScope, CertificationScheme, VerificationStatus};
use crate::entities::{certificate, certificate_product, producer, product};
use crate::error::{Error, ErrorCode, Result, Validator};

#[derive(Debug, Clone)]
pub struct NewCertificate {
    pub producer_id: i32,
    pub scheme: CertificationScheme,
    pub organic_standard: Option<String>,
    pub ocop_stars: Option<i32>,
    pub certificate_number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    /// Empty: the certificate covers the whole producer.
    pub product_ids: Vec<i32>,
    pub evidence_file_id: Option<i32>,
}

/// Checks that every product id belongs to the producer, naming `field`.
pub async fn check_products_of_producer(
    db: &impl ConnectionTrait,
    v: &mut Validator,
    field: &str,
    producer_id: i32,
    product_ids: &[i32],
) -> Result<()> {
    if product_ids.is_empty() {
        return Ok(());
    }
    let found = product::Entity::find()
        .filter(product::Column::Id.is_in(product_ids.iter().copied()))
        .all(db)
        .await?;
    for id in product_ids {
        match found.iter().find(|p| p.id == *id) {
            None => v.push(field, ErrorCode::NotFound, format!("no product has id {id}")),
            Some(p) if p.producer_id != producer_id => v.push(
                field,
                ErrorCode::Forbidden,
                format!("product {id} belongs to another cooperative"),
            ),
            Some(p) if p.archived_at.is_some() => {
                v.push(field, ErrorCode::NotFound, format!("product {id} is archived"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub async fn create_certificate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: NewCertificate,
) -> Result<certificate::Model> {
    save_certificate(db, actor, None, input).await
}

/// Replaces a certificate's content. An organizer verified the old content,
/// so the certificate goes back to unverified.
pub async fn update_certificate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    mut input: NewCertificate,
) -> Result<certificate::Model> {
    let current = find(db, id).await?;
    input.producer_id = current.producer_id;
    save_certificate(db, actor, Some(current), input).await
}

async fn save_certificate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    current: Option<certificate::Model>,
    input: NewCertificate,
) -> Result<certificate::Model> {
    super::edit::authorize_producer_field(db, actor, input.producer_id).await?;
    let mut v = Validator::new();
    let number = v.check(check::required_text(
        "certificateNumber",
        &input.certificate_number,
        100,
    ));
    let issuer = v.check(check::required_text("issuer", &input.issuer, 200));
    let standard = v.check(
        input
            .organic_standard
            .as_deref()
            .map(|s| check::optional_text("organicStandard", s, 100))
            .transpose(),
    );
    match (input.scheme, input.ocop_stars) {
        (CertificationScheme::Ocop, Some(stars)) if (3..=5).contains(&stars) => {}
        (CertificationScheme::Ocop, Some(_)) => v.push("ocopStars", ErrorCode::OutOfRange, "OCOP stars are 3, 4 or 5"),
        (CertificationScheme::Ocop, None) => v.push("ocopStars", ErrorCode::Required, "give the OCOP star rating"),
        (_, Some(_)) => v.push(
            "ocopStars",
            ErrorCode::InvalidFormat,
            "only OCOP certificates have stars",
        ),
        (_, None) => {}
    }
    if let Some(expires) = input.expires_on
        && expires <= input.issued_on
    {
        v.push(
            "expiresOn",
            ErrorCode::OutOfRange,
            "the expiry date must be after the issue date",
        );
    }
    if input.issued_on > today() {
        v.push(
            "issuedOn",
            ErrorCode::OutOfRange,
            "the issue date cannot be in the future",
        );
    }
    check_products_of_producer(db, &mut v, "productIds", input.producer_id, &input.product_ids).await?;
    if let Some(file) = input.evidence_file_id {
        v.check(super::files::check_owned_file(db, "evidenceFileId", file, input.producer_id).await?);
    }
    v.finish()?;
    let scope = if input.product_ids.is_empty() {
        CertificateScope::Producer
    } else {
        CertificateScope::Products
    };
    let mut model = super::edit::editable::<certificate::Entity>(current.clone(), input.producer_id);
    model.scheme = Set(input.scheme);
    model.organic_standard = Set(standard.flatten().flatten());
    model.ocop_stars = Set(input.ocop_stars);
    model.certificate_number = Set(number.unwrap_or_default());
    model.issuer = Set(issuer.unwrap_or_default());
    model.issued_on = Set(input.issued_on);
    model.expires_on = Set(input.expires_on);
    model.scope = Set(scope);
    model.evidence_file_id = Set(input.evidence_file_id);
    model.verification_status = Set(VerificationStatus::Unverified);
    model.verified_by = Set(None);
    model.verified_at = Set(None);
    model.verification_note = Set(None);
    super::edit::save(db, actor, current.as_ref(), model, async |txn, saved| {
        let clear =
            certificate_product::Entity::delete_many().filter(certificate_product::Column::CertificateId.eq(saved.id));
        super::gallery::replace(txn, clear, &input.product_ids, |_, product_id| {
            certificate_product::ActiveModel {
                certificate_id: Set(saved.id),
                product_id: Set(product_id),
            }
        })
        .await
    })
    .await
}

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<certificate::Model> {
    super::edit::load::<certificate::Entity>(db, id).await
}

pub async fn archive_certificate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<certificate::Model> {
    super::edit::archive::<certificate::Entity>(db, actor, id).await
}

/// Records an organizer's verdict. Rejecting needs a reason (`note`), which
/// the cooperative sees; the search documents are rebuilt in the same
/// transaction, so stars and filters follow the verdict.
pub async fn verify_certificate(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    status: VerificationStatus,
    note: Option<String>,
) -> Result<certificate::Model> {
    if *actor == Actor::Anonymous {
        return Err(Error::Unauthenticated);
    }
    let current = find(db, id).await?;
    // Judged on the province of the cooperative holding the certificate.
    let holder = producer::Entity::find_by_id(current.producer_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "producer" })?;
    actor.authorize(Action::Verify {
        province_code: Some(holder.province_code),
    })?;
    let note = super::producer_review::verification_note(status, note)?;
    let before = audit::snapshot(&current);
    let mut model: certificate::ActiveModel = current.into();
    model.verification_status = Set(status);
    model.verified_by = Set(actor.signed_in().map(|s| s.account_id));
    model.verified_at = Set(Some(Utc::now()));
    model.verification_note = Set(note);
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let verified = model.update(&txn).await?;
    let after = Some(audit::snapshot(&verified));
    audit::record(
        &txn,
        actor,
        verified.producer_id,
        "verify_certificate",
        Some(before),
        after,
    )
    .await?;
    crate::search::outbox::enqueue_producer(&txn, verified.producer_id).await?;
    txn.commit().await?;
    Ok(verified)
}

pub async fn find_certificate(db: &impl ConnectionTrait, id: i32) -> Result<Option<certificate::Model>> {
    Ok(certificate::Entity::find_by_id(id).one(db).await?)
}

/// Non-archived certificates of many producers (for DataLoaders).
pub async fn certificates_of_producers(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<certificate::Model>> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::ProducerId.is_in(ids.iter().copied()))
        .filter(certificate::Column::ArchivedAt.is_null())
        .order_by_asc(certificate::Column::Id)
        .all(db)
        .await?)
}

/// (certificate id, product id) links for many certificates or products.
pub async fn certificate_links(
    db: &impl ConnectionTrait,
    certificate_ids: Option<&[i32]>,
    product_ids: Option<&[i32]>,
) -> Result<Vec<certificate_product::Model>> {
    let mut query = certificate_product::Entity::find();
    if let Some(ids) = certificate_ids {
        query = query.filter(certificate_product::Column::CertificateId.is_in(ids.iter().copied()));
    }
    if let Some(ids) = product_ids {
        query = query.filter(certificate_product::Column::ProductId.is_in(ids.iter().copied()));
    }
    Ok(query.all(db).await?)
}
