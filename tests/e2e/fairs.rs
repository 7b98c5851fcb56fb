//! Fairs through the real server: an organizer runs an event from draft to
//! check-in, the waitlist moves up in order, approvals wait for a decision.
//! Shared helpers for the other `fairs_*` suites live here too.

use chrono::{Duration, Utc};
use coopbridge_e2e::{DbKind, TestApp, one, user_errors};
use serde_json::{Value, json};

pub const PASSWORD: &str = "mật khẩu hội chợ 2026";

pub const CREATE_EVENT: &str = "mutation($i: CreateEventInput!) { createEvent(input: $i) {
    event { id status boothCapacity zones { id name booths } } errors { code field message } } }";
pub const APPLY: &str = "mutation($i: ApplyToEventInput!) { applyToEvent(input: $i) {
    application { id status booths waitlistPosition checkInCode } errors { code field message } } }";
pub const WITHDRAW: &str = "mutation($id: ID!) { withdrawApplication(id: $id) {
    application { id status } errors { code field message } } }";
pub const CHECK_IN: &str = "mutation($e: ID!, $c: String!) { checkInExhibitor(eventId: $e, code: $c) {
    firstCheckIn attendance application { id checkedInAt } errors { code field message } } }";

/// Everyone a fair needs: an admin, an organizer of an organizing body.
pub struct Fair {
    pub admin: String,
    pub organizer: String,
    pub organizer_org: String,
}

pub async fn organization(app: &TestApp, admin: &str, kind: &str, name: &str, province: i32) -> String {
    app.create_organization(admin, kind, name, Some(province)).await
}

/// Creates an account through the admin API (faster than the CLI) and signs it in.
pub async fn account(app: &TestApp, admin: &str, email: &str, role: &str, organizations: &[String]) -> String {
    let body = app
        .graphql(
            Some(admin),
            "mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } errors { code field message } } }",
            json!({ "i": { "email": email, "password": PASSWORD, "displayName": "Người dùng thử",
                "role": role, "organizationIds": organizations } }),
        )
        .await;
    assert_eq!(body["data"]["createAccount"]["errors"], json!([]), "{body}");
    app.sign_in(email, PASSWORD).await
}

/// Cooperatives of Quảng Trị named `names`, and one member account of them all.
pub async fn cooperatives_with_member(app: &TestApp, f: &Fair, names: &[&str], email: &str) -> (Vec<String>, String) {
    let mut coops = Vec::new();
    for name in names {
        coops.push(organization(app, &f.admin, "COOPERATIVE", name, 44).await);
    }
    let member = account(app, &f.admin, email, "COOPERATIVE_MEMBER", &coops).await;
    (coops, member)
}

/// Each cooperative applies for `booths[i]` booths of `event_id` in turn:
/// their payloads, each of which must have status `expected`.
pub async fn apply_each(
    app: &TestApp,
    member: &str,
    event_id: &str,
    applicants: &[(String, i32)],
    expected: &str,
) -> Vec<Value> {
    let mut payloads = Vec::new();
    for (coop, booths) in applicants {
        let a = apply(
            app,
            member,
            json!({ "eventId": event_id, "producerId": coop, "booths": booths }),
        )
        .await;
        assert_eq!(status(&a), expected, "{a}");
        payloads.push(a);
    }
    payloads
}

pub async fn fair(app: &TestApp) -> Fair {
    let admin = app.admin_token().await;
    let organizer_org = organization(app, &admin, "ORGANIZING_BODY", "Hội Nông dân tỉnh Quảng Trị", 44).await;
    let organizer = account(
        app,
        &admin,
        "hoi-nong-dan@example.vn",
        "ORGANIZER",
        std::slice::from_ref(&organizer_org),
    )
    .await;
    Fair {
        admin,
        organizer,
        organizer_org,
    }
}

/// An event input open for registration now, starting in ten days.
pub fn event_input(title: &str, capacity: Option<i32>) -> Value {
    let now = Utc::now();
    json!({
        "kind": "TRADE_FAIR", "title": title, "venueName": "Trung tâm Hội chợ Triển lãm tỉnh",
        "street": "Số 1 đường Hùng Vương", "provinceCode": 44, "description": "Gian hàng OCOP, nông sản an toàn.",
        "startsAt": (now + Duration::days(10)).to_rfc3339(), "endsAt": (now + Duration::days(13)).to_rfc3339(),
        "registrationOpensAt": (now - Duration::days(1)).to_rfc3339(),
        "registrationClosesAt": (now + Duration::days(5)).to_rfc3339(),
        "boothCapacity": capacity, "feeVnd": 1500000,
    })
}

pub async fn create_event(app: &TestApp, token: &str, input: Value) -> Value {
    let body = app.graphql(Some(token), CREATE_EVENT, json!({ "i": input })).await;
    let payload = &body["data"]["createEvent"];
    assert_eq!(payload["errors"], json!([]), "{body}");
    payload["event"].clone()
}

pub async fn apply(app: &TestApp, token: &str, input: Value) -> Value {
    let body = app.graphql(Some(token), APPLY, json!({ "i": input })).await;
    body["data"]["applyToEvent"].clone()
}

pub fn status(payload: &Value) -> &str {
    payload["application"]["status"]
        .as_str()
        .unwrap_or_else(|| panic!("no application in {payload}"))
}

async fn organizers_run_a_fair_from_draft_to_check_in_and_the_waitlist_moves_up_in_order(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let mut input = event_input("Hội chợ OCOP Quảng Trị 2026", Some(3));
    input["organizerId"] = json!(f.organizer_org);
    let event = create_event(&app, &f.organizer, input).await;
    let event_id = event["id"].as_str().unwrap().to_owned();
    assert_eq!(event["status"], "DRAFT");

    let public = "query($id: ID!) { event(id: $id) { id title boothsConfirmed boothsAvailable attendance
        exhibitors { producer { name } booths } icalUrl exportUrls { exhibitorsCsv } } }";
    let body = app.graphql(None, public, json!({ "id": event_id })).await;
    assert_eq!(body["data"]["event"], Value::Null, "drafts are not public: {body}");
    let list = app
        .graphql(
            None,
            "{ events(filter: { upcoming: true }) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(list["data"]["events"]["edges"], json!([]));
    let body = app
        .graphql(
            Some(&f.organizer),
            "mutation($id: ID!) { publishEvent(id: $id) { event { status publishedAt } errors { code } } }",
            json!({ "id": event_id }),
        )
        .await;
    assert_eq!(body["data"]["publishEvent"]["event"]["status"], "PUBLISHED", "{body}");

    let names = [
        "HTX Quyết Thắng",
        "HTX Mật ong Tuyên Hóa",
        "HTX Rau an toàn Triệu Phong",
    ];
    let (coops, member) = cooperatives_with_member(&app, &f, &names, "thanh@example.vn").await;
    let a = apply(
        &app,
        &member,
        json!({ "eventId": event_id, "producerId": coops[0], "booths": 2 }),
    )
    .await;
    assert_eq!(status(&a), "CONFIRMED", "{a}");
    // One booth is left, but B needs two: B waits, and C (one booth) waits
    // behind B because nobody overtakes the waitlist.
    let b = apply(
        &app,
        &member,
        json!({ "eventId": event_id, "producerId": coops[1], "booths": 2 }),
    )
    .await;
    assert_eq!(status(&b), "WAITLISTED");
    assert_eq!(b["application"]["waitlistPosition"], 1);
    let c = apply(
        &app,
        &member,
        json!({ "eventId": event_id, "producerId": coops[2], "booths": 1 }),
    )
    .await;
    assert_eq!(status(&c), "WAITLISTED");
    assert_eq!(c["application"]["waitlistPosition"], 2);

    let body = app
        .graphql(Some(&member), WITHDRAW, json!({ "id": a["application"]["id"] }))
        .await;
    assert_eq!(
        body["data"]["withdrawApplication"]["application"]["status"], "WITHDRAWN",
        "{body}"
    );
    let history = "query($id: ID!) { application(id: $id) { status waitlistPosition
        history { fromStatus toStatus byAccountId at reason } } }";
    for (app_payload, expected) in [(&b, "CONFIRMED"), (&c, "CONFIRMED")] {
        let body = app
            .graphql(
                Some(&f.organizer),
                history,
                json!({ "id": app_payload["application"]["id"] }),
            )
            .await;
        let got = &body["data"]["application"];
        assert_eq!(got["status"], expected, "{body}");
        let changes = got["history"].as_array().unwrap();
        assert_eq!(changes.len(), 2, "{body}");
        assert_eq!(changes[0]["fromStatus"], Value::Null);
        assert_eq!(changes[0]["toStatus"], "WAITLISTED");
        assert!(
            changes[0]["byAccountId"].is_string(),
            "the applicant is recorded: {body}"
        );
        assert_eq!(changes[1]["fromStatus"], "WAITLISTED");
        assert_eq!(changes[1]["byAccountId"], Value::Null, "promotion is automatic: {body}");
    }

    let code = b["application"]["checkInCode"].as_str().unwrap();
    let first = app
        .graphql(
            Some(&f.organizer),
            CHECK_IN,
            json!({ "e": event_id, "c": code.to_lowercase() }),
        )
        .await;
    let first = &first["data"]["checkInExhibitor"];
    assert_eq!(first["errors"], json!([]), "{first}");
    assert_eq!(
        (first["firstCheckIn"].clone(), first["attendance"].clone()),
        (json!(true), json!(1))
    );
    let again = app
        .graphql(Some(&f.organizer), CHECK_IN, json!({ "e": event_id, "c": code }))
        .await;
    let again = &again["data"]["checkInExhibitor"];
    assert_eq!(
        (again["firstCheckIn"].clone(), again["attendance"].clone()),
        (json!(false), json!(1))
    );
    assert_eq!(again["application"]["checkedInAt"], first["application"]["checkedInAt"]);
    let withdrawn_code = a["application"]["checkInCode"].as_str().unwrap();
    assert_eq!(
        app.refused(
            Some(&f.organizer),
            CHECK_IN,
            json!({ "e": event_id, "c": withdrawn_code }),
            "checkInExhibitor"
        )
        .await,
        one("OUT_OF_RANGE", "code")
    );
    let body = app
        .graphql(Some(&member), CHECK_IN, json!({ "e": event_id, "c": code }))
        .await;
    assert_eq!(
        body["data"]["checkInExhibitor"]["errors"][0]["code"], "FORBIDDEN",
        "{body}"
    );

    let body = app.graphql(None, public, json!({ "id": event_id })).await;
    let e = &body["data"]["event"];
    assert_eq!(
        (e["boothsConfirmed"].clone(), e["boothsAvailable"].clone()),
        (json!(3), json!(0))
    );
    assert_eq!(e["attendance"], 1);
    let names: Vec<&str> = e["exhibitors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["producer"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["HTX Mật ong Tuyên Hóa", "HTX Rau an toàn Triệu Phong"]);
    assert_eq!(e["icalUrl"], format!("/events/{event_id}/calendar.ics"));
    assert_eq!(e["exportUrls"], Value::Null, "exports are for organizers");
    let body = app
        .graphql(
            None,
            "query($id: ID!) { application(id: $id) { id } }",
            json!({ "id": b["application"]["id"] }),
        )
        .await;
    assert_eq!(body["data"]["application"], Value::Null, "applications are private");
}

async fn with_approval_applications_wait_for_an_organizers_decision(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let f = fair(&app).await;
    let mut input = event_input("Hội nghị kết nối cung cầu nông sản", Some(2));
    input["requiresApproval"] = json!(true);
    input["publish"] = json!(true);
    let event = create_event(&app, &f.organizer, input).await;
    let event_id = event["id"].as_str().unwrap();
    let names = ["HTX Cam Vĩnh Linh", "HTX Hồ tiêu Cam Lộ", "HTX Gạo hữu cơ Hải Lăng"];
    let (coops, member) = cooperatives_with_member(&app, &f, &names, "cam@example.vn").await;
    let one_booth_each: Vec<_> = coops.iter().map(|c| (c.clone(), 1)).collect();
    let ids: Vec<String> = apply_each(&app, &member, event_id, &one_booth_each, "PENDING")
        .await
        .iter()
        .map(|a| a["application"]["id"].as_str().unwrap().to_owned())
        .collect();
    let reject = "mutation($id: ID!, $r: String!) { rejectApplication(id: $id, reason: $r) {
        application { status reason } errors { code field message } } }";
    let body = app
        .graphql(Some(&f.organizer), reject, json!({ "id": ids[0], "r": "  " }))
        .await;
    assert_eq!(
        user_errors(&body["data"]["rejectApplication"]),
        one("REQUIRED", "reason")
    );
    let body = app
        .graphql(
            Some(&f.organizer),
            reject,
            json!({ "id": ids[0], "r": "Sản phẩm chưa có chứng nhận" }),
        )
        .await;
    let got = &body["data"]["rejectApplication"]["application"];
    assert_eq!(
        (got["status"].as_str(), got["reason"].as_str()),
        (Some("REJECTED"), Some("Sản phẩm chưa có chứng nhận"))
    );
    let waitlist = "mutation($id: ID!) { waitlistApplication(id: $id, reason: \"Chờ gian hàng\") {
        application { status waitlistPosition } errors { code field message } } }";
    let body = app.graphql(Some(&f.organizer), waitlist, json!({ "id": ids[1] })).await;
    assert_eq!(
        body["data"]["waitlistApplication"]["application"]["status"], "WAITLISTED",
        "{body}"
    );
    let approve = "mutation($id: ID!) { approveApplication(id: $id) { application { status } errors { code field } } }";
    let body = app.graphql(Some(&f.organizer), approve, json!({ "id": ids[2] })).await;
    assert_eq!(
        body["data"]["approveApplication"]["application"]["status"], "CONFIRMED",
        "{body}"
    );
    let body = app.graphql(Some(&member), approve, json!({ "id": ids[1] })).await;
    assert_eq!(
        body["data"]["approveApplication"]["errors"][0]["code"], "FORBIDDEN",
        "{body}"
    );
    let listing = "query($id: ID!) { event(id: $id) { applications(status: WAITLISTED) { edges { node { id } } } } }";
    let body = app.graphql(Some(&member), listing, json!({ "id": event_id })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN", "{body}");
    let body = app
        .graphql(Some(&f.organizer), listing, json!({ "id": event_id }))
        .await;
    assert_eq!(
        body["data"]["event"]["applications"]["edges"][0]["node"]["id"],
        json!(ids[1]),
        "{body}"
    );
}

coopbridge_e2e::on_both_databases!(
    organizers_run_a_fair_from_draft_to_check_in_and_the_waitlist_moves_up_in_order,
    with_approval_applications_wait_for_an_organizers_decision,
);
