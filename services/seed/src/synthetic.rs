//! `coopbridge seed --synthetic`: a large, deterministic, made-up catalog for
//! benchmarks and load tests. Names read like real Vietnamese cooperatives and
//! products; places come from the official list; coordinates are scattered
//! around each province's administrative centre (approximate, for distance
//! search only). The same parameters always give the same rows.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use coopbridge_domain::catalog::validation::slugify;
use coopbridge_domain::entities::catalog_enums::{
    CertificateScope, CertificationScheme, ProducerKind, ProductCategory, VerificationStatus,
};
use coopbridge_domain::entities::organization::{self, OrganizationKind};
use coopbridge_domain::entities::{certificate, commune, producer, product, search_outbox};
use coopbridge_domain::error::Result;
use coopbridge_domain::search::outbox;

#[derive(Debug, Clone, Copy)]
pub struct SyntheticParams {
    pub producers: u32,
    pub products: u32,
    /// Fairs and conferences (with organizing bodies, zones, applications).
    pub events: u32,
    /// Buyers' inquiries (with buyer companies, messages, status changes).
    pub inquiries: u32,
    /// Same seed, same data.
    pub seed: u64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SyntheticReport {
    pub producers: u64,
    pub products: u64,
    pub certificates: u64,
    pub accounts: u64,
    pub buyers: u64,
    pub events: u64,
    pub zones: u64,
    pub applications: u64,
    pub inquiries: u64,
}

/// Approximate administrative centres (latitude, longitude) of the 34 provinces.
const CENTRES: &[(i32, f64, f64)] = &[
    (1, 21.03, 105.85),
    (4, 22.67, 106.26),
    (8, 21.82, 105.21),
    (11, 21.39, 103.02),
    (12, 22.40, 103.46),
    (14, 21.33, 103.91),
    (15, 21.72, 104.90),
    (19, 21.59, 105.85),
    (20, 21.85, 106.76),
    (22, 20.95, 107.07),
    (24, 21.27, 106.19),
    (25, 21.32, 105.40),
    (31, 20.86, 106.68),
    (33, 20.65, 106.05),
    (37, 20.25, 105.97),
    (38, 19.81, 105.78),
    (40, 18.67, 105.69),
    (42, 18.34, 105.90),
    (44, 17.47, 106.62),
    (46, 16.46, 107.59),
    (48, 16.05, 108.20),
    (51, 15.12, 108.80),
    (52, 13.78, 109.22),
    (56, 12.24, 109.19),
    (66, 12.67, 108.04),
    (68, 11.94, 108.44),
    (75, 10.95, 106.82),
    (79, 10.78, 106.70),
    (80, 10.54, 106.41),
    (82, 10.36, 106.36),
    (86, 10.25, 105.97),
    (91, 10.01, 105.08),
    (92, 10.03, 105.78),
    (96, 9.18, 105.15),
];

/// Per category: what a cooperative calls itself, and its product names.
fn vocabulary(category: ProductCategory) -> (&'static [&'static str], &'static [&'static str]) {
    use ProductCategory::*;
    match category {
        RiceGrains => (
            &["Lúa gạo", "Sản xuất lúa chất lượng cao", "Nông nghiệp"],
            &[
                "Gạo ST25",
                "Gạo nếp cái hoa vàng",
                "Gạo lứt đỏ",
                "Gạo tám thơm",
                "Ngô nếp",
                "Gạo Bắc Hương",
            ],
        ),
        Vegetables => (
            &["Rau an toàn", "Rau hữu cơ", "Nông nghiệp sạch"],
            &[
                "Rau cải ngọt",
                "Cà chua",
                "Su su",
                "Bắp cải",
                "Rau muống",
                "Dưa chuột",
                "Súp lơ xanh",
            ],
        ),
        Fruit => (
            &["Cây ăn quả", "Trái cây", "Nông nghiệp"],
            &[
                "Bưởi da xanh",
                "Cam sành",
                "Vải thiều",
                "Nhãn lồng",
                "Xoài cát Hòa Lộc",
                "Sầu riêng",
                "Thanh long ruột đỏ",
            ],
        ),
        TeaCoffee => (
            &["Chè", "Cà phê", "Chè và cà phê"],
            &[
                "Chè búp khô",
                "Chè Shan tuyết",
                "Cà phê Robusta nhân xanh",
                "Cà phê Arabica rang xay",
                "Trà xanh",
            ],
        ),
        Honey => (
            &["Nuôi ong", "Mật ong"],
            &["Mật ong hoa cà phê", "Mật ong bạc hà", "Mật ong rừng", "Phấn hoa"],
        ),
        Mushrooms => (
            &["Nấm", "Nấm và dược liệu"],
            &["Nấm sò", "Nấm linh chi", "Nấm hương khô", "Mộc nhĩ"],
        ),
        MedicinalHerbs => (
            &["Dược liệu", "Trồng dược liệu"],
            &["Cà gai leo", "Đinh lăng", "Nghệ vàng", "Sâm dây"],
        ),
        MeatPoultry => (
            &["Chăn nuôi", "Gà đồi", "Chăn nuôi an toàn"],
            &["Gà đồi thả vườn", "Thịt bò", "Lợn đen bản địa", "Vịt cỏ", "Dê núi"],
        ),
        Eggs => (&["Chăn nuôi gia cầm"], &["Trứng gà ta", "Trứng vịt", "Trứng gà ác"]),
        SeafoodFishSauce => (
            &["Thủy sản", "Chế biến hải sản", "Nước mắm"],
            &["Nước mắm cá cơm", "Tôm thẻ", "Cá basa phi lê", "Mực khô", "Cá rô đồng"],
        ),
        ProcessedFoods => (
            &["Chế biến nông sản", "Thực phẩm"],
            &["Bánh tráng", "Miến dong", "Tương bần", "Mứt gừng", "Bún khô", "Chả cá"],
        ),
        NutsSeeds => (
            &["Cây công nghiệp"],
            &["Lạc đỏ", "Hạt điều rang muối", "Hạt mắc ca", "Vừng đen"],
        ),
        Spices => (&["Gia vị"], &["Hồi khô", "Quế", "Tiêu đen", "Ớt bột", "Gừng"]),
        Handicrafts => (
            &["Thủ công mỹ nghệ", "Mây tre đan"],
            &["Giỏ mây", "Thổ cẩm", "Chiếu cói", "Nón lá"],
        ),
        Other => (&["Dịch vụ nông nghiệp"], &["Phân hữu cơ vi sinh", "Cây giống"]),
    }
}

const UNITS: &[&str] = &["kg", "tấn", "lít", "hộp", "chai", "túi"];

/// The place part of a name: "Xã Đồng Lê" → "Đồng Lê".
fn place_name(commune: &str) -> &str {
    ["Xã ", "Phường ", "Đặc khu "]
        .iter()
        .find_map(|p| commune.strip_prefix(p))
        .unwrap_or(commune)
}

/// Loads the synthetic catalog in chunks (one transaction each), calling
/// `progress(done, total)` as producers are written.
pub async fn seed_synthetic(
    db: &(impl ConnectionTrait + TransactionTrait),
    params: SyntheticParams,
    mut progress: impl FnMut(u64, u64),
) -> Result<SyntheticReport> {
    let communes = commune::Entity::find()
        .order_by_asc(commune::Column::Code)
        .all(db)
        .await?;
    let categories: Vec<ProductCategory> = <ProductCategory as sea_orm::Iterable>::iter()
        .filter(|c| *c != ProductCategory::Other)
        .collect();
    let mut rng = StdRng::seed_from_u64(params.seed);
    let mut report = SyntheticReport::default();
    let total = u64::from(params.producers);
    let base_time = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let mut products_left = params.products;
    const CHUNK: u32 = 500;
    let mut start = 0;
    while start < params.producers {
        let end = (start + CHUNK).min(params.producers);
        let _turn = coopbridge_domain::database::write_turn(db).await;
        let txn = db.begin_with_options(coopbridge_domain::database::WRITE).await?;
        let mut orgs = vec![];
        let mut plans = vec![];
        for n in start..end {
            let place = communes.choose(&mut rng).expect("the official list is loaded");
            let category = *categories.choose(&mut rng).unwrap();
            let (sectors, _) = vocabulary(category);
            let kind = match rng.random_range(0..100) {
                0..75 => ProducerKind::Cooperative,
                75..90 => ProducerKind::CooperativeGroup,
                90..95 => ProducerKind::Household,
                _ => ProducerKind::Enterprise,
            };
            let prefix = match kind {
                ProducerKind::Cooperative => *["Hợp tác xã", "HTX"].choose(&mut rng).unwrap(),
                ProducerKind::CooperativeGroup => "Tổ hợp tác",
                ProducerKind::Household => "Hộ sản xuất",
                _ => "Công ty TNHH",
            };
            let name = format!(
                "{prefix} {} {}",
                sectors.choose(&mut rng).unwrap(),
                place_name(&place.name)
            );
            // Share the remaining products over the remaining producers.
            let remaining = params.producers - n;
            let count = products_left / remaining + u32::from(rng.random_ratio(products_left % remaining, remaining));
            products_left -= count.min(products_left);
            let created_at = base_time + Duration::minutes(i64::from(n) * 17);
            orgs.push(organization::ActiveModel {
                id: NotSet,
                kind: Set(OrganizationKind::Cooperative),
                name: Set(name.clone()),
                province_code: Set(Some(place.province_code)),
                created_at: Set(created_at),
                updated_at: Set(created_at),
            });
            plans.push((name, place.clone(), category, kind, count, created_at));
        }
        let ids = organization::Entity::insert_many(orgs)
            .exec_with_returning_keys(&txn)
            .await?;
        let mut producers = vec![];
        let mut products = vec![];
        let mut certificates = vec![];
        let mut outbox_rows = vec![];
        for (id, (name, place, category, kind, count, created_at)) in ids.into_iter().zip(plans) {
            let (_, lat, lon) = CENTRES
                .iter()
                .find(|(code, _, _)| *code == place.province_code)
                .copied()
                .unwrap_or((0, 16.0, 106.0));
            let verified = rng.random_bool(0.5);
            producers.push(producer::ActiveModel {
                id: Set(id),
                kind: Set(kind),
                slug: Set(format!("{}-{id}", slugify(&name))),
                name: Set(name),
                founded_year: Set(Some(rng.random_range(1995..2025))),
                member_count: Set(Some(rng.random_range(7..300))),
                description: Set(format!(
                    "Dữ liệu tổng hợp (không có thật). Sản xuất {} tại {}.",
                    category.vietnamese_name().to_lowercase(),
                    place.name
                )),
                main_sectors: Set(sea_orm::ActiveEnum::to_value(&category)),
                province_code: Set(place.province_code),
                commune_code: Set(Some(place.code)),
                street: Set(String::new()),
                latitude: Set(Some(lat + rng.random_range(-0.35..0.35))),
                longitude: Set(Some(lon + rng.random_range(-0.35..0.35))),
                verification_status: Set(if verified {
                    VerificationStatus::Verified
                } else {
                    VerificationStatus::Unverified
                }),
                verified_at: Set(verified.then_some(created_at)),
                created_at: Set(created_at),
                updated_at: Set(created_at),
                ..Default::default()
            });
            let (_, names) = vocabulary(category);
            for k in 0..count {
                let low = rng.random_range(2..200) * 5_000i64;
                let months: i32 = if rng.random_bool(0.3) {
                    0
                } else {
                    rng.random_range(1..0x1000)
                };
                products.push(product::ActiveModel {
                    producer_id: Set(id),
                    name: Set(format!(
                        "{} {}",
                        names.choose(&mut rng).unwrap(),
                        place_name(&place.name)
                    )),
                    category: Set(category),
                    description: Set("Sản phẩm tổng hợp cho thử tải.".to_owned()),
                    unit: Set(UNITS.choose(&mut rng).unwrap().to_string()),
                    price_min_vnd: Set(Some(low)),
                    price_max_vnd: Set(Some(low + rng.random_range(0..20) * 5_000)),
                    min_order_quantity: Set(Some(rng.random_range(1..100))),
                    monthly_capacity: Set(Some(rng.random_range(10..20_000))),
                    harvest_months: Set(months),
                    shelf_life_days: Set(Some(rng.random_range(3..730))),
                    packaging: Set("Túi, hộp hoặc thùng theo yêu cầu".to_owned()),
                    available: Set(rng.random_bool(0.9)),
                    archived_at: Set(None),
                    created_at: Set(created_at + Duration::hours(i64::from(k))),
                    updated_at: Set(created_at),
                    ..Default::default()
                });
            }
            let scheme = match rng.random_range(0..100) {
                0..35 => Some(CertificationScheme::VietGap),
                35..50 => Some(CertificationScheme::Ocop),
                50..55 => Some(CertificationScheme::Organic),
                55..58 => Some(CertificationScheme::GlobalGap),
                _ => None,
            };
            if let Some(scheme) = scheme {
                let issued = today - Duration::days(rng.random_range(30..1500));
                certificates.push(certificate::ActiveModel {
                    producer_id: Set(id),
                    scheme: Set(scheme),
                    organic_standard: Set((scheme == CertificationScheme::Organic).then(|| "TCVN 11041".to_owned())),
                    ocop_stars: Set((scheme == CertificationScheme::Ocop).then(|| rng.random_range(3..=5))),
                    certificate_number: Set(format!("SYN-{id:06}")),
                    issuer: Set("Tổ chức chứng nhận (dữ liệu tổng hợp)".to_owned()),
                    issued_on: Set(issued),
                    expires_on: Set(Some(issued + Duration::days(365 * 3))),
                    scope: Set(CertificateScope::Producer),
                    evidence_file_id: Set(None),
                    verification_status: Set(VerificationStatus::Verified),
                    verified_by: Set(None),
                    verified_at: Set(Some(created_at)),
                    archived_at: Set(None),
                    created_at: Set(created_at),
                    updated_at: Set(created_at),
                    ..Default::default()
                });
            }
            outbox_rows.push(outbox::pending(outbox::PRODUCER, id));
        }
        report.producers += producers.len() as u64;
        report.products += products.len() as u64;
        report.certificates += certificates.len() as u64;
        producer::Entity::insert_many(producers)
            .exec_without_returning(&txn)
            .await?;
        crate::insert_chunked(&txn, &products).await?;
        if !certificates.is_empty() {
            certificate::Entity::insert_many(certificates)
                .exec_without_returning(&txn)
                .await?;
        }
        search_outbox::Entity::insert_many(outbox_rows)
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        progress(report.producers, total);
        start = end;
    }
    super::synthetic_people::people_and_activity(db, params, &mut report).await?;
    Ok(report)
}
