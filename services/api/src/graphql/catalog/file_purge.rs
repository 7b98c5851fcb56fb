//! `purgeFile`: an admin removes a stored file's bytes for good.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use coopbridge_domain::catalog::file_purge;
use coopbridge_domain::entities::stored_file;

use crate::graphql::context::{actor, blob_store, db, parse_id};
use crate::graphql::errors::UserError;
use crate::graphql::payload::{Payload, payload};

#[derive(InputObject)]
pub struct PurgeFileInput {
    /// The file, as `StoredFile.id`.
    pub id: ID,
    /// Why it is removed (kept on record), 1 to 500 characters.
    pub reason: String,
}

/// Result of `purgeFile`.
#[derive(SimpleObject, Default)]
pub struct PurgeFilePayload {
    /// The file's id, now purged.
    pub file_id: Option<ID>,
    /// When it was purged (the first time, if purged again).
    pub purged_at: Option<DateTime<Utc>>,
    /// `FORBIDDEN` for anyone but an admin; `NOT_FOUND` for an unknown id;
    /// `REQUIRED` on `reason` when blank; `UNAVAILABLE` when the file store
    /// could not remove the bytes (the purge is recorded: retry it).
    pub errors: Vec<UserError>,
}

impl Payload for PurgeFilePayload {
    type Value = stored_file::Model;
    fn success(file: stored_file::Model) -> Self {
        Self {
            file_id: Some(ID(file.id.to_string())),
            purged_at: file.purged_at,
            errors: Vec::new(),
        }
    }
    fn set_errors(&mut self, errors: Vec<UserError>) {
        self.errors = errors;
    }
}

#[derive(Default)]
pub struct FilePurgeMutation;

#[Object]
impl FilePurgeMutation {
    /// Removes a stored file's bytes from the file store for good and records
    /// who did it, when and why. Its URL answers `410 Gone` from then on, and
    /// uploading the same bytes again is refused. Admins only; purging a
    /// purged file is harmless (it removes the bytes again).
    async fn purge_file(&self, ctx: &Context<'_>, input: PurgeFileInput) -> async_graphql::Result<PurgeFilePayload> {
        payload(async {
            let id = parse_id("id", &input.id)?;
            file_purge::purge_file(db(ctx), blob_store(ctx), actor(ctx), id, &input.reason).await
        })
        .await
    }
}
