//! Correcting what is held about oneself: the display name. (Contact persons
//! are corrected in the profile editors; a sign-in email is changed by the
//! operator, who can check who asks.)

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionTrait};

use crate::authz::Actor;
use crate::entities::account;
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::text::clean_input;

/// Sets the signed-in account's display name: NFC, trimmed, 1 to 120
/// characters (`REQUIRED` / `OUT_OF_RANGE` on `displayName`).
pub async fn update_my_display_name(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    display_name: &str,
) -> Result<account::Model> {
    let me = actor.require_account()?;
    let mut v = Validator::new();
    let name = v.check(clean_input("displayName", display_name));
    match name.as_deref() {
        Some("") => v.push("displayName", ErrorCode::Required, "enter a name"),
        Some(n) if n.chars().count() > 120 => {
            v.push("displayName", ErrorCode::OutOfRange, "use at most 120 characters")
        }
        _ => {}
    }
    v.finish()?;
    let account = account::Entity::find_by_id(me.account_id)
        .one(db)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let _turn = crate::database::write_turn(db).await;
    let mut active: account::ActiveModel = account.into();
    active.display_name = Set(name.expect("validated"));
    active.updated_at = Set(Utc::now());
    Ok(active.update(db).await?)
}
