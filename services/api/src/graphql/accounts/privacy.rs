//! People's rights over their personal data: correcting one's name,
//! deleting an account (one's own, or any for an admin) and removing a
//! contact person for good. The copy of
//! one's data is a download, `GET /account/personal-data.json`
//! (`routes/personal_data.rs`).

use async_graphql::{Context, ID, InputObject, Object};
use coopbridge_domain::privacy::{contacts, correction, erasure};

use crate::graphql::accounts::account::{Account, count_password_check};
use crate::graphql::context::{actor, db, parse_id};
use crate::graphql::payload::{payload, payload_type};

#[derive(InputObject)]
pub struct UpdateMyAccountInput {
    /// The name others see; 1 to 120 characters.
    pub display_name: String,
}

payload_type! {
    /// Result of `updateMyAccount`.
    UpdateMyAccountPayload { account: Account }
}

#[derive(InputObject)]
pub struct DeleteMyAccountInput {
    /// The account's current password.
    pub password: String,
    /// Must be true: the person confirmed they want the account deleted.
    pub confirm: bool,
}

#[derive(InputObject)]
pub struct DeleteAccountInput {
    pub account_id: ID,
    /// Why it is deleted (1 to 500 characters), kept with the account.
    pub reason: String,
}

payload_type! {
    /// Result of `deleteMyAccount` and `deleteAccount`: the account as it
    /// is kept, anonymised.
    DeleteAccountPayload { account: Account }
}

#[derive(InputObject)]
pub struct RemoveContactPersonInput {
    /// A cooperative or buyer company.
    pub organization_id: ID,
    /// For a buyer company: which contact, 0 for the first (as listed in
    /// `BuyerCompany.contacts`). Unused for a cooperative, which lists one.
    pub position: Option<i32>,
}

payload_type! {
    /// Result of `removeContactPerson`.
    RemoveContactPersonPayload from redacted: u64 {
        /// True once removed.
        removed: bool = true,
        /// How many rows of the organization's audit record held a copy of
        /// the person's details and now read "[đã xoá]" instead.
        audit_rows_redacted: Option<i32> = Some(i32::try_from(redacted).unwrap_or(i32::MAX)),
    }
}

#[derive(Default)]
pub struct PrivacyMutation;

#[Object]
impl PrivacyMutation {
    /// Corrects the signed-in account's display name (`REQUIRED` or
    /// `OUT_OF_RANGE` on `displayName`). The sign-in email is changed by the
    /// operator of the installation, who can check who asks.
    async fn update_my_account(
        &self,
        ctx: &Context<'_>,
        input: UpdateMyAccountInput,
    ) -> async_graphql::Result<UpdateMyAccountPayload> {
        payload(correction::update_my_display_name(
            db(ctx),
            actor(ctx),
            &input.display_name,
        ))
        .await
    }

    /// Deletes the signed-in account, for good. Its name, email and password
    /// are erased (the name reads "tài khoản đã xoá" wherever records others
    /// rely on still point at it: inquiry threads, agreements, fair
    /// applications), it leaves every organization, and every one of its
    /// tokens stops working at once; its organizations' public profiles
    /// stay. `INVALID_CREDENTIALS` on `password` for a wrong password,
    /// `REQUIRED` on `confirm` unless it is true. Attempts are limited like
    /// `changePassword`'s (`RATE_LIMITED`).
    async fn delete_my_account(
        &self,
        ctx: &Context<'_>,
        input: DeleteMyAccountInput,
    ) -> async_graphql::Result<DeleteAccountPayload> {
        payload(async {
            count_password_check(ctx).await?;
            erasure::delete_my_account(db(ctx), actor(ctx), &input.password, input.confirm).await
        })
        .await
    }

    /// Deletes an account as `deleteMyAccount` does, for an admin, who says
    /// why; the organizations it leaves get an entry in their audit record.
    /// Admins only.
    async fn delete_account(
        &self,
        ctx: &Context<'_>,
        input: DeleteAccountInput,
    ) -> async_graphql::Result<DeleteAccountPayload> {
        payload(async {
            let id = parse_id("accountId", &input.account_id)?;
            erasure::delete_account(db(ctx), actor(ctx), id, &input.reason).await
        })
        .await
    }

    /// Removes a contact person completely: from the profile (a
    /// cooperative's contact person, phone and email; a buyer company's
    /// contact at `position`) and from every copy in the organization's
    /// audit record. Those who may edit the organization.
    async fn remove_contact_person(
        &self,
        ctx: &Context<'_>,
        input: RemoveContactPersonInput,
    ) -> async_graphql::Result<RemoveContactPersonPayload> {
        payload(async {
            let id = parse_id("organizationId", &input.organization_id)?;
            contacts::remove_contact_person(db(ctx), actor(ctx), id, input.position).await
        })
        .await
    }
}
