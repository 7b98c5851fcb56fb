//! What each `coopbridge` subcommand does; `cli` parses the command line and
//! calls one of these, which assemble what they need from `startup`.

pub mod backup;
pub mod progress;
pub mod schema;
pub mod search;
pub mod seed;
pub mod serve;
pub mod user;
