//! Keeping the search index in step with the catalog: the outbox that catalog
//! writes fill in their own transactions, the documents built from the
//! database, and the worker and reindex that apply them to a
//! `coopbridge_search::SearchIndex` (tantivy or Meilisearch).

pub mod documents;
pub mod outbox;
pub mod sync;

pub use sync::{ReindexReport, RoundOutcome, apply_due, reindex, run_worker};
