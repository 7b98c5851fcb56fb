//! People's rights over their personal data (Decree 13/2023/NĐ-CP and the
//! Personal Data Protection Law): a copy of what is held about an account
//! (`export`), correcting one's name (`correction`), deleting an account
//! (`erasure`), and the consent and removal
//! of contact persons listed on profiles (`contacts`). What is kept how long
//! is in `crate::retention`; PRIVACY.md says all of it in words.

pub mod contacts;
pub mod correction;
pub mod erasure;
pub mod export;

/// The name every deleted account shows in the records that keep it.
pub const DELETED_NAME: &str = "tài khoản đã xoá";
