//! The command line: help, configuration errors, the config file, migrate.

use coopbridge_e2e::{DbKind, TestApp, TestDb, run_cli};

#[tokio::test]
async fn help_lists_every_subcommand_with_its_own_help() {
    let out = run_cli(&["--help"], &[], None).await;
    assert!(out.status.success());
    for command in ["serve", "migrate", "seed", "export-schema", "user", "backup", "restore"] {
        assert!(out.stdout.contains(command), "--help lacks {command}:\n{}", out.stdout);
    }
    for args in [
        &["serve", "--help"][..],
        &["user", "create", "--help"],
        &["seed", "--help"],
        &["migrate", "--help"],
    ] {
        let out = run_cli(args, &[], None).await;
        assert!(out.status.success(), "{args:?} --help failed");
        assert!(out.stdout.contains("Usage:"), "{args:?}: {}", out.stdout);
    }
    let serve = run_cli(&["serve", "--help"], &[], None).await;
    for variable in ["COOPBRIDGE_ADDR", "COOPBRIDGE_DATA_DIR", "DATABASE_URL"] {
        assert!(serve.stdout.contains(variable), "serve --help does not name {variable}");
    }
}

#[tokio::test]
async fn a_wrong_address_stops_start_up_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_string_lossy().into_owned();
    let out = run_cli(
        &["serve"],
        &[
            ("COOPBRIDGE_ADDR", "not-an-address"),
            ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
        ],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(2), "stderr: {}", out.stderr);
    assert!(out.stderr.contains("COOPBRIDGE_ADDR"), "stderr: {}", out.stderr);
    assert!(
        !dir.path().join("coopbridge.db").exists(),
        "nothing may be created on a config error"
    );
}

#[tokio::test]
async fn a_database_url_of_an_unknown_kind_is_refused_naming_database_url() {
    let out = run_cli(&["migrate"], &[("DATABASE_URL", "mysql://localhost/coop")], None).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.contains("DATABASE_URL"), "stderr: {}", out.stderr);
}

#[tokio::test]
async fn an_unknown_key_in_the_config_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coopbridge.toml");
    std::fs::write(&file, "adress = \"127.0.0.1:1\"\n").unwrap();
    let out = run_cli(&["--config", file.to_str().unwrap(), "migrate"], &[], None).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.contains("adress"), "stderr: {}", out.stderr);
}

#[tokio::test]
async fn the_config_file_sets_values_and_environment_variables_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("from-file");
    let file = dir.path().join("coopbridge.toml");
    std::fs::write(
        &file,
        format!("data_dir = {:?}\ndb_max_connections = 3\n", data_dir.to_string_lossy()),
    )
    .unwrap();
    let out = run_cli(&["--config", file.to_str().unwrap(), "migrate"], &[], None).await;
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        data_dir.join("coopbridge.db").exists(),
        "the file's data_dir was not used"
    );

    let env_dir = dir.path().join("from-env");
    let env_dir_text = env_dir.to_string_lossy().into_owned();
    let out = run_cli(
        &["--config", file.to_str().unwrap(), "migrate"],
        &[("COOPBRIDGE_DATA_DIR", env_dir_text.as_str())],
        None,
    )
    .await;
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        env_dir.join("coopbridge.db").exists(),
        "the environment did not override the file"
    );
}

#[tokio::test]
async fn the_s3_settings_are_in_help_and_in_the_config_file() {
    let serve = run_cli(&["serve", "--help"], &[], None).await;
    for name in ["--s3-bucket", "COOPBRIDGE_S3_BUCKET", "--s3-endpoint", "S3_ENDPOINT"] {
        assert!(serve.stdout.contains(name), "serve --help does not name {name}");
    }
    // The bucket comes from the file, the endpoint (a closed port) from the
    // environment: opening the store must try that bucket there and fail,
    // where an unknown key would have been refused before anything ran.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coopbridge.toml");
    std::fs::write(
        &file,
        "s3_bucket = \"coopbridge-from-file\"\ns3_force_path_style = true\n",
    )
    .unwrap();
    let data_dir = dir.path().join("data").to_string_lossy().into_owned();
    let out = run_cli(
        &["--config", file.to_str().unwrap(), "seed", "--demo"],
        &[
            ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
            ("S3_ENDPOINT", "http://127.0.0.1:1"),
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
        ],
        None,
    )
    .await;
    assert!(!out.status.success(), "seeding without a reachable bucket succeeded");
    assert!(
        out.stderr.contains("cannot open the file store") && out.stderr.contains("coopbridge-from-file"),
        "stderr: {}",
        out.stderr
    );
}

async fn migrate_is_idempotent_and_loads_the_administrative_units(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let data_dir = db.data_dir.path().to_string_lossy().into_owned();
    let env = [
        ("DATABASE_URL", db.url.as_str()),
        ("COOPBRIDGE_DATA_DIR", data_dir.as_str()),
    ];
    for _ in 0..2 {
        let out = run_cli(&["migrate"], &env, None).await;
        assert!(out.status.success(), "{}", out.stderr);
        assert!(out.stdout.contains("up to date"));
    }
    assert_eq!(db.count_rows("province").await, 34);
    assert_eq!(db.count_rows("commune").await, 3321);
}

async fn serve_creates_the_data_directory_and_prints_its_addresses(kind: DbKind) {
    let db = TestDb::new(kind).await;
    let app = TestApp::spawn_with(db, &[]).await;
    let stdout = app.stdout.lock().unwrap().clone();
    assert!(
        stdout.contains(&format!("{}/graphql", app.base)),
        "no GraphQL API address in:\n{stdout}"
    );
    assert!(
        stdout.contains(&format!("{}/", app.base)),
        "no web UI address in:\n{stdout}"
    );
    if kind == DbKind::Sqlite {
        assert!(app.db.data_dir.path().join("coopbridge.db").exists());
    }
}

#[tokio::test]
async fn serve_without_database_url_uses_a_sqlite_file_in_a_new_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("nested").join("data");
    let db = TestDb::new(DbKind::Sqlite).await;
    // Point the server at a data dir that does not exist yet, with no DATABASE_URL.
    let mut command = tokio::process::Command::new(coopbridge_e2e::coopbridge_binary());
    command
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(&data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("COOPBRIDGE_CONFIG")
        .env_remove("MEILI_URL") // tantivy, whatever the CI exports
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    let mut child = command.spawn().unwrap();
    use tokio::io::AsyncBufReadExt;
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let base = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(base) = line.strip_prefix("listening on ") {
                return base.to_owned();
            }
        }
        panic!("server exited before listening")
    })
    .await
    .unwrap();
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    assert!(data_dir.join("coopbridge.db").exists());
    drop(db);
}

coopbridge_e2e::on_both_databases!(
    migrate_is_idempotent_and_loads_the_administrative_units,
    serve_creates_the_data_directory_and_prints_its_addresses,
);
