//! `coopbridge serve`: start the web server, offering the demo data on an
//! empty database first.

use std::io::Write;

use coopbridge_domain::accounts;
use sea_orm::DatabaseConnection;

use crate::config::ServeArgs;
use crate::startup::{self, Application};

pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    crate::telemetry::init(args.log_format);
    let settings: Vec<String> = args.describe().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        config = settings.join(" "),
        "starting coopbridge"
    );
    let db = startup::open_database(&args.data).await?;
    offer_demo_seed(&db, &args).await?;
    let app = Application::build(&args, db).await?;
    let addr = app.local_addr();
    let mut out = std::io::stdout().lock();
    writeln!(out, "Coopbridge {} đang chạy / is running", env!("CARGO_PKG_VERSION"))?;
    writeln!(out, "  Giao diện web / Web UI: http://{addr}/")?;
    writeln!(out, "  GraphQL API (POST):     http://{addr}/graphql")?;
    writeln!(out, "  API console:            http://{addr}/api")?;
    if let Some(metrics) = app.metrics_addr() {
        writeln!(out, "  Metrics:                http://{metrics}/metrics")?;
    }
    writeln!(out, "listening on http://{addr}")?;
    out.flush()?;
    drop(out);
    app.run_until_stopped().await
}

/// On an empty database, loads the demo data when asked to, asks at a
/// terminal, or says how to.
async fn offer_demo_seed(db: &DatabaseConnection, args: &ServeArgs) -> anyhow::Result<()> {
    if !accounts::is_empty(db).await? {
        return Ok(());
    }
    let load = if args.seed_demo {
        true
    } else if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!(
            "Cơ sở dữ liệu đang trống. Nạp dữ liệu mẫu (các HTX thật, liên hệ hư cấu)? / \
             The database is empty. Load the demo data? [y/N] "
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        matches!(answer.trim(), "y" | "Y" | "yes" | "có" | "c")
    } else {
        tracing::info!(
            "the database is empty: load demo data with `coopbridge seed --demo`, or create the first admin with `coopbridge user create --role admin`"
        );
        false
    };
    if load {
        let store = startup::open_blob_store(&args.data).await?;
        let report = coopbridge_seed::seed_demo(db, store.as_ref()).await?;
        super::seed::print_report(&report);
    }
    Ok(())
}
