//! sea-orm entities, mirroring the migrations in `coopbridge-migrations`.

pub mod account;
pub mod auth_token;
pub mod commune;
pub mod membership;
pub mod organization;
pub mod province;
