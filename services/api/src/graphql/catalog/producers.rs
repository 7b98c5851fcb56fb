//! Producers (cooperatives): public profiles buyers can act on.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::catalog::certificates::{CertificateMatch, counts, today};
use coopbridge_domain::catalog::producers::{
    self, ProducerFields, ProducerFilter as DomainFilter, ProducerSort as DomainSort,
};
use coopbridge_domain::entities::producer;

use crate::graphql::catalog::certificates::{BrandLabel, Certificate};
use crate::graphql::catalog::enums::{CertificationScheme, ProducerKind, ProductCategory, VerificationStatus};
use crate::graphql::catalog::files::StoredFile;
use crate::graphql::catalog::products::{Product, ProductSort, list_products_connection};
use crate::graphql::context::{actor, db, loaders, parse_id, patch};
use crate::graphql::errors::{QueryResultExt, UserError, payload_errors};
use crate::graphql::linkage::loaders::{linkage_loaders, may_read_contacts};
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::places::{Commune, Province};

/// A cooperative (or cooperative group, union, household, enterprise) that sells produce.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Producer {
    pub id: ID,
    /// URL-friendly name without diacritics, unique, e.g. `hop-tac-xa-quyet-thang`.
    pub slug: String,
    pub kind: ProducerKind,
    /// Name with diacritics (NFC), e.g. "Hợp tác xã Quyết Thắng".
    pub name: String,
    /// Business registration number.
    pub registration_number: Option<String>,
    /// Tax code: 10 digits, or `0123456789-001` for a branch.
    pub tax_code: Option<String>,
    pub founded_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: String,
    /// Street address below the commune (thôn, xóm, số nhà…).
    pub street: String,
    /// Exact position when the cooperative gave one; otherwise null and
    /// `commune` is the best known location.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Public website.
    pub website: Option<String>,
    pub verification_status: VerificationStatus,
    /// When an organizer last verified or rejected it.
    pub verified_at: Option<DateTime<Utc>>,
    /// True once archived: hidden from lists, kept for history.
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub model: producer::Model,
    /// In a mutation's payload: the province the producer was in before the
    /// write. Contacts are shown only if the caller could see them then too,
    /// so a write (a move, say) never reveals what was hidden before it.
    #[graphql(skip)]
    pub province_before_write: Option<i32>,
}

impl From<producer::Model> for Producer {
    fn from(m: producer::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            slug: m.slug.clone(),
            kind: m.kind.into(),
            name: m.name.clone(),
            registration_number: m.registration_number.clone(),
            tax_code: m.tax_code.clone(),
            founded_year: m.founded_year,
            member_count: m.member_count,
            description: m.description.clone(),
            street: m.street.clone(),
            latitude: m.latitude,
            longitude: m.longitude,
            website: m.website.clone(),
            verification_status: m.verification_status.into(),
            verified_at: m.verified_at,
            archived: m.archived_at.is_some(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            model: m,
            province_before_write: None,
        }
    }
}

/// Phone, email and contact person: shown to the cooperative's members,
/// buyers whose inquiry it accepted, organizers of its province and admins.
#[derive(SimpleObject, Clone)]
pub struct ProducerContacts {
    pub contact_person: Option<String>,
    /// Digits only, starting with 0, e.g. `0912345678`.
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[ComplexObject]
impl Producer {
    /// Its main sectors.
    async fn main_sectors(&self) -> Vec<ProductCategory> {
        producers::sectors_of(&self.model).into_iter().map(Into::into).collect()
    }

    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        crate::graphql::places::province(ctx, self.model.province_code)
    }

    async fn commune(&self, ctx: &Context<'_>) -> Option<Commune> {
        crate::graphql::places::commune(ctx, self.model.commune_code)
    }

    /// Contact details, or null when the caller may not see them: the
    /// cooperative's members; a buyer (or cooperative) whose inquiry it
    /// accepted (in discussion or agreed); organizers of its province, or of a
    /// national body; admins. Never anonymous callers.
    async fn contacts(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ProducerContacts>> {
        if !may_read_contacts(ctx, self.model.id, Some(self.model.province_code)).await? {
            return Ok(None);
        }
        if let Some(before) = self.province_before_write
            && !may_read_contacts(ctx, self.model.id, Some(before)).await?
        {
            return Ok(None);
        }
        Ok(Some(ProducerContacts {
            contact_person: self.model.contact_person.clone(),
            phone: self.model.phone.clone(),
            email: self.model.email.clone(),
        }))
    }

    /// Median hours from a buyer's inquiry to this cooperative's first reply
    /// (a message, acceptance or refusal), over the inquiries of the last 365
    /// days it answered; null until it has answered one.
    async fn median_response_hours(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<f64>> {
        linkage_loaders(ctx).response_times.load_one(self.model.id).await
    }

    async fn logo(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StoredFile>> {
        let Some(id) = self.model.logo_file_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).files.load_one(id).await?.map(StoredFile::from))
    }

    /// Photos of the cooperative, in the order its members chose.
    async fn photos(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StoredFile>> {
        let rows = loaders(ctx)
            .producer_photos
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(StoredFile::from).collect())
    }

    /// Certificates, current and expired, newest last. Archived ones are left out.
    async fn certificates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Certificate>> {
        let rows = loaders(ctx)
            .producer_certificates
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Certificate::from).collect())
    }

    /// Highest OCOP rating among its current certificates that an organizer
    /// verified; self-declared ones give no stars.
    async fn ocop_stars(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i32>> {
        let rows = loaders(ctx)
            .producer_certificates
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        let today = today();
        Ok(rows
            .iter()
            .filter(|c| counts(c, today))
            .filter_map(|c| c.ocop_stars)
            .max())
    }

    async fn brand_labels(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BrandLabel>> {
        let rows = loaders(ctx)
            .producer_labels
            .load_one(self.model.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(BrandLabel::from).collect())
    }

    /// Its products that are not archived.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] sort: ProductSort,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Product>> {
        let filter = coopbridge_domain::catalog::products::ProductFilter {
            producer_id: Some(self.model.id),
            ..Default::default()
        };
        list_products_connection(ctx, filter, sort, first, after).await
    }
}

/// Filters for `producers`; all given conditions must hold.
#[derive(InputObject, Default)]
pub struct ProducerFilter {
    /// Official province code.
    pub province_code: Option<i32>,
    /// Official commune code.
    pub commune_code: Option<i32>,
    pub kind: Option<ProducerKind>,
    /// true: only producers an organizer verified; false: only the others.
    pub verified: Option<bool>,
    /// A main sector, or a category of at least one of its products.
    pub sector: Option<ProductCategory>,
    /// Holds a current (unexpired) certificate of this scheme that an
    /// organizer verified.
    pub certification_scheme: Option<CertificationScheme>,
    /// Holds a verified current OCOP certificate with at least this many stars (3–5).
    pub ocop_stars_at_least: Option<i32>,
    /// Let self-declared (not yet verified) certificates satisfy the two
    /// certificate conditions. Default false.
    #[graphql(default)]
    pub include_self_declared: bool,
}

pub(crate) fn certificate_match(
    scheme: Option<CertificationScheme>,
    stars: Option<i32>,
    include_self_declared: bool,
) -> Option<CertificateMatch> {
    (scheme.is_some() || stars.is_some()).then(|| CertificateMatch {
        scheme: scheme.map(Into::into),
        min_ocop_stars: stars,
        include_self_declared,
    })
}

#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProducerSort {
    /// By name, A to Z (Vietnamese letters sort after their base letter).
    #[default]
    Name,
    /// Most recently added first.
    Newest,
    /// Most members first.
    MemberCount,
}

impl From<ProducerSort> for DomainSort {
    fn from(s: ProducerSort) -> Self {
        match s {
            ProducerSort::Name => DomainSort::Name,
            ProducerSort::Newest => DomainSort::Newest,
            ProducerSort::MemberCount => DomainSort::MemberCount,
        }
    }
}

#[derive(Default)]
pub struct ProducerQuery;

#[Object]
impl ProducerQuery {
    /// Producers that are not archived, filtered and sorted.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn producers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: ProducerFilter,
        #[graphql(default)] sort: ProducerSort,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last producer of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Producer>> {
        let page = page_request(first, after).or_query_error()?;
        let domain_filter = DomainFilter {
            province_code: filter.province_code,
            commune_code: filter.commune_code,
            kind: filter.kind.map(Into::into),
            verified: filter.verified,
            sector: filter.sector.map(Into::into),
            certificate: certificate_match(
                filter.certification_scheme,
                filter.ocop_stars_at_least,
                filter.include_self_declared,
            ),
        };
        let sort: DomainSort = sort.into();
        let rows = producers::list_producers(db(ctx), &domain_filter, sort, page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |p| producers::cursor_key(p, sort), Producer::from))
    }

    /// One producer by id (archived ones too); null when none has it.
    async fn producer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Producer>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(producers::find_producer(db(ctx), id)
            .await
            .or_query_error()?
            .map(Producer::from))
    }

    /// One producer by slug; null when none has it.
    async fn producer_by_slug(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<Producer>> {
        Ok(producers::find_producer_by_slug(db(ctx), &slug)
            .await
            .or_query_error()?
            .map(Producer::from))
    }
}

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
    /// Starts with https:// or http://.
    pub website: MaybeUndefined<String>,
    /// A `LOGO` file uploaded for this producer.
    pub logo_file_id: MaybeUndefined<ID>,
    /// `PHOTO` files uploaded for this producer; replaces the photos, in order.
    pub photo_file_ids: Option<Vec<ID>>,
}

impl ProducerInput {
    fn into_fields(self) -> coopbridge_domain::Result<ProducerFields> {
        let logo = match patch(self.logo_file_id) {
            Some(Some(id)) => Some(Some(parse_id("logoFileId", &id)?)),
            Some(None) => Some(None),
            None => None,
        };
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
            logo_file_id: logo,
            photo_file_ids: self
                .photo_file_ids
                .map(|ids| {
                    ids.iter()
                        .map(|id| parse_id("photoFileIds", id))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?,
        })
    }
}

/// Result of the producer mutations.
#[derive(SimpleObject, Default)]
pub struct ProducerPayload {
    pub producer: Option<Producer>,
    /// Empty on success; otherwise nothing was written.
    pub errors: Vec<UserError>,
}

fn payload(result: coopbridge_domain::Result<producer::Model>) -> async_graphql::Result<ProducerPayload> {
    match result {
        Ok(p) => Ok(ProducerPayload {
            producer: Some(p.into()),
            errors: vec![],
        }),
        Err(e) => Ok(ProducerPayload {
            errors: payload_errors(e)?,
            ..Default::default()
        }),
    }
}

#[derive(Default)]
pub struct ProducerMutation;

#[Object]
impl ProducerMutation {
    /// Registers a cooperative with its profile. Organizers of the province
    /// (or of a national body) and admins; then add its members with
    /// `createAccount`. Organizers' edits are recorded in the audit record.
    async fn create_producer(&self, ctx: &Context<'_>, input: ProducerInput) -> async_graphql::Result<ProducerPayload> {
        let result = async { producers::create_producer(db(ctx), actor(ctx), input.into_fields()?).await }.await;
        payload(result)
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
        let result = async {
            let id = parse_id("id", &id)?;
            producers::update_producer_from(db(ctx), actor(ctx), id, input.into_fields()?).await
        }
        .await;
        match result {
            Ok((before, after)) => Ok(ProducerPayload {
                producer: Some(Producer {
                    province_before_write: Some(before.province_code),
                    ..after.into()
                }),
                errors: vec![],
            }),
            Err(e) => payload(Err(e)),
        }
    }

    /// Hides a producer and its products from every list. Nothing is deleted.
    /// Its members, organizers of its province (or of a national body), admins.
    async fn archive_producer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ProducerPayload> {
        let result = async { producers::archive_producer(db(ctx), actor(ctx), parse_id("id", &id)?).await }.await;
        payload(result)
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
        let result =
            async { producers::verify_producer(db(ctx), actor(ctx), parse_id("id", &id)?, status.into(), note).await }
                .await;
        payload(result)
    }
}
