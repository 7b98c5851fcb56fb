//! The catalog: producer profiles, products, certificates, brand labels and
//! their files. Writes check permissions through `authz`, validate every
//! field before writing, and commit multi-row changes in one transaction.

pub mod brand_labels;
mod certificate_currency;
pub mod certificates;
pub mod coverage;
mod edit;
pub mod file_purge;
pub mod files;
mod gallery;
mod producer_fields;
pub mod producer_review;
pub mod producers;
pub mod products;
pub mod reports;
pub mod review;
pub mod validation;
