//! `coopbridge` command line: serve (default), migrate, seed, export-schema,
//! reindex, worker, user create, backup, restore.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::commands::{self, schema::ExportSchemaArgs, seed::SeedArgs, user::UserCommand};
use crate::config::{self, DataArgs, LogFormat, ServeArgs};
use crate::startup;

#[derive(Debug, Parser)]
#[command(
    name = "coopbridge",
    version,
    about = "Coopbridge: links Vietnamese agricultural cooperatives to markets.",
    long_about = "Coopbridge: links Vietnamese agricultural cooperatives to markets.\n\n\
                  Without a command it runs `serve`. Every flag has an environment-variable twin \
                  (shown in brackets) and may also be set in the TOML file given by --config."
)]
pub struct Cli {
    /// TOML file of settings, keyed by flag name (e.g. `addr = "0.0.0.0:8080"`).
    #[arg(long, env = "COOPBRIDGE_CONFIG", global = true)]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
// Parsed once at start; boxing `Serve`'s arguments would save nothing worth the noise.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Start the web server: GraphQL API, API console and web UI (the default).
    Serve(ServeArgs),
    /// Create or upgrade the database schema, then exit.
    Migrate(DataArgs),
    /// Load data into the database.
    Seed(SeedArgs),
    /// Write the GraphQL schema (SDL) to a file.
    ExportSchema(ExportSchemaArgs),
    /// Rebuild the search index from the database (stop `serve` first when
    /// the index is the embedded one).
    Reindex(commands::search::ReindexArgs),
    /// Apply catalog changes to the search index, without serving HTTP (for
    /// scaled-out setups where `serve` runs with COOPBRIDGE_SEARCH_WORKER=false).
    Worker(commands::search::WorkerArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Write a consistent backup (database, stored files, manifest with
    /// checksums) while `serve` runs.
    Backup(commands::backup::BackupArgs),
    /// Restore a backup into an empty data directory or database, check it
    /// against its manifest, migrate it and rebuild the search index.
    Restore(commands::backup::RestoreArgs),
}

pub fn main() -> ExitCode {
    if let Some(path) = config_file_path()
        && let Err(message) = config::apply_config_file(&Cli::command(), &path)
    {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let cli = match parse_with_serve_default() {
        Ok(cli) => cli,
        Err(e) => exit_naming_variable(e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.expect("defaulted to serve"))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "coopbridge stopped with an error");
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `--config FILE`, `--config=FILE` or COOPBRIDGE_CONFIG, read before clap so
/// the file can feed clap's environment lookups.
fn config_file_path() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    for (i, arg) in args.iter().enumerate() {
        if let Some(value) = arg.strip_prefix("--config=") {
            return Some(value.into());
        }
        if arg == "--config" {
            return args.get(i + 1).map(PathBuf::from);
        }
    }
    std::env::var_os("COOPBRIDGE_CONFIG").map(PathBuf::from)
}

fn parse_with_serve_default() -> Result<Cli, clap::Error> {
    let cli = Cli::try_parse()?;
    if cli.command.is_some() {
        return Ok(cli);
    }
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    args.push("serve".into());
    Cli::try_parse_from(args)
}

/// clap names the flag of a bad value; add the environment variable, which is
/// usually where the value came from.
fn exit_naming_variable(error: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(error.kind(), ErrorKind::ValueValidation | ErrorKind::InvalidValue)
        && let Some(ContextValue::String(flag)) = error.get(ContextKind::InvalidArg)
        && let Some(variable) = config::env_name_of_flag(&Cli::command(), flag)
    {
        let _ = error.print();
        eprintln!("note: {flag} can be set by the environment variable {variable}; check its value.");
        std::process::exit(2);
    }
    error.exit()
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => commands::serve::serve(args).await,
        Command::Migrate(data) => {
            crate::telemetry::init(LogFormat::Text);
            startup::open_database(&data).await?;
            println!(
                "database is up to date: {}",
                config::mask_url_password(&data.effective_database_url())
            );
            Ok(())
        }
        Command::Seed(args) if args.synthetic => commands::search::seed_synthetic(args).await,
        Command::Seed(args) => commands::seed::demo(args).await,
        Command::ExportSchema(args) => commands::schema::export_schema(&args.out),
        Command::Reindex(args) => commands::search::reindex(args).await,
        Command::Worker(args) => commands::search::worker(args).await,
        Command::User(UserCommand::Create(args)) => commands::user::create(args).await,
        Command::Backup(args) => commands::backup::backup(args).await,
        Command::Restore(args) => commands::backup::restore(args).await,
    }
}
