//! The search documents of fairs and conferences: a published event is
//! found by its title, description and place; a draft is not found at all.

use std::collections::HashSet;

use coopbridge_search::{DocumentKind, SearchDocument};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::builders::{blank, province_names};
use super::{FamilyDocuments, fair_doc_id};
use crate::entities::fair_enums::EventStatus;
use crate::entities::fair_event;
use crate::error::Result;

/// Documents for events: published ones are upserted, drafts and unknown
/// ids deleted.
pub async fn event_documents(db: &impl ConnectionTrait, event_ids: &[i32]) -> Result<FamilyDocuments> {
    let mut out = FamilyDocuments::default();
    if event_ids.is_empty() {
        return Ok(out);
    }
    let events = fair_event::Entity::find()
        .filter(fair_event::Column::Id.is_in(event_ids.iter().copied()))
        .all(db)
        .await?;
    let provinces = province_names(db, events.iter().map(|e| e.province_code).collect()).await?;
    let found: HashSet<i32> = events.iter().map(|e| e.id).collect();
    out.deletes.extend(
        event_ids
            .iter()
            .filter(|id| !found.contains(id))
            .map(|id| fair_doc_id(*id)),
    );
    for e in events {
        if e.status != EventStatus::Published {
            out.deletes.push(fair_doc_id(e.id));
            continue;
        }
        let place = provinces.get(&e.province_code).cloned().unwrap_or_default();
        let published = e.published_at.unwrap_or(e.created_at).timestamp();
        out.upserts.push(SearchDocument {
            text: [e.description.as_str(), &e.venue_name, &e.street, &place].join(" · "),
            province_code: Some(e.province_code),
            verified: true,
            ..blank(DocumentKind::Event, fair_doc_id(e.id), e.title.clone(), published)
        });
    }
    Ok(out)
}
