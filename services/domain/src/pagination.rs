//! Forward keyset pagination: a page is the `first` rows after a cursor key.
//! Keys are (sort value, id), so pages never skip or repeat rows when others
//! are inserted meanwhile, whatever the sort.

use sea_orm::sea_query::{Expr, ExprTrait, Value};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::error::{Error, ErrorCode, Result};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

/// The sort value of the last row of a page.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum SortValue {
    Int(i64),
    Text(String),
}

impl From<SortValue> for Value {
    fn from(v: SortValue) -> Value {
        match v {
            SortValue::Int(i) => i.into(),
            SortValue::Text(s) => s.into(),
        }
    }
}

/// Where the previous page ended.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CursorKey {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortValue>,
}

impl CursorKey {
    pub fn id(id: impl Into<i64>) -> Self {
        Self {
            id: id.into(),
            sort: None,
        }
    }

    pub fn sorted(id: impl Into<i64>, sort: SortValue) -> Self {
        Self {
            id: id.into(),
            sort: Some(sort),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageRequest {
    pub first: u64,
    pub after: Option<CursorKey>,
}

impl PageRequest {
    /// Validates `first` (1 to 100; default 20).
    pub fn new(first: Option<i32>, after: Option<CursorKey>) -> Result<Self> {
        let first = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n >= 1 && (n as u64) <= MAX_PAGE_SIZE => n as u64,
            Some(_) => {
                return Err(Error::field(
                    "first",
                    ErrorCode::OutOfRange,
                    format!("first must be between 1 and {MAX_PAGE_SIZE}"),
                ));
            }
        };
        Ok(Self { first, after })
    }

    /// Rows to fetch: one more than asked, to know whether a next page exists.
    pub fn limit(&self) -> u64 {
        self.first + 1
    }

    pub fn after_id(&self) -> Option<i64> {
        self.after.as_ref().map(|k| k.id)
    }
}

/// Orders `query` by `sort` (when given) then `id`, both in `order`, and keeps
/// only rows after the cursor.
pub fn keyset<E: EntityTrait>(
    mut query: Select<E>,
    sort: Option<Expr>,
    id: E::Column,
    order: Order,
    after: Option<&CursorKey>,
) -> Result<Select<E>> {
    let descending = matches!(order, Order::Desc);
    if let Some(after) = after {
        let id_after = if descending { id.lt(after.id) } else { id.gt(after.id) };
        query = match (&sort, &after.sort) {
            (None, _) => query.filter(id_after),
            (Some(expr), Some(value)) => {
                let value: Value = value.clone().into();
                let beyond = if descending {
                    expr.clone().lt(value.clone())
                } else {
                    expr.clone().gt(value.clone())
                };
                query.filter(
                    Condition::any()
                        .add(beyond)
                        .add(Condition::all().add(expr.clone().eq(value)).add(id_after)),
                )
            }
            (Some(_), None) => {
                return Err(Error::field(
                    "after",
                    ErrorCode::InvalidFormat,
                    "this cursor belongs to another sort",
                ));
            }
        };
    }
    if let Some(expr) = sort {
        query = query.order_by(expr, order.clone());
    }
    Ok(query.order_by(id, order))
}

/// One page of `query`'s rows in `id` order: ascending rows come after the
/// cursor, descending ones (newest first) before it.
pub async fn page_by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    query: Select<E>,
    id: E::Column,
    order: Order,
    page: &PageRequest,
) -> Result<Page<E::Model>> {
    let rows = keyset(query, None, id, order, page.after.as_ref())?
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(Page::from_rows(rows, page))
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

impl<T> Page<T> {
    /// Builds a page from up to `request.limit()` rows fetched in key order.
    pub fn from_rows(mut rows: Vec<T>, request: &PageRequest) -> Self {
        let has_next_page = rows.len() as u64 > request.first;
        rows.truncate(request.first as usize);
        Page {
            items: rows,
            has_next_page,
            has_previous_page: request.after.is_some(),
        }
    }
}
