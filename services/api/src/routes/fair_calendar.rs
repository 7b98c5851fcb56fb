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
use coopbridge_domain::places;

use super::AppState;

/// At most this many events in the feed.
const FEED_LIMIT: u64 = 200;

pub async fn event_calendar(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let Some(id) = id.parse::<i32>().ok().filter(|n| *n > 0) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match events::find_visible_event(&state.db, &coopbridge_domain::Actor::Anonymous, id).await {
        Ok(Some(event)) if event.status == EventStatus::Published => {
            calendar_response(&state, &event.title.clone(), vec![event]).await
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
        Ok(list) => calendar_response(&state, "Coopbridge – hội chợ và hội nghị kết nối", list).await,
        Err(e) => {
            tracing::error!(error = %e, "calendar feed failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn calendar_response(state: &AppState, name: &str, list: Vec<fair_event::Model>) -> Response {
    let codes: Vec<i32> = list.iter().map(|e| e.province_code).collect();
    let provinces = match places::provinces_by_codes(&state.db, &codes).await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "calendar failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let body = render(name, &list, |code| {
        provinces
            .iter()
            .find(|p| p.code == code)
            .map(|p| p.name.clone())
            .unwrap_or_default()
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

/// TEXT values escape backslashes, semicolons, commas and line breaks.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
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
    }
}
