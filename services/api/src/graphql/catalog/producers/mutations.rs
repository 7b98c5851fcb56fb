//! The producer writes: register, edit, archive and verify a cooperative.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use coopbridge_domain::catalog::producers::{self, ProducerFields};

use crate::graphql::catalog::enums::{ProducerKind, ProductCategory, VerificationStatus};
use crate::graphql::catalog::types::Producer;
use crate::graphql::context::{actor, db, parse_id, parse_ids, parse_optional_id, patch};
use crate::graphql::payload::{payload, payload_type};

/// Profile fields. Fields left out keep their value; fields set to null are cleared.
#[derive(InputObject, Default)]
pub struct ProducerInput {
    pub kind: Option<ProducerKind>,
    /// Up to 200 characters.
    pub name: Option<String>,
    pub registration_number: MaybeUndefined<String>,
    /// 10 digits, or 13 (`0123456789-001`).
    pub tax_code: MaybeUndefined<String>,
    pub founded_year: MaybeUndefined<i32>,
    pub member_count: MaybeUndefined<i32>,
    /// Up to 5,000 characters.
    pub description: Option<String>,
    pub main_sectors: Option<Vec<ProductCategory>>,
    /// Official province code (required when creating).
    pub province_code: Option<i32>,
    /// Official commune code; must lie in the province.
    pub commune_code: MaybeUndefined<i32>,
    pub street: Option<String>,
    /// Within Vietnam (6 to 24); give with `longitude`.
    pub latitude: MaybeUndefined<f64>,
    /// Within Vietnam (102 to 118); give with `latitude`.
    pub longitude: MaybeUndefined<f64>,
    pub contact_person: MaybeUndefined<String>,
    /// Vietnamese mobile or landline; +84 accepted.
    pub phone: MaybeUndefined<String>,
    pub email: MaybeUndefined<String>,
    /// The contact person agreed to be listed (personal data law). Required,
    /// as `true`, whenever `contactPerson`, `phone` or `email` change and any
    /// of them stays set (`REQUIRED` on `contactConsent` otherwise); who sent
    /// it and when is recorded. Clearing all three clears the record.
    pub contact_consent: Option<bool>,
    /// Starts with https:// or http://.
    pub website: MaybeUndefined<String>,
    /// A `LOGO` file uploaded for this producer.
    pub logo_file_id: MaybeUndefined<ID>,
    /// `PHOTO` files uploaded for this producer; replaces the photos, in order.
    pub photo_file_ids: Option<Vec<ID>>,
}

impl ProducerInput {
    fn into_fields(self) -> coopbridge_domain::Result<ProducerFields> {
        let logo = patch(self.logo_file_id).map(|id| parse_optional_id("logoFileId", id.as_ref()));
        Ok(ProducerFields {
            kind: self.kind.map(Into::into),
            name: self.name,
            registration_number: patch(self.registration_number),
            tax_code: patch(self.tax_code),
            founded_year: patch(self.founded_year),
            member_count: patch(self.member_count),
            description: self.description,
            main_sectors: self.main_sectors.map(|v| v.into_iter().map(Into::into).collect()),
            province_code: self.province_code,
            commune_code: patch(self.commune_code),
            street: self.street,
            latitude: patch(self.latitude),
            longitude: patch(self.longitude),
            contact_person: patch(self.contact_person),
            phone: patch(self.phone),
            email: patch(self.email),
            website: patch(self.website),
            contact_consent: self.contact_consent,
            logo_file_id: logo.transpose()?,
            photo_file_ids: self
                .photo_file_ids
                .map(|ids| parse_ids("photoFileIds", &ids))
                .transpose()?,
        })
    }
}

payload_type! {
    /// Result of the producer mutations.
    ProducerPayload { producer: Producer }
}

#[derive(Default)]
pub struct ProducerMutation;

#[Object]
impl ProducerMutation {
    /// Registers a cooperative with its profile. Organizers of the province
    /// (or of a national body) and admins; then add its members with
    /// `createAccount`. Organizers' edits are recorded in the audit record.
    async fn create_producer(&self, ctx: &Context<'_>, input: ProducerInput) -> async_graphql::Result<ProducerPayload> {
        payload(async { producers::create_producer(db(ctx), actor(ctx), input.into_fields()?).await }).await
    }

    /// Edits a profile. Its members; organizers of its province (or of a
    /// national body), who may move it only to a province they also cover;
    /// admins. Changing kind, name, registration number, tax code or
    /// province of a verified producer sends it back to review
    /// (`verificationStatus` becomes `UNVERIFIED`). Edits by anyone outside
    /// the cooperative are recorded in its audit record.
    async fn update_producer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProducerInput,
    ) -> async_graphql::Result<ProducerPayload> {
        payload(async {
            let id = parse_id("id", &id)?;
            let (before, after) =
                producers::update_producer_from(db(ctx), actor(ctx), id, input.into_fields()?).await?;
            Ok(Producer {
                province_before_write: Some(before.province_code),
                ..after.into()
            })
        })
        .await
    }

    /// Hides a producer and its products from every list. Nothing is deleted.
    /// Its members, organizers of its province (or of a national body), admins.
    async fn archive_producer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ProducerPayload> {
        payload(async { producers::archive_producer(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }

    /// Records an organizer's verification of a producer. Organizers of its
    /// province (or of a national body) and admins only; every verdict is
    /// kept in the cooperative's audit record. `REJECTED` needs a `note`
    /// (`REQUIRED` on `note` otherwise).
    async fn verify_producer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: VerificationStatus,
        #[graphql(desc = "Why; required when rejecting; up to 500 characters.")] note: Option<String>,
    ) -> async_graphql::Result<ProducerPayload> {
        payload(async {
            producers::verify_producer(db(ctx), actor(ctx), parse_id("id", &id)?, status.into(), note).await
        })
        .await
    }
}
