//! Producer profiles: the public face of a cooperative.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use super::certificates::{CertificateMatch, current_certificate_exists_for_producer};
pub use super::producer_review::verify_producer;
use super::validation as check;
use crate::audit;
use crate::authz::{Action, Actor};
use crate::entities::catalog_enums::{ProducerKind, ProductCategory, VerificationStatus};
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{producer, producer_photo, product, stored_file};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{CursorKey, Page, PageRequest, SortValue, keyset};
use crate::places;

/// Profile fields. On update `None` leaves a field as it is; for optional
/// fields `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProducerFields {
    pub kind: Option<ProducerKind>,
    pub name: Option<String>,
    pub registration_number: Option<Option<String>>,
    pub tax_code: Option<Option<String>>,
    pub founded_year: Option<Option<i32>>,
    pub member_count: Option<Option<i32>>,
    pub description: Option<String>,
    pub main_sectors: Option<Vec<ProductCategory>>,
    pub province_code: Option<i32>,
    pub commune_code: Option<Option<i32>>,
    pub street: Option<String>,
    pub latitude: Option<Option<f64>>,
    pub longitude: Option<Option<f64>>,
    pub contact_person: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub logo_file_id: Option<Option<i32>>,
    /// Replaces the photos, in this order.
    pub photo_file_ids: Option<Vec<i32>>,
}

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

/// Validates `fields` over `current` (None when creating) into an active model.
async fn apply_fields(
    db: &impl ConnectionTrait,
    current: Option<&producer::Model>,
    fields: ProducerFields,
    owner_id: i32,
) -> Result<producer::ActiveModel> {
    let mut v = Validator::new();
    let mut model: producer::ActiveModel = match current {
        Some(c) => c.clone().into(),
        None => producer::ActiveModel {
            id: Set(owner_id),
            ..Default::default()
        },
    };
    match (fields.kind, current) {
        (Some(kind), _) => model.kind = Set(kind),
        (None, None) => v.push("kind", ErrorCode::Required, "choose the kind of producer"),
        (None, Some(_)) => {}
    }
    match (fields.name.as_deref(), current) {
        (Some(name), _) => {
            if let Some(name) = v.check(check::required_text("name", name, 200)) {
                model.name = Set(name);
            }
        }
        (None, None) => v.push("name", ErrorCode::Required, "enter the cooperative's name"),
        (None, Some(_)) => {}
    }
    if let Some(value) = fields.registration_number {
        let value = value
            .map(|s| check::optional_text("registrationNumber", &s, 50))
            .transpose();
        if let Some(value) = v.check(value) {
            model.registration_number = Set(value.flatten());
        }
    }
    if let Some(value) = fields.tax_code
        && let Some(value) = v.check(value.map(|s| check::tax_code("taxCode", &s)).transpose())
    {
        model.tax_code = Set(value);
    }
    if let Some(value) = fields.founded_year
        && let Some(value) = v.check(value.map(|y| check::founded_year("foundedYear", y)).transpose())
    {
        model.founded_year = Set(value);
    }
    if let Some(value) = fields.member_count {
        let checked = value
            .map(|n| check::non_negative("memberCount", n.into()).map(|_| n))
            .transpose();
        if let Some(value) = v.check(checked) {
            model.member_count = Set(value);
        }
    }
    if let Some(text) = fields.description
        && let Some(text) = v.check(check::long_text("description", &text, 5000))
    {
        model.description = Set(text);
    }
    if let Some(sectors) = fields.main_sectors {
        let codes: Vec<String> = sectors.iter().map(sea_orm::ActiveEnum::to_value).collect();
        model.main_sectors = Set(codes.join(","));
    } else if current.is_none() {
        model.main_sectors = Set(String::new());
    }
    if let Some(street) = fields.street {
        if let Some(street) = v.check(check::optional_text("street", &street, 300)) {
            model.street = Set(street.unwrap_or_default());
        }
    } else if current.is_none() {
        model.street = Set(String::new());
    }
    if let Some(value) = fields.contact_person {
        let value = value
            .map(|s| check::optional_text("contactPerson", &s, 120))
            .transpose();
        if let Some(value) = v.check(value) {
            model.contact_person = Set(value.flatten());
        }
    }
    if let Some(value) = fields.phone
        && let Some(value) = v.check(value.map(|s| check::phone("phone", &s)).transpose())
    {
        model.phone = Set(value);
    }
    if let Some(value) = fields.email {
        let value = value.map(|s| crate::accounts::normalize_email("email", &s)).transpose();
        if let Some(value) = v.check(value) {
            model.email = Set(value);
        }
    }
    if let Some(value) = fields.website
        && let Some(value) = v.check(value.map(|s| check::website("website", &s)).transpose())
    {
        model.website = Set(value);
    }

    // Place: the province must exist; the commune must lie in it.
    let province = fields.province_code.or(current.map(|c| c.province_code));
    match province {
        None => v.push("provinceCode", ErrorCode::Required, "choose the province"),
        Some(code) => {
            if v.check(places::check_province(db, "provinceCode", code).await?)
                .is_some()
            {
                model.province_code = Set(code);
                let commune = match fields.commune_code {
                    Some(value) => value,
                    None => current.and_then(|c| c.commune_code),
                };
                if let Some(commune) = commune {
                    v.check(places::check_commune_in_province(db, "communeCode", commune, code).await?);
                }
                model.commune_code = Set(commune);
            }
        }
    }
    let latitude = fields.latitude.unwrap_or(current.and_then(|c| c.latitude));
    let longitude = fields.longitude.unwrap_or(current.and_then(|c| c.longitude));
    match (latitude, longitude) {
        (Some(lat), Some(lng)) => {
            if let Err(errors) = check::coordinates("latitude", "longitude", lat, lng) {
                errors.into_iter().for_each(|e| v.push(&e.field, e.code, e.message));
            }
        }
        (None, None) => {}
        (None, Some(_)) => v.push(
            "latitude",
            ErrorCode::Required,
            "give both latitude and longitude, or neither",
        ),
        (Some(_), None) => v.push(
            "longitude",
            ErrorCode::Required,
            "give both latitude and longitude, or neither",
        ),
    }
    model.latitude = Set(latitude);
    model.longitude = Set(longitude);
    if let Some(logo) = fields.logo_file_id {
        if let Some(id) = logo {
            v.check(super::files::check_owned_file(db, "logoFileId", id, owner_id).await?);
        }
        model.logo_file_id = Set(logo);
    }
    if let Some(ids) = &fields.photo_file_ids {
        if ids.len() > 20 {
            v.push("photoFileIds", ErrorCode::OutOfRange, "at most 20 photos");
        }
        for id in ids {
            v.check(super::files::check_owned_file(db, "photoFileIds", *id, owner_id).await?);
        }
    }
    v.finish()?;
    Ok(model)
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
    let rows = producer_photo::Entity::find()
        .filter(producer_photo::Column::ProducerId.is_in(ids.iter().copied()))
        .find_also_related(stored_file::Entity)
        .order_by_asc(producer_photo::Column::Position)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, file)| file.map(|f| (link.producer_id, f)))
        .collect())
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
    let mut model = apply_fields(&txn, None, fields, 0).await?;
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
    audit::record_edit(
        &txn,
        actor,
        created.id,
        "create_producer",
        None,
        Some(audit::snapshot(&created)),
    )
    .await?;
    crate::search::outbox::enqueue_producer(&txn, created.id).await?;
    txn.commit().await?;
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
    let current = producer::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound { entity: "producer" })?;
    if let Some(to) = fields.province_code {
        audit::authorize_move(actor, id, Some(current.province_code), Some(to))?;
    }
    let renamed = fields.name.is_some();
    let photos = fields.photo_file_ids.clone();
    let mut model = apply_fields(&txn, Some(&current), fields, id).await?;
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
    audit::record_edit(
        &txn,
        actor,
        id,
        "update_producer",
        Some(audit::snapshot(&current)),
        Some(audit::snapshot(&updated)),
    )
    .await?;
    crate::search::outbox::enqueue_producer(&txn, id).await?;
    txn.commit().await?;
    Ok((current, updated))
}

/// Hides a producer and its products from every public list. Nothing is deleted.
pub async fn archive_producer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<producer::Model> {
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    audit::authorize_edit(&txn, actor, id).await?;
    let current = producer::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound { entity: "producer" })?;
    let before = audit::snapshot(&current);
    let mut model: producer::ActiveModel = current.into();
    model.archived_at = Set(Some(Utc::now()));
    let archived = model.update(&txn).await?;
    audit::record_edit(
        &txn,
        actor,
        id,
        "archive_producer",
        Some(before),
        Some(audit::snapshot(&archived)),
    )
    .await?;
    crate::search::outbox::enqueue_producer(&txn, id).await?;
    txn.commit().await?;
    Ok(archived)
}

pub async fn find_producer(db: &impl ConnectionTrait, id: i32) -> Result<Option<producer::Model>> {
    Ok(producer::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_producer_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<producer::Model>> {
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
