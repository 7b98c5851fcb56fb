//! Producer profiles: the public face of a cooperative.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QuerySelect, Set, TransactionTrait,
};

use super::certificates::{CertificateMatch, current_certificate_exists_for_producer};
pub use super::producer_fields::ProducerFields;
use super::producer_fields::apply_fields;
pub use super::producer_review::verify_producer;
use super::validation as check;
use crate::audit;
use crate::authz::{Action, Actor};
use crate::entities::catalog_enums::{ProducerKind, ProductCategory, VerificationStatus};
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{producer, producer_photo, product, stored_file};
use crate::error::{Error, ErrorCode, Result};
use crate::pagination::{CursorKey, Page, PageRequest, SortValue, keyset};

#[derive(Debug, Clone, Default)]
pub struct ProducerFilter {
    pub province_code: Option<i32>,
    pub commune_code: Option<i32>,
    pub kind: Option<ProducerKind>,
    pub verified: Option<bool>,
    pub sector: Option<ProductCategory>,
    pub certificate: Option<CertificateMatch>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProducerSort {
    #[default]
    Name,
    Newest,
    MemberCount,
}

pub fn sectors_of(model: &producer::Model) -> Vec<ProductCategory> {
    model
        .main_sectors
        .split(',')
        .filter_map(ProductCategory::from_code)
        .collect()
}

async fn replace_photos(db: &impl ConnectionTrait, producer_id: i32, file_ids: &[i32]) -> Result<()> {
    let clear = producer_photo::Entity::delete_many().filter(producer_photo::Column::ProducerId.eq(producer_id));
    super::gallery::replace(db, clear, file_ids, |position, file_id| producer_photo::ActiveModel {
        producer_id: Set(producer_id),
        file_id: Set(file_id),
        position: Set(position),
    })
    .await
}

/// (producer id, photo) pairs in display order, for many producers at once.
pub async fn photos_of_producers(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<(i32, stored_file::Model)>> {
    use producer_photo::Column;
    super::gallery::files_of::<producer_photo::Entity>(db, Column::ProducerId, Column::Position, ids, |p| p.producer_id)
        .await
}

async fn unique_slug(db: &impl ConnectionTrait, name: &str, own_id: i32) -> Result<String> {
    let base = check::slugify(name);
    let taken: Vec<String> = producer::Entity::find()
        .select_only()
        .column(producer::Column::Slug)
        .filter(producer::Column::Slug.starts_with(&base))
        .filter(producer::Column::Id.ne(own_id))
        .into_tuple()
        .all(db)
        .await?;
    if !taken.contains(&base) {
        return Ok(base);
    }
    Ok((2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .expect("an unused suffix exists"))
}

/// Creates a cooperative: its organization and its profile, in one transaction.
/// Organizers and admins only; members then edit it.
pub async fn create_producer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    fields: ProducerFields,
) -> Result<producer::Model> {
    actor.authorize(Action::CreateProducer {
        province_code: fields.province_code,
    })?;
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let now = Utc::now();
    // Validate first, against a placeholder id, so a bad input leaves no organization behind.
    let mut model = apply_fields(&txn, None, actor, fields, 0).await?;
    let name = match &model.name {
        sea_orm::ActiveValue::Set(name) => name.clone(),
        _ => unreachable!("validated"),
    };
    let province_code = match &model.province_code {
        sea_orm::ActiveValue::Set(code) => *code,
        _ => unreachable!("validated"),
    };
    let org = organization::ActiveModel {
        kind: Set(OrganizationKind::Cooperative),
        name: Set(name.clone()),
        province_code: Set(Some(province_code)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    model.id = Set(org.id);
    model.slug = Set(unique_slug(&txn, &name, org.id).await?);
    model.verification_status = Set(VerificationStatus::Unverified);
    model.created_at = Set(now);
    model.updated_at = Set(now);
    let created = model.insert(&txn).await?;
    super::edit::commit(
        txn,
        actor,
        created.id,
        "create_producer",
        None,
        Some(audit::snapshot(&created)),
    )
    .await?;
    Ok(created)
}

/// The profile created with a cooperative organization (see `organizations`).
pub async fn insert_default_profile(db: &impl ConnectionTrait, org: &organization::Model) -> Result<producer::Model> {
    let province_code = org
        .province_code
        .ok_or_else(|| Error::field("provinceCode", ErrorCode::Required, "a cooperative needs its province"))?;
    let now = Utc::now();
    let created = producer::ActiveModel {
        id: Set(org.id),
        kind: Set(ProducerKind::Cooperative),
        name: Set(org.name.clone()),
        slug: Set(unique_slug(db, &org.name, org.id).await?),
        description: Set(String::new()),
        main_sectors: Set(String::new()),
        province_code: Set(province_code),
        street: Set(String::new()),
        verification_status: Set(VerificationStatus::Unverified),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::search::outbox::enqueue_producer(db, created.id).await?;
    Ok(created)
}

/// Updates a profile; the organization's name and province follow it.
pub async fn update_producer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    fields: ProducerFields,
) -> Result<producer::Model> {
    Ok(update_producer_from(db, actor, id, fields).await?.1)
}

/// Updates a profile and returns it (before, after). Members edit their own;
/// organizers those of the provinces they cover, and move one only between
/// such provinces; admins any. A verified producer whose identity changes
/// goes back to review (see `producer_review`).
pub async fn update_producer_from(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    fields: ProducerFields,
) -> Result<(producer::Model, producer::Model)> {
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    audit::authorize_edit(&txn, actor, id).await?;
    let current = super::edit::load::<producer::Entity>(&txn, id).await?;
    if let Some(to) = fields.province_code {
        audit::authorize_move(actor, id, Some(current.province_code), Some(to))?;
    }
    let renamed = fields.name.is_some();
    let photos = fields.photo_file_ids.clone();
    let mut model = apply_fields(&txn, Some(&current), actor, fields, id).await?;
    let now = Utc::now();
    model.updated_at = Set(now);
    if renamed && let sea_orm::ActiveValue::Set(name) = &model.name {
        let name = name.clone();
        model.slug = Set(unique_slug(&txn, &name, id).await?);
    }
    let updated = model.update(&txn).await?;
    let updated = super::producer_review::review_identity_change(&txn, actor, &current, updated).await?;
    if let Some(photos) = &photos {
        replace_photos(&txn, id, photos).await?;
    }
    organization::Entity::update_many()
        .col_expr(organization::Column::Name, Expr::value(updated.name.clone()))
        .col_expr(organization::Column::ProvinceCode, Expr::value(updated.province_code))
        .col_expr(organization::Column::UpdatedAt, Expr::value(now))
        .filter(organization::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    super::edit::commit(
        txn,
        actor,
        id,
        "update_producer",
        Some(audit::snapshot(&current)),
        Some(audit::snapshot(&updated)),
    )
    .await?;
    Ok((current, updated))
}

/// Hides a producer and its products from every public list. Nothing is deleted.
pub async fn archive_producer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<producer::Model> {
    super::edit::archive::<producer::Entity>(db, actor, id).await
}

pub async fn find_producer(db: &impl ConnectionTrait, id: i32) -> Result<Option<producer::Model>> {
    Ok(producer::Entity::find_by_id(id).one(db).await?)
}

/// The producer with this slug. A slug holding control characters names
/// none (PostgreSQL would refuse a NUL byte in the query outright).
pub async fn find_producer_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<producer::Model>> {
    if slug.chars().any(char::is_control) {
        return Ok(None);
    }
    Ok(producer::Entity::find()
        .filter(producer::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

pub async fn producers_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<producer::Model>> {
    Ok(producer::Entity::find()
        .filter(producer::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

pub async fn list_producers(
    db: &impl ConnectionTrait,
    filter: &ProducerFilter,
    sort: ProducerSort,
    page: PageRequest,
) -> Result<Page<producer::Model>> {
    let mut query = producer::Entity::find().filter(producer::Column::ArchivedAt.is_null());
    if let Some(code) = filter.province_code {
        query = query.filter(producer::Column::ProvinceCode.eq(code));
    }
    if let Some(code) = filter.commune_code {
        query = query.filter(producer::Column::CommuneCode.eq(code));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(producer::Column::Kind.eq(kind));
    }
    if let Some(verified) = filter.verified {
        let column = producer::Column::VerificationStatus;
        query = query.filter(if verified {
            column.eq(VerificationStatus::Verified)
        } else {
            column.ne(VerificationStatus::Verified)
        });
    }
    if let Some(sector) = filter.sector {
        let code: String = sea_orm::ActiveEnum::to_value(&sector);
        let has_product = sea_orm::sea_query::Query::select()
            .expr(Expr::val(1))
            .from(product::Entity)
            .cond_where(
                sea_orm::Condition::all()
                    .add(
                        Expr::col((product::Entity, product::Column::ProducerId))
                            .equals((producer::Entity, producer::Column::Id)),
                    )
                    .add(Expr::col((product::Entity, product::Column::Category)).eq(code.clone()))
                    .add(Expr::col((product::Entity, product::Column::ArchivedAt)).is_null()),
            )
            .to_owned();
        query = query.filter(
            sea_orm::Condition::any()
                .add(Expr::col((producer::Entity, producer::Column::MainSectors)).like(format!("%{code}%")))
                .add(Expr::exists(has_product)),
        );
    }
    if let Some(certificate) = &filter.certificate {
        query = query.filter(current_certificate_exists_for_producer(certificate));
    }
    let (sort_expr, order) = match sort {
        ProducerSort::Name => (Some(Expr::col((producer::Entity, producer::Column::Name))), Order::Asc),
        ProducerSort::Newest => (None, Order::Desc),
        ProducerSort::MemberCount => (
            Some(Expr::col((producer::Entity, producer::Column::MemberCount)).if_null(0)),
            Order::Desc,
        ),
    };
    let query = keyset(query, sort_expr, producer::Column::Id, order, page.after.as_ref())?;
    let rows = query.limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, &page))
}

/// The cursor key of a producer under a sort.
pub fn cursor_key(model: &producer::Model, sort: ProducerSort) -> CursorKey {
    match sort {
        ProducerSort::Name => CursorKey::sorted(model.id, SortValue::Text(model.name.clone())),
        ProducerSort::Newest => CursorKey::id(model.id),
        ProducerSort::MemberCount => {
            CursorKey::sorted(model.id, SortValue::Int(model.member_count.unwrap_or(0).into()))
        }
    }
}
