//! `coopbridge seed`: the demo data set, or a large synthetic one for
//! benchmarks (see `commands::search` for the latter, which also indexes).

use clap::Args;
use coopbridge_seed::{self as seed, SeedReport};

use crate::config::{DataArgs, LogFormat};
use crate::startup;

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Load the demo data set: real cooperatives and products, invented contacts.
    #[arg(long, required_unless_present = "synthetic", conflicts_with = "synthetic")]
    pub demo: bool,
    /// Load a large made-up catalog for benchmarks (see --producers, --products).
    #[arg(long)]
    pub synthetic: bool,
    /// With --synthetic: how many producers.
    #[arg(long, default_value_t = 1000, requires = "synthetic")]
    pub producers: u32,
    /// With --synthetic: how many products in all.
    #[arg(long, default_value_t = 3000, requires = "synthetic")]
    pub products: u32,
    /// With --synthetic: how many fairs and conferences (with organizing
    /// bodies, zones and applications).
    #[arg(long, default_value_t = 0, requires = "synthetic")]
    pub events: u32,
    /// With --synthetic: how many buyers' inquiries (with buyer companies,
    /// messages and status changes in every status).
    #[arg(long, default_value_t = 0, requires = "synthetic")]
    pub inquiries: u32,
    /// With --synthetic: the random seed (same seed, same data).
    #[arg(long, default_value_t = 2026, requires = "synthetic")]
    pub random_seed: u64,
}

/// `seed --demo`: load the demo data set and print its accounts.
pub async fn demo(args: SeedArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let db = startup::open_database(&args.data).await?;
    let store = startup::open_blob_store(&args.data).await?;
    let report = seed::seed_demo(&db, store.as_ref()).await?;
    print_report(&report);
    Ok(())
}

pub fn print_report(report: &SeedReport) {
    if report.already_seeded {
        println!("demo data is already loaded; nothing to do");
        return;
    }
    println!(
        "loaded the demo data: {} organizations, {} accounts",
        report.organizations,
        report.accounts.len()
    );
    println!("demo accounts (password: {}):", seed::DEMO_PASSWORD);
    for (email, role) in &report.accounts {
        println!("  {email:<40} {role:?}");
    }
}
