//! Provinces and communes (2025 two-level structure).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{commune, province};
use crate::error::{Error, ErrorCode, FieldError, Result};
use crate::pagination::{Page, PageRequest, page_by_id};
use crate::text::fold_to_codename;
use sea_orm::Order;

#[derive(Debug, Clone, Default)]
pub struct CommuneFilter {
    pub province_code: Option<i32>,
    /// Matches names with or without diacritics ("hoan kiem" finds "Hoàn Kiếm").
    pub name_contains: Option<String>,
}

/// Longest `nameContains` accepted: longer than any place name, and far
/// below SQLite's limit on LIKE patterns (which failed as an internal error).
pub const MAX_NAME_CONTAINS: usize = 100;

/// The folded search text, or `OUT_OF_RANGE` on `nameContains` when it is
/// longer than any name could be.
fn needle(name_contains: Option<&str>) -> Result<Option<String>> {
    let Some(text) = name_contains else { return Ok(None) };
    if text.chars().count() > MAX_NAME_CONTAINS {
        return Err(Error::field(
            "nameContains",
            ErrorCode::OutOfRange,
            format!("at most {MAX_NAME_CONTAINS} characters"),
        ));
    }
    Ok(Some(fold_to_codename(text)).filter(|n| !n.is_empty()))
}

pub async fn list_provinces(
    db: &impl ConnectionTrait,
    name_contains: Option<&str>,
    page: PageRequest,
) -> Result<Page<province::Model>> {
    let mut query = province::Entity::find();
    if let Some(needle) = needle(name_contains)? {
        query = query.filter(province::Column::Codename.contains(needle));
    }
    page_by_id(db, query, province::Column::Code, Order::Asc, &page).await
}

pub async fn list_communes(
    db: &impl ConnectionTrait,
    filter: &CommuneFilter,
    page: PageRequest,
) -> Result<Page<commune::Model>> {
    let mut query = commune::Entity::find();
    if let Some(code) = filter.province_code {
        query = query.filter(commune::Column::ProvinceCode.eq(code));
    }
    if let Some(needle) = needle(filter.name_contains.as_deref())? {
        query = query.filter(commune::Column::Codename.contains(needle));
    }
    page_by_id(db, query, commune::Column::Code, Order::Asc, &page).await
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

/// Every province and commune, held in memory. The administrative map only
/// changes with a migration (applied before the server starts), and nearly
/// every card on a page names its place: reading it from memory saves two
/// statements per page.
#[derive(Debug, Default)]
pub struct PlaceDirectory {
    provinces: HashMap<i32, province::Model>,
    communes: HashMap<i32, commune::Model>,
}

impl PlaceDirectory {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self> {
        let provinces = province::Entity::find().all(db).await?;
        let communes = commune::Entity::find().all(db).await?;
        Ok(Self {
            provinces: provinces.into_iter().map(|p| (p.code, p)).collect(),
            communes: communes.into_iter().map(|c| (c.code, c)).collect(),
        })
    }

    pub fn province(&self, code: i32) -> Option<&province::Model> {
        self.provinces.get(&code)
    }

    pub fn commune(&self, code: i32) -> Option<&commune::Model> {
        self.communes.get(&code)
    }
}
