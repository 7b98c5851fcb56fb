//! Linkage agreements (hợp đồng liên kết tiêu thụ) and the KPI organizers
//! report: the share of a province's agricultural cooperatives that have an
//! agreement in force during a period (target 50%).
//!
//! One side alone cannot make an agreement count: it is recorded PROPOSED and
//! becomes ACTIVE only when the other party (or an organizer covering the
//! cooperative's province) confirms it; who confirmed and when are kept.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::authz::{Action, Actor};
use crate::catalog::certificates::check_products_of_producer;
use crate::catalog::validation as check;
use crate::entities::catalog_enums::ProducerKind;
use crate::entities::linkage_enums::AgreementStatus;
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{inquiry, linkage_agreement, linkage_agreement_product, producer};
use crate::error::{Error, ErrorCode, Result, Validator};
use crate::pagination::{Page, PageRequest, page_by_id};
use sea_orm::Order;

/// The KPI's target share, in percent.
pub const TARGET_PERCENT: f64 = 50.0;

#[derive(Debug, Clone)]
pub struct NewAgreement {
    pub buyer_id: i32,
    pub cooperative_id: i32,
    pub inquiry_id: Option<i32>,
    pub product_ids: Vec<i32>,
    pub volume: String,
    pub price_terms: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// `Draft` or `Proposed`: an agreement becomes `Active` only by
    /// [`confirm_agreement`].
    pub status: AgreementStatus,
}

async fn organization_of_kind(
    db: &impl ConnectionTrait,
    v: &mut Validator,
    field: &str,
    id: i32,
    kind: OrganizationKind,
) -> Result<Option<organization::Model>> {
    let found = organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|o| o.kind == kind);
    if found.is_none() {
        v.push(field, ErrorCode::NotFound, format!("no {kind:?} has id {id}"));
    }
    Ok(found)
}

pub async fn create_agreement(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: NewAgreement,
) -> Result<linkage_agreement::Model> {
    let mut v = Validator::new();
    let cooperative = organization_of_kind(
        db,
        &mut v,
        "cooperativeId",
        input.cooperative_id,
        OrganizationKind::Cooperative,
    )
    .await?;
    actor.authorize(Action::ManageAgreement {
        buyer_id: input.buyer_id,
        cooperative_id: input.cooperative_id,
        cooperative_province: cooperative.as_ref().and_then(|c| c.province_code),
    })?;
    organization_of_kind(db, &mut v, "buyerId", input.buyer_id, OrganizationKind::BuyerCompany).await?;
    let volume = v.check(check::required_text("volume", &input.volume, 300));
    let price_terms = v.check(check::long_text("priceTerms", &input.price_terms, 2000));
    if price_terms.as_deref() == Some("") {
        v.push("priceTerms", ErrorCode::Required, "state the price terms");
    }
    if input.ends_on < input.starts_on {
        v.push(
            "endsOn",
            ErrorCode::OutOfRange,
            "the agreement must end on or after its start",
        );
    }
    if input.product_ids.len() > 100 {
        v.push("productIds", ErrorCode::OutOfRange, "at most 100 products");
    }
    check_products_of_producer(db, &mut v, "productIds", input.cooperative_id, &input.product_ids).await?;
    if let Some(id) = input.inquiry_id {
        let linked = inquiry::Entity::find_by_id(id).one(db).await?;
        if !linked.is_some_and(|i| i.buyer_id == input.buyer_id && i.cooperative_id == input.cooperative_id) {
            v.push(
                "inquiryId",
                ErrorCode::NotFound,
                "no inquiry between these two has this id",
            );
        }
    }
    if !matches!(input.status, AgreementStatus::Draft | AgreementStatus::Proposed) {
        v.push(
            "status",
            ErrorCode::InvalidState,
            "a new agreement is DRAFT or PROPOSED; it becomes ACTIVE when the other party confirms it",
        );
    }
    v.finish()?;
    let now = Utc::now();
    // The side whose member records it; organizers and admins record for
    // neither side, so either party may confirm what they recorded.
    let proposed_by = actor.signed_in().and_then(|s| {
        [input.buyer_id, input.cooperative_id]
            .into_iter()
            .find(|&id| s.is_member_of(id))
    });
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let created = linkage_agreement::ActiveModel {
        buyer_id: Set(input.buyer_id),
        cooperative_id: Set(input.cooperative_id),
        inquiry_id: Set(input.inquiry_id),
        volume: Set(volume.unwrap_or_default()),
        price_terms: Set(price_terms.unwrap_or_default()),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        status: Set(input.status),
        created_by: Set(actor.signed_in().map(|s| s.account_id)),
        proposed_by_organization_id: Set(proposed_by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut product_ids = input.product_ids;
    product_ids.sort_unstable();
    product_ids.dedup();
    for product_id in product_ids {
        linkage_agreement_product::ActiveModel {
            agreement_id: Set(created.id),
            product_id: Set(product_id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// The province of the agreement's cooperative, which decides who may act on it.
async fn cooperative_province(db: &impl ConnectionTrait, agreement: &linkage_agreement::Model) -> Result<Option<i32>> {
    Ok(organization::Entity::find_by_id(agreement.cooperative_id)
        .one(db)
        .await?
        .and_then(|o| o.province_code))
}

async fn authorize_on(db: &impl ConnectionTrait, actor: &Actor, agreement: &linkage_agreement::Model) -> Result<()> {
    actor.authorize(Action::ManageAgreement {
        buyer_id: agreement.buyer_id,
        cooperative_id: agreement.cooperative_id,
        cooperative_province: cooperative_province(db, agreement).await?,
    })
}

pub async fn read_agreement(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<linkage_agreement::Model> {
    let found = linkage_agreement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "agreement" })?;
    authorize_on(db, actor, &found).await?;
    Ok(found)
}

/// Changes the status. ACTIVE and ENDED need the other side's confirmation
/// first ([`confirm_agreement`]); anything may be cancelled.
pub async fn set_agreement_status(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    status: AgreementStatus,
) -> Result<linkage_agreement::Model> {
    let found = read_agreement(db, actor, id).await?;
    let confirmed = found.confirmed_at.is_some();
    match status {
        AgreementStatus::Active | AgreementStatus::Ended if !confirmed => {
            return Err(Error::field(
                "status",
                ErrorCode::InvalidState,
                "the other party has not confirmed this agreement yet (confirmLinkageAgreement)",
            ));
        }
        AgreementStatus::Draft | AgreementStatus::Proposed if confirmed => {
            return Err(Error::field(
                "status",
                ErrorCode::InvalidState,
                "a confirmed agreement can only be ended or cancelled",
            ));
        }
        _ => {}
    }
    let mut model: linkage_agreement::ActiveModel = found.into();
    model.status = Set(status);
    model.updated_at = Set(Utc::now());
    Ok(model.update(db).await?)
}

/// The other party (or an organizer covering the cooperative's province, or
/// an admin) confirms an agreement: a PROPOSED one becomes ACTIVE; an ENDED
/// one recorded before confirmations existed starts counting for its period.
/// Whoever recorded it cannot confirm it.
pub async fn confirm_agreement(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<linkage_agreement::Model> {
    let found = linkage_agreement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "agreement" })?;
    actor.authorize(Action::ConfirmAgreement {
        buyer_id: found.buyer_id,
        cooperative_id: found.cooperative_id,
        cooperative_province: cooperative_province(db, &found).await?,
        proposed_by: found.proposed_by_organization_id,
    })?;
    let account = actor.signed_in().map(|s| s.account_id);
    if account.is_some() && account == found.created_by {
        return Err(Error::Forbidden {
            action: "confirm an agreement you recorded yourself",
        });
    }
    if found.confirmed_at.is_some() {
        return Err(Error::field("id", ErrorCode::InvalidState, "already confirmed"));
    }
    let status = match found.status {
        AgreementStatus::Proposed => AgreementStatus::Active,
        AgreementStatus::Ended => AgreementStatus::Ended,
        _ => {
            return Err(Error::field(
                "id",
                ErrorCode::InvalidState,
                "only a PROPOSED (or an unconfirmed ENDED) agreement can be confirmed",
            ));
        }
    };
    let now = Utc::now();
    let mut model: linkage_agreement::ActiveModel = found.into();
    model.status = Set(status);
    model.confirmed_by = Set(account);
    model.confirmed_at = Set(Some(now));
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// An organization's agreements, newest first.
pub async fn list_agreements(
    db: &impl ConnectionTrait,
    actor: &Actor,
    organization_id: i32,
    page: PageRequest,
) -> Result<Page<linkage_agreement::Model>> {
    actor.authorize(Action::ReadInbox { organization_id })?;
    let query = linkage_agreement::Entity::find().filter(
        Condition::any()
            .add(linkage_agreement::Column::BuyerId.eq(organization_id))
            .add(linkage_agreement::Column::CooperativeId.eq(organization_id)),
    );
    page_by_id(db, query, linkage_agreement::Column::Id, Order::Desc, &page).await
}

pub async fn products_of_agreements(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<Vec<linkage_agreement_product::Model>> {
    Ok(linkage_agreement_product::Entity::find()
        .filter(linkage_agreement_product::Column::AgreementId.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinkageKpi {
    pub province_code: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Agricultural cooperatives (HTX) of the province that are not archived.
    pub cooperatives: u64,
    /// Of those, how many had a confirmed agreement in force during the period.
    pub with_agreement: u64,
}

impl LinkageKpi {
    pub fn share_percent(&self) -> f64 {
        if self.cooperatives == 0 {
            0.0
        } else {
            (self.with_agreement as f64 * 1000.0 / self.cooperatives as f64).round() / 10.0
        }
    }
}

/// Counts, in two statements, the cooperatives of a province and those with
/// a confirmed, active (or since ended) agreement overlapping `from..=to`.
pub async fn linkage_kpi(
    db: &impl ConnectionTrait,
    actor: &Actor,
    province_code: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<LinkageKpi> {
    actor.authorize(Action::ReadLinkageKpi { province_code })?;
    if to < from {
        return Err(Error::field(
            "to",
            ErrorCode::OutOfRange,
            "the period must end on or after its start",
        ));
    }
    let cooperatives = Condition::all()
        .add(producer::Column::ProvinceCode.eq(province_code))
        .add(producer::Column::Kind.eq(ProducerKind::Cooperative))
        .add(producer::Column::ArchivedAt.is_null());
    let total = producer::Entity::find().filter(cooperatives.clone()).count(db).await?;
    let in_force = Query::select()
        .expr(Expr::val(1))
        .from(linkage_agreement::Entity)
        .cond_where(
            Condition::all()
                .add(
                    Expr::col((linkage_agreement::Entity, linkage_agreement::Column::CooperativeId))
                        .equals((producer::Entity, producer::Column::Id)),
                )
                .add(
                    Expr::col((linkage_agreement::Entity, linkage_agreement::Column::Status))
                        .is_in(["active", "ended"]),
                )
                .add(Expr::col((linkage_agreement::Entity, linkage_agreement::Column::ConfirmedAt)).is_not_null())
                .add(Expr::col((linkage_agreement::Entity, linkage_agreement::Column::StartsOn)).lte(to))
                .add(Expr::col((linkage_agreement::Entity, linkage_agreement::Column::EndsOn)).gte(from)),
        )
        .to_owned();
    let with_agreement = producer::Entity::find()
        .filter(cooperatives.add(Expr::exists(in_force)))
        .count(db)
        .await?;
    Ok(LinkageKpi {
        province_code,
        from,
        to,
        cooperatives: total,
        with_agreement,
    })
}
