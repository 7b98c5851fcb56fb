//! Backups taken while the server writes, restored into a fresh place and
//! compared table by table and file by file with their manifests; a backup
//! of the previous schema migrated on restore; refusals that write nothing;
//! scheduled backups kept and reported by `/readyz`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use coopbridge_backup::Manifest;
use coopbridge_e2e::{DbKind, TestApp, TestDb, run_cli};
use coopbridge_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::catalog::PNG;

const DEMO_ADMIN: (&str, &str) = ("admin@example.vn", "demo-coopbridge");

/// The environment that points a command at a test database and its data directory.
fn data_env(db: &TestDb) -> Vec<(String, String)> {
    vec![
        ("DATABASE_URL".to_owned(), db.url.clone()),
        (
            "COOPBRIDGE_DATA_DIR".to_owned(),
            db.data_dir.path().to_string_lossy().into_owned(),
        ),
    ]
}

async fn cli(args: &[&str], db: &TestDb) -> coopbridge_e2e::CliOutput {
    let env = data_env(db);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    run_cli(args, &env, None).await
}

fn read_manifest(backup: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(backup.join("manifest.json")).expect("manifest.json")).expect("a manifest")
}

/// Asserts that the restored database holds exactly the rows the manifest
/// lists, table by table. The search outbox is the one exception: the
/// restore's index rebuild consumes it (its changes are in the new index).
async fn assert_rows_match(db: &TestDb, manifest: &Manifest) {
    let conn = db.connect().await;
    let txn = conn.begin().await.unwrap();
    let restored = coopbridge_backup::tables::digest_tables(&txn).await.unwrap();
    txn.commit().await.unwrap();
    for expected in manifest.tables.iter().filter(|t| t.name != "search_outbox") {
        let found = restored.iter().find(|t| t.name == expected.name);
        assert_eq!(
            found,
            Some(expected),
            "table {} differs from the manifest",
            expected.name
        );
    }
    conn.close().await.ok();
}

async fn a_backup_taken_while_writes_run_restores_every_row_and_file(kind: DbKind) {
    let source = TestDb::new(kind).await;
    let seeded = cli(&["seed", "--demo"], &source).await;
    assert!(seeded.status.success(), "{}", seeded.stderr);
    let app = Arc::new(TestApp::spawn_with(source, &[]).await);
    let admin = app.sign_in(DEMO_ADMIN.0, DEMO_ADMIN.1).await;

    // A writer adds cooperatives with a logo each, on and on.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (app, stop, written) = (app.clone(), stop.clone(), written.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let id = app.create_cooperative(&admin, &format!("HTX Sao Lưu số {n}"), 44).await;
                let logo = app
                    .upload(&admin, &id, "LOGO", "logo.png", "image/png", PNG.to_vec())
                    .await;
                assert_eq!(logo["errors"], json!([]), "{logo}");
                written.fetch_add(1, Ordering::SeqCst);
                n += 1;
            }
        })
    };
    while written.load(Ordering::SeqCst) < 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let backups = tempfile::tempdir().unwrap();
    let as_dir = backups.path().join("backup");
    let as_tar = backups.path().join("backup.tar");
    for to in [&as_dir, &as_tar] {
        let out = cli(&["backup", "--to", to.to_str().unwrap()], &app.db).await;
        assert!(out.status.success(), "backup failed: {}\n{}", out.stderr, out.stdout);
        assert!(out.stdout.contains("backup written to"), "{}", out.stdout);
    }
    // The writer went on after the backups: they were taken under writes.
    let after_backups = written.load(Ordering::SeqCst);
    while written.load(Ordering::SeqCst) <= after_backups {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();

    let manifest = read_manifest(&as_dir);
    let coops = manifest.tables.iter().find(|t| t.name == "organization").unwrap().rows;
    assert!(coops > 2, "{manifest:?}");
    assert!(
        manifest.files.copied && manifest.files.entries.len() >= 3,
        "the demo's files and the logos are in the backup: {:?}",
        manifest.files
    );
    // The live database moved on; the backup is of one moment.
    assert!(app.db.count_rows("organization").await > coops as i64);

    let unpacked = tempfile::tempdir().unwrap();
    coopbridge_backup::archive::unpack(&as_tar, unpacked.path()).unwrap();
    let tar_manifest = read_manifest(unpacked.path());
    for (from, manifest) in [(&as_dir, &manifest), (&as_tar, &tar_manifest)] {
        let target = TestDb::new(kind).await;
        let out = cli(&["restore", "--from", from.to_str().unwrap()], &target).await;
        assert!(
            out.status.success(),
            "restore of {} failed: {}\n{}",
            from.display(),
            out.stderr,
            out.stdout
        );
        assert!(
            out.stdout.contains("every table's rows and every file match"),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("reindexed"),
            "the search index is rebuilt: {}",
            out.stdout
        );
        assert_rows_match(&target, manifest).await;
        if kind == DbKind::Sqlite {
            let conn = target.connect().await;
            let broken = conn
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Sqlite,
                    "PRAGMA foreign_key_check",
                ))
                .await
                .unwrap();
            assert!(
                broken.is_empty(),
                "the copy is consistent: no row points at a missing one"
            );
        }
        // The restored server serves every file byte for byte and finds the new cooperatives.
        let restored = TestApp::spawn_with(target, &[]).await;
        for file in &manifest.files.entries {
            let response = restored
                .client
                .get(restored.url(&format!("/files/{}", file.key)))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{}", file.key);
            let bytes = response.bytes().await.unwrap();
            assert_eq!(hex(&bytes), file.sha256, "{}", file.key);
        }
        let found = crate::search::search(&restored, json!({ "q": "HTX Sao Lưu số 0" })).await;
        assert!(
            crate::search::names(&found).iter().any(|n| n == "HTX Sao Lưu số 0"),
            "{found}"
        );
    }
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

async fn a_backup_of_the_previous_schema_is_migrated_on_restore_and_newer_or_damaged_ones_are_refused(kind: DbKind) {
    let source = TestDb::new(kind).await;
    let conn = source.connect().await;
    let all = Migrator::migrations().len() as u32;
    Migrator::up(&conn, Some(all - 1)).await.unwrap();
    conn.execute_unprepared(
        "INSERT INTO account (email, display_name, password_hash, role, created_at, updated_at) \
         VALUES ('cu@example.vn', 'Tài khoản cũ', 'x', 'admin', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    )
    .await
    .unwrap();
    conn.close().await.ok();
    let backups = tempfile::tempdir().unwrap();
    let old = backups.path().join("old");
    let out = cli(&["backup", "--to", old.to_str().unwrap()], &source).await;
    assert!(out.status.success(), "{}", out.stderr);
    let manifest = read_manifest(&old);
    let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    assert_eq!(manifest.schema_version(), names[names.len() - 2]);

    // A newer schema is refused, and nothing is written.
    let newer = backups.path().join("newer");
    copy_dir(&old, &newer);
    let mut future = manifest.clone();
    future.migrations.push("m20991231_000001_from_the_future".to_owned());
    std::fs::write(newer.join("manifest.json"), serde_json::to_vec(&future).unwrap()).unwrap();
    let target = TestDb::new(kind).await;
    let out = cli(&["restore", "--from", newer.to_str().unwrap()], &target).await;
    assert!(!out.status.success());
    assert!(
        out.stderr.contains("newer than this coopbridge knows"),
        "{}",
        out.stderr
    );
    assert_empty(&target).await;

    // A damaged database copy is refused, and nothing is written.
    let damaged = backups.path().join("damaged");
    copy_dir(&old, &damaged);
    let dump = damaged.join(&manifest.database.file);
    let mut bytes = std::fs::read(&dump).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&dump, bytes).unwrap();
    let out = cli(&["restore", "--from", damaged.to_str().unwrap()], &target).await;
    assert!(out.stderr.contains("does not match its checksum"), "{}", out.stderr);
    assert_empty(&target).await;

    // The previous schema restores and is migrated to the current one.
    let out = cli(&["restore", "--from", old.to_str().unwrap()], &target).await;
    assert!(out.status.success(), "{}\n{}", out.stderr, out.stdout);
    assert!(
        out.stdout
            .contains(&format!("migrated to the current schema: {}", names[names.len() - 1])),
        "{}",
        out.stdout
    );
    assert_eq!(target.count_rows("seaql_migrations").await, all as i64);
    assert_eq!(target.count_rows("account").await, 1);

    // A place that holds data is never restored over.
    let out = cli(&["restore", "--from", old.to_str().unwrap()], &target).await;
    assert!(out.stderr.contains("already holds data"), "{}", out.stderr);
    assert_eq!(target.count_rows("account").await, 1);
}

async fn assert_empty(db: &TestDb) {
    let conn = db.connect().await;
    let tables = coopbridge_backup::tables::table_names(&conn).await.unwrap();
    assert!(tables.is_empty(), "a refused restore wrote tables: {tables:?}");
    conn.close().await.ok();
    let files = db.data_dir.path().join("files");
    assert!(
        std::fs::read_dir(&files)
            .map(|mut d| d.next().is_none())
            .unwrap_or(true),
        "a refused restore wrote files"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

coopbridge_e2e::on_both_databases!(
    a_backup_taken_while_writes_run_restores_every_row_and_file,
    a_backup_of_the_previous_schema_is_migrated_on_restore_and_newer_or_damaged_ones_are_refused,
);

/// `/readyz` once `done` holds (or after 20 s, for the caller's assertions).
async fn readyz_once(app: &TestApp, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let mut readyz = serde_json::Value::Null;
    for _ in 0..200 {
        let response = app.client.get(app.url("/readyz")).send().await.unwrap();
        readyz = response.json().await.unwrap();
        if done(&readyz) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    readyz
}

#[tokio::test]
async fn scheduled_backups_keep_the_newest_and_readyz_tells_when_they_fail() {
    let backups = tempfile::tempdir().unwrap();
    let dir = backups.path().join("scheduled");
    let db = TestDb::new(DbKind::Sqlite).await;
    let app = TestApp::spawn_with(
        db,
        &[
            ("COOPBRIDGE_BACKUP_DIR", dir.to_str().unwrap()),
            ("COOPBRIDGE_BACKUP_EVERY", "1s"),
            ("COOPBRIDGE_BACKUP_KEEP", "2"),
        ],
    )
    .await;
    // Three or more rounds, two kept.
    let readyz = readyz_once(&app, |_| app.logs().matches("scheduled backup written").count() >= 3).await;
    assert!(
        app.logs().matches("scheduled backup written").count() >= 3,
        "{}",
        app.logs()
    );
    assert_eq!(readyz["status"], "ready", "{readyz}");
    assert_eq!(readyz["backup"]["status"], "ok", "{readyz}");
    let last = readyz["backup"]["last_file"].as_str().unwrap();
    assert!(last.starts_with("coopbridge-") && last.ends_with(".tar"), "{readyz}");
    let mut app = app;
    app.send_sigterm();
    app.wait_exit().await;
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tar"))
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");

    // A backup directory that cannot be written: /readyz says so, the server stays ready.
    let blocker = backups.path().join("a-file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let broken = TestApp::spawn_with(
        TestDb::new(DbKind::Sqlite).await,
        &[("COOPBRIDGE_BACKUP_DIR", blocker.join("backups").to_str().unwrap())],
    )
    .await;
    let readyz = readyz_once(&broken, |readyz| readyz["backup"]["status"] == "failing").await;
    assert_eq!(readyz["status"], "ready", "{readyz}");
    assert_eq!(readyz["backup"]["status"], "failing", "{readyz}");
    assert!(
        readyz["backup"]["last_error"].as_str().is_some_and(|e| !e.is_empty()),
        "{readyz}"
    );
    assert!(broken.logs().contains("scheduled backup failed"), "{}", broken.logs());
}

/// Under CI the S3 server must be there; elsewhere its absence skips the test.
fn s3_available() -> bool {
    if std::env::var_os("S3_ENDPOINT").is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "S3_ENDPOINT is not set: CI must test S3 (see .ci/run)"
    );
    eprintln!("SKIPPED: set S3_ENDPOINT (see .ci/run) to test backups of files on S3");
    false
}

fn bucket_name(what: &str) -> String {
    format!("coopbridge-backup-{what}-{}", uuid::Uuid::new_v4().simple())
}

async fn cli_with_bucket(args: &[&str], db: &TestDb, bucket: &str) -> coopbridge_e2e::CliOutput {
    let mut env = data_env(db);
    env.push(("COOPBRIDGE_S3_BUCKET".to_owned(), bucket.to_owned()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    run_cli(args, &env, None).await
}

#[tokio::test]
async fn files_on_s3_are_listed_with_checksums_or_copied_on_request() {
    if !s3_available() {
        return;
    }
    let bucket = bucket_name("live");
    let app = TestApp::spawn_with(
        TestDb::new(DbKind::Sqlite).await,
        &[("COOPBRIDGE_S3_BUCKET", bucket.as_str())],
    )
    .await;
    let admin = app.admin_token().await;
    let coop = app.create_cooperative(&admin, "HTX Mây Tre Đan Phú Vinh", 1).await;
    let logo = app
        .upload(&admin, &coop, "LOGO", "logo.png", "image/png", PNG.to_vec())
        .await;
    assert_eq!(logo["errors"], json!([]), "{logo}");

    let backups = tempfile::tempdir().unwrap();
    let listed = backups.path().join("listed");
    let copied = backups.path().join("copied");
    let out = cli_with_bucket(&["backup", "--to", listed.to_str().unwrap()], &app.db, &bucket).await;
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("listed with checksums"), "{}", out.stdout);
    let out = cli_with_bucket(
        &["backup", "--copy-files", "--to", copied.to_str().unwrap()],
        &app.db,
        &bucket,
    )
    .await;
    assert!(out.status.success(), "{}", out.stderr);

    let manifest = read_manifest(&listed);
    assert!(!manifest.files.copied);
    assert_eq!(manifest.files.entries.len(), 1, "{:?}", manifest.files);
    assert_eq!(manifest.files.entries[0].sha256, hex(PNG));
    assert!(!listed.join("files").exists(), "a listing holds no bytes");
    let with_bytes = read_manifest(&copied);
    assert!(with_bytes.files.copied);
    let key = &with_bytes.files.entries[0].key;
    assert_eq!(std::fs::read(copied.join("files").join(key)).unwrap(), PNG);

    // A listing restores against the bucket that holds the files …
    let target = TestDb::new(DbKind::Sqlite).await;
    let out = cli_with_bucket(&["restore", "--from", listed.to_str().unwrap()], &target, &bucket).await;
    assert!(out.status.success(), "{}", out.stderr);
    // … and is refused, writing nothing, by a bucket that lacks them.
    let elsewhere = TestDb::new(DbKind::Sqlite).await;
    let empty_bucket = bucket_name("empty");
    let out = cli_with_bucket(
        &["restore", "--from", listed.to_str().unwrap()],
        &elsewhere,
        &empty_bucket,
    )
    .await;
    assert!(out.stderr.contains("the file store does not hold it"), "{}", out.stderr);
    assert_empty(&elsewhere).await;
    // The copy with bytes restores into the empty bucket, and the file is served.
    let out = cli_with_bucket(
        &["restore", "--from", copied.to_str().unwrap()],
        &elsewhere,
        &empty_bucket,
    )
    .await;
    assert!(out.status.success(), "{}", out.stderr);
    let restored = TestApp::spawn_with(elsewhere, &[("COOPBRIDGE_S3_BUCKET", empty_bucket.as_str())]).await;
    let served = restored
        .client
        .get(restored.url(&format!("/files/{key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);
}
