//! The exhibitor list organizers download, as a table of text cells (the API
//! writes it as CSV or XLSX).

use super::{application_reads, events, local_display};
use crate::authz::Actor;
use crate::entities::fair_event;
use crate::error::Result;
use crate::places;

pub const EXHIBITOR_COLUMNS: [&str; 12] = [
    "STT",
    "Hợp tác xã",
    "Mã số thuế",
    "Tỉnh/Thành phố",
    "Khu",
    "Số gian hàng",
    "Người liên hệ",
    "Điện thoại",
    "Email",
    "Mã check-in",
    "Check-in lúc",
    "Đăng ký lúc",
];

/// The event's confirmed exhibitors with contacts, one row per exhibitor;
/// only for those who run the event.
pub async fn exhibitor_table(
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    event_id: i32,
) -> Result<(fair_event::Model, Vec<Vec<String>>)> {
    let event = events::find_event_for_management(db, actor, event_id).await?;
    let rows = application_reads::exhibitors(db, event.id).await?;
    let zones = events::zones_of_events(db, &[event.id]).await?;
    let codes: Vec<i32> = rows.iter().map(|(_, p)| p.province_code).collect();
    let provinces = places::provinces_by_codes(db, &codes).await?;
    let table = rows
        .into_iter()
        .enumerate()
        .map(|(i, (a, p))| {
            let province = provinces
                .iter()
                .find(|pr| pr.code == p.province_code)
                .map(|pr| pr.name.clone())
                .unwrap_or_default();
            let zone = a
                .zone_id
                .and_then(|z| zones.iter().find(|zone| zone.id == z))
                .map(|z| z.name.clone())
                .unwrap_or_default();
            vec![
                (i + 1).to_string(),
                p.name,
                p.tax_code.unwrap_or_default(),
                province,
                zone,
                a.booths.to_string(),
                p.contact_person.unwrap_or_default(),
                p.phone.unwrap_or_default(),
                p.email.unwrap_or_default(),
                a.check_in_code,
                a.checked_in_at.map(local_display).unwrap_or_default(),
                local_display(a.created_at),
            ]
        })
        .collect();
    Ok((event, table))
}
