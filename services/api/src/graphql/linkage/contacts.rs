//! Whether the caller may see an organization's contact details, asking the
//! database at most once per request whom the caller shares contacts with.

use async_graphql::Context;
use coopbridge_domain::authz::Action;
use coopbridge_domain::linkage::inquiries;

use crate::graphql::context::{actor, db, loaders};
use crate::graphql::errors::query_error;

/// Whether the caller may see the contact details of `organization_id` (in
/// `province_code`); the rule itself is `Action::ReadContacts` in authz.
pub async fn may_read_contacts(
    ctx: &Context<'_>,
    organization_id: i32,
    province_code: Option<i32>,
) -> async_graphql::Result<bool> {
    let actor = actor(ctx);
    let partner = match actor.signed_in() {
        None => false,
        Some(_) => loaders(ctx)
            .contact_partners
            .get_or_try_init(|| inquiries::contact_partners(db(ctx), actor))
            .await
            .map_err(query_error)?
            .contains(&organization_id),
    };
    Ok(actor
        .authorize(Action::ReadContacts {
            organization_id,
            province_code,
            partner,
        })
        .is_ok())
}
