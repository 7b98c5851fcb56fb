//! Accounts, sign-in and sign-out.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::Error;
use coopbridge_domain::accounts::{self, NewAccount, SignInResult};
use coopbridge_domain::entities::account;

use crate::graphql::accounts::organizations::Organization;
use crate::graphql::context::{actor, client_ip, db, loaders, parse_id, request_token, settings};
use crate::graphql::errors::QueryResultExt;
use crate::graphql::pagination::{connection, page_request};
use crate::graphql::payload::{payload, payload_type};
use coopbridge_domain::pagination::CursorKey;

/// What an account may do. Each role belongs to one kind of organization.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "coopbridge_domain::Role")]
pub enum Role {
    /// Manages accounts and organizations.
    Admin,
    /// Staff of an organizing body: verifies cooperatives, runs fairs.
    Organizer,
    /// Member of one or more cooperatives: edits their profiles and products.
    CooperativeMember,
    /// Works for a buyer company: searches suppliers, sends inquiries.
    Buyer,
}

/// A person who signs in. Visible to the account itself and to admins.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Account {
    pub id: ID,
    /// Sign-in email, lower-case.
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// True when an admin has disabled the account, or it was deleted.
    pub disabled: bool,
    /// When the account was deleted (its name then reads "tài khoản đã
    /// xoá" and its email `deleted-<id>@invalid`); null for a live one.
    pub deleted_at: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub account_id: i32,
}

impl From<account::Model> for Account {
    fn from(m: account::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            email: m.email,
            display_name: m.display_name,
            role: m.role.into(),
            created_at: m.created_at,
            last_sign_in_at: m.last_sign_in_at,
            disabled: m.disabled_at.is_some(),
            deleted_at: m.deleted_at,
            account_id: m.id,
        }
    }
}

#[ComplexObject]
impl Account {
    /// The cooperatives, buyer companies or organizing bodies the account belongs to.
    async fn organizations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        let orgs = loaders(ctx).account_organizations.load_one(self.account_id).await?;
        Ok(orgs.unwrap_or_default().into_iter().map(Organization::from).collect())
    }
}

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in account, or null for anonymous callers.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Account>> {
        let Some(me) = actor(ctx).signed_in() else {
            return Ok(None);
        };
        let account = accounts::find_account(db(ctx), actor(ctx), me.account_id)
            .await
            .or_query_error()?;
        Ok(Some(account.into()))
    }

    /// Every account, oldest first. Admins only.
    #[graphql(complexity = "first.unwrap_or(20).max(1) as usize * child_complexity + 1")]
    async fn accounts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only accounts with this role.")] role: Option<Role>,
        #[graphql(desc = "Page size, 1 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last account of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Account>> {
        let page = page_request(first, after).or_query_error()?;
        let rows = accounts::list_accounts(db(ctx), actor(ctx), role.map(Into::into), page)
            .await
            .or_query_error()?;
        Ok(connection(rows, |a| CursorKey::id(a.id), Account::from))
    }
}

#[derive(InputObject)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
}

payload_type! {
    /// Result of `signIn`. On success `token` is set: send it as
    /// `Authorization: Bearer <token>` until `expiresAt`.
    SignInPayload from session: SignInResult {
        /// Bearer token, shown only this once.
        token: Option<String> = Some(session.token),
        expires_at: Option<DateTime<Utc>> = Some(session.expires_at),
        account: Option<Account> = Some(session.account.into());
        /// Empty on success. `INVALID_CREDENTIALS` for a wrong email or password.
        errors
    }
}

payload_type! {
    /// Result of `signOut`.
    SignOutPayload from _done: () {
        /// True when the token used for this request is now revoked.
        signed_out: bool = true,
    }
}

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    /// 10 to 128 characters, and not one of the most common passwords.
    pub new_password: String,
}

payload_type! {
    /// Result of `changePassword`. Every other token of the account is revoked.
    ChangePasswordPayload from _done: () {
        changed: bool = true,
    }
}

#[derive(InputObject)]
pub struct CreateAccountInput {
    pub email: String,
    /// 10 to 128 characters, and not one of the most common passwords.
    pub password: String,
    pub display_name: String,
    pub role: Role,
    /// Organizations to join; their kind must match the role (none for admins).
    #[graphql(default)]
    pub organization_ids: Vec<ID>,
}

payload_type! {
    /// Result of `createAccount`.
    CreateAccountPayload { account: Account }
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Exchanges email and password for a bearer token.
    /// Attempts are limited per email from one client address, and per client
    /// address whatever the email (`RATE_LIMITED`).
    async fn sign_in(&self, ctx: &Context<'_>, input: SignInInput) -> async_graphql::Result<SignInPayload> {
        payload(async {
            settings(ctx)
                .rate_limits
                .check_sign_in(&input.email, client_ip(ctx))
                .await?;
            accounts::sign_in(db(ctx), &input.email, &input.password, settings(ctx).token_ttl).await
        })
        .await
    }

    /// Revokes the bearer token this request was sent with.
    async fn sign_out(&self, ctx: &Context<'_>) -> async_graphql::Result<SignOutPayload> {
        payload(async {
            let token = request_token(ctx).ok_or(Error::Unauthenticated)?;
            accounts::sign_out(db(ctx), token).await
        })
        .await
    }

    /// Changes the signed-in account's password. Attempts are limited per
    /// account and per client address (`RATE_LIMITED`, the message says how
    /// many seconds to wait).
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> async_graphql::Result<ChangePasswordPayload> {
        payload(async {
            count_password_check(ctx).await?;
            let token = request_token(ctx).unwrap_or_default();
            accounts::change_password(db(ctx), actor(ctx), token, &input.current_password, &input.new_password).await
        })
        .await
    }

    /// Creates an account. Admins only.
    async fn create_account(
        &self,
        ctx: &Context<'_>,
        input: CreateAccountInput,
    ) -> async_graphql::Result<CreateAccountPayload> {
        payload(async {
            let new = NewAccount {
                email: input.email,
                password: input.password,
                display_name: input.display_name,
                role: input.role.into(),
                organization_ids: input
                    .organization_ids
                    .iter()
                    .map(|id| parse_id("organizationIds", id))
                    .collect::<Result<_, _>>()?,
            };
            accounts::create_account(db(ctx), actor(ctx), new).await
        })
        .await
    }
}

/// Counts a check of the signed-in account's current password against the
/// `changePassword` limits (per account and per client address). Each check
/// is a full argon2 run, counted before it runs, so a stolen token is no
/// unthrottled password oracle.
pub(crate) async fn count_password_check(ctx: &Context<'_>) -> Result<(), Error> {
    match actor(ctx).signed_in() {
        Some(me) => {
            settings(ctx)
                .rate_limits
                .check_change_password(me.account_id, client_ip(ctx))
                .await
        }
        None => Ok(()),
    }
}
