//! Products a cooperative sells, with price range in VND, capacity and season.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, Order, QueryFilter, QuerySelect, RelationTrait, Set,
    TransactionTrait,
};

use super::certificates::{CertificateMatch, current_certificate_exists_for_product};
use super::validation as check;
use crate::audit;
use crate::authz::Actor;
use crate::entities::catalog_enums::{FilePurpose, ProducerKind, ProductCategory, VerificationStatus};
use crate::entities::{producer, product, product_image, stored_file};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{CursorKey, Page, PageRequest, SortValue, keyset};

/// Product fields. On update `None` leaves a field as it is; for optional
/// fields `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProductFields {
    pub name: Option<String>,
    pub category: Option<ProductCategory>,
    pub description: Option<String>,
    pub unit: Option<String>,
    pub price_min_vnd: Option<Option<i64>>,
    pub price_max_vnd: Option<Option<i64>>,
    pub min_order_quantity: Option<Option<i64>>,
    pub monthly_capacity: Option<Option<i64>>,
    pub harvest_months: Option<Vec<i32>>,
    pub shelf_life_days: Option<Option<i32>>,
    pub packaging: Option<String>,
    pub available: Option<bool>,
    /// Replaces the product's images, in this order.
    pub image_file_ids: Option<Vec<i32>>,
}

#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    pub producer_id: Option<i32>,
    pub province_code: Option<i32>,
    pub commune_code: Option<i32>,
    pub producer_kind: Option<ProducerKind>,
    pub category: Option<ProductCategory>,
    pub verified_producer: Option<bool>,
    pub certificate: Option<CertificateMatch>,
    /// 1–12: only products harvested in that month.
    pub available_in_month: Option<i32>,
    pub min_monthly_capacity: Option<i64>,
    /// Only products marked as currently available.
    pub available_only: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProductSort {
    #[default]
    Newest,
    Name,
    PriceLowToHigh,
    CapacityHighToLow,
}

async fn apply_fields(
    db: &impl ConnectionTrait,
    current: Option<&product::Model>,
    fields: &ProductFields,
    producer_id: i32,
) -> Result<product::ActiveModel> {
    let mut v = Validator::new();
    let mut model: product::ActiveModel = match current {
        Some(c) => c.clone().into(),
        None => product::ActiveModel {
            producer_id: Set(producer_id),
            description: Set(String::new()),
            packaging: Set(String::new()),
            price_min_vnd: Set(None),
            price_max_vnd: Set(None),
            min_order_quantity: Set(None),
            monthly_capacity: Set(None),
            harvest_months: Set(0),
            shelf_life_days: Set(None),
            available: Set(true),
            ..Default::default()
        },
    };
    match (&fields.name, current) {
        (Some(name), _) => {
            if let Some(name) = v.check(check::required_text("name", name, 200)) {
                model.name = Set(name);
            }
        }
        (None, None) => v.push("name", ErrorCode::Required, "enter the product's name"),
        _ => {}
    }
    match (fields.category, current) {
        (Some(category), _) => model.category = Set(category),
        (None, None) => v.push("category", ErrorCode::Required, "choose a category"),
        _ => {}
    }
    match (&fields.unit, current) {
        (Some(unit), _) => {
            if let Some(unit) = v.check(check::required_text("unit", unit, 30)) {
                model.unit = Set(unit);
            }
        }
        (None, None) => v.push("unit", ErrorCode::Required, "enter the unit of sale, e.g. kg"),
        _ => {}
    }
    if let Some(text) = &fields.description
        && let Some(text) = v.check(check::long_text("description", text, 5000))
    {
        model.description = Set(text);
    }
    if let Some(text) = &fields.packaging
        && let Some(text) = v.check(check::optional_text("packaging", text, 200))
    {
        model.packaging = Set(text.unwrap_or_default());
    }
    let amounts = [
        ("priceMinVnd", fields.price_min_vnd, &mut model.price_min_vnd),
        ("priceMaxVnd", fields.price_max_vnd, &mut model.price_max_vnd),
        (
            "minOrderQuantity",
            fields.min_order_quantity,
            &mut model.min_order_quantity,
        ),
        ("monthlyCapacity", fields.monthly_capacity, &mut model.monthly_capacity),
    ];
    for (field, value, target) in amounts {
        if let Some(value) = value
            && let Some(value) = v.check(value.map(|n| check::non_negative(field, n)).transpose())
        {
            *target = Set(value);
        }
    }
    let min = model.price_min_vnd.try_as_ref().copied().flatten();
    let max = model.price_max_vnd.try_as_ref().copied().flatten();
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        v.push(
            "priceMaxVnd",
            ErrorCode::OutOfRange,
            "the highest price must not be below the lowest",
        );
    }
    if let Some(months) = &fields.harvest_months
        && let Some(bits) = v.check(check::harvest_months("harvestMonths", months))
    {
        model.harvest_months = Set(bits);
    }
    if let Some(days) = fields.shelf_life_days {
        let checked = days
            .map(|d| check::non_negative("shelfLifeDays", d.into()).map(|_| d))
            .transpose();
        if let Some(days) = v.check(checked) {
            model.shelf_life_days = Set(days);
        }
    }
    if let Some(available) = fields.available {
        model.available = Set(available);
    }
    if let Some(ids) = &fields.image_file_ids {
        if ids.len() > 12 {
            v.push("imageFileIds", ErrorCode::OutOfRange, "at most 12 images per product");
        }
        for id in ids {
            v.check(super::files::check_owned_file(db, "imageFileIds", *id, producer_id).await?);
        }
    }
    v.finish()?;
    Ok(model)
}

/// Replaces the product's images when the write names them.
async fn save_images(db: &impl ConnectionTrait, product_id: i32, fields: &ProductFields) -> Result<()> {
    let Some(file_ids) = &fields.image_file_ids else {
        return Ok(());
    };
    let clear = product_image::Entity::delete_many().filter(product_image::Column::ProductId.eq(product_id));
    super::gallery::replace(db, clear, file_ids, |position, file_id| product_image::ActiveModel {
        product_id: Set(product_id),
        file_id: Set(file_id),
        position: Set(position),
    })
    .await
}

pub async fn create_product(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    producer_id: i32,
    fields: ProductFields,
) -> Result<product::Model> {
    let producer = super::edit::authorize_producer_field(db, actor, producer_id).await?;
    if producer.archived_at.is_some() {
        return Err(Error::field(
            "producerId",
            ErrorCode::NotFound,
            "this producer is archived",
        ));
    }
    let model = apply_fields(db, None, &fields, producer_id).await?;
    super::edit::save(db, actor, None, model, async |txn, created| {
        save_images(txn, created.id, &fields).await
    })
    .await
}

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<product::Model> {
    super::edit::load::<product::Entity>(db, id).await
}

pub async fn update_product(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    fields: ProductFields,
) -> Result<product::Model> {
    let current = find(db, id).await?;
    audit::authorize_edit(db, actor, current.producer_id).await?;
    let model = apply_fields(db, Some(&current), &fields, current.producer_id).await?;
    super::edit::save(db, actor, Some(&current), model, async |txn, updated| {
        save_images(txn, updated.id, &fields).await
    })
    .await
}

/// Hides a product from every public list. Nothing is deleted.
pub async fn archive_product(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<product::Model> {
    super::edit::archive::<product::Entity>(db, actor, id).await
}

pub async fn find_product(db: &impl ConnectionTrait, id: i32) -> Result<Option<product::Model>> {
    Ok(product::Entity::find_by_id(id).one(db).await?)
}

pub async fn products_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<product::Model>> {
    Ok(product::Entity::find()
        .filter(product::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// (product id, file) pairs in display order, for many products at once.
pub async fn images_of_products(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<(i32, stored_file::Model)>> {
    use product_image::Column;
    let files = super::gallery::files_of::<product_image::Entity>(db, Column::ProductId, Column::Position, ids, |i| {
        i.product_id
    })
    .await?;
    Ok(files
        .into_iter()
        .filter(|(_, f)| f.purpose == FilePurpose::ProductImage)
        .collect())
}

pub async fn list_products(
    db: &impl ConnectionTrait,
    filter: &ProductFilter,
    sort: ProductSort,
    page: PageRequest,
) -> Result<Page<product::Model>> {
    let mut query = product::Entity::find()
        .join(JoinType::InnerJoin, product::Relation::Producer.def())
        .filter(product::Column::ArchivedAt.is_null())
        .filter(producer::Column::ArchivedAt.is_null());
    if let Some(id) = filter.producer_id {
        query = query.filter(product::Column::ProducerId.eq(id));
    }
    if let Some(code) = filter.province_code {
        query = query.filter(producer::Column::ProvinceCode.eq(code));
    }
    if let Some(code) = filter.commune_code {
        query = query.filter(producer::Column::CommuneCode.eq(code));
    }
    if let Some(kind) = filter.producer_kind {
        query = query.filter(producer::Column::Kind.eq(kind));
    }
    if let Some(category) = filter.category {
        query = query.filter(product::Column::Category.eq(category));
    }
    if let Some(verified) = filter.verified_producer {
        let column = producer::Column::VerificationStatus;
        query = query.filter(if verified {
            column.eq(VerificationStatus::Verified)
        } else {
            column.ne(VerificationStatus::Verified)
        });
    }
    if let Some(certificate) = &filter.certificate {
        query = query.filter(current_certificate_exists_for_product(certificate));
    }
    if let Some(month) = filter.available_in_month {
        if !(1..=12).contains(&month) {
            return Err(Error::field(
                "availableInMonth",
                ErrorCode::OutOfRange,
                "months are 1 to 12",
            ));
        }
        let bit = 1i32 << (month - 1);
        query = query.filter(
            Expr::col((product::Entity, product::Column::HarvestMonths))
                .bit_and(bit)
                .ne(0),
        );
    }
    if let Some(capacity) = filter.min_monthly_capacity {
        query = query.filter(product::Column::MonthlyCapacity.gte(capacity));
    }
    if filter.available_only {
        query = query.filter(product::Column::Available.eq(true));
    }
    let (sort_expr, order) = match sort {
        ProductSort::Newest => (None, Order::Desc),
        ProductSort::Name => (Some(Expr::col((product::Entity, product::Column::Name))), Order::Asc),
        ProductSort::PriceLowToHigh => (
            Some(Expr::col((product::Entity, product::Column::PriceMinVnd)).if_null(i64::MAX)),
            Order::Asc,
        ),
        ProductSort::CapacityHighToLow => (
            Some(Expr::col((product::Entity, product::Column::MonthlyCapacity)).if_null(0)),
            Order::Desc,
        ),
    };
    let query = keyset(query, sort_expr, product::Column::Id, order, page.after.as_ref())?;
    let rows = query.limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, &page))
}

pub fn cursor_key(model: &product::Model, sort: ProductSort) -> CursorKey {
    match sort {
        ProductSort::Newest => CursorKey::id(model.id),
        ProductSort::Name => CursorKey::sorted(model.id, SortValue::Text(model.name.clone())),
        ProductSort::PriceLowToHigh => {
            CursorKey::sorted(model.id, SortValue::Int(model.price_min_vnd.unwrap_or(i64::MAX)))
        }
        ProductSort::CapacityHighToLow => {
            CursorKey::sorted(model.id, SortValue::Int(model.monthly_capacity.unwrap_or(0)))
        }
    }
}
