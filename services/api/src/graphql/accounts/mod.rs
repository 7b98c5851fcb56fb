//! Accounts and the organizations they belong to: sign-in, sign-out, `me`,
//! the organizations admins create, and people's rights over their data.

pub mod account;
pub mod loaders;
pub mod organizations;
pub mod privacy;
