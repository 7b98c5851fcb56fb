//! `coopbridge export-schema`: write the GraphQL schema's SDL.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

#[derive(Debug, Args)]
pub struct ExportSchemaArgs {
    /// Where to write the SDL; `-` for standard output.
    #[arg(long, short, default_value = "schema/schema.graphql")]
    pub out: PathBuf,
}

pub fn export_schema(out: &std::path::Path) -> anyhow::Result<()> {
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
