//! Taking files back: an admin purges a file (its bytes leave the store, its
//! URL answers 410 Gone, the purge is on record), and the evidence of an
//! archived or rejected certificate stops being public.

use coopbridge_e2e::{DbKind, TestApp};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::catalog::PNG;
use crate::fairs::{account, organization};
use coopbridge_e2e::{one, user_errors};

const PURGE: &str =
    "mutation($i: PurgeFileInput!) { purgeFile(input: $i) { fileId purgedAt errors { code field message } } }";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async fn status(app: &TestApp, url: &str, token: Option<&str>) -> u16 {
    let mut request = app.client.get(app.url(url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().status().as_u16()
}

/// Every file under `dir` whose name contains `needle`.
fn files_named(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_named(&path, needle));
        } else if path.to_string_lossy().contains(needle) {
            found.push(path);
        }
    }
    found
}

async fn an_admin_purges_a_file_and_its_url_answers_gone(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let coop = organization(&app, &admin, "COOPERATIVE", "HTX Mật ong Tuyên Hóa", 44).await;
    let member = account(
        &app,
        &admin,
        "mat-ong@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&coop),
    )
    .await;
    let logo = app
        .upload(&member, &coop, "LOGO", "logo.png", "image/png", PNG.to_vec())
        .await;
    let (id, url) = (
        logo["file"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{logo}"))
            .to_owned(),
        logo["file"]["url"].as_str().unwrap().to_owned(),
    );
    let sha = url.rsplit('/').next().unwrap().split('.').next().unwrap().to_owned();
    assert_eq!(status(&app, &url, None).await, 200);
    let files_dir = app.db.data_dir.path().join("files");
    assert_eq!(files_named(&files_dir, &sha).len(), 1);

    let refused = app
        .graphql(Some(&member), PURGE, json!({ "i": { "id": id, "reason": "Tự xóa" } }))
        .await;
    assert_eq!(
        user_errors(&refused["data"]["purgeFile"])[0].0,
        "FORBIDDEN",
        "{refused}"
    );
    let blank = app
        .graphql(Some(&admin), PURGE, json!({ "i": { "id": id, "reason": "  " } }))
        .await;
    assert_eq!(
        user_errors(&blank["data"]["purgeFile"]),
        one("REQUIRED", "reason"),
        "{blank}"
    );
    assert_eq!(status(&app, &url, None).await, 200, "refused purges change nothing");

    let body = app
        .graphql(
            Some(&admin),
            PURGE,
            json!({ "i": { "id": id, "reason": "Ảnh có thông tin cá nhân" } }),
        )
        .await;
    let payload = &body["data"]["purgeFile"];
    assert_eq!(payload["errors"], json!([]), "{body}");
    assert_eq!(payload["fileId"], json!(id));
    assert!(payload["purgedAt"].is_string());

    let response = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 410);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(status(&app, &url, Some(&member)).await, 410);
    assert!(files_named(&files_dir, &sha).is_empty(), "the bytes are gone");

    // The purge is on record: who, when, why.
    let db = app.db.connect().await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT purged_by, purge_reason, purged_at IS NOT NULL AS dated FROM stored_file WHERE id = {id}"),
        ))
        .await
        .unwrap()
        .unwrap();
    let reason: String = row.try_get("", "purge_reason").unwrap();
    assert_eq!(reason, "Ảnh có thông tin cá nhân");
    let by: Option<i32> = row.try_get("", "purged_by").unwrap();
    assert_eq!(by, Some(1), "the admin's account");
    let dated: bool = row.try_get("", "dated").unwrap();
    assert!(dated);

    // Purging again is harmless; the same bytes cannot come back.
    let again = app
        .graphql(Some(&admin), PURGE, json!({ "i": { "id": id, "reason": "Lần nữa" } }))
        .await;
    assert_eq!(again["data"]["purgeFile"]["errors"], json!([]), "{again}");
    let reupload = app
        .upload(&member, &coop, "LOGO", "lai.png", "image/png", PNG.to_vec())
        .await;
    assert_eq!(user_errors(&reupload), one("INVALID_STATE", "file"), "{reupload}");
    let unknown = app
        .graphql(
            Some(&admin),
            PURGE,
            json!({ "i": { "id": "424242", "reason": "Không có" } }),
        )
        .await;
    assert_eq!(
        user_errors(&unknown["data"]["purgeFile"])[0].0,
        "NOT_FOUND",
        "{unknown}"
    );
}

async fn certificate(app: &TestApp, token: &str, coop: &str, evidence: &str, number: &str) -> String {
    let body = app
        .graphql(
            Some(token),
            "mutation($i: CreateCertificateInput!) { createCertificate(input: $i) { certificate { id } errors { code field message } } }",
            json!({ "i": { "producerId": coop, "scheme": "VIET_GAP", "certificateNumber": number,
                "issuer": "Chi cục Trồng trọt", "issuedOn": "2025-02-01", "evidenceFileId": evidence } }),
        )
        .await;
    body["data"]["createCertificate"]["certificate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

async fn run(app: &TestApp, token: &str, query: &str, vars: Value) {
    let body = app.graphql(Some(token), query, vars).await;
    let payload = body["data"].as_object().and_then(|d| d.values().next()).cloned();
    assert_eq!(payload.map(|p| p["errors"].clone()), Some(json!([])), "{body}");
}

async fn withdrawn_evidence_is_only_for_the_cooperative_its_organizers_and_admins(kind: DbKind) {
    let app = TestApp::spawn(kind).await;
    let admin = app.admin_token().await;
    let coop = organization(&app, &admin, "COOPERATIVE", "HTX Rau sạch Gio Linh", 44).await;
    let other = organization(&app, &admin, "COOPERATIVE", "HTX Lúa gạo Hà Nội", 1).await;
    let here = organization(&app, &admin, "ORGANIZING_BODY", "Hội Nông dân Quảng Trị", 44).await;
    let there = organization(&app, &admin, "ORGANIZING_BODY", "Hội Nông dân Hà Nội", 1).await;
    let member = account(
        &app,
        &admin,
        "rau@example.vn",
        "COOPERATIVE_MEMBER",
        std::slice::from_ref(&coop),
    )
    .await;
    let outsider = account(&app, &admin, "lua@example.vn", "COOPERATIVE_MEMBER", &[other]).await;
    let organizer = account(&app, &admin, "qt@example.vn", "ORGANIZER", &[here]).await;
    let far_organizer = account(&app, &admin, "hn@example.vn", "ORGANIZER", &[there]).await;

    let mut urls = Vec::new();
    for (n, verdict) in ["archive", "reject"].iter().enumerate() {
        let mut pdf = PDF.to_vec();
        pdf.extend_from_slice(format!("% {verdict}\n").as_bytes());
        let file = app
            .upload(
                &member,
                &coop,
                "EVIDENCE",
                "giay-chung-nhan.pdf",
                "application/pdf",
                pdf,
            )
            .await;
        let (file_id, url) = (
            file["file"]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{file}"))
                .to_owned(),
            file["file"]["url"].as_str().unwrap().to_owned(),
        );
        let cert = certificate(&app, &member, &coop, &file_id, &format!("VG-{n}")).await;
        assert_eq!(
            status(&app, &url, None).await,
            200,
            "evidence of a live certificate is public"
        );
        if *verdict == "archive" {
            run(
                &app,
                &member,
                "mutation($id: ID!) { archiveCertificate(id: $id) { errors { code } } }",
                json!({ "id": cert }),
            )
            .await;
        } else {
            run(
                &app,
                &organizer,
                "mutation($id: ID!) { verifyCertificate(id: $id, status: REJECTED, note: \"Giấy chứng nhận không khớp tên HTX\") { errors { code } } }",
                json!({ "id": cert }),
            )
            .await;
        }
        urls.push(url);
    }
    for url in &urls {
        assert_eq!(status(&app, url, None).await, 404, "{url} anonymous");
        assert_eq!(
            status(&app, url, Some(&outsider)).await,
            404,
            "{url} another cooperative"
        );
        assert_eq!(
            status(&app, url, Some(&far_organizer)).await,
            404,
            "{url} organizer elsewhere"
        );
        assert_eq!(status(&app, url, Some(&member)).await, 200, "{url} member");
        assert_eq!(
            status(&app, url, Some(&organizer)).await,
            200,
            "{url} organizer of the province"
        );
        assert_eq!(status(&app, url, Some(&admin)).await, 200, "{url} admin");
        let response = app.client.get(app.url(url)).bearer_auth(&member).send().await.unwrap();
        assert_eq!(response.headers()["cache-control"], "private, no-cache");
    }
}

coopbridge_e2e::on_both_databases!(
    an_admin_purges_a_file_and_its_url_answers_gone,
    withdrawn_evidence_is_only_for_the_cooperative_its_organizers_and_admins,
);
