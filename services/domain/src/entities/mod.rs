//! sea-orm entities, mirroring the migrations in `coopbridge-migrations`.

pub mod account;
pub mod auth_token;
pub mod brand_label;
pub mod brand_label_product;
pub mod buyer_contact;
pub mod buyer_profile;
pub mod catalog_enums;
pub mod certificate;
pub mod certificate_product;
pub mod commune;
pub mod inquiry;
pub mod inquiry_message;
pub mod inquiry_status_change;
pub mod linkage_agreement;
pub mod linkage_agreement_product;
pub mod linkage_enums;
pub mod membership;
pub mod organization;
pub mod producer;
pub mod producer_photo;
pub mod product;
pub mod product_image;
pub mod province;
pub mod purchase_offer;
pub mod purchase_request;
pub mod stored_file;
