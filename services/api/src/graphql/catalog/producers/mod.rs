//! Producers (cooperatives): public profiles buyers can act on. The struct
//! is in `catalog::types`; here are its resolved fields, in `queries` the
//! lists and lookups, in `mutations` the profile writes.

mod mutations;
mod queries;

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context};
use coopbridge_domain::catalog::certificates::{counts, today};
use coopbridge_domain::catalog::producers;
use coopbridge_domain::catalog::products::ProductFilter;

use crate::graphql::catalog::connections::{ProductSort, products_connection};
use crate::graphql::catalog::enums::ProductCategory;
use crate::graphql::catalog::files::StoredFile;
use crate::graphql::catalog::types::{BrandLabel, Certificate, Product};
use crate::graphql::context::loaders;
use crate::graphql::dataloader::{load_object, load_objects};
use crate::graphql::linkage::contacts::may_read_contacts;
use crate::graphql::places::{Commune, Province};

pub use crate::graphql::catalog::types::{Producer, ProducerContacts};
pub use mutations::{ProducerInput, ProducerMutation, ProducerPayload};
pub use queries::{ProducerFilter, ProducerQuery, ProducerSort};

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
            consent_recorded_at: self.model.contact_consent_recorded_at,
            consent_recorded_by: self
                .model
                .contact_consent_recorded_by
                .map(|id| async_graphql::ID(id.to_string())),
        }))
    }

    /// Median hours from a buyer's inquiry to this cooperative's first reply
    /// (a message, acceptance or refusal), over the inquiries of the last 365
    /// days it answered; null until it has answered one.
    async fn median_response_hours(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<f64>> {
        loaders(ctx).response_times.load_one(self.model.id).await
    }

    async fn logo(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StoredFile>> {
        load_object(&loaders(ctx).files, self.model.logo_file_id).await
    }

    /// Photos of the cooperative, in the order its members chose.
    async fn photos(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StoredFile>> {
        load_objects(&loaders(ctx).producer_photos, self.model.id).await
    }

    /// Certificates, current and expired, newest last. Archived ones are left out.
    async fn certificates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Certificate>> {
        load_objects(&loaders(ctx).producer_certificates, self.model.id).await
    }

    /// Highest OCOP rating among its current certificates that an organizer
    /// verified; self-declared ones give no stars.
    async fn ocop_stars(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i32>> {
        let rows = loaders(ctx).producer_certificates.load_one(self.model.id).await?;
        let today = today();
        Ok(rows
            .unwrap_or_default()
            .iter()
            .filter(|c| counts(c, today))
            .filter_map(|c| c.ocop_stars)
            .max())
    }

    async fn brand_labels(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BrandLabel>> {
        load_objects(&loaders(ctx).producer_labels, self.model.id).await
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
        let filter = ProductFilter {
            producer_id: Some(self.model.id),
            ..Default::default()
        };
        products_connection(ctx, filter, sort, first, after).await
    }
}
