//! Certificates and brand labels.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use coopbridge_domain::catalog::brand_labels::{self, BrandLabelFilter as DomainLabelFilter, NewBrandLabel};
use coopbridge_domain::catalog::certificates::{self, NewCertificate, is_current, is_self_declared, today};
use coopbridge_domain::entities::{brand_label, certificate};
use coopbridge_domain::pagination::CursorKey;

use crate::graphql::catalog::enums::{BrandLabelKind, CertificateScope, CertificationScheme, VerificationStatus};
use crate::graphql::catalog::files::StoredFile;
use crate::graphql::catalog::producers::Producer;
use crate::graphql::catalog::products::Product;
use crate::graphql::context::{actor, db, loaders, parse_id};
use crate::graphql::errors::{QueryResultExt, UserError, payload_errors};
use crate::graphql::pagination::{connection, page_request};

/// A certificate held by a producer, for all its products or named ones.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Certificate {
    pub id: ID,
    pub scheme: CertificationScheme,
    /// For organic certificates: TCVN 11041, USDA Organic, EU Organic…
    pub organic_standard: Option<String>,
    /// For OCOP: 3, 4 or 5.
    pub ocop_stars: Option<i32>,
    pub certificate_number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    /// Null when it does not expire.
    pub expires_on: Option<NaiveDate>,
    pub scope: CertificateScope,
    /// `UNVERIFIED` while no organizer has checked it: it is then
    /// self-declared (see `selfDeclared`) and counts nowhere.
    pub verification_status: VerificationStatus,
    pub verified_at: Option<DateTime<Utc>>,
    /// The organizer's reason when it was rejected (or a remark when verified).
    pub verification_note: Option<String>,
    #[graphql(skip)]
    pub model: certificate::Model,
}

impl From<certificate::Model> for Certificate {
    fn from(m: certificate::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            scheme: m.scheme.into(),
            organic_standard: m.organic_standard.clone(),
            ocop_stars: m.ocop_stars,
            certificate_number: m.certificate_number.clone(),
            issuer: m.issuer.clone(),
            issued_on: m.issued_on,
            expires_on: m.expires_on,
            scope: m.scope.into(),
            verification_status: m.verification_status.into(),
            verified_at: m.verified_at,
            verification_note: m.verification_note.clone(),
            model: m,
        }
    }
}

#[ComplexObject]
impl Certificate {
    /// True while it is valid: not archived, not rejected and not past its
    /// expiry date (Vietnam time). It counts (stars, filters, KPIs) only when
    /// also verified; see `selfDeclared`.
    async fn current(&self) -> bool {
        is_current(&self.model, today())
    }

    /// True for a current certificate no organizer has verified yet: the
    /// cooperative's own claim. Show it as "tự khai" (self-declared); it gives
    /// no OCOP stars and counts in no certification filter or KPI.
    async fn self_declared(&self) -> bool {
        is_self_declared(&self.model, today())
    }

    async fn producer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        Ok(loaders(ctx)
            .producers
            .load_one(self.model.producer_id)
            .await?
            .map(Producer::from))
    }

    /// The products it names (empty for whole-producer certificates).
    async fn products(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Product>> {
        let rows = loaders(ctx)
            .certificate_products
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Product::from).collect())
    }

    /// Scan or PDF of the certificate.
    async fn evidence(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StoredFile>> {
        let Some(id) = self.model.evidence_file_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).files.load_one(id).await?.map(StoredFile::from))
    }
}

/// A trademark, collective or certification mark, geographical indication or traceability stamp.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct BrandLabel {
    pub id: ID,
    /// e.g. "Mật ong Tuyên Hóa".
    pub name: String,
    pub kind: BrandLabelKind,
    pub registration_number: Option<String>,
    /// e.g. "Cục Sở hữu trí tuệ".
    pub authority: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    #[graphql(skip)]
    pub model: brand_label::Model,
}

impl From<brand_label::Model> for BrandLabel {
    fn from(m: brand_label::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            name: m.name.clone(),
            kind: m.kind.into(),
            registration_number: m.registration_number.clone(),
            authority: m.authority.clone(),
            valid_from: m.valid_from,
            valid_until: m.valid_until,
            model: m,
        }
    }
}

#[ComplexObject]
impl BrandLabel {
    /// True when today is within its validity.
    async fn valid(&self) -> bool {
        brand_labels::is_valid(&self.model, today())
    }

    async fn producer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        Ok(loaders(ctx)
            .producers
            .load_one(self.model.producer_id)
            .await?
            .map(Producer::from))
    }

    /// Products that carry it.
    async fn products(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Product>> {
        let rows = loaders(ctx)
            .label_products
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Product::from).collect())
    }

    async fn image(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StoredFile>> {
        let Some(id) = self.model.image_file_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).files.load_one(id).await?.map(StoredFile::from))
    }
}

#[derive(InputObject, Default)]
pub struct BrandLabelFilter {
    pub producer_id: Option<ID>,
    pub kind: Option<BrandLabelKind>,
    /// Official code of the producer's province.
    pub province_code: Option<i32>,
}

#[derive(Default)]
pub struct CertificateQuery;

#[Object]
impl CertificateQuery {
    /// One certificate by id; null when none has it.
    async fn certificate(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Certificate>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(certificates::find_certificate(db(ctx), id)
            .await
            .or_query_error()?
            .map(Certificate::from))
    }

    /// Brand labels that are not archived, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn brand_labels(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: BrandLabelFilter,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, BrandLabel>> {
        let page = page_request(first, after).or_query_error()?;
        let producer_id = filter
            .producer_id
            .as_ref()
            .map(|id| parse_id("filter.producerId", id))
            .transpose();
        let domain_filter = DomainLabelFilter {
            producer_id: producer_id.or_query_error()?,
            kind: filter.kind.map(Into::into),
            province_code: filter.province_code,
        };
        let rows = brand_labels::list_brand_labels(db(ctx), &domain_filter, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |l| CursorKey::id(l.id), BrandLabel::from))
    }

    /// One brand label by id; null when none has it.
    async fn brand_label(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<BrandLabel>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(brand_labels::find_brand_label(db(ctx), id)
            .await
            .or_query_error()?
            .map(BrandLabel::from))
    }
}

#[derive(InputObject)]
pub struct CreateCertificateInput {
    pub producer_id: ID,
    #[graphql(flatten)]
    pub certificate: CertificateInput,
}

/// A certificate's content; `updateCertificate` replaces all of it.
#[derive(InputObject)]
pub struct CertificateInput {
    pub scheme: CertificationScheme,
    pub organic_standard: Option<String>,
    /// Required for OCOP: 3, 4 or 5. Not allowed for other schemes.
    pub ocop_stars: Option<i32>,
    pub certificate_number: String,
    pub issuer: String,
    /// Not in the future.
    pub issued_on: NaiveDate,
    /// After `issuedOn`; null when it does not expire.
    pub expires_on: Option<NaiveDate>,
    /// Products it covers, all of the same producer; empty or left out: the whole producer.
    #[graphql(default)]
    pub product_ids: Vec<ID>,
    /// An `EVIDENCE` file uploaded for this producer.
    pub evidence_file_id: Option<ID>,
}

#[derive(SimpleObject, Default)]
pub struct CertificatePayload {
    pub certificate: Option<Certificate>,
    /// Empty on success; otherwise nothing was written.
    pub errors: Vec<UserError>,
}

#[derive(InputObject)]
pub struct CreateBrandLabelInput {
    pub producer_id: ID,
    #[graphql(flatten)]
    pub label: BrandLabelInput,
}

/// A brand label's content; `updateBrandLabel` replaces all of it.
#[derive(InputObject)]
pub struct BrandLabelInput {
    pub name: String,
    pub kind: BrandLabelKind,
    pub registration_number: Option<String>,
    pub authority: Option<String>,
    pub valid_from: Option<NaiveDate>,
    /// After `validFrom`.
    pub valid_until: Option<NaiveDate>,
    /// A `LABEL_IMAGE` file uploaded for this producer.
    pub image_file_id: Option<ID>,
    /// Products that carry it, all of the same producer.
    #[graphql(default)]
    pub product_ids: Vec<ID>,
}

#[derive(SimpleObject, Default)]
pub struct BrandLabelPayload {
    pub brand_label: Option<BrandLabel>,
    /// Empty on success; otherwise nothing was written.
    pub errors: Vec<UserError>,
}

fn ids(field: &str, ids: &[ID]) -> coopbridge_domain::Result<Vec<i32>> {
    ids.iter().map(|id| parse_id(field, id)).collect()
}

impl CertificateInput {
    fn into_new(self, producer_id: i32) -> coopbridge_domain::Result<NewCertificate> {
        Ok(NewCertificate {
            producer_id,
            scheme: self.scheme.into(),
            organic_standard: self.organic_standard,
            ocop_stars: self.ocop_stars,
            certificate_number: self.certificate_number,
            issuer: self.issuer,
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            product_ids: ids("productIds", &self.product_ids)?,
            evidence_file_id: self
                .evidence_file_id
                .as_ref()
                .map(|id| parse_id("evidenceFileId", id))
                .transpose()?,
        })
    }
}

impl BrandLabelInput {
    fn into_new(self, producer_id: i32) -> coopbridge_domain::Result<NewBrandLabel> {
        Ok(NewBrandLabel {
            producer_id,
            name: self.name,
            kind: self.kind.into(),
            registration_number: self.registration_number,
            authority: self.authority,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            image_file_id: self
                .image_file_id
                .as_ref()
                .map(|id| parse_id("imageFileId", id))
                .transpose()?,
            product_ids: ids("productIds", &self.product_ids)?,
        })
    }
}

fn certificate_payload(
    result: coopbridge_domain::Result<certificate::Model>,
) -> async_graphql::Result<CertificatePayload> {
    match result {
        Ok(c) => Ok(CertificatePayload {
            certificate: Some(c.into()),
            errors: vec![],
        }),
        Err(e) => Ok(CertificatePayload {
            errors: payload_errors(e)?,
            ..Default::default()
        }),
    }
}

fn label_payload(result: coopbridge_domain::Result<brand_label::Model>) -> async_graphql::Result<BrandLabelPayload> {
    match result {
        Ok(l) => Ok(BrandLabelPayload {
            brand_label: Some(l.into()),
            errors: vec![],
        }),
        Err(e) => Ok(BrandLabelPayload {
            errors: payload_errors(e)?,
            ..Default::default()
        }),
    }
}

#[derive(Default)]
pub struct CertificateMutation;

#[Object]
impl CertificateMutation {
    /// Adds a certificate to a producer. Its members, organizers of its
    /// province (or of a national body) and admins.
    async fn create_certificate(
        &self,
        ctx: &Context<'_>,
        input: CreateCertificateInput,
    ) -> async_graphql::Result<CertificatePayload> {
        let result = async {
            let new = input
                .certificate
                .into_new(parse_id("producerId", &input.producer_id)?)?;
            certificates::create_certificate(db(ctx), actor(ctx), new).await
        }
        .await;
        certificate_payload(result)
    }

    /// Replaces a certificate's content (for example after renewal). It goes
    /// back to unverified until an organizer checks it again.
    async fn update_certificate(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CertificateInput,
    ) -> async_graphql::Result<CertificatePayload> {
        let result = async {
            let id = parse_id("id", &id)?;
            certificates::update_certificate(db(ctx), actor(ctx), id, input.into_new(0)?).await
        }
        .await;
        certificate_payload(result)
    }

    /// Withdraws a certificate from the profile. Nothing is deleted.
    async fn archive_certificate(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<CertificatePayload> {
        let result = async { certificates::archive_certificate(db(ctx), actor(ctx), parse_id("id", &id)?).await }.await;
        certificate_payload(result)
    }

    /// Records an organizer's check of a certificate. Organizers of the
    /// producer's province (or of a national body) and admins only.
    /// `VERIFIED` makes it count (stars, filters, KPIs); `REJECTED` needs a
    /// `note` (`REQUIRED` on `note` otherwise), which the cooperative sees.
    async fn verify_certificate(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: VerificationStatus,
        #[graphql(desc = "Why; required when rejecting; up to 500 characters.")] note: Option<String>,
    ) -> async_graphql::Result<CertificatePayload> {
        let result = async {
            certificates::verify_certificate(db(ctx), actor(ctx), parse_id("id", &id)?, status.into(), note).await
        }
        .await;
        certificate_payload(result)
    }

    /// Adds a brand label to a producer. Its members, organizers of its
    /// province (or of a national body) and admins.
    async fn create_brand_label(
        &self,
        ctx: &Context<'_>,
        input: CreateBrandLabelInput,
    ) -> async_graphql::Result<BrandLabelPayload> {
        let result = async {
            let new = input.label.into_new(parse_id("producerId", &input.producer_id)?)?;
            brand_labels::create_brand_label(db(ctx), actor(ctx), new).await
        }
        .await;
        label_payload(result)
    }

    /// Replaces a brand label's content and the products that carry it.
    async fn update_brand_label(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: BrandLabelInput,
    ) -> async_graphql::Result<BrandLabelPayload> {
        let result = async {
            let id = parse_id("id", &id)?;
            brand_labels::update_brand_label(db(ctx), actor(ctx), id, input.into_new(0)?).await
        }
        .await;
        label_payload(result)
    }

    /// Sets which products carry a label; they must be the label owner's products.
    async fn set_brand_label_products(
        &self,
        ctx: &Context<'_>,
        id: ID,
        product_ids: Vec<ID>,
    ) -> async_graphql::Result<BrandLabelPayload> {
        let result = async {
            let id = parse_id("id", &id)?;
            brand_labels::set_brand_label_products(db(ctx), actor(ctx), id, ids("productIds", &product_ids)?).await
        }
        .await;
        label_payload(result)
    }

    /// Withdraws a brand label from the profile. Nothing is deleted.
    async fn archive_brand_label(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<BrandLabelPayload> {
        let result = async { brand_labels::archive_brand_label(db(ctx), actor(ctx), parse_id("id", &id)?).await }.await;
        label_payload(result)
    }
}
