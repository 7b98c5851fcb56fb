//! `coopbridge` command line: serve (default), migrate, seed, export-schema,
//! reindex, worker, user create.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use coopbridge_domain::accounts::{self, NewAccount};
use coopbridge_domain::seed::{self, SeedReport};
use coopbridge_domain::{Actor, Role};

use crate::config::{self, DataArgs, LogFormat, ServeArgs};
use crate::startup::{self, Application};

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
    Reindex(crate::search_commands::ReindexArgs),
    /// Apply catalog changes to the search index, without serving HTTP (for
    /// scaled-out setups where `serve` runs with COOPBRIDGE_SEARCH_WORKER=false).
    Worker(crate::search_commands::WorkerArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
}

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

#[derive(Debug, Args)]
pub struct ExportSchemaArgs {
    /// Where to write the SDL; `-` for standard output.
    #[arg(long, short, default_value = "schema/schema.graphql")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (e.g. the first admin). Asks for the password.
    Create(UserCreateArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    Organizer,
    CooperativeMember,
    Buyer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Organizer => Role::Organizer,
            RoleArg::CooperativeMember => Role::CooperativeMember,
            RoleArg::Buyer => Role::Buyer,
        }
    }
}

#[derive(Debug, Args)]
pub struct UserCreateArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Sign-in email.
    #[arg(long)]
    pub email: String,
    /// Name shown to others.
    #[arg(long)]
    pub name: String,
    #[arg(long, value_enum, default_value_t = RoleArg::Admin)]
    pub role: RoleArg,
    /// Organization to join (repeat for several); must match the role.
    #[arg(long = "organization-id")]
    pub organization_ids: Vec<i32>,
    /// Read the password from the first line of standard input instead of asking.
    #[arg(long)]
    pub password_stdin: bool,
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
        Command::Serve(args) => serve(args).await,
        Command::Migrate(data) => {
            crate::telemetry::init(LogFormat::Text);
            startup::open_database(&data).await?;
            println!(
                "database is up to date: {}",
                config::mask_url_password(&data.effective_database_url())
            );
            Ok(())
        }
        Command::Seed(args) if args.synthetic => crate::search_commands::seed_synthetic(args).await,
        Command::Seed(args) => {
            crate::telemetry::init(LogFormat::Text);
            let db = startup::open_database(&args.data).await?;
            let store = startup::open_blob_store(&args.data).await?;
            let report = seed::seed_demo(&db, store.as_ref()).await?;
            print_seed_report(&report);
            Ok(())
        }
        Command::ExportSchema(args) => export_schema(&args.out),
        Command::Reindex(args) => crate::search_commands::reindex(args).await,
        Command::Worker(args) => crate::search_commands::worker(args).await,
        Command::User(UserCommand::Create(args)) => create_user(args).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    crate::telemetry::init(args.log_format);
    let settings: Vec<String> = args.describe().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        config = settings.join(" "),
        "starting coopbridge"
    );
    let db = startup::open_database(&args.data).await?;
    startup::offer_demo_seed(&db, &args).await?;
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

fn export_schema(out: &std::path::Path) -> anyhow::Result<()> {
    let sdl = crate::graphql::sdl();
    if out == std::path::Path::new("-") {
        print!("{sdl}");
        return Ok(());
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(out, sdl).with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Mật khẩu / Password: ")?;
    let second = rpassword::prompt_password("Nhập lại / Repeat: ")?;
    anyhow::ensure!(first == second, "the two passwords differ");
    Ok(first)
}

async fn create_user(args: UserCreateArgs) -> anyhow::Result<()> {
    crate::telemetry::init(LogFormat::Text);
    let password = read_password(args.password_stdin)?;
    let db = startup::open_database(&args.data).await?;
    let input = NewAccount {
        email: args.email,
        password,
        display_name: args.name,
        role: args.role.into(),
        organization_ids: args.organization_ids,
    };
    match accounts::create_account(&db, &Actor::System, input).await {
        Ok(account) => {
            println!(
                "created account {} ({:?}) with id {}",
                account.email, account.role, account.id
            );
            Ok(())
        }
        Err(coopbridge_domain::Error::Invalid(errors)) => {
            for e in &errors {
                eprintln!("error: --{}: {}", cli_flag_of_field(&e.field), e.message);
            }
            anyhow::bail!("no account was created")
        }
        Err(e) => Err(e.into()),
    }
}

fn cli_flag_of_field(field: &str) -> &str {
    match field {
        "displayName" => "name",
        "organizationIds" => "organization-id",
        "password" => "password",
        other => other,
    }
}

pub fn print_seed_report(report: &SeedReport) {
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
