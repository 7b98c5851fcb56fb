//! Accounts and the organizations they belong to: sign-in, sign-out, `me`,
//! and the organizations admins create.

pub mod account;
pub mod loaders;
pub mod organizations;
