//! The matrix's attempts at the personal data mutations: correcting one's
//! name, deleting accounts and removing contact persons.

use serde_json::{Value, json};

use crate::authz_matrix_fixture::{Fixture, Who};

/// The password every account has once `changePassword` ran (it is allowed
/// to every signed-in role, and runs before `deleteMyAccount`).
pub const CHANGED_PASSWORD: &str = "mật khẩu mới 2027";

impl Fixture {
    /// The request of a personal data mutation, or None for another one.
    pub async fn privacy_request(&mut self, mutation: &str, who: Who, fresh: bool) -> Option<(&'static str, Value)> {
        let n = self.next();
        Some(match mutation {
            // Runs last: each role deletes itself, with its password of the moment.
            "deleteMyAccount" => (
                "input: $i",
                json!({ "i": { "password": CHANGED_PASSWORD, "confirm": true } }),
            ),
            // An allowed attempt deletes an account made for it; a refused
            // one aims at the spare account, which it must leave alone.
            "deleteAccount" => {
                let target = if fresh {
                    self.account(&format!("xoa-{n}-{who:?}@example.vn"), "BUYER", &[]).await
                } else {
                    self.spare_account()
                };
                (
                    "input: $i",
                    json!({ "i": { "accountId": target, "reason": "Yêu cầu của người dùng" } }),
                )
            }
            "updateMyAccount" => ("input: $i", json!({ "i": { "displayName": format!("Tên sửa {n}") } })),
            // A cooperative's contact person: removing it twice is harmless,
            // so every allowed attempt uses the same cooperative.
            "removeContactPerson" => ("input: $i", json!({ "i": { "organizationId": self.coop } })),
            _ => return None,
        })
    }

    /// A token of `who` signed in with [`CHANGED_PASSWORD`].
    pub async fn token_after_password_change(&self, who: Who) -> Option<String> {
        match self.emails.get(&who) {
            Some(email) => Some(self.app.sign_in(email, CHANGED_PASSWORD).await),
            None => None,
        }
    }
}
