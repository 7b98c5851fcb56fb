//! Buyers' inquiries on the synthetic catalog, in every status: a first
//! message, and when the cooperative answered, its reply and the status
//! changes in between. Dates are fixed (same seed, same rows).

use std::collections::HashMap;

use chrono::{Duration, TimeZone, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, EntityTrait, Set};

use super::synthetic_people::Party;
use coopbridge_domain::entities::linkage_enums::InquiryStatus;
use coopbridge_domain::entities::{inquiry, inquiry_message, inquiry_status_change};
use coopbridge_domain::error::Result;

const SUBJECTS: &[&str] = &[
    "Hỏi mua số lượng lớn",
    "Đề nghị báo giá",
    "Tìm nguồn hàng ổn định cho cửa hàng",
    "Hỏi về chứng nhận VietGAP",
    "Đặt hàng thử",
];

const BODIES: &[&str] = &[
    "Chào hợp tác xã, chúng tôi cần khoảng 2 tấn mỗi tháng, xin báo giá giao tại kho.",
    "Xin gửi bảng giá và mẫu sản phẩm, chúng tôi muốn ký hợp đồng bao tiêu cả năm.",
    "Cửa hàng chúng tôi muốn nhập thử 100 kg, giao hàng tuần được không?",
];

/// Inquiries from buyers to producers, with a first message and, when the
/// producer answered, its reply and the status changes in between.
pub async fn inquiries(
    db: &impl ConnectionTrait,
    rng: &mut StdRng,
    count: u32,
    buyers: &[Party],
    producers: &[(i32, i32)],
    products_of: &HashMap<i32, Vec<i32>>,
    members: &[Party],
) -> Result<u64> {
    if count == 0 || buyers.is_empty() || producers.is_empty() {
        return Ok(0);
    }
    let member_of: HashMap<i32, i32> = members.iter().map(|m| (m.organization_id, m.account_id)).collect();
    let base = Utc.with_ymd_and_hms(2025, 1, 1, 2, 0, 0).unwrap();
    let mut done = 0u64;
    const CHUNK: u32 = 1000;
    for start in (0..count).step_by(CHUNK as usize) {
        let end = (start + CHUNK).min(count);
        let mut plans = vec![];
        let rows: Vec<inquiry::ActiveModel> = (start..end)
            .map(|n| {
                let buyer = buyers.choose(rng).unwrap();
                let (cooperative_id, _) = *producers.choose(rng).unwrap();
                let product_id = products_of
                    .get(&cooperative_id)
                    .filter(|_| rng.random_bool(0.7))
                    .and_then(|ids| ids.choose(rng).copied());
                let status = match rng.random_range(0..100) {
                    0..40 => InquiryStatus::New,
                    40..65 => InquiryStatus::InDiscussion,
                    65..75 => InquiryStatus::Agreed,
                    75..90 => InquiryStatus::Declined,
                    _ => InquiryStatus::Closed,
                };
                let created = base + Duration::minutes(i64::from(n) * 13);
                let replied =
                    (status != InquiryStatus::New).then(|| created + Duration::hours(rng.random_range(1..96)));
                plans.push((*buyer, cooperative_id, status, created, replied));
                inquiry::ActiveModel {
                    id: NotSet,
                    buyer_id: Set(buyer.organization_id),
                    cooperative_id: Set(cooperative_id),
                    product_id: Set(product_id),
                    purchase_request_id: Set(None),
                    subject: Set(SUBJECTS.choose(rng).unwrap().to_string()),
                    status: Set(status),
                    created_by: Set(Some(buyer.account_id)),
                    created_at: Set(created),
                    updated_at: Set(replied.unwrap_or(created)),
                    first_replied_at: Set(replied),
                }
            })
            .collect();
        let ids = inquiry::Entity::insert_many(rows).exec_with_returning_keys(db).await?;
        let mut messages = vec![];
        let mut changes = vec![];
        let change = |id, from, to, by, at| inquiry_status_change::ActiveModel {
            id: NotSet,
            inquiry_id: Set(id),
            from_status: Set(from),
            to_status: Set(to),
            changed_by: Set(by),
            changed_at: Set(at),
        };
        for (id, (buyer, cooperative_id, status, created, replied)) in ids.into_iter().zip(plans) {
            messages.push(inquiry_message::ActiveModel {
                id: NotSet,
                inquiry_id: Set(id),
                author_account_id: Set(Some(buyer.account_id)),
                author_organization_id: Set(buyer.organization_id),
                body: Set(BODIES.choose(rng).unwrap().to_string()),
                created_at: Set(created),
            });
            changes.push(change(id, None, InquiryStatus::New, Some(buyer.account_id), created));
            let Some(replied) = replied else { continue };
            let member = member_of.get(&cooperative_id).copied();
            messages.push(inquiry_message::ActiveModel {
                id: NotSet,
                inquiry_id: Set(id),
                author_account_id: Set(member),
                author_organization_id: Set(cooperative_id),
                body: Set("Cảm ơn quý công ty, hợp tác xã xin gửi báo giá chi tiết.".to_owned()),
                created_at: Set(replied),
            });
            use InquiryStatus::*;
            if status == Declined {
                changes.push(change(id, Some(New), Declined, member, replied));
            } else {
                changes.push(change(id, Some(New), InDiscussion, member, replied));
                if status != InDiscussion {
                    changes.push(change(
                        id,
                        Some(InDiscussion),
                        status,
                        member,
                        replied + Duration::days(3),
                    ));
                }
            }
        }
        crate::insert_chunked(db, &messages).await?;
        crate::insert_chunked(db, &changes).await?;
        done += u64::from(end - start);
    }
    Ok(done)
}
