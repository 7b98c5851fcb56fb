//! Organizations: cooperatives, buyer companies and organizing bodies, and
//! which accounts belong to them.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

use crate::authz::{Action, Actor};
use crate::entities::organization::{self, OrganizationKind};
use crate::entities::{account, membership};
use crate::error::{Error, ErrorCode, Result, ResultExt, Validator};
use crate::pagination::{Page, PageRequest, page_by_id};
use crate::places;
use crate::text::clean_input;
use sea_orm::Order;

#[derive(Debug, Clone)]
pub struct NewOrganization {
    pub kind: OrganizationKind,
    pub name: String,
    pub province_code: Option<i32>,
}

pub async fn create_organization(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    input: NewOrganization,
) -> Result<organization::Model> {
    actor.authorize(Action::ManageOrganizations)?;
    let mut v = Validator::new();
    let name = v.check(clean_input("name", &input.name)).unwrap_or_default();
    match name.chars().count() {
        0 if v.is_clean() => v.push("name", ErrorCode::Required, "enter a name"),
        n if n > 200 => v.push("name", ErrorCode::OutOfRange, "use at most 200 characters"),
        _ => {}
    }
    if let Some(code) = input.province_code {
        v.check(places::check_province(db, "provinceCode", code).await?);
    } else if input.kind == OrganizationKind::Cooperative {
        v.push("provinceCode", ErrorCode::Required, "a cooperative needs its province");
    }
    v.finish()?;
    let now = Utc::now();
    let _turn = crate::database::write_turn(db).await;
    let txn = db.begin_with_options(crate::database::WRITE).await?;
    let created = organization::ActiveModel {
        kind: Set(input.kind),
        name: Set(name),
        province_code: Set(input.province_code),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // A cooperative always has a public profile, which its members then fill in.
    if created.kind == OrganizationKind::Cooperative {
        crate::catalog::producers::insert_default_profile(&txn, &created).await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// Adds an account to an organization whose kind matches the account's role.
pub async fn add_member(db: &impl ConnectionTrait, actor: &Actor, organization_id: i32, account_id: i32) -> Result<()> {
    actor.authorize(Action::ManageOrganizations)?;
    let mut v = Validator::new();
    let organization = organization::Entity::find_by_id(organization_id).one(db).await?;
    let account = account::Entity::find_by_id(account_id).one(db).await?;
    if organization.is_none() {
        v.push(
            "organizationId",
            ErrorCode::NotFound,
            format!("no organization has id {organization_id}"),
        );
    }
    if account.is_none() {
        v.push(
            "accountId",
            ErrorCode::NotFound,
            format!("no account has id {account_id}"),
        );
    }
    if account.as_ref().is_some_and(|a| a.deleted_at.is_some()) {
        v.push("accountId", ErrorCode::InvalidState, "this account was deleted");
    }
    if let (Some(o), Some(a)) = (&organization, &account)
        && a.role.organization_kind() != Some(o.kind)
    {
        v.push(
            "accountId",
            ErrorCode::InvalidFormat,
            format!("an account with role {:?} cannot belong to a {:?}", a.role, o.kind),
        );
    }
    v.finish()?;
    membership::ActiveModel {
        account_id: Set(account_id),
        organization_id: Set(organization_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .on_unique_violation("accountId", "this account already belongs to the organization")?;
    Ok(())
}

pub async fn list_organizations(
    db: &impl ConnectionTrait,
    kind: Option<OrganizationKind>,
    province_code: Option<i32>,
    page: PageRequest,
) -> Result<Page<organization::Model>> {
    let mut query = organization::Entity::find();
    if let Some(kind) = kind {
        query = query.filter(organization::Column::Kind.eq(kind));
    }
    if let Some(code) = province_code {
        query = query.filter(organization::Column::ProvinceCode.eq(code));
    }
    page_by_id(db, query, organization::Column::Id, Order::Asc, &page).await
}

pub async fn find_organization(db: &impl ConnectionTrait, id: i32) -> Result<organization::Model> {
    organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound { entity: "organization" })
}

/// Organizations of many accounts at once (for DataLoaders): (account id, organization).
pub async fn organizations_of_accounts(
    db: &impl ConnectionTrait,
    account_ids: &[i32],
) -> Result<Vec<(i32, organization::Model)>> {
    let rows = membership::Entity::find()
        .filter(membership::Column::AccountId.is_in(account_ids.iter().copied()))
        .find_also_related(organization::Entity)
        .order_by_asc(membership::Column::OrganizationId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(m, o)| o.map(|o| (m.account_id, o)))
        .collect())
}
