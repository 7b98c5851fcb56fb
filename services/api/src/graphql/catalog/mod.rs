//! The catalog: producers (cooperatives), their products, certificates,
//! brand labels and files, the loaders that batch them, and the
//! certification KPI. The object structs sit together in `types` (their
//! fields point at each other); each module holds its object's resolved
//! fields, queries and mutations, so imports point one way.

pub mod certificates;
pub mod connections;
pub mod enums;
pub mod file_purge;
pub mod files;
pub mod loaders;
pub mod producers;
pub mod products;
pub mod reports;
pub mod review;
pub mod types;
