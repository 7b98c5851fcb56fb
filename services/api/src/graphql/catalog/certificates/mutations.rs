//! Certificate and brand label writes, and the organizers' verification of
//! certificates.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;
use coopbridge_domain::catalog::brand_labels::{self, NewBrandLabel};
use coopbridge_domain::catalog::certificates::{self, NewCertificate};

use crate::graphql::catalog::enums::{BrandLabelKind, CertificationScheme, VerificationStatus};
use crate::graphql::catalog::types::{BrandLabel, Certificate};
use crate::graphql::context::{actor, db, parse_id, parse_ids, parse_optional_id};
use crate::graphql::payload::{payload, payload_type};

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

payload_type! {
    CertificatePayload { certificate: Certificate }
}

payload_type! {
    BrandLabelPayload { brand_label: BrandLabel }
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
            product_ids: parse_ids("productIds", &self.product_ids)?,
            evidence_file_id: parse_optional_id("evidenceFileId", self.evidence_file_id.as_ref())?,
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
            image_file_id: parse_optional_id("imageFileId", self.image_file_id.as_ref())?,
            product_ids: parse_ids("productIds", &self.product_ids)?,
        })
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
        payload(async {
            let new = input
                .certificate
                .into_new(parse_id("producerId", &input.producer_id)?)?;
            certificates::create_certificate(db(ctx), actor(ctx), new).await
        })
        .await
    }

    /// Replaces a certificate's content (for example after renewal). It goes
    /// back to unverified until an organizer checks it again.
    async fn update_certificate(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CertificateInput,
    ) -> async_graphql::Result<CertificatePayload> {
        payload(async {
            let id = parse_id("id", &id)?;
            certificates::update_certificate(db(ctx), actor(ctx), id, input.into_new(0)?).await
        })
        .await
    }

    /// Withdraws a certificate from the profile. Nothing is deleted.
    async fn archive_certificate(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<CertificatePayload> {
        payload(async { certificates::archive_certificate(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
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
        payload(async {
            certificates::verify_certificate(db(ctx), actor(ctx), parse_id("id", &id)?, status.into(), note).await
        })
        .await
    }

    /// Adds a brand label to a producer. Its members, organizers of its
    /// province (or of a national body) and admins.
    async fn create_brand_label(
        &self,
        ctx: &Context<'_>,
        input: CreateBrandLabelInput,
    ) -> async_graphql::Result<BrandLabelPayload> {
        payload(async {
            let new = input.label.into_new(parse_id("producerId", &input.producer_id)?)?;
            brand_labels::create_brand_label(db(ctx), actor(ctx), new).await
        })
        .await
    }

    /// Replaces a brand label's content and the products that carry it.
    async fn update_brand_label(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: BrandLabelInput,
    ) -> async_graphql::Result<BrandLabelPayload> {
        payload(async {
            let id = parse_id("id", &id)?;
            brand_labels::update_brand_label(db(ctx), actor(ctx), id, input.into_new(0)?).await
        })
        .await
    }

    /// Sets which products carry a label; they must be the label owner's products.
    async fn set_brand_label_products(
        &self,
        ctx: &Context<'_>,
        id: ID,
        product_ids: Vec<ID>,
    ) -> async_graphql::Result<BrandLabelPayload> {
        payload(async {
            let id = parse_id("id", &id)?;
            brand_labels::set_brand_label_products(db(ctx), actor(ctx), id, parse_ids("productIds", &product_ids)?)
                .await
        })
        .await
    }

    /// Withdraws a brand label from the profile. Nothing is deleted.
    async fn archive_brand_label(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<BrandLabelPayload> {
        payload(async { brand_labels::archive_brand_label(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }
}
