//! Brand labels: trademarks, collective and certification marks, geographical
//! indications and traceability stamps, and the products that carry them.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, Order, QueryFilter, QuerySelect, RelationTrait, Set,
    TransactionTrait,
};

use super::certificates::check_products_of_producer;
use super::validation as check;
use crate::audit;
use crate::authz::Actor;
use crate::entities::catalog_enums::BrandLabelKind;
use crate::entities::{brand_label, brand_label_product, producer};
use crate::error::{ErrorCode, Result, Validator};
use crate::pagination::{Page, PageRequest, keyset};

#[derive(Debug, Clone)]
pub struct NewBrandLabel {
    pub producer_id: i32,
    pub name: String,
    pub kind: BrandLabelKind,
    pub registration_number: Option<String>,
    pub authority: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub image_file_id: Option<i32>,
    pub product_ids: Vec<i32>,
}

#[derive(Debug, Clone, Default)]
pub struct BrandLabelFilter {
    pub producer_id: Option<i32>,
    pub kind: Option<BrandLabelKind>,
    pub province_code: Option<i32>,
}

pub async fn create_brand_label(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: NewBrandLabel,
) -> Result<brand_label::Model> {
    save_brand_label(db, actor, None, input).await
}

/// Replaces a brand label's content and the products that carry it.
pub async fn update_brand_label(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    mut input: NewBrandLabel,
) -> Result<brand_label::Model> {
    let current = find(db, id).await?;
    input.producer_id = current.producer_id;
    save_brand_label(db, actor, Some(current), input).await
}

async fn save_brand_label(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    current: Option<brand_label::Model>,
    input: NewBrandLabel,
) -> Result<brand_label::Model> {
    super::edit::authorize_producer_field(db, actor, input.producer_id).await?;
    let mut v = Validator::new();
    let name = v.check(check::required_text("name", &input.name, 200));
    let number = v.check(
        input
            .registration_number
            .as_deref()
            .map(|s| check::optional_text("registrationNumber", s, 100))
            .transpose(),
    );
    let authority = v.check(
        input
            .authority
            .as_deref()
            .map(|s| check::optional_text("authority", s, 200))
            .transpose(),
    );
    if let (Some(from), Some(until)) = (input.valid_from, input.valid_until)
        && until <= from
    {
        v.push(
            "validUntil",
            ErrorCode::OutOfRange,
            "the end of validity must be after its start",
        );
    }
    check_products_of_producer(db, &mut v, "productIds", input.producer_id, &input.product_ids).await?;
    if let Some(file) = input.image_file_id {
        v.check(super::files::check_owned_file(db, "imageFileId", file, input.producer_id).await?);
    }
    v.finish()?;
    let mut model = super::edit::editable::<brand_label::Entity>(current.clone(), input.producer_id);
    model.name = Set(name.unwrap_or_default());
    model.kind = Set(input.kind);
    model.registration_number = Set(number.flatten().flatten());
    model.authority = Set(authority.flatten().flatten());
    model.valid_from = Set(input.valid_from);
    model.valid_until = Set(input.valid_until);
    model.image_file_id = Set(input.image_file_id);
    super::edit::save(db, actor, current.as_ref(), model, async |txn, saved| {
        replace_products(txn, saved.id, &input.product_ids).await
    })
    .await
}

async fn replace_products(db: &impl ConnectionTrait, label_id: i32, product_ids: &[i32]) -> Result<()> {
    let clear =
        brand_label_product::Entity::delete_many().filter(brand_label_product::Column::BrandLabelId.eq(label_id));
    super::gallery::replace(db, clear, product_ids, |_, product_id| {
        brand_label_product::ActiveModel {
            brand_label_id: Set(label_id),
            product_id: Set(product_id),
        }
    })
    .await
}

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<brand_label::Model> {
    super::edit::load::<brand_label::Entity>(db, id).await
}

/// Links (or unlinks) products; they must be the label owner's own products.
pub async fn set_brand_label_products(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    product_ids: Vec<i32>,
) -> Result<brand_label::Model> {
    let label = find(db, id).await?;
    audit::authorize_edit(db, actor, label.producer_id).await?;
    let mut v = Validator::new();
    check_products_of_producer(db, &mut v, "productIds", label.producer_id, &product_ids).await?;
    v.finish()?;
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    replace_products(&txn, id, &product_ids).await?;
    let after = serde_json::json!({ "brandLabelId": id, "productIds": product_ids });
    super::edit::commit(
        txn,
        actor,
        label.producer_id,
        "set_brand_label_products",
        None,
        Some(after),
    )
    .await?;
    Ok(label)
}

pub async fn archive_brand_label(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<brand_label::Model> {
    super::edit::archive::<brand_label::Entity>(db, actor, id).await
}

pub async fn find_brand_label(db: &impl ConnectionTrait, id: i32) -> Result<Option<brand_label::Model>> {
    Ok(brand_label::Entity::find_by_id(id).one(db).await?)
}

pub async fn list_brand_labels(
    db: &impl ConnectionTrait,
    filter: &BrandLabelFilter,
    page: PageRequest,
) -> Result<Page<brand_label::Model>> {
    let mut query = brand_label::Entity::find()
        .join(JoinType::InnerJoin, brand_label::Relation::Producer.def())
        .filter(brand_label::Column::ArchivedAt.is_null())
        .filter(producer::Column::ArchivedAt.is_null());
    if let Some(id) = filter.producer_id {
        query = query.filter(brand_label::Column::ProducerId.eq(id));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(brand_label::Column::Kind.eq(kind));
    }
    if let Some(code) = filter.province_code {
        query = query.filter(producer::Column::ProvinceCode.eq(code));
    }
    let query = keyset(query, None, brand_label::Column::Id, Order::Asc, page.after.as_ref())?;
    let rows = query.limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, &page))
}

/// Non-archived labels of many producers (for DataLoaders).
pub async fn labels_of_producers(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<brand_label::Model>> {
    Ok(brand_label::Entity::find()
        .filter(brand_label::Column::ProducerId.is_in(ids.iter().copied()))
        .filter(brand_label::Column::ArchivedAt.is_null())
        .all(db)
        .await?)
}

/// (label, product id) links for many products or labels.
pub async fn label_links(
    db: &impl ConnectionTrait,
    label_ids: Option<&[i32]>,
    product_ids: Option<&[i32]>,
) -> Result<Vec<brand_label_product::Model>> {
    let mut query = brand_label_product::Entity::find();
    if let Some(ids) = label_ids {
        query = query.filter(brand_label_product::Column::BrandLabelId.is_in(ids.iter().copied()));
    }
    if let Some(ids) = product_ids {
        query = query.filter(brand_label_product::Column::ProductId.is_in(ids.iter().copied()));
    }
    Ok(query.all(db).await?)
}

pub async fn labels_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<brand_label::Model>> {
    Ok(brand_label::Entity::find()
        .filter(brand_label::Column::Id.is_in(ids.iter().copied()))
        .filter(brand_label::Column::ArchivedAt.is_null())
        .all(db)
        .await?)
}

/// Labels are valid while today lies within their validity (open ends allowed).
pub fn is_valid(label: &brand_label::Model, on: NaiveDate) -> bool {
    label.valid_from.is_none_or(|d| d <= on) && label.valid_until.is_none_or(|d| d >= on)
}
