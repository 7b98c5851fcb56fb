//! Supplier search: the query and what it returns.

pub mod query;
pub mod results;
