//! Coopbridge's domain: entities, business rules and queries. Knows nothing of
//! HTTP or GraphQL; the `coopbridge` binary wires it to the wire.

pub mod accounts;
pub mod audit;
pub mod authz;
pub mod catalog;
pub mod database;
pub mod entities;
pub mod error;
pub mod fairs;
pub mod linkage;
pub mod loads;
pub mod organizations;
pub mod pagination;
pub mod passwords;
pub mod places;
pub mod privacy;
pub mod rate_limits;
pub mod retention;
pub mod search;
pub mod text;

pub use authz::{Actor, Role};
pub use error::{Error, ErrorCode, FieldError, Result};
