//! sea-orm entities, mirroring the migrations in `coopbridge-migrations`.

pub mod account;
pub mod auth_token;
pub mod brand_label;
pub mod brand_label_product;
pub mod catalog_enums;
pub mod certificate;
pub mod certificate_product;
pub mod commune;
pub mod fair_application;
pub mod fair_application_history;
pub mod fair_application_product;
pub mod fair_enums;
pub mod fair_event;
pub mod fair_meeting;
pub mod fair_zone;
pub mod membership;
pub mod organization;
pub mod producer;
pub mod producer_photo;
pub mod product;
pub mod product_image;
pub mod province;
pub mod stored_file;
