//! The organizers' review queue: cooperatives and certificates waiting for a
//! verdict, limited to the provinces the organizer's bodies cover (a body
//! without a province is national and sees all; admins see all). The
//! verdicts themselves are `verify_producer` and `verify_certificate`.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use super::certificates::today;
use crate::authz::{Action, Actor, Role};
use crate::entities::catalog_enums::VerificationStatus;
use crate::entities::{certificate, producer};
use crate::error::Result;
use crate::pagination::{Page, PageRequest, page_by_id};
use sea_orm::Order;

/// The provinces the actor reviews; None: all of them.
fn reviewed_provinces(actor: &Actor) -> Result<Option<Vec<i32>>> {
    actor.authorize(Action::ReadReviewQueue)?;
    let Some(account) = actor.signed_in() else {
        return Ok(None);
    };
    if account.role == Role::Admin || account.organizations.iter().any(|o| o.province_code.is_none()) {
        return Ok(None);
    }
    Ok(Some(
        account.organizations.iter().filter_map(|o| o.province_code).collect(),
    ))
}

fn listed_producers_in(provinces: &Option<Vec<i32>>) -> Condition {
    let mut condition = Condition::all().add(producer::Column::ArchivedAt.is_null());
    if let Some(codes) = provinces {
        condition = condition.add(producer::Column::ProvinceCode.is_in(codes.iter().copied()));
    }
    condition
}

/// Listed producers no organizer has verified or rejected yet, oldest first.
pub async fn pending_producers(
    db: &impl ConnectionTrait,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<producer::Model>> {
    let provinces = reviewed_provinces(actor)?;
    let condition =
        listed_producers_in(&provinces).add(producer::Column::VerificationStatus.eq(VerificationStatus::Unverified));
    let query = producer::Entity::find().filter(condition);
    page_by_id(db, query, producer::Column::Id, Order::Asc, &page).await
}

/// Self-declared certificates (current, unverified) of listed producers,
/// oldest first.
pub async fn pending_certificates(
    db: &impl ConnectionTrait,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<certificate::Model>> {
    let provinces = reviewed_provinces(actor)?;
    let producers = Query::select()
        .column(producer::Column::Id)
        .from(producer::Entity)
        .cond_where(listed_producers_in(&provinces))
        .to_owned();
    let condition = Condition::all()
        .add(certificate::Column::VerificationStatus.eq(VerificationStatus::Unverified))
        .add(certificate::Column::ArchivedAt.is_null())
        .add(
            Condition::any()
                .add(certificate::Column::ExpiresOn.is_null())
                .add(certificate::Column::ExpiresOn.gte(today())),
        )
        .add(Expr::col(certificate::Column::ProducerId).in_subquery(producers));
    let query = certificate::Entity::find().filter(condition);
    page_by_id(db, query, certificate::Column::Id, Order::Asc, &page).await
}
