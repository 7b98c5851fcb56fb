//! Deterministic synthetic Vietnamese catalog: producers and products with diacritics, places
//! from the official 2025 division list, categories, schemes and coordinates inside Vietnam.

use coopbridge_search::{DocumentKind, GeoPoint, GeoRadius, SearchDocument, SearchFilter, SearchRequest, SearchSort};
use serde::Deserialize;

const DIVISIONS: &str = include_str!("../../../../migrations/data/vn-divisions-2025.json");

#[derive(Deserialize)]
pub struct Province {
    pub code: i32,
    pub name: String,
    pub communes: Vec<Commune>,
}

#[derive(Deserialize)]
pub struct Commune {
    pub code: i32,
    pub name: String,
}

pub fn provinces() -> Vec<Province> {
    serde_json::from_str(DIVISIONS).expect("division list parses")
}

/// splitmix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub const PRODUCTS: &[(&str, &str)] = &[
    ("Mật ong rừng", "HONEY"),
    ("Mật ong hoa nhãn", "HONEY"),
    ("Mật ong hoa cà phê", "HONEY"),
    ("Gạo ST25", "RICE_AND_GRAINS"),
    ("Gạo nếp cái hoa vàng", "RICE_AND_GRAINS"),
    ("Gạo lứt đỏ", "RICE_AND_GRAINS"),
    ("Chè Shan tuyết", "TEA"),
    ("Trà atiso", "TEA"),
    ("Chè búp Thái Nguyên", "TEA"),
    ("Cà phê Robusta", "COFFEE"),
    ("Cà phê Arabica", "COFFEE"),
    ("Bơ sáp", "FRUIT"),
    ("Xoài cát Hòa Lộc", "FRUIT"),
    ("Bưởi da xanh", "FRUIT"),
    ("Nhãn lồng", "FRUIT"),
    ("Vải thiều", "FRUIT"),
    ("Cam sành", "FRUIT"),
    ("Thanh long ruột đỏ", "FRUIT"),
    ("Thịt bò khô", "MEAT"),
    ("Thịt lợn gác bếp", "MEAT"),
    ("Nước mắm cá cơm", "SAUCES"),
    ("Tiêu đen", "SPICES"),
    ("Quế hữu cơ", "SPICES"),
    ("Hạt điều rang muối", "NUTS"),
    ("Sâm Ngọc Linh", "HERBS"),
    ("Nấm linh chi", "HERBS"),
    ("Tôm khô", "SEAFOOD"),
    ("Cá tra phi lê", "SEAFOOD"),
    ("Rau cải hữu cơ", "VEGETABLES"),
    ("Miến dong", "PROCESSED_FOOD"),
    ("Bánh tráng", "PROCESSED_FOOD"),
    ("Đặc sản cốm làng Vòng", "PROCESSED_FOOD"),
];

const PRODUCER_PREFIXES: &[(&str, &str)] = &[
    ("Hợp tác xã", "COOPERATIVE"),
    ("HTX", "COOPERATIVE"),
    ("Tổ hợp tác", "COOPERATIVE_GROUP"),
    ("THT", "COOPERATIVE_GROUP"),
    ("Hộ kinh doanh", "HOUSEHOLD"),
    ("Công ty TNHH", "COMPANY"),
];
const SECTORS: &[&str] = &[
    "Nông nghiệp",
    "Chè",
    "Mật ong",
    "Lúa gạo",
    "Cà phê",
    "Rau an toàn",
    "Thủy sản",
    "Chăn nuôi",
    "Dược liệu",
    "Trái cây",
    "Dịch vụ nông nghiệp",
    "Đặc sản",
];
const SCHEMES: &[&str] = &["VIETGAP", "OCOP", "ORGANIC", "GLOBALGAP"];
const PHRASES: &[&str] = &[
    "Sản phẩm đạt chuẩn VietGAP, truy xuất nguồn gốc rõ ràng.",
    "Sản phẩm OCOP 4 sao của tỉnh, đóng gói hút chân không.",
    "Canh tác hữu cơ, không thuốc trừ sâu, thu hoạch thủ công.",
    "Cung ứng cho siêu thị và bếp ăn tập thể, giao hàng toàn quốc.",
    "Đặc sản vùng cao, chế biến theo phương pháp truyền thống.",
];

/// Strips "Xã ", "Phường ", "Đặc khu " from a commune name.
fn place(name: &str) -> &str {
    for prefix in ["Phường ", "Xã ", "Đặc khu ", "Thị trấn "] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest;
        }
    }
    name
}

pub fn province_short(name: &str) -> &str {
    name.strip_prefix("Thành phố ")
        .or_else(|| name.strip_prefix("Tỉnh "))
        .unwrap_or(name)
}

/// A point inside Vietnam's outline (coarse bands by latitude).
pub fn point(rng: &mut Rng) -> GeoPoint {
    let lat = 8.7 + rng.unit() * 14.5;
    let (west, east) = if lat > 17.5 {
        (103.0, 107.8)
    } else if lat > 11.5 {
        (106.2, 109.2)
    } else {
        (104.8, 107.4)
    };
    GeoPoint {
        lat,
        lon: west + rng.unit() * (east - west),
    }
}

pub struct Generated {
    pub docs: Vec<SearchDocument>,
}

fn base(rng: &mut Rng, provinces: &[Province], id: String, kind: DocumentKind) -> (SearchDocument, String) {
    let province = rng.pick(provinces);
    let commune = rng.pick(&province.communes);
    let schemes: Vec<String> = SCHEMES
        .iter()
        .filter(|_| rng.chance(20))
        .map(|s| s.to_string())
        .collect();
    let verified = rng.chance(60);
    let doc = SearchDocument {
        id,
        kind,
        title: String::new(),
        producer_name: None,
        text: String::new(),
        province_code: Some(province.code),
        commune_code: Some(commune.code),
        category: None,
        ocop_stars: schemes.iter().any(|s| s == "OCOP").then(|| 3 + rng.below(3) as i32),
        has_current_certificate: !schemes.is_empty(),
        schemes,
        self_declared_schemes: Vec::new(),
        self_declared_ocop_stars: None,
        producer_kind: None,
        verified,
        location: rng.chance(90).then(|| point(rng)),
        harvest_months: if rng.chance(50) {
            Vec::new()
        } else {
            (0..3).map(|_| 1 + rng.below(12) as u8).collect()
        },
        monthly_capacity: Some(10 * (1 + rng.below(1000)) as i64),
        price_min_vnd: Some(1000 * (10 + rng.below(500)) as i64),
        price_max_vnd: None,
        created_at: 1_700_000_000 + rng.below(60_000_000) as i64,
    };
    (
        doc,
        format!("{} {}", place(&commune.name), province_short(&province.name)),
    )
}

pub fn generate(producers: usize, products: usize) -> Generated {
    let provinces = provinces();
    let mut rng = Rng::new(20_250_701);
    let mut docs = Vec::with_capacity(producers + products);
    let mut producer_names = Vec::with_capacity(producers);
    for i in 0..producers {
        let (mut doc, where_) = base(
            &mut rng,
            &provinces,
            format!("producer:{}", i + 1),
            DocumentKind::Producer,
        );
        let (prefix, kind) = *rng.pick(PRODUCER_PREFIXES);
        let sector = *rng.pick(SECTORS);
        doc.title = format!("{prefix} {sector} {where_}");
        doc.producer_kind = Some(kind.to_string());
        doc.text = format!("{sector}, {}. {}", rng.pick(SECTORS), rng.pick(PHRASES));
        producer_names.push((doc.title.clone(), doc.verified));
        docs.push(doc);
    }
    for i in 0..products {
        let (mut doc, where_) = base(
            &mut rng,
            &provinces,
            format!("product:{}", i + 1),
            DocumentKind::Product,
        );
        let (name, category) = *rng.pick(PRODUCTS);
        let (producer, verified) = if producer_names.is_empty() {
            ("".into(), false)
        } else {
            rng.pick(&producer_names).clone()
        };
        doc.title = format!("{name} {where_}");
        doc.category = Some(category.to_string());
        doc.producer_name = (!producer.is_empty()).then_some(producer);
        doc.verified = verified;
        doc.producer_kind = Some(rng.pick(PRODUCER_PREFIXES).1.to_string());
        doc.text = format!("{}. {}", rng.pick(PHRASES), rng.pick(PHRASES));
        docs.push(doc);
    }
    Generated { docs }
}

/// A fixed mix of 200 requests: with and without diacritics, filtered, faceted, geo.
pub fn queries() -> Vec<SearchRequest> {
    let provinces = provinces();
    let mut rng = Rng::new(42);
    let mut out = Vec::with_capacity(200);
    let req = |text: String| SearchRequest {
        text,
        limit: 20,
        ..Default::default()
    };
    for i in 0..200 {
        let (name, category) = *rng.pick(PRODUCTS);
        let province = rng.pick(&provinces);
        let short = province_short(&province.name);
        let request = match i % 10 {
            0 | 1 => req(name.to_string()),
            2 | 3 => req(coopbridge_search::text::fold(&format!("{name} {short}"))),
            4 => req(format!(
                "{} {}",
                rng.pick(&["HTX", "hợp tác xã", "tổ hợp tác"]),
                rng.pick(SECTORS)
            )),
            5 => SearchRequest {
                filter: SearchFilter {
                    province_codes: vec![province.code],
                    categories: vec![category.into()],
                    ..Default::default()
                },
                ..req(coopbridge_search::text::fold(name))
            },
            6 => SearchRequest {
                facets: true,
                ..req(if i % 20 == 6 { String::new() } else { name.to_string() })
            },
            7 => {
                let center = point(&mut rng);
                SearchRequest {
                    filter: SearchFilter {
                        near: Some(GeoRadius {
                            center,
                            radius_km: 50.0,
                        }),
                        ..Default::default()
                    },
                    sort: SearchSort::Distance(center),
                    ..req(if i % 20 == 7 {
                        String::new()
                    } else {
                        category_word(name)
                    })
                }
            }
            8 => req(typo(&coopbridge_search::text::fold(name), &mut rng)),
            _ => SearchRequest {
                filter: SearchFilter {
                    schemes: vec![rng.pick(SCHEMES).to_string()],
                    verified: Some(true),
                    min_ocop_stars: rng.chance(50).then_some(4),
                    ..Default::default()
                },
                facets: true,
                sort: SearchSort::Newest,
                ..req(String::new())
            },
        };
        out.push(request);
    }
    out
}

fn category_word(name: &str) -> String {
    name.split(' ').take(2).collect::<Vec<_>>().join(" ")
}

/// Doubles one letter of the longest word (one typo).
fn typo(text: &str, rng: &mut Rng) -> String {
    let longest = text.split(' ').max_by_key(|w| w.len()).unwrap_or("").to_string();
    if longest.len() < 5 {
        return text.to_string();
    }
    let at = 1 + rng.below(longest.len() - 1);
    let mut changed = longest.clone();
    changed.insert(at, longest.as_bytes()[at - 1] as char);
    text.replacen(&longest, &changed, 1)
}
