//! Deleting an account. The person's own data goes; what others rely on
//! stays, without the person in it:
//!
//! - the account row stays (inquiries, messages, agreements, applications
//!   and the audit record name it by id) with its email replaced by
//!   `deleted-<id>@invalid`, its name by "tài khoản đã xoá", its password by
//!   one nobody knows, and `disabled_at`/`deleted_at` set;
//! - its sign-in tokens are deleted at once, so every session ends;
//! - its memberships are deleted, so it no longer appears among an
//!   organization's members; each organization it left gets an audit row;
//! - the organizations themselves and their public profiles stay: they
//!   belong to the organization, not to one member, and only their owners
//!   archive them. A sole member may leave; an admin can add a new one.
//!
//! Its sign-in email is free again at once. Signing in with it fails like a
//! wrong password. Deleting the last admin is allowed: `coopbridge user
//! create` makes a new one from the command line.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;

use super::DELETED_NAME;
use crate::audit;
use crate::authz::{Action, Actor};
use crate::entities::{account, auth_token, membership};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::passwords;
use crate::text::clean_input;

/// Deletes the signed-in account. `password` is its current password
/// (`INVALID_CREDENTIALS` on `password` otherwise) and `confirm` must be
/// true (`REQUIRED` on `confirm`), so a stolen token alone cannot do it.
pub async fn delete_my_account(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    password: &str,
    confirm: bool,
) -> Result<account::Model> {
    let me = actor.require_account()?;
    let account = account::Entity::find_by_id(me.account_id)
        .one(db)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let mut v = Validator::new();
    if !confirm {
        v.push(
            "confirm",
            ErrorCode::Required,
            "confirm that the account is to be deleted",
        );
    }
    if !passwords::verify(password.to_owned(), Some(account.password_hash.clone())).await? {
        v.push("password", ErrorCode::InvalidCredentials, "the password is wrong");
    }
    v.finish()?;
    erase(db, actor, account, None).await
}

/// Deletes account `account_id` for an admin, who gives a `reason` (1 to
/// 500 characters), kept on the account row.
pub async fn delete_account(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    account_id: i32,
    reason: &str,
) -> Result<account::Model> {
    actor.authorize(Action::ManageAccounts)?;
    let mut v = Validator::new();
    match v.check(clean_input("reason", reason)) {
        Some(r) if r.is_empty() => v.push("reason", ErrorCode::Required, "say why the account is deleted"),
        Some(r) if r.chars().count() > 500 => v.push("reason", ErrorCode::OutOfRange, "use at most 500 characters"),
        _ => {}
    }
    let account = account::Entity::find_by_id(account_id).one(db).await?;
    match &account {
        None => v.push(
            "accountId",
            ErrorCode::NotFound,
            format!("no account has id {account_id}"),
        ),
        Some(a) if a.deleted_at.is_some() => {
            v.push("accountId", ErrorCode::InvalidState, "this account is already deleted")
        }
        Some(_) => {}
    }
    v.finish()?;
    let reason = clean_input("reason", reason).map_err(|e| Error::Invalid(vec![e]))?;
    erase(db, actor, account.expect("validated"), Some(reason)).await
}

async fn erase(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    account: account::Model,
    reason: Option<String>,
) -> Result<account::Model> {
    // A password nobody knows: a real hash, so every check of it runs as usual and fails.
    let mut secret = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
    let unusable = passwords::hash(hex::encode(secret)).await?;
    let id = account.id;
    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let left = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(id))
        .all(&txn)
        .await?;
    membership::Entity::delete_many()
        .filter(membership::Column::AccountId.eq(id))
        .exec(&txn)
        .await?;
    auth_token::Entity::delete_many()
        .filter(auth_token::Column::AccountId.eq(id))
        .exec(&txn)
        .await?;
    for m in &left {
        // Says who left and who removed them; no personal data in it.
        let before = json!({ "accountId": id, "role": sea_orm::ActiveEnum::to_value(&account.role) });
        let after = json!({ "accountId": id, "deleted": true, "byAdmin": reason.is_some() });
        audit::record(
            &txn,
            actor,
            m.organization_id,
            "delete_account",
            Some(before),
            Some(after),
        )
        .await?;
    }
    let mut active: account::ActiveModel = account.into();
    active.email = Set(format!("deleted-{id}@invalid"));
    active.display_name = Set(DELETED_NAME.to_owned());
    active.password_hash = Set(unusable);
    active.last_sign_in_at = Set(None);
    active.disabled_at = Set(Some(now));
    active.deleted_at = Set(Some(now));
    active.deleted_by = Set(actor.signed_in().map(|s| s.account_id));
    active.deletion_reason = Set(reason);
    active.updated_at = Set(now);
    let deleted = active.update(&txn).await?;
    txn.commit().await?;
    tracing::info!(account_id = id, by = ?deleted.deleted_by, "account deleted");
    Ok(deleted)
}
