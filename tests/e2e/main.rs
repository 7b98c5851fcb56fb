//! End-to-end suites: each test starts the real `coopbridge` binary (or runs
//! one of its commands) and speaks HTTP/GraphQL to it. Database tests run on
//! SQLite and on PostgreSQL (`name::sqlite`, `name::postgres`).

mod accounts;
mod accounts_passwords;
mod authz_matrix;
mod authz_matrix_attempts;
mod authz_matrix_fixture;
mod authz_matrix_objects;
mod authz_matrix_oracles;
mod authz_matrix_province;
mod authz_matrix_snapshot;
mod browser;
mod catalog;
mod catalog_queries;
mod catalog_reports;
mod catalog_rules;
mod claims;
mod cli;
mod crash_recovery;
mod database_outage;
mod examples;
mod fairs;
mod fairs_concurrency;
mod fairs_exports;
mod fairs_rules;
mod file_purge;
mod frontend_documents;
mod fuzz_graphql;
mod http_hardening;
mod limits;
mod linkage;
mod linkage_access;
mod linkage_confirm;
mod linkage_input;
mod loaders;
mod places;
mod public_pages;
mod replicas;
mod response_cache;
mod schema;
mod search;
mod search_outage;
mod seed;
mod seed_synthetic;
mod server;
mod text_input;
