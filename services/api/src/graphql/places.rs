//! Provinces and communes after the 2025 reform (34 provinces, 3,321 communes).

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, Object, SimpleObject};
use coopbridge_domain::entities::{commune, province};
use coopbridge_domain::places::{self, CommuneFilter};

use super::context::{db, places as directory};
use super::pagination::paged;
use coopbridge_domain::pagination::CursorKey;

/// A province or centrally-governed city (tỉnh / thành phố trung ương).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Province {
    /// Official code after the 2025 reform, e.g. `1` for Thành phố Hà Nội.
    pub code: i32,
    /// Official name with diacritics, e.g. "Quảng Trị".
    pub name: String,
    /// Name without diacritics in snake case, e.g. "quang_tri".
    pub codename: String,
    /// "tỉnh" or "thành phố trung ương".
    pub kind: String,
}

impl From<province::Model> for Province {
    fn from(m: province::Model) -> Self {
        Self {
            code: m.code,
            name: m.name,
            codename: m.codename,
            kind: m.kind,
        }
    }
}

/// The province with this code, from the directory loaded at start (no SQL):
/// what every `province` field of the schema resolves through.
pub fn province(ctx: &Context<'_>, code: impl Into<Option<i32>>) -> Option<Province> {
    let code = code.into()?;
    directory(ctx).province(code).cloned().map(Province::from)
}

/// The commune with this code, from the directory loaded at start (no SQL).
pub fn commune(ctx: &Context<'_>, code: impl Into<Option<i32>>) -> Option<Commune> {
    let code = code.into()?;
    directory(ctx).commune(code).cloned().map(Commune::from)
}

#[ComplexObject]
impl Province {
    /// The province's communes, wards and special zones, by official code.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn communes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last commune of the previous page.")] after: Option<String>,
        #[graphql(desc = "Only names containing this text, with or without diacritics.")] name_contains: Option<String>,
    ) -> async_graphql::Result<Connection<String, Commune>> {
        communes_connection(ctx, Some(self.code), name_contains, first, after).await
    }
}

/// One page of communes, optionally of one province and matching a name.
async fn communes_connection(
    ctx: &Context<'_>,
    province_code: Option<i32>,
    name_contains: Option<String>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<Connection<String, Commune>> {
    let filter = CommuneFilter {
        province_code,
        name_contains,
    };
    let read = |page| places::list_communes(db(ctx), &filter, page);
    paged(first, after, read, |c| CursorKey::id(c.code), Commune::from).await
}

/// A commune (xã), ward (phường) or special zone (đặc khu).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Commune {
    /// Official code after the 2025 reform.
    pub code: i32,
    /// Official name with diacritics, e.g. "Xã Tuyên Hóa".
    pub name: String,
    /// Name without diacritics in snake case, e.g. "xa_tuyen_hoa".
    pub codename: String,
    /// "xã", "phường" or "đặc khu".
    pub kind: String,
    /// Official code of the province it belongs to.
    pub province_code: i32,
}

impl From<commune::Model> for Commune {
    fn from(m: commune::Model) -> Self {
        Self {
            code: m.code,
            name: m.name,
            codename: m.codename,
            kind: m.kind,
            province_code: m.province_code,
        }
    }
}

#[ComplexObject]
impl Commune {
    /// The province it belongs to.
    async fn province(&self, ctx: &Context<'_>) -> Option<Province> {
        province(ctx, self.province_code)
    }
}

#[derive(Default)]
pub struct PlaceQuery;

#[Object]
impl PlaceQuery {
    /// All 34 provinces by official code.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn provinces(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last province of the previous page.")] after: Option<String>,
        #[graphql(desc = "Only names containing this text, with or without diacritics.")] name_contains: Option<String>,
    ) -> async_graphql::Result<Connection<String, Province>> {
        let read = |page| places::list_provinces(db(ctx), name_contains.as_deref(), page);
        paged(first, after, read, |p| CursorKey::id(p.code), Province::from).await
    }

    /// One province by official code; null when no province has it.
    async fn province(&self, ctx: &Context<'_>, code: i32) -> Option<Province> {
        province(ctx, code)
    }

    /// Communes, wards and special zones, optionally of one province.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn communes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only communes of this province.")] province_code: Option<i32>,
        #[graphql(desc = "Only names containing this text, with or without diacritics.")] name_contains: Option<String>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last commune of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Commune>> {
        communes_connection(ctx, province_code, name_contains, first, after).await
    }

    /// One commune by official code; null when no commune has it.
    async fn commune(&self, ctx: &Context<'_>, code: i32) -> Option<Commune> {
        commune(ctx, code)
    }
}
