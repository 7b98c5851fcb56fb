//! Inquiries: a buyer asks a cooperative about a product or a purchase
//! request; they talk in a thread; the status moves new → in discussion →
//! agreed / declined / closed, each change recorded with who and when.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use crate::authz::{Action, Actor};
use crate::catalog::validation as check;
use crate::entities::linkage_enums::InquiryStatus;
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{inquiry, inquiry_message, inquiry_status_change, producer, product, purchase_request};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{Page, PageRequest, page_by_id};
use sea_orm::Order;

#[derive(Debug, Clone, Default)]
pub struct NewInquiry {
    pub buyer_id: i32,
    /// Needed unless `product_id` names the cooperative.
    pub cooperative_id: Option<i32>,
    pub product_id: Option<i32>,
    pub purchase_request_id: Option<i32>,
    pub subject: String,
    pub message: String,
}

fn message_body(v: &mut Validator, field: &str, text: &str) -> Option<String> {
    let body = v.check(check::long_text(field, text, super::MAX_MESSAGE_CHARS))?;
    if body.is_empty() {
        v.push(field, ErrorCode::Required, "write a message");
        return None;
    }
    Some(body)
}

pub async fn send_inquiry(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: NewInquiry,
) -> Result<inquiry::Model> {
    actor.authorize(Action::SendInquiry {
        buyer_id: input.buyer_id,
    })?;
    let mut v = Validator::new();
    let subject = v.check(check::required_text("subject", &input.subject, 200));
    let body = message_body(&mut v, "message", &input.message);
    let mut cooperative_id = input.cooperative_id;
    if let Some(id) = input.product_id {
        match product::Entity::find_by_id(id).one(db).await? {
            None => v.push("productId", ErrorCode::NotFound, "no product has this id"),
            Some(p) if p.archived_at.is_some() => v.push(
                "productId",
                ErrorCode::InvalidState,
                "this product is archived; ask the cooperative about another",
            ),
            Some(p) if cooperative_id.is_some_and(|c| c != p.producer_id) => v.push(
                "productId",
                ErrorCode::InvalidFormat,
                "this product belongs to another cooperative",
            ),
            Some(p) => cooperative_id = Some(p.producer_id),
        }
    }
    if let Some(id) = input.purchase_request_id {
        match purchase_request::Entity::find_by_id(id).one(db).await? {
            Some(r) if r.buyer_id == input.buyer_id => {}
            Some(_) => v.push(
                "purchaseRequestId",
                ErrorCode::Forbidden,
                "this purchase request belongs to another buyer",
            ),
            None => v.push(
                "purchaseRequestId",
                ErrorCode::NotFound,
                "no purchase request has this id",
            ),
        }
    }
    match cooperative_id {
        None if input.product_id.is_none() => v.push(
            "cooperativeId",
            ErrorCode::Required,
            "choose the cooperative or a product",
        ),
        None => {}
        Some(id) => {
            let org = organization::Entity::find_by_id(id).one(db).await?;
            let profile = producer::Entity::find_by_id(id).one(db).await?;
            match (org, profile) {
                (Some(o), Some(p)) if o.kind == OrganizationKind::Cooperative && p.archived_at.is_none() => {}
                (Some(o), Some(_)) if o.kind == OrganizationKind::Cooperative => {
                    v.push("cooperativeId", ErrorCode::InvalidState, "this cooperative is archived")
                }
                _ => v.push("cooperativeId", ErrorCode::NotFound, "no cooperative has this id"),
            }
        }
    }
    v.finish()?;
    let (Some(cooperative_id), Some(subject), Some(body)) = (cooperative_id, subject, body) else {
        unreachable!("validated")
    };
    let account_id = actor.signed_in().map(|s| s.account_id);
    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let created = inquiry::ActiveModel {
        buyer_id: Set(input.buyer_id),
        cooperative_id: Set(cooperative_id),
        product_id: Set(input.product_id),
        purchase_request_id: Set(input.purchase_request_id),
        subject: Set(subject),
        status: Set(InquiryStatus::New),
        created_by: Set(account_id),
        created_at: Set(now),
        updated_at: Set(now),
        first_replied_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    inquiry_message::ActiveModel {
        inquiry_id: Set(created.id),
        author_account_id: Set(account_id),
        author_organization_id: Set(input.buyer_id),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_change(&txn, created.id, None, InquiryStatus::New, account_id).await?;
    txn.commit().await?;
    Ok(created)
}

async fn record_change(
    db: &impl ConnectionTrait,
    inquiry_id: i32,
    from: Option<InquiryStatus>,
    to: InquiryStatus,
    by: Option<i32>,
) -> Result<()> {
    inquiry_status_change::ActiveModel {
        inquiry_id: Set(inquiry_id),
        from_status: Set(from),
        to_status: Set(to),
        changed_by: Set(by),
        changed_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<inquiry::Model> {
    inquiry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "inquiry" })
}

/// An inquiry its parties (and admins) may read.
pub async fn read_inquiry(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<inquiry::Model> {
    let found = find(db, id).await?;
    actor.authorize(Action::ReadInquiry {
        buyer_id: found.buyer_id,
        cooperative_id: found.cooperative_id,
    })?;
    Ok(found)
}

/// Sets `first_replied_at` when the cooperative answers for the first time.
fn first_reply(current: &inquiry::Model, actor: &Actor) -> Option<chrono::DateTime<Utc>> {
    let by_cooperative = actor
        .signed_in()
        .is_some_and(|s| s.is_member_of(current.cooperative_id));
    match current.first_replied_at {
        None if by_cooperative => Some(Utc::now()),
        other => other,
    }
}

pub async fn post_message(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    inquiry_id: i32,
    text: &str,
) -> Result<inquiry_message::Model> {
    let current = find(db, inquiry_id).await?;
    actor.authorize(Action::WriteInquiryMessage {
        buyer_id: current.buyer_id,
        cooperative_id: current.cooperative_id,
    })?;
    let mut v = Validator::new();
    let body = message_body(&mut v, "body", text);
    if matches!(current.status, InquiryStatus::Declined | InquiryStatus::Closed) {
        v.push(
            "inquiryId",
            ErrorCode::InvalidState,
            "this inquiry is declined or closed",
        );
    }
    v.finish()?;
    let account = actor.require_account()?;
    let author_organization = if account.is_member_of(current.cooperative_id) {
        current.cooperative_id
    } else {
        current.buyer_id
    };
    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let message = inquiry_message::ActiveModel {
        inquiry_id: Set(inquiry_id),
        author_account_id: Set(Some(account.account_id)),
        author_organization_id: Set(author_organization),
        body: Set(body.unwrap_or_default()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    inquiry::Entity::update_many()
        .col_expr(inquiry::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            inquiry::Column::FirstRepliedAt,
            Expr::value(first_reply(&current, actor)),
        )
        .filter(inquiry::Column::Id.eq(inquiry_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(message)
}

/// Moves an inquiry to `to`, recording who and when. Two concurrent changes
/// cannot both apply: the update only matches the status it was checked against.
pub async fn change_status(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    inquiry_id: i32,
    to: InquiryStatus,
) -> Result<inquiry::Model> {
    let current = find(db, inquiry_id).await?;
    actor.authorize(Action::ChangeInquiryStatus {
        buyer_id: current.buyer_id,
        cooperative_id: current.cooperative_id,
        to,
    })?;
    let refused = || {
        Error::field(
            "status",
            ErrorCode::InvalidState,
            format!("an inquiry that is {:?} cannot become {to:?}", current.status),
        )
    };
    if !current.status.can_become(to) {
        return Err(refused());
    }
    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let updated = inquiry::Entity::update_many()
        .col_expr(inquiry::Column::Status, Expr::value(to))
        .col_expr(inquiry::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            inquiry::Column::FirstRepliedAt,
            Expr::value(first_reply(&current, actor)),
        )
        .filter(inquiry::Column::Id.eq(inquiry_id))
        .filter(inquiry::Column::Status.eq(current.status))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(refused());
    }
    record_change(
        &txn,
        inquiry_id,
        Some(current.status),
        to,
        actor.signed_in().map(|s| s.account_id),
    )
    .await?;
    let saved = find(&txn, inquiry_id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// An organization's inquiries (sent by a buyer, received by a cooperative), newest first.
pub async fn list_inquiries(
    db: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: i32,
    status: Option<InquiryStatus>,
    page: PageRequest,
) -> Result<Page<inquiry::Model>> {
    actor.authorize(Action::ReadInbox { organization_id })?;
    let mut condition = Condition::all().add(
        Condition::any()
            .add(inquiry::Column::BuyerId.eq(organization_id))
            .add(inquiry::Column::CooperativeId.eq(organization_id)),
    );
    if let Some(status) = status {
        condition = condition.add(inquiry::Column::Status.eq(status));
    }
    let query = inquiry::Entity::find().filter(condition);
    page_by_id(db, query, inquiry::Column::Id, Order::Desc, &page).await
}

pub async fn messages_of(db: &impl ConnectionTrait, inquiry_ids: &[i32]) -> Result<Vec<inquiry_message::Model>> {
    Ok(inquiry_message::Entity::find()
        .filter(inquiry_message::Column::InquiryId.is_in(inquiry_ids.iter().copied()))
        .order_by_asc(inquiry_message::Column::Id)
        .all(db)
        .await?)
}

pub async fn history_of(db: &impl ConnectionTrait, inquiry_ids: &[i32]) -> Result<Vec<inquiry_status_change::Model>> {
    Ok(inquiry_status_change::Entity::find()
        .filter(inquiry_status_change::Column::InquiryId.is_in(inquiry_ids.iter().copied()))
        .order_by_asc(inquiry_status_change::Column::Id)
        .all(db)
        .await?)
}

/// Organizations the actor's organizations share contact details with: the
/// other side of every inquiry in discussion or agreed. One statement.
pub async fn contact_partners(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<i32>> {
    let Some(account) = actor.signed_in() else {
        return Ok(vec![]);
    };
    if account.organizations.is_empty() {
        return Ok(vec![]);
    }
    let own = account.organization_ids();
    let rows: Vec<(i32, i32)> = inquiry::Entity::find()
        .select_only()
        .column(inquiry::Column::BuyerId)
        .column(inquiry::Column::CooperativeId)
        .filter(
            Condition::all()
                .add(inquiry::Column::Status.is_in(InquiryStatus::SHARING_CONTACTS))
                .add(
                    Condition::any()
                        .add(inquiry::Column::BuyerId.is_in(own.clone()))
                        .add(inquiry::Column::CooperativeId.is_in(own)),
                ),
        )
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut partners: Vec<i32> = rows
        .into_iter()
        .flat_map(|(b, c)| [b, c])
        .filter(|&id| !account.is_member_of(id))
        .collect();
    partners.sort_unstable();
    partners.dedup();
    Ok(partners)
}
