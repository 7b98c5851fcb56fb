//! Fair rules through the real server: bad input names its field and writes
//! nothing; buyers meet exhibitors at conferences without clashes; the
//! participation KPI counts per province.

use chrono::{Duration, Utc};
use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

use crate::fairs::{APPLY, CREATE_EVENT, account, apply, create_event, event_input, fair, organization, status};
use coopbridge_e2e::{one, user_errors};

const REQUEST_MEETING: &str = "mutation($i: RequestMeetingInput!) { requestMeeting(input: $i) {
    meeting { id status startsAt endsAt } errors { code field message } } }";
const ANSWER_MEETING: &str = "mutation($i: AnswerMeetingInput!) { answerMeeting(input: $i) {
    meeting { id status startsAt } errors { code field message } } }";

async fn refused(app: &TestApp, token: &str, query: &str, vars: Value, key: &str) -> Vec<(String, Option<String>)> {
    let body = app.graphql(Some(token), query, vars).await;
    let payload = &body["data"][key];
    assert!(
        payload["errors"].as_array().is_some_and(|e| !e.is_empty()),
        "expected a refusal: {body}"
    );
    user_errors(payload)
}

async fn bad_fair_input_is_refused_naming_the_field_and_writes_nothing(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let now = Utc::now();

    let mut backwards = event_input("Hội chợ ngược thời gian", Some(5));
    backwards["endsAt"] = json!((now + Duration::days(9)).to_rfc3339());
    let got = refused(
        &app,
        &f.organizer,
        CREATE_EVENT,
        json!({ "i": backwards }),
        "createEvent",
    )
    .await;
    assert_eq!(got, one("OUT_OF_RANGE", "endsAt"));
    let mut no_booths = event_input("Hội chợ không gian hàng", None);
    no_booths["zones"] = json!([{ "name": "Khu A", "booths": 0 }]);
    let got = refused(
        &app,
        &f.organizer,
        CREATE_EVENT,
        json!({ "i": no_booths }),
        "createEvent",
    )
    .await;
    assert_eq!(got, one("OUT_OF_RANGE", "zones.0.booths"));
    assert_eq!(app.db.count_rows("fair_event").await, 0);
    assert_eq!(app.db.count_rows("fair_zone").await, 0);

    let mut zoned = event_input("Hội chợ nông sản an toàn theo khu", None);
    zoned["zones"] = json!([{ "name": "Khu A – OCOP", "booths": 2 }, { "name": "Khu B – Quảng Trị", "booths": 3, "provinceCode": 44 }]);
    zoned["publish"] = json!(true);
    let event = create_event(&app, &f.organizer, zoned).await;
    assert_eq!(event["boothCapacity"], 5);
    let event_id = event["id"].as_str().unwrap().to_owned();
    let zone_a = event["zones"][0]["id"].as_str().unwrap().to_owned();
    let mut closed = event_input("Hội chợ đã hết hạn đăng ký", Some(5));
    closed["registrationOpensAt"] = json!((now - Duration::days(3)).to_rfc3339());
    closed["registrationClosesAt"] = json!((now - Duration::minutes(1)).to_rfc3339());
    closed["publish"] = json!(true);
    let closed_id = create_event(&app, &f.organizer, closed).await["id"].clone();

    let mine = organization(&app, &f.admin, "COOPERATIVE", "HTX Quyết Thắng", 44).await;
    let other = organization(&app, &f.admin, "COOPERATIVE", "HTX Hà Nội xanh", 1).await;
    let member = account(
        &app,
        &f.admin,
        "member@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&mine),
    )
    .await;
    let apply_vars = |event: &Value, producer: &str, zone: Option<&str>, booths: i32| json!({ "i": { "eventId": event, "producerId": producer, "zoneId": zone, "booths": booths } });
    let cases = [
        (apply_vars(&closed_id, &mine, None, 1), one("OUT_OF_RANGE", "eventId")),
        (
            apply_vars(&json!(event_id), &mine, Some(&zone_a), 3),
            one("OUT_OF_RANGE", "booths"),
        ),
        (apply_vars(&json!(event_id), &mine, None, 1), one("REQUIRED", "zoneId")),
        (
            apply_vars(&json!(event_id), &other, Some(&zone_a), 1),
            one("FORBIDDEN", "producerId"),
        ),
        (
            apply_vars(&json!(event_id), &mine, Some(&zone_a), 0),
            one("OUT_OF_RANGE", "booths"),
        ),
    ];
    for (vars, expected) in cases {
        let got = refused(&app, &member, APPLY, vars.clone(), "applyToEvent").await;
        assert_eq!(got, expected, "{vars}");
    }
    assert_eq!(app.db.count_rows("fair_application").await, 0);
    assert_eq!(app.db.count_rows("fair_application_history").await, 0);

    let first = apply(
        &app,
        &member,
        apply_vars(&json!(event_id), &mine, Some(&zone_a), 2)["i"].clone(),
    )
    .await;
    assert_eq!(status(&first), "CONFIRMED", "{first}");
    let got = refused(
        &app,
        &member,
        APPLY,
        apply_vars(&json!(event_id), &mine, Some(&zone_a), 1),
        "applyToEvent",
    )
    .await;
    assert_eq!(got, one("ALREADY_EXISTS", "eventId"));
    assert_eq!(app.db.count_rows("fair_application").await, 1);
    assert_eq!(app.db.count_rows("fair_application_history").await, 1);

    // Meetings are for connection conferences, within the event.
    let buyer_org = organization(&app, &f.admin, "BUYER_COMPANY", "Siêu thị Sạch Đông Hà", 44).await;
    let buyer = account(&app, &f.admin, "buyer@example.vn", "BUYER", &[buyer_org]).await;
    let starts = now + Duration::days(10);
    let got = refused(
        &app,
        &buyer,
        REQUEST_MEETING,
        json!({ "i": { "eventId": event_id, "producerId": mine, "startsAt": (starts + Duration::hours(1)).to_rfc3339(),
            "endsAt": (starts + Duration::hours(2)).to_rfc3339() } }),
        "requestMeeting",
    )
    .await;
    assert_eq!(got, one("INVALID_FORMAT", "eventId"));
    assert_eq!(app.db.count_rows("fair_meeting").await, 0);
}

async fn buyers_meet_exhibitors_at_conferences_without_clashes_and_participations_are_counted(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let mut input = event_input("Hội nghị kết nối cung cầu Quảng Trị", Some(10));
    input["kind"] = json!("CONNECTION_CONFERENCE");
    input["publish"] = json!(true);
    let event = create_event(&app, &f.organizer, input.clone()).await;
    let event_id = event["id"].as_str().unwrap().to_owned();
    let coop_a = organization(&app, &f.admin, "COOPERATIVE", "HTX Tiêu Cồn Tiên", 44).await;
    let coop_b = organization(&app, &f.admin, "COOPERATIVE", "HTX Chè Khe Sanh", 44).await;
    let member_a = account(
        &app,
        &f.admin,
        "a@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&coop_a),
    )
    .await;
    let member_b = account(
        &app,
        &f.admin,
        "b@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&coop_b),
    )
    .await;
    for (token, coop) in [(&member_a, &coop_a), (&member_b, &coop_b)] {
        let a = apply(
            &app,
            token,
            json!({ "eventId": event_id, "producerId": coop, "booths": 1 }),
        )
        .await;
        assert_eq!(status(&a), "CONFIRMED", "{a}");
    }
    let buyer_org = organization(&app, &f.admin, "BUYER_COMPANY", "Công ty Nông sản Sạch Miền Trung", 44).await;
    let buyer = account(&app, &f.admin, "mua@example.vn", "BUYER", &[buyer_org]).await;

    let starts: chrono::DateTime<Utc> = chrono::DateTime::parse_from_rfc3339(input["startsAt"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    let slot = |from_min: i64, to_min: i64| {
        (
            (starts + Duration::minutes(from_min)).to_rfc3339(),
            (starts + Duration::minutes(to_min)).to_rfc3339(),
        )
    };
    let request = |producer: &str, (s, e): (String, String)| json!({ "i": { "eventId": event_id, "producerId": producer, "startsAt": s, "endsAt": e, "message": "Cần 2 tấn/tháng" } });
    let outside = refused(
        &app,
        &buyer,
        REQUEST_MEETING,
        request(&coop_a, slot(-90, -30)),
        "requestMeeting",
    )
    .await;
    assert_eq!(outside, one("OUT_OF_RANGE", "startsAt"));
    let by_member = refused(
        &app,
        &member_a,
        REQUEST_MEETING,
        request(&coop_b, slot(0, 30)),
        "requestMeeting",
    )
    .await;
    assert_eq!(by_member, one("FORBIDDEN", "buyerId"));
    assert_eq!(app.db.count_rows("fair_meeting").await, 0);

    let body = app
        .graphql(Some(&buyer), REQUEST_MEETING, request(&coop_a, slot(60, 90)))
        .await;
    let first = body["data"]["requestMeeting"]["meeting"]["id"].clone();
    assert_eq!(
        body["data"]["requestMeeting"]["meeting"]["status"], "REQUESTED",
        "{body}"
    );
    let body = app
        .graphql(Some(&buyer), REQUEST_MEETING, request(&coop_b, slot(75, 105)))
        .await;
    let second = body["data"]["requestMeeting"]["meeting"]["id"].clone();

    let body = app
        .graphql(
            Some(&member_b),
            ANSWER_MEETING,
            json!({ "i": { "id": first, "accept": true } }),
        )
        .await;
    assert_eq!(
        body["data"]["answerMeeting"]["errors"][0]["code"], "FORBIDDEN",
        "only the cooperative answers: {body}"
    );
    let body = app
        .graphql(
            Some(&member_a),
            ANSWER_MEETING,
            json!({ "i": { "id": first, "accept": true } }),
        )
        .await;
    assert_eq!(body["data"]["answerMeeting"]["meeting"]["status"], "ACCEPTED", "{body}");
    // The buyer is busy from 60 to 90: B's acceptance at 75 clashes.
    let got = refused(
        &app,
        &member_b,
        ANSWER_MEETING,
        json!({ "i": { "id": second, "accept": true } }),
        "answerMeeting",
    )
    .await;
    assert_eq!(got, one("ALREADY_EXISTS", "startsAt"));
    let (s, e) = slot(90, 120);
    let body = app
        .graphql(
            Some(&member_b),
            ANSWER_MEETING,
            json!({ "i": { "id": second, "accept": true, "startsAt": s, "endsAt": e } }),
        )
        .await;
    assert_eq!(body["data"]["answerMeeting"]["meeting"]["status"], "ACCEPTED", "{body}");
    let body = app
        .graphql(
            Some(&buyer),
            "query($e: ID!) { eventMeetings(eventId: $e) { status producer { name } } }",
            json!({ "e": event_id }),
        )
        .await;
    let names: Vec<_> = body["data"]["eventMeetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["producer"]["name"].clone())
        .collect();
    assert_eq!(names, [json!("HTX Tiêu Cồn Tiên"), json!("HTX Chè Khe Sanh")], "{body}");

    let from = (starts - Duration::days(1)).date_naive().to_string();
    let to = (starts + Duration::days(1)).date_naive().to_string();
    let kpi = "query($f: NaiveDate!, $t: NaiveDate!) { fairParticipations(from: $f, to: $t) {
        provinceCode participations cooperatives events province { name } } }";
    let body = app
        .graphql(Some(&f.organizer), kpi, json!({ "f": from, "t": to }))
        .await;
    assert_eq!(
        body["data"]["fairParticipations"],
        json!([{ "provinceCode": 44, "participations": 2, "cooperatives": 2, "events": 1, "province": { "name": "Quảng Trị" } }]),
        "{body}"
    );
    let body = app.graphql(Some(&buyer), kpi, json!({ "f": from, "t": to })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");
}

coopbridge_e2e::on_both_databases!(
    bad_fair_input_is_refused_naming_the_field_and_writes_nothing,
    buyers_meet_exhibitors_at_conferences_without_clashes_and_participations_are_counted,
);
