//! The people of the synthetic data set: organizing bodies, buyer companies
//! and accounts that a load test can sign in with. Every account's password
//! is [`DEMO_PASSWORD`](crate::DEMO_PASSWORD); emails are
//! `coop-N@synthetic.example.vn` (a member of the N-th producer by id),
//! `buyer-N@…` and `organizer-N@…` (N from 1).

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};

use super::synthetic::{SyntheticParams, SyntheticReport};
use super::{synthetic_activity, synthetic_inquiries};
use coopbridge_domain::authz::Role;
use coopbridge_domain::entities::linkage_enums::BuyerKind;
use coopbridge_domain::entities::organization::{self, OrganizationKind};
use coopbridge_domain::entities::{
    account, buyer_contact, buyer_profile, catalog_enums::ProductCategory, membership, producer, product, province,
};
use coopbridge_domain::error::Result;

/// How many producers (the first ones by id) get a member account.
pub const MEMBER_ACCOUNTS: usize = 1000;

pub fn member_email(n: usize) -> String {
    format!("coop-{n}@synthetic.example.vn")
}

pub fn buyer_email(n: usize) -> String {
    format!("buyer-{n}@synthetic.example.vn")
}

pub fn organizer_email(n: usize) -> String {
    format!("organizer-{n}@synthetic.example.vn")
}

/// An organization with the account that acts for it.
#[derive(Debug, Clone, Copy)]
pub struct Party {
    pub organization_id: i32,
    pub account_id: i32,
    pub province_code: i32,
}

/// Inserts accounts (one per organization, same order) and their memberships.
async fn accounts_for(
    db: &impl ConnectionTrait,
    role: Role,
    orgs: &[(i32, i32)],
    email: fn(usize) -> String,
    password_hash: &str,
    at: DateTime<Utc>,
) -> Result<Vec<Party>> {
    let mut parties = Vec::with_capacity(orgs.len());
    for (chunk_no, chunk) in orgs.chunks(1000).enumerate() {
        let rows = chunk.iter().enumerate().map(|(k, _)| {
            let n = chunk_no * 1000 + k + 1;
            account::ActiveModel {
                id: NotSet,
                email: Set(email(n)),
                display_name: Set(format!("Tài khoản thử tải {n}")),
                password_hash: Set(password_hash.to_owned()),
                role: Set(role),
                disabled_at: Set(None),
                last_sign_in_at: Set(None),
                created_at: Set(at),
                updated_at: Set(at),
                deleted_at: Set(None),
                deleted_by: Set(None),
                deletion_reason: Set(None),
            }
        });
        let ids = account::Entity::insert_many(rows).exec_with_returning_keys(db).await?;
        let members = ids
            .iter()
            .zip(chunk)
            .map(|(account_id, (org, _))| membership::ActiveModel {
                account_id: Set(*account_id),
                organization_id: Set(*org),
                created_at: Set(at),
            });
        membership::Entity::insert_many(members)
            .exec_without_returning(db)
            .await?;
        parties.extend(ids.into_iter().zip(chunk).map(|(account_id, (org, code))| Party {
            organization_id: *org,
            account_id,
            province_code: *code,
        }));
    }
    Ok(parties)
}

/// Organizations of one kind, in chunks; returns (id, province code).
async fn organizations(
    db: &impl ConnectionTrait,
    kind: OrganizationKind,
    names_and_provinces: Vec<(String, i32)>,
    at: DateTime<Utc>,
) -> Result<Vec<(i32, i32)>> {
    let mut out = Vec::with_capacity(names_and_provinces.len());
    for chunk in names_and_provinces.chunks(1000) {
        let rows = chunk.iter().map(|(name, code)| organization::ActiveModel {
            id: NotSet,
            kind: Set(kind),
            name: Set(name.clone()),
            province_code: Set(Some(*code)),
            created_at: Set(at),
            updated_at: Set(at),
        });
        let ids = organization::Entity::insert_many(rows)
            .exec_with_returning_keys(db)
            .await?;
        out.extend(ids.into_iter().zip(chunk.iter().map(|(_, code)| *code)));
    }
    Ok(out)
}

/// One provincial Farmers' Association per province, `count` at most.
pub async fn organizers(
    db: &impl ConnectionTrait,
    provinces: &[province::Model],
    count: usize,
    password_hash: &str,
    at: DateTime<Utc>,
) -> Result<Vec<Party>> {
    let names = provinces
        .iter()
        .take(count)
        .map(|p| (format!("Hội Nông dân {} {}", p.kind, p.name), p.code))
        .collect();
    let orgs = organizations(db, OrganizationKind::OrganizingBody, names, at).await?;
    accounts_for(db, Role::Organizer, &orgs, organizer_email, password_hash, at).await
}

const BUYER_WORDS: &[(BuyerKind, &str)] = &[
    (BuyerKind::SafeFoodStore, "Cửa hàng thực phẩm an toàn"),
    (BuyerKind::Supermarket, "Siêu thị"),
    (BuyerKind::Processor, "Công ty chế biến nông sản"),
    (BuyerKind::Exporter, "Công ty xuất nhập khẩu"),
    (BuyerKind::RestaurantCanteen, "Bếp ăn tập thể"),
    (BuyerKind::Wholesaler, "Đầu mối bán buôn"),
];

const BRANDS: &[&str] = &[
    "Xanh",
    "Sạch",
    "Việt",
    "Phúc Lộc",
    "An Khang",
    "Đồng Quê",
    "Mùa Vàng",
    "Tâm An",
];

/// Buyer companies with a profile, one contact and one member account each.
pub async fn buyers(
    db: &impl ConnectionTrait,
    rng: &mut StdRng,
    provinces: &[province::Model],
    count: usize,
    password_hash: &str,
    at: DateTime<Utc>,
) -> Result<Vec<Party>> {
    let plans: Vec<(BuyerKind, String, i32)> = (1..=count)
        .map(|n| {
            let (kind, word) = *BUYER_WORDS.choose(rng).unwrap();
            let place = provinces.choose(rng).expect("provinces are loaded");
            let name = format!("{word} {} {} số {n}", BRANDS.choose(rng).unwrap(), place.name);
            (kind, name, place.code)
        })
        .collect();
    let names = plans.iter().map(|(_, name, code)| (name.clone(), *code)).collect();
    let orgs = organizations(db, OrganizationKind::BuyerCompany, names, at).await?;
    let categories: Vec<ProductCategory> = <ProductCategory as sea_orm::Iterable>::iter().collect();
    let mut profiles = vec![];
    let mut contacts = vec![];
    for ((id, code), (kind, _, _)) in orgs.iter().zip(&plans) {
        let how_many = rng.random_range(1..4);
        let buys: Vec<String> = categories
            .choose_multiple(rng, how_many)
            .map(sea_orm::ActiveEnum::to_value)
            .collect();
        profiles.push(buyer_profile::ActiveModel {
            id: Set(*id),
            kind: Set(*kind),
            tax_code: Set(Some(format!("0{:09}", 100_000_000 + id))),
            province_code: Set(Some(*code)),
            commune_code: Set(None),
            street: Set(String::new()),
            description: Set("Doanh nghiệp tổng hợp (không có thật) cho thử tải.".to_owned()),
            categories: Set(buys.join(",")),
            purchase_volume: Set(format!("{} tấn/tháng", rng.random_range(1..50))),
            website: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
        });
        contacts.push(buyer_contact::ActiveModel {
            buyer_id: Set(*id),
            position: Set(0),
            name: Set(format!("Người liên hệ {id}")),
            role: Set("Trưởng phòng thu mua".to_owned()),
            phone: Set(Some(format!("09{:08}", id % 100_000_000))),
            email: Set(Some(format!("lienhe-{id}@synthetic.example.vn"))),
            zalo: Set(None),
            // Made-up people: the operator who generates them records their consent.
            consent_recorded_at: Set(Some(at)),
            ..Default::default()
        });
    }
    crate::insert_chunked(db, &profiles).await?;
    crate::insert_chunked(db, &contacts).await?;
    accounts_for(db, Role::Buyer, &orgs, buyer_email, password_hash, at).await
}

/// A member account for each of the first [`MEMBER_ACCOUNTS`] producers.
pub async fn cooperative_members(
    db: &impl ConnectionTrait,
    producers: &[(i32, i32)],
    password_hash: &str,
    at: DateTime<Utc>,
) -> Result<Vec<Party>> {
    let first = &producers[..producers.len().min(MEMBER_ACCOUNTS)];
    accounts_for(db, Role::CooperativeMember, first, member_email, password_hash, at).await
}

/// After the catalog: organizers, buyers, member accounts, then events and
/// inquiries, in one transaction. Its own random stream, so adding events or
/// inquiries leaves the catalog of the same seed unchanged.
pub async fn people_and_activity(
    db: &(impl ConnectionTrait + TransactionTrait),
    params: SyntheticParams,
    report: &mut SyntheticReport,
) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(params.seed ^ 0x5eed_ac71_u64);
    let at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let provinces = province::Entity::find()
        .order_by_asc(province::Column::Code)
        .all(db)
        .await?;
    let producers: Vec<(i32, i32)> = producer::Entity::find()
        .select_only()
        .column(producer::Column::Id)
        .column(producer::Column::ProvinceCode)
        .order_by_asc(producer::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    // One hash for every synthetic account: argon2 takes tens of ms each.
    let password_hash = coopbridge_domain::passwords::hash(super::DEMO_PASSWORD.to_owned()).await?;
    let txn = db.begin().await?;
    let members = cooperative_members(&txn, &producers, &password_hash, at).await?;
    report.accounts += members.len() as u64;
    if params.events > 0 {
        let organizers = organizers(&txn, &provinces, provinces.len(), &password_hash, at).await?;
        report.accounts += organizers.len() as u64;
        let names = provinces.iter().map(|p| (p.code, p.name.clone())).collect();
        let events = synthetic_activity::events(&txn, &mut rng, params.events, &organizers, &names, &producers).await?;
        report.events = events.events;
        report.zones = events.zones;
        report.applications = events.applications;
    }
    if params.inquiries > 0 {
        let count = (params.inquiries as usize / 50).clamp(1, 1000);
        let buyers = buyers(&txn, &mut rng, &provinces, count, &password_hash, at).await?;
        report.accounts += buyers.len() as u64;
        report.buyers = buyers.len() as u64;
        let mut products_of: HashMap<i32, Vec<i32>> = HashMap::new();
        let rows: Vec<(i32, i32)> = product::Entity::find()
            .select_only()
            .column(product::Column::Id)
            .column(product::Column::ProducerId)
            .into_tuple()
            .all(&txn)
            .await?;
        for (id, producer_id) in rows {
            products_of.entry(producer_id).or_default().push(id);
        }
        for ids in products_of.values_mut() {
            ids.sort_unstable();
        }
        report.inquiries = synthetic_inquiries::inquiries(
            &txn,
            &mut rng,
            params.inquiries,
            &buyers,
            &producers,
            &products_of,
            &members,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
