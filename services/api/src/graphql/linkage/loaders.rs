//! DataLoaders of the linkage: organizations, buyer profiles and contacts,
//! inquiry threads and histories, agreement products and response times.
//! Each is one domain batch read (see `graphql::dataloader`).

use coopbridge_domain::entities::{buyer_contact, buyer_profile, inquiry_message, inquiry_status_change, organization};
use coopbridge_domain::linkage::{agreements, buyers, inquiries, response_time};
use coopbridge_domain::loads;

use crate::graphql::dataloader::batch_loader;

batch_loader! {
    /// Organizations by id.
    OrganizationLoader(i32) -> organization::Model = loads::organizations_by_ids, one_by |o| o.id
}

batch_loader! {
    /// Buyer profiles by organization id.
    BuyerProfileLoader(i32) -> buyer_profile::Model = buyers::buyer_profiles_by_ids, one_by |b| b.id
}

batch_loader! {
    /// A buyer's contacts.
    BuyerContactsLoader(i32) -> Vec<buyer_contact::Model> = buyers::contacts_of_buyers, many_by |c| (c.buyer_id, c)
}

batch_loader! {
    /// An inquiry's messages, oldest first.
    InquiryMessagesLoader(i32) -> Vec<inquiry_message::Model> =
        inquiries::messages_of, many_by |m| (m.inquiry_id, m)
}

batch_loader! {
    /// An inquiry's status changes, oldest first.
    InquiryHistoryLoader(i32) -> Vec<inquiry_status_change::Model> =
        inquiries::history_of, many_by |c| (c.inquiry_id, c)
}

batch_loader! {
    /// Ids of the products an agreement covers.
    AgreementProductsLoader(i32) -> Vec<i32> =
        agreements::products_of_agreements, many_by |l| (l.agreement_id, l.product_id)
}

batch_loader! {
    /// A cooperative's median response time in hours (no entry until it answered).
    ResponseTimeLoader(i32) -> f64 = response_time::median_response_hours
}
