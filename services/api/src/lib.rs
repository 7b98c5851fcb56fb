//! The `coopbridge` binary: configuration, command line, HTTP server and the
//! GraphQL API over the domain crate.

pub mod cli;
pub mod commands;
pub mod config;
pub mod graphql;
pub mod http_server;
pub mod rate_limit;
pub mod routes;
pub mod search_engine;
pub mod startup;
pub mod telemetry;
