//! Progress of long commands: a bar on a terminal, log lines elsewhere.

use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar counting `what`, with elapsed time and an estimate of what is left.
pub fn progress_bar(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {what} ({{eta}} left) {{msg}}"
        ))
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar
}

/// Stages of a backup or restore: a bar per counted stage, a spinner for
/// the others; without a terminal, one log line per stage.
#[derive(Default)]
pub struct StageProgress {
    bar: Mutex<Option<ProgressBar>>,
}

impl coopbridge_backup::Progress for StageProgress {
    fn stage(&self, name: &str, total: u64) {
        let mut current = self.bar.lock().expect("progress lock");
        if let Some(bar) = current.take() {
            bar.finish();
        }
        let bar = if total > 0 {
            progress_bar(total, name)
        } else {
            let spinner = ProgressBar::new_spinner();
            spinner.set_message(name.to_owned());
            spinner.enable_steady_tick(std::time::Duration::from_millis(200));
            spinner
        };
        if bar.is_hidden() {
            tracing::info!(stage = name, total, "backup/restore");
        }
        *current = Some(bar);
    }

    fn advance(&self, done: u64) {
        if let Some(bar) = self.bar.lock().expect("progress lock").as_ref() {
            bar.set_position(done);
        }
    }
}

impl StageProgress {
    pub fn finish(&self) {
        if let Some(bar) = self.bar.lock().expect("progress lock").take() {
            bar.finish_and_clear();
        }
    }
}
