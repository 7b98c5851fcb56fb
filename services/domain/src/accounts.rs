//! Accounts: creation, sign-in with bearer tokens, sign-out, password change.

use base64::Engine as _;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::authz::{Action, Actor, MemberOf, Role, SignedIn};
use crate::entities::{account, auth_token, membership, organization};
use crate::error::{Error, ErrorCode, FieldError, Result, ResultExt, Validator};
use crate::pagination::{Page, PageRequest, page_by_id};
use crate::passwords;
use crate::text::clean_input;
use sea_orm::Order;

/// Tokens are refreshed in `last_used_at` at most this often, so reads do not
/// each cost a write.
const LAST_USED_GRANULARITY_MINUTES: i64 = 5;

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub role: Role,
    pub organization_ids: Vec<i32>,
}

#[derive(Debug, Clone)]
pub struct SignInResult {
    /// Shown once; only its hash is stored.
    pub token: String,
    pub expires_at: chrono::DateTime<Utc>,
    pub account: account::Model,
}

/// Lower-cased NFC email, checked for a plausible shape.
pub fn normalize_email(field: &str, input: &str) -> Result<String, FieldError> {
    let email = clean_input(field, input)?.to_lowercase();
    if email.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required, "enter an email address"));
    }
    let valid = email.len() <= 254
        && !email.contains(' ')
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(email)
    } else {
        Err(FieldError::new(field, ErrorCode::InvalidFormat, "not an email address"))
    }
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("cb_{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// Creates an account and its memberships in one transaction.
pub async fn create_account(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: NewAccount,
) -> Result<account::Model> {
    actor.authorize(Action::ManageAccounts)?;
    let mut v = Validator::new();
    let email = v.check(normalize_email("email", &input.email));
    let display_name = v.check(clean_input("displayName", &input.display_name));
    match display_name.as_deref() {
        Some("") => v.push("displayName", ErrorCode::Required, "enter a name"),
        Some(name) if name.chars().count() > 120 => {
            v.push("displayName", ErrorCode::OutOfRange, "use at most 120 characters")
        }
        _ => {}
    }
    v.check(passwords::check_policy(
        "password",
        &input.password,
        email.as_deref().unwrap_or(""),
    ));
    let organizations = organization::Entity::find()
        .filter(organization::Column::Id.is_in(input.organization_ids.iter().copied()))
        .all(db)
        .await?;
    match input.role.organization_kind() {
        None if !input.organization_ids.is_empty() => v.push(
            "organizationIds",
            ErrorCode::InvalidFormat,
            "administrators belong to no organization",
        ),
        None => {}
        Some(kind) => {
            for id in &input.organization_ids {
                match organizations.iter().find(|o| o.id == *id) {
                    None => v.push(
                        "organizationIds",
                        ErrorCode::NotFound,
                        format!("no organization has id {id}"),
                    ),
                    Some(o) if o.kind != kind => v.push(
                        "organizationIds",
                        ErrorCode::InvalidFormat,
                        format!("organization {id} is not a {kind:?} and cannot take this role"),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
    v.finish()?;
    let email = email.expect("validated");
    let password_hash = passwords::hash(input.password).await?;

    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let created = account::ActiveModel {
        email: Set(email),
        display_name: Set(display_name.expect("validated")),
        password_hash: Set(password_hash),
        role: Set(input.role),
        disabled_at: Set(None),
        last_sign_in_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        deleted_by: Set(None),
        deletion_reason: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .on_unique_violation("email", "an account with this email already exists")?;
    let mut organization_ids = input.organization_ids;
    organization_ids.sort_unstable();
    organization_ids.dedup();
    for organization_id in organization_ids {
        membership::ActiveModel {
            account_id: Set(created.id),
            organization_id: Set(organization_id),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    tracing::info!(account_id = created.id, role = ?created.role, "account created");
    Ok(created)
}

/// Checks email and password and issues a bearer token valid for `ttl`.
pub async fn sign_in(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    password: &str,
    ttl: Duration,
) -> Result<SignInResult> {
    let email = normalize_email("email", email).map_err(|e| Error::Invalid(vec![e]))?;
    let found = account::Entity::find()
        .filter(account::Column::Email.eq(&email))
        .one(db)
        .await?;
    let stored = found.as_ref().map(|a| a.password_hash.clone());
    let matches = passwords::verify(password.to_owned(), stored).await?;
    let account = match found {
        Some(account) if matches => account,
        _ => return Err(Error::InvalidCredentials),
    };
    if account.disabled_at.is_some() {
        return Err(Error::AccountDisabled);
    }
    let token = new_token();
    let now = Utc::now();
    let expires_at = now + ttl;
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    auth_token::ActiveModel {
        account_id: Set(account.id),
        token_hash: Set(hash_token(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut active: account::ActiveModel = account.into();
    active.last_sign_in_at = Set(Some(now));
    let account = active.update(&txn).await?;
    txn.commit().await?;
    Ok(SignInResult {
        token,
        expires_at,
        account,
    })
}

/// Resolves a bearer token to the actor behind it.
pub async fn authenticate(db: &(impl ConnectionTrait + TransactionTrait), token: &str) -> Result<Actor> {
    let Some(stored) = auth_token::Entity::find()
        .filter(auth_token::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Err(Error::TokenInvalid);
    };
    let now = Utc::now();
    if stored.revoked_at.is_some() {
        return Err(Error::TokenRevoked);
    }
    if stored.expires_at <= now {
        return Err(Error::TokenExpired);
    }
    let account = account::Entity::find_by_id(stored.account_id)
        .one(db)
        .await?
        .ok_or(Error::TokenInvalid)?;
    if account.disabled_at.is_some() {
        return Err(Error::AccountDisabled);
    }
    let organizations = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(account.id))
        .find_also_related(organization::Entity)
        .order_by_asc(membership::Column::OrganizationId)
        .all(db)
        .await?
        .into_iter()
        .map(|(m, o)| MemberOf {
            organization_id: m.organization_id,
            province_code: o.and_then(|o| o.province_code),
        })
        .collect();
    let stale = stored
        .last_used_at
        .is_none_or(|t| now - t > Duration::minutes(LAST_USED_GRANULARITY_MINUTES));
    if stale {
        let _turn = crate::database::write_turn(db).await;
        auth_token::Entity::update_many()
            .col_expr(auth_token::Column::LastUsedAt, sea_orm::sea_query::Expr::value(now))
            .filter(auth_token::Column::Id.eq(stored.id))
            .exec(db)
            .await?;
    }
    Ok(Actor::Account(SignedIn {
        account_id: account.id,
        role: account.role,
        organizations,
    }))
}

/// Revokes the given token. Signing out twice is harmless.
pub async fn sign_out(db: &(impl ConnectionTrait + TransactionTrait), token: &str) -> Result<()> {
    let _turn = crate::database::write_turn(db).await;
    auth_token::Entity::update_many()
        .col_expr(
            auth_token::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(auth_token::Column::TokenHash.eq(hash_token(token)))
        .filter(auth_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Changes the actor's password and revokes every other token of the account.
pub async fn change_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    current_token: &str,
    current_password: &str,
    new_password: &str,
) -> Result<()> {
    let me = actor.require_account()?;
    let account = account::Entity::find_by_id(me.account_id)
        .one(db)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !passwords::verify(current_password.to_owned(), Some(account.password_hash.clone())).await? {
        return Err(Error::field(
            "currentPassword",
            ErrorCode::InvalidCredentials,
            "the current password is wrong",
        ));
    }
    passwords::check_policy("newPassword", new_password, &account.email).map_err(|e| Error::Invalid(vec![e]))?;
    let hash = passwords::hash(new_password.to_owned()).await?;
    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let mut active: account::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    auth_token::Entity::update_many()
        .col_expr(auth_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(auth_token::Column::AccountId.eq(me.account_id))
        .filter(auth_token::Column::TokenHash.ne(hash_token(current_token)))
        .filter(auth_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn find_account(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<account::Model> {
    actor.authorize(Action::ReadAccount { account_id: id })?;
    account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "account" })
}

pub async fn list_accounts(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    role: Option<Role>,
    page: PageRequest,
) -> Result<Page<account::Model>> {
    actor.authorize(Action::ManageAccounts)?;
    let mut query = account::Entity::find();
    if let Some(role) = role {
        query = query.filter(account::Column::Role.eq(role));
    }
    page_by_id(db, query, account::Column::Id, Order::Asc, &page).await
}

/// True when no account exists yet (a fresh install).
pub async fn is_empty(db: &(impl ConnectionTrait + TransactionTrait)) -> Result<bool> {
    Ok(account::Entity::find().one(db).await?.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(normalize_email("email", "  Lan@Example.VN ").unwrap(), "lan@example.vn");
        for bad in [
            "",
            "lan",
            "lan@",
            "@example.vn",
            "lan@example",
            "lan@.vn",
            "l an@example.vn",
        ] {
            assert!(normalize_email("email", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn tokens_are_random_and_only_hashes_are_kept() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with("cb_") && a.len() > 40);
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), hash_token(&b));
    }
}
