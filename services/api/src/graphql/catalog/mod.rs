//! The catalog: producers (cooperatives), their products, certificates,
//! brand labels and files, the loaders that batch them, and the
//! certification KPI.

pub mod certificates;
pub mod enums;
pub mod file_purge;
pub mod files;
pub mod loaders;
pub mod producers;
pub mod products;
pub mod reports;
pub mod review;
