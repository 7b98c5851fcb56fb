//! Running PostgreSQL's own `pg_dump` and `pg_restore`: found on the PATH or
//! in Debian's versioned directories, given the URL without its password
//! (which goes in `PGPASSWORD`, out of the process list).

use std::path::PathBuf;

use tokio::process::Command;

use crate::BackupError;

/// The tool's path, or a refusal that says what to install or use instead.
pub fn find(tool: &str) -> Result<PathBuf, BackupError> {
    let on_path = std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(tool))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    // Debian installs every major version side by side; the newest can dump
    // every older server.
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dirs| dirs.flatten().map(|d| d.path().join("bin").join(tool)).collect())
        .unwrap_or_default();
    debian.sort_by_key(|p| std::cmp::Reverse(major_version_of(p)));
    on_path.into_iter().chain(debian).find(|p| p.is_file()).ok_or_else(|| {
        BackupError::ToolMissing(format!(
            "{tool} was not found (PATH, /usr/lib/postgresql/*/bin). Install PostgreSQL's client tools \
             of the server's major version or newer (Debian: `apt install postgresql-client`), or back \
             the database up with your provider's snapshots or `pg_basebackup` and the files with this \
             command's listing"
        ))
    })
}

fn major_version_of(path: &std::path::Path) -> u32 {
    path.components()
        .filter_map(|c| c.as_os_str().to_str()?.parse().ok())
        .next()
        .unwrap_or(0)
}

/// A command for `tool` connecting to `database_url`: the URL goes in
/// `--dbname` without its password, the password in `PGPASSWORD`.
pub fn command(tool: &std::path::Path, database_url: &str) -> Result<Command, BackupError> {
    let mut url = url::Url::parse(database_url)
        .map_err(|e| BackupError::Failed(anyhow::anyhow!("DATABASE_URL is not a valid URL: {e}")))?;
    let password = url
        .password()
        .map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned());
    let _ = url.set_password(None);
    let mut command = Command::new(tool);
    command.arg(format!("--dbname={url}")).kill_on_drop(true);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    Ok(command)
}

/// Runs a prepared command to its end; a failure carries its standard error.
pub async fn run(mut command: Command, what: &str) -> Result<(), BackupError> {
    let output = command
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .map_err(|e| BackupError::Failed(anyhow::anyhow!("cannot run {what}: {e}")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::Failed(anyhow::anyhow!(
            "{what} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}
