//! Server routes behind the public web pages: the QR code a brand label's
//! stamp carries (it opens `/trace/{id}`), the API console's redirect from
//! `GET /graphql`, and the schema's SDL served from the binary.

use coopbridge_e2e::{DbKind, TestApp, content_type};
use serde_json::json;

/// A label of a fresh cooperative, made by the admin; returns (label id, admin token).
async fn a_label(app: &TestApp) -> (String, String) {
    let admin = app.admin_token().await;
    let producer_id = app.create_cooperative(&admin, "HTX Quyết Thắng", 44).await;
    let body = app
        .graphql(
            Some(&admin),
            "mutation($i: CreateBrandLabelInput!) { createBrandLabel(input: $i) { brandLabel { id } errors { code field } } }",
            json!({ "i": { "producerId": producer_id, "name": "Mật ong Tuyên Hóa", "kind": "TRACEABILITY_STAMP" } }),
        )
        .await;
    let label_id = body["data"]["createBrandLabel"]["brandLabel"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    (label_id, admin)
}

async fn get(app: &TestApp, path: &str) -> (u16, String, String) {
    let response = app.get(path, None, &[]).await;
    let (status, content_type) = (response.status().as_u16(), content_type(&response));
    (status, content_type, response.text().await.unwrap())
}

async fn a_label_qr_code_is_an_svg_and_unknown_or_archived_labels_have_none(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let (label_id, admin) = a_label(&app).await;

    let (status, content_type, body) = get(&app, &format!("/labels/{label_id}/qr.svg")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "image/svg+xml");
    assert!(
        body.contains("<svg") && body.contains("</svg>"),
        "not an SVG: {body:.200}"
    );
    // Dark modules are drawn as a path; an empty code would have none.
    assert!(body.contains("<path"), "no modules drawn: {body:.300}");

    for path in ["/labels/999999/qr.svg", "/labels/abc/qr.svg", "/labels/0/qr.svg"] {
        assert_eq!(get(&app, path).await.0, 404, "{path}");
    }

    let body = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { archiveBrandLabel(id: $id) { errors { code } } }",
            json!({ "id": label_id }),
        )
        .await;
    assert_eq!(body["data"]["archiveBrandLabel"]["errors"], json!([]), "{body}");
    assert_eq!(get(&app, &format!("/labels/{label_id}/qr.svg")).await.0, 404);
}

async fn get_graphql_leads_to_the_api_console_and_the_schema_is_served(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = no_redirects.get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 308);
    assert_eq!(response.headers()["location"], "/api");

    let (status, _, page) = get(&app, "/api").await;
    assert_eq!(status, 200);
    assert!(page.contains("/assets/app.js"), "the console is a page of the web UI");

    let (status, content_type, sdl) = get(&app, "/schema.graphql").await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    assert!(sdl.contains("type Query {") && sdl.contains("searchSuggestions("));
}

/// Without a public address the code follows the request's Host, so a shared
/// cache must neither keep it for everyone nor hand it to another Host.
async fn a_label_qr_code_built_from_the_host_is_not_shared_between_hosts(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let (label_id, _) = a_label(&app).await;
    let response = app
        .get(&format!("/labels/{label_id}/qr.svg"), None, &[("host", "evil.example")])
        .await;
    assert_eq!(response.status(), 200);
    let cache = response.headers()["cache-control"].to_str().unwrap().to_owned();
    assert!(cache.starts_with("private"), "{cache}");
    let vary: Vec<String> = response
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_ascii_lowercase())
        .collect();
    assert!(vary.iter().any(|v| v.contains("host")), "{vary:?}");
    drop(app);

    let db = coopbridge_e2e::TestDb::new(kind).await;
    let app = TestApp::spawn_with(db, &[("COOPBRIDGE_PUBLIC_URL", "https://coopbridge.example.vn")]).await;
    let (label_id, _) = a_label(&app).await;
    let response = app
        .get(&format!("/labels/{label_id}/qr.svg"), None, &[("host", "evil.example")])
        .await;
    assert_eq!(response.headers()["cache-control"], "public, max-age=3600");
}

coopbridge_e2e::on_both_databases!(
    a_label_qr_code_is_an_svg_and_unknown_or_archived_labels_have_none,
    a_label_qr_code_built_from_the_host_is_not_shared_between_hosts,
    get_graphql_leads_to_the_api_console_and_the_schema_is_served,
);
