//! End-to-end suites: each test starts the real `coopbridge` binary (or runs
//! one of its commands) and speaks HTTP/GraphQL to it. Database tests run on
//! SQLite and on PostgreSQL (`name::sqlite`, `name::postgres`).

mod accounts;
mod catalog;
mod catalog_queries;
mod cli;
mod examples;
mod fairs;
mod fairs_concurrency;
mod fairs_exports;
mod fairs_rules;
mod limits;
mod linkage;
mod linkage_access;
mod linkage_input;
mod places;
mod schema;
mod search;
mod seed;
mod seed_synthetic;
mod server;
