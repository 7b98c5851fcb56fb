//! Forward keyset pagination: a page is the `first` rows after a key. Keys are
//! the rows' stable integer identity, so pages never skip or repeat rows when
//! others are inserted meanwhile.

use crate::error::{Error, ErrorCode, Result};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub first: u64,
    pub after: Option<i64>,
}

impl PageRequest {
    /// Validates `first` (1 to 100; default 20).
    pub fn new(first: Option<i32>, after: Option<i64>) -> Result<Self> {
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
