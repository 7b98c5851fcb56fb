//! Certificates and brand labels. The structs are in `catalog::types`; here
//! are their resolved fields, in `queries` the lookups and the label list, in
//! `mutations` the writes and the organizers' verification.

mod mutations;
mod queries;

use async_graphql::{ComplexObject, Context};
use coopbridge_domain::catalog::brand_labels;
use coopbridge_domain::catalog::certificates::{is_current, is_self_declared, today};

use crate::graphql::catalog::files::StoredFile;
use crate::graphql::catalog::types::{Producer, Product};
use crate::graphql::context::loaders;
use crate::graphql::dataloader::{load_object, load_objects};

pub use crate::graphql::catalog::types::{BrandLabel, Certificate};
pub use mutations::{BrandLabelPayload, CertificateMutation, CertificatePayload};
pub use queries::{BrandLabelFilter, CertificateQuery};

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
        load_object(&loaders(ctx).producers, self.model.producer_id).await
    }

    /// The products it names (empty for whole-producer certificates).
    async fn products(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Product>> {
        load_objects(&loaders(ctx).certificate_products, self.model.id).await
    }

    /// Scan or PDF of the certificate.
    async fn evidence(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StoredFile>> {
        load_object(&loaders(ctx).files, self.model.evidence_file_id).await
    }
}

#[ComplexObject]
impl BrandLabel {
    /// True when today is within its validity.
    async fn valid(&self) -> bool {
        brand_labels::is_valid(&self.model, today())
    }

    async fn producer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        load_object(&loaders(ctx).producers, self.model.producer_id).await
    }

    /// Products that carry it.
    async fn products(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Product>> {
        load_objects(&loaders(ctx).label_products, self.model.id).await
    }

    async fn image(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StoredFile>> {
        load_object(&loaders(ctx).files, self.model.image_file_id).await
    }
}
