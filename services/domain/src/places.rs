//! Provinces and communes (2025 two-level structure).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{commune, province};
use crate::error::{ErrorCode, FieldError, Result};
use crate::pagination::{Page, PageRequest};
use crate::text::fold_to_codename;

#[derive(Debug, Clone, Default)]
pub struct CommuneFilter {
    pub province_code: Option<i32>,
    /// Matches names with or without diacritics ("hoan kiem" finds "Hoàn Kiếm").
    pub name_contains: Option<String>,
}

pub async fn list_provinces(
    db: &impl ConnectionTrait,
    name_contains: Option<&str>,
    page: PageRequest,
) -> Result<Page<province::Model>> {
    let mut query = province::Entity::find().order_by_asc(province::Column::Code);
    if let Some(after) = page.after_id() {
        query = query.filter(province::Column::Code.gt(after));
    }
    if let Some(needle) = name_contains.map(fold_to_codename).filter(|n| !n.is_empty()) {
        query = query.filter(province::Column::Codename.contains(needle));
    }
    let rows = query.limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, &page))
}

pub async fn list_communes(
    db: &impl ConnectionTrait,
    filter: &CommuneFilter,
    page: PageRequest,
) -> Result<Page<commune::Model>> {
    let mut query = commune::Entity::find().order_by_asc(commune::Column::Code);
    if let Some(after) = page.after_id() {
        query = query.filter(commune::Column::Code.gt(after));
    }
    if let Some(code) = filter.province_code {
        query = query.filter(commune::Column::ProvinceCode.eq(code));
    }
    if let Some(needle) = filter
        .name_contains
        .as_deref()
        .map(fold_to_codename)
        .filter(|n| !n.is_empty())
    {
        query = query.filter(commune::Column::Codename.contains(needle));
    }
    let rows = query.limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, &page))
}

pub async fn find_province(db: &impl ConnectionTrait, code: i32) -> Result<Option<province::Model>> {
    Ok(province::Entity::find_by_id(code).one(db).await?)
}

pub async fn find_commune(db: &impl ConnectionTrait, code: i32) -> Result<Option<commune::Model>> {
    Ok(commune::Entity::find_by_id(code).one(db).await?)
}

pub async fn provinces_by_codes(db: &impl ConnectionTrait, codes: &[i32]) -> Result<Vec<province::Model>> {
    Ok(province::Entity::find()
        .filter(province::Column::Code.is_in(codes.iter().copied()))
        .all(db)
        .await?)
}

/// Checks that a province code exists; the error names `field`.
pub async fn check_province(
    db: &impl ConnectionTrait,
    field: &str,
    code: i32,
) -> Result<Result<province::Model, FieldError>> {
    Ok(find_province(db, code)
        .await?
        .ok_or_else(|| FieldError::new(field, ErrorCode::NotFound, format!("no province has code {code}"))))
}

/// Checks that a commune exists and lies in the given province.
pub async fn check_commune_in_province(
    db: &impl ConnectionTrait,
    field: &str,
    commune_code: i32,
    province_code: i32,
) -> Result<Result<commune::Model, FieldError>> {
    Ok(match find_commune(db, commune_code).await? {
        None => Err(FieldError::new(
            field,
            ErrorCode::NotFound,
            format!("no commune has code {commune_code}"),
        )),
        Some(c) if c.province_code != province_code => Err(FieldError::new(
            field,
            ErrorCode::InvalidFormat,
            format!("commune {commune_code} is not in province {province_code}"),
        )),
        Some(c) => Ok(c),
    })
}

pub async fn communes_by_codes(db: &impl ConnectionTrait, codes: &[i32]) -> Result<Vec<commune::Model>> {
    Ok(commune::Entity::find()
        .filter(commune::Column::Code.is_in(codes.iter().copied()))
        .all(db)
        .await?)
}
