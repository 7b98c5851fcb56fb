//! Linkage writes with random input: buyer contacts and purchase requests
//! store clean, NFC text and refuse each bad field by name, writing nothing.

use crate::support::PROVINCE;
use crate::text_and_contacts::vietnamese_text;
use crate::writes::run;
use chrono::{Duration, NaiveDate};
use coopbridge_domain::ErrorCode;
use coopbridge_domain::entities::catalog_enums::ProductCategory;
use coopbridge_domain::entities::linkage_enums::{BuyerKind, PurchaseFrequency};
use coopbridge_domain::linkage::buyers::{self, BuyerFields, ContactInput};
use coopbridge_domain::linkage::purchase_requests::{self, NewPurchaseRequest};

#[test]
fn buyer_contacts_store_clean_names_and_refuse_each_bad_field() {
    let strategy = (vietnamese_text(4), "0[35789][0-9]{8}", 0usize..3, 0usize..7);
    run(64, strategy, |db, fx, (name, phone, at, fault)| async move {
        let mut contacts: Vec<ContactInput> = (0..3)
            .map(|i| ContactInput {
                name: format!("{name} {i}"),
                role: Some(" Trưởng phòng  thu mua ".into()),
                phone: Some(format!("+84 {}", &phone[1..])),
                email: Some(format!(" Mua{i}@Example.VN ")),
                zalo: None,
                consent: Some(true),
            })
            .collect();
        let field = |f: &str| -> &'static str { Box::leak(format!("contacts[{at}].{f}").into_boxed_str()) };
        let expected = match fault {
            0 => {
                contacts[at].name = " ".into();
                Some((field("name"), ErrorCode::Required))
            }
            1 => {
                contacts[at].phone = Some("12345".into());
                Some((field("phone"), ErrorCode::InvalidFormat))
            }
            2 => {
                contacts[at].zalo = Some("0112345678".into());
                Some((field("zalo"), ErrorCode::InvalidFormat))
            }
            3 => {
                contacts[at].email = Some("mua@".into());
                Some((field("email"), ErrorCode::InvalidFormat))
            }
            4 => {
                contacts = (0..11).map(|_| contacts[0].clone()).collect();
                Some(("contacts", ErrorCode::OutOfRange))
            }
            _ => None,
        };
        let fields = BuyerFields {
            kind: Some(BuyerKind::SafeFoodStore),
            contacts: Some(contacts),
            ..Default::default()
        };
        let got = buyers::save_buyer_profile(&db, &fx.buyer_member, fx.buyer, fields).await;
        let stored = match got {
            Ok(_) => {
                let saved = buyers::contacts_of_buyers(&db, &[fx.buyer]).await.unwrap();
                assert_eq!(saved.len(), 3);
                assert!(
                    saved
                        .iter()
                        .all(|c| c.phone.as_deref() == Some(phone.as_str()) && c.role == "Trưởng phòng thu mua")
                );
                assert!(saved.iter().all(|c| {
                    c.email
                        .as_deref()
                        .is_some_and(|e| e.starts_with("mua") && e.ends_with("@example.vn"))
                }));
                Ok(saved[0].name.clone())
            }
            Err(e) => Err(e),
        };
        (stored, expected)
    });
}

#[test]
fn purchase_requests_store_clean_titles_and_refuse_each_bad_field() {
    let strategy = (vietnamese_text(6), 1i64..100_000, 0i64..40, 0usize..7);
    run(64, strategy, |db, fx, (title, quantity, days, fault)| async move {
        let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let mut input = NewPurchaseRequest {
            buyer_id: fx.buyer,
            title,
            category: ProductCategory::RiceGrains,
            product_name: Some("  Gạo ST25 ".into()),
            quantity,
            unit: "tấn".into(),
            frequency: PurchaseFrequency::Once,
            delivery_province_code: Some(PROVINCE),
            window_start: Some(start),
            window_end: Some(start + Duration::days(days)),
            required_schemes: vec![],
            target_price_vnd: Some(18_000),
            note: None,
        };
        let expected = match fault {
            0 => {
                input.quantity = 1 - quantity;
                Some(("quantity", ErrorCode::OutOfRange))
            }
            1 => {
                input.title = String::new();
                Some(("title", ErrorCode::Required))
            }
            2 => {
                input.window_end = Some(start - Duration::days(days + 1));
                Some(("windowEnd", ErrorCode::OutOfRange))
            }
            3 => {
                input.target_price_vnd = Some(-quantity);
                Some(("targetPriceVnd", ErrorCode::OutOfRange))
            }
            4 => {
                input.delivery_province_code = Some(0);
                Some(("deliveryProvinceCode", ErrorCode::NotFound))
            }
            _ => None,
        };
        let got = purchase_requests::create_purchase_request(&db, &fx.buyer_member, input).await;
        (
            got.map(|r| {
                assert_eq!(r.product_name, "Gạo ST25");
                r.title
            }),
            expected,
        )
    });
}
