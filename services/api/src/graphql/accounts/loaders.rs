//! DataLoaders of accounts: the organizations each account belongs to.

use coopbridge_domain::entities::organization;
use coopbridge_domain::organizations;

use crate::graphql::dataloader::batch_loader;

batch_loader! {
    /// The organizations an account is a member of.
    AccountOrganizationsLoader(i32) -> Vec<organization::Model> = organizations::organizations_of_accounts, pairs
}
