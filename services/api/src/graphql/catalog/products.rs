//! Products: what a cooperative sells, in what quantities and when. The
//! struct is in `catalog::types`; here are its resolved fields, the product
//! list and lookup, and the product writes.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, InputObject, MaybeUndefined, Object};
use coopbridge_domain::catalog::products::{self, ProductFields, ProductFilter as DomainFilter};

use crate::graphql::catalog::connections::{ProductSort, certificate_match, products_connection};
use crate::graphql::catalog::enums::{CertificationScheme, ProducerKind, ProductCategory};
use crate::graphql::catalog::files::StoredFile;
use crate::graphql::catalog::types::{BrandLabel, Certificate, Producer};
use crate::graphql::context::{actor, db, loaders, parse_id, parse_ids, parse_optional_id, patch};
use crate::graphql::dataloader::{load_object, load_objects};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::payload::{payload, payload_type};

pub use crate::graphql::catalog::types::Product;

#[ComplexObject]
impl Product {
    async fn producer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Producer>> {
        load_object(&loaders(ctx).producers, self.producer_id).await
    }

    /// Certificates that cover it: its producer's whole-producer certificates
    /// and those naming it. Check `current` for validity today.
    async fn certificates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Certificate>> {
        load_objects(&loaders(ctx).product_certificates, (self.product_id, self.producer_id)).await
    }

    /// Brand labels it carries.
    async fn brand_labels(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BrandLabel>> {
        load_objects(&loaders(ctx).product_labels, self.product_id).await
    }

    /// Photos, first one is the cover.
    async fn images(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StoredFile>> {
        load_objects(&loaders(ctx).product_images, self.product_id).await
    }
}

/// Filters for `products`; all given conditions must hold.
#[derive(InputObject, Default)]
pub struct ProductFilter {
    pub producer_id: Option<ID>,
    /// Official code of the producer's province.
    pub province_code: Option<i32>,
    /// Official code of the producer's commune.
    pub commune_code: Option<i32>,
    pub producer_kind: Option<ProducerKind>,
    pub category: Option<ProductCategory>,
    /// true: only products of producers an organizer verified.
    pub verified_producer: Option<bool>,
    /// Covered by a current (unexpired) certificate of this scheme that an
    /// organizer verified.
    pub certification_scheme: Option<CertificationScheme>,
    /// Covered by a verified current OCOP certificate with at least this many stars.
    pub ocop_stars_at_least: Option<i32>,
    /// Let self-declared (not yet verified) certificates satisfy the two
    /// certificate conditions. Default false.
    #[graphql(default)]
    pub include_self_declared: bool,
    /// Harvested or produced in this month (1–12).
    pub available_in_month: Option<i32>,
    /// Monthly capacity at least this much (in the product's unit).
    pub capacity_at_least: Option<i64>,
    /// Only products that can be ordered now.
    #[graphql(default)]
    pub available_only: bool,
}

#[derive(Default)]
pub struct ProductQuery;

#[Object]
impl ProductQuery {
    /// Products that are not archived (of producers that are not archived), filtered and sorted.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: ProductFilter,
        #[graphql(default)] sort: ProductSort,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last product of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Product>> {
        let producer_id = parse_optional_id("filter.producerId", filter.producer_id.as_ref());
        let domain_filter = DomainFilter {
            producer_id: producer_id.or_query_error()?,
            province_code: filter.province_code,
            commune_code: filter.commune_code,
            producer_kind: filter.producer_kind.map(Into::into),
            category: filter.category.map(Into::into),
            verified_producer: filter.verified_producer,
            certificate: certificate_match(
                filter.certification_scheme,
                filter.ocop_stars_at_least,
                filter.include_self_declared,
            ),
            available_in_month: filter.available_in_month,
            min_monthly_capacity: filter.capacity_at_least,
            available_only: filter.available_only,
        };
        products_connection(ctx, domain_filter, sort, first, after).await
    }

    /// One product by id (archived ones too); null when none has it.
    async fn product(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Product>> {
        let Ok(id) = parse_id("id", &id) else { return Ok(None) };
        Ok(products::find_product(db(ctx), id)
            .await
            .or_query_error()?
            .map(Product::from))
    }
}

/// Product fields. Fields left out keep their value; fields set to null are cleared.
#[derive(InputObject, Default)]
pub struct ProductInput {
    /// Up to 200 characters (required when creating).
    pub name: Option<String>,
    /// Required when creating.
    pub category: Option<ProductCategory>,
    pub description: Option<String>,
    /// Unit of sale, e.g. "kg" (required when creating).
    pub unit: Option<String>,
    /// VND per unit, not negative.
    pub price_min_vnd: MaybeUndefined<i64>,
    /// VND per unit, not below `priceMinVnd`.
    pub price_max_vnd: MaybeUndefined<i64>,
    pub min_order_quantity: MaybeUndefined<i64>,
    pub monthly_capacity: MaybeUndefined<i64>,
    /// Months 1–12.
    pub harvest_months: Option<Vec<i32>>,
    pub shelf_life_days: MaybeUndefined<i32>,
    pub packaging: Option<String>,
    pub available: Option<bool>,
    /// `PRODUCT_IMAGE` files of the same producer; replaces the images, in order.
    pub image_file_ids: Option<Vec<ID>>,
}

impl ProductInput {
    fn into_fields(self) -> coopbridge_domain::Result<ProductFields> {
        let images = self
            .image_file_ids
            .map(|ids| parse_ids("imageFileIds", &ids))
            .transpose()?;
        Ok(ProductFields {
            name: self.name,
            category: self.category.map(Into::into),
            description: self.description,
            unit: self.unit,
            price_min_vnd: patch(self.price_min_vnd),
            price_max_vnd: patch(self.price_max_vnd),
            min_order_quantity: patch(self.min_order_quantity),
            monthly_capacity: patch(self.monthly_capacity),
            harvest_months: self.harvest_months,
            shelf_life_days: patch(self.shelf_life_days),
            packaging: self.packaging,
            available: self.available,
            image_file_ids: images,
        })
    }
}

payload_type! {
    /// Result of the product mutations.
    ProductPayload { product: Product }
}

#[derive(Default)]
pub struct ProductMutation;

#[Object]
impl ProductMutation {
    /// Adds a product to a producer. Its members, organizers of its province
    /// (or of a national body) and admins.
    async fn create_product(
        &self,
        ctx: &Context<'_>,
        producer_id: ID,
        input: ProductInput,
    ) -> async_graphql::Result<ProductPayload> {
        payload(async {
            let producer_id = parse_id("producerId", &producer_id)?;
            products::create_product(db(ctx), actor(ctx), producer_id, input.into_fields()?).await
        })
        .await
    }

    /// Edits a product.
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductInput,
    ) -> async_graphql::Result<ProductPayload> {
        payload(async {
            let id = parse_id("id", &id)?;
            products::update_product(db(ctx), actor(ctx), id, input.into_fields()?).await
        })
        .await
    }

    /// Hides a product from every list. Nothing is deleted.
    async fn archive_product(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ProductPayload> {
        payload(async { products::archive_product(db(ctx), actor(ctx), parse_id("id", &id)?).await }).await
    }
}
