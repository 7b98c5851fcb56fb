//! A migrated database per test (a temp SQLite file; a fresh PostgreSQL
//! database too when COOPBRIDGE_TEST_POSTGRES_URL is set) and the people the
//! properties act as.

use coopbridge_domain::accounts::{self, NewAccount};
use coopbridge_domain::authz::{Actor, MemberOf, Role, SignedIn};
use coopbridge_domain::database;
use coopbridge_domain::entities::organization::OrganizationKind;
use coopbridge_domain::organizations::{self, NewOrganization};
use rand::Rng;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tempfile::TempDir;

pub const POSTGRES_URL_VAR: &str = "COOPBRIDGE_TEST_POSTGRES_URL";
/// Quảng Trị: the province every fixture lives in.
pub const PROVINCE: i32 = 44;

pub struct TestDb {
    pub db: DatabaseConnection,
    pub name: &'static str,
    _dir: Option<TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::Builder::new().prefix("coopbridge-prop-").tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("db.sqlite").display());
        let db = database::connect(&url, 4).await.unwrap();
        database::migrate(&db).await.unwrap();
        TestDb {
            db,
            name: "sqlite",
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A fresh PostgreSQL database, or None when no server is configured.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin) = std::env::var(POSTGRES_URL_VAR) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{POSTGRES_URL_VAR} is not set: CI must test PostgreSQL (see .ci/run)"
            );
            return None;
        };
        let name = format!("coopbridge_prop_{:016x}", rand::rng().random::<u64>());
        let conn = Database::connect(&admin).await.unwrap();
        conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap();
        conn.close().await.ok();
        let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
        let url = format!("{base}/{name}");
        let db = database::connect(&url, 4).await.unwrap();
        database::migrate(&db).await.unwrap();
        Some(TestDb {
            db,
            name: "postgres",
            _dir: None,
            postgres: Some((admin, name)),
        })
    }

    /// Every database the properties can run on here.
    #[allow(dead_code)]
    pub async fn all() -> Vec<TestDb> {
        let mut dbs = vec![TestDb::sqlite().await];
        match TestDb::postgres().await {
            Some(pg) => dbs.push(pg),
            None => eprintln!("SKIPPED on PostgreSQL: set {POSTGRES_URL_VAR} to run it"),
        }
        dbs
    }

    pub async fn drop_database(self) {
        self.db.close().await.ok();
        if let Some((admin, name)) = self.postgres {
            let conn = Database::connect(&admin).await.unwrap();
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .ok();
        }
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub async fn organization(db: &DatabaseConnection, kind: OrganizationKind, name: &str) -> i32 {
    organizations::create_organization(
        db,
        &Actor::System,
        NewOrganization {
            kind,
            name: name.to_owned(),
            province_code: Some(PROVINCE),
        },
    )
    .await
    .unwrap()
    .id
}

/// A real account (rows refer to it) and the actor it signs in as.
pub async fn member(db: &DatabaseConnection, email: &str, role: Role, organization_id: i32) -> Actor {
    let account = accounts::create_account(
        db,
        &Actor::System,
        NewAccount {
            email: email.to_owned(),
            password: "mật khẩu thử nghiệm".to_owned(),
            display_name: "Người dùng thử".to_owned(),
            role,
            organization_ids: vec![organization_id],
        },
    )
    .await
    .unwrap();
    Actor::Account(SignedIn {
        account_id: account.id,
        role,
        organizations: vec![MemberOf {
            organization_id,
            province_code: Some(PROVINCE),
        }],
    })
}

/// The first field error's (field, code) of a refused write.
pub fn refusal(error: &coopbridge_domain::Error) -> (String, coopbridge_domain::ErrorCode) {
    match error {
        coopbridge_domain::Error::Invalid(fields) => (fields[0].field.clone(), fields[0].code),
        other => (String::new(), other.code()),
    }
}
