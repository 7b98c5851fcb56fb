//! `coopbridge user create`: accounts from the command line (the first admin).

use std::io::BufRead;

use clap::{Args, Subcommand, ValueEnum};
use coopbridge_domain::accounts::{self, NewAccount};
use coopbridge_domain::{Actor, Role};

use crate::config::{DataArgs, LogFormat};
use crate::startup;

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

pub async fn create(args: UserCreateArgs) -> anyhow::Result<()> {
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
