//! iCalendar (RFC 5545) files, public: `GET /events/{id}/calendar.ics` for one
//! published event and `GET /events/calendar.ics`, a feed of the upcoming ones
//! that calendar apps can subscribe to.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use coopbridge_domain::entities::fair_enums::EventStatus;
use coopbridge_domain::entities::fair_event;
use coopbridge_domain::fairs::events;

use super::AppState;

/// At most this many events in the feed.
const FEED_LIMIT: u64 = 200;

pub async fn event_calendar(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let Some(id) = id.parse::<i32>().ok().filter(|n| *n > 0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match events::find_visible_event(&state.db, &coopbridge_domain::Actor::Anonymous, id).await {
        Ok(Some(event)) if event.status == EventStatus::Published => {
            calendar_response(&state, &event.title.clone(), vec![event])
        }
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

pub async fn upcoming_calendar(State(state): State<Arc<AppState>>) -> Response {
    match events::upcoming_published(&state.db, FEED_LIMIT).await {
        Ok(list) => calendar_response(&state, "Coopbridge – hội chợ và hội nghị kết nối", list),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn calendar_response(state: &AppState, name: &str, list: Vec<fair_event::Model>) -> Response {
    // Province names come from the directory read at start, as in GraphQL.
    let body = render(name, &list, |code| {
        state.places.province(code).map(|p| p.name.clone()).unwrap_or_default()
    });
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values (RFC 5545 3.3.11) escape backslashes, semicolons, commas and
/// line breaks. A carriage return, alone or before a line feed, is a line
/// break too: passed through, a lone `\r` ended the content line and let
/// the rest of a description forge properties or whole events. Other
/// control characters are not allowed in a content line at all and are
/// dropped (input validation refuses them; older rows may hold them).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

pub fn render(name: &str, list: &[fair_event::Model], province_name: impl Fn(i32) -> String) -> String {
    let mut out = String::new();
    let mut line = |l: String| fold(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Coopbridge//Fairs//VI".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Asia/Ho_Chi_Minh".into());
    for event in list {
        let location = [
            event.venue_name.clone(),
            event.street.clone(),
            province_name(event.province_code),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        line("BEGIN:VEVENT".into());
        line(format!("UID:event-{}@coopbridge", event.id));
        line(format!("DTSTAMP:{}", stamp(event.updated_at)));
        line(format!("DTSTART:{}", stamp(event.starts_at)));
        line(format!("DTEND:{}", stamp(event.ends_at)));
        line(format!("SUMMARY:{}", escape(&event.title)));
        if !event.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&event.description)));
        }
        line(format!("LOCATION:{}", escape(&location)));
        line("STATUS:CONFIRMED".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_vietnamese_lines_fold_on_character_boundaries() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "Hội chợ nông sản an toàn ".repeat(6)), &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded.strip_suffix("\r\n").unwrap(),
            format!("SUMMARY:{}", "Hội chợ nông sản an toàn ".repeat(6))
        );
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("a\r\nb\rc\u{0}d\te"), "a\\nb\\ncd\te");
    }

    fn event(description: &str) -> fair_event::Model {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z")
            .unwrap()
            .to_utc();
        fair_event::Model {
            id: 7,
            organizer_id: 1,
            kind: coopbridge_domain::entities::fair_enums::EventKind::TradeFair,
            title: "Hội chợ nông sản an toàn Quảng Trị, lần thứ nhất; 2026".into(),
            description: description.into(),
            venue_name: "Nhà văn hóa".into(),
            street: "1 Lê Duẩn".into(),
            province_code: 44,
            starts_at: at,
            ends_at: at,
            registration_opens_at: at,
            registration_closes_at: at,
            booth_capacity: 10,
            fee_vnd: 0,
            requires_approval: false,
            status: EventStatus::Published,
            lock_seq: 0,
            created_by: None,
            published_at: Some(at),
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn a_carriage_return_in_a_description_cannot_forge_calendar_lines() {
        let forged = "Mô tả\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Giả mạo\r\nATTACH:http://x\u{0}";
        let body = render("Lịch", &[event(&format!("{forged} {}", "dài ".repeat(40)))], |_| {
            "Quảng Trị".into()
        });
        // Every line ends in CRLF; no CR or LF stands alone; no physical line
        // is longer than 75 octets.
        assert!(body.ends_with("\r\n"));
        for physical in body.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(!physical.contains(['\r', '\n', '\u{0}']), "{physical:?}");
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = body.replace("\r\n ", "");
        let names: Vec<&str> = unfolded
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split([':', ';']).next().unwrap())
            .collect();
        assert_eq!(names.iter().filter(|n| **n == "BEGIN").count(), 2, "{unfolded}");
        assert_eq!(names.iter().filter(|n| **n == "SUMMARY").count(), 1);
        assert!(!names.contains(&"ATTACH"));
        assert!(
            unfolded.contains("DESCRIPTION:Mô tả\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Giả mạo\\nATTACH:http://x ")
        );
    }
}
