//! Where uploaded files go: the local data directory by default, or one S3
//! bucket shared by every replica. The variable names are the ones the AWS
//! tools already use, so a deployment's existing environment keeps working.

use clap::Args;
use clap::builder::BoolishValueParser;
use coopbridge_storage::{S3Config, S3Credentials};

#[derive(Debug, Clone, Args)]
pub struct StorageArgs {
    /// Keep uploaded files in this S3 bucket (created if missing) instead of
    /// `<data dir>/files`; every replica of a scaled-out deployment must share it.
    #[arg(long, env = "COOPBRIDGE_S3_BUCKET")]
    pub s3_bucket: Option<String>,

    /// S3 endpoint URL for MinIO, moto, Ceph and the like; unset means AWS itself.
    #[arg(long, env = "S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,

    /// S3 region (default us-east-1).
    #[arg(long, env = "AWS_REGION")]
    pub s3_region: Option<String>,

    /// The region when `AWS_REGION` is unset, as the AWS tools read it.
    #[arg(long, env = "AWS_DEFAULT_REGION", hide = true)]
    pub s3_default_region: Option<String>,

    /// S3 access key id. Without it (and the secret) the standard AWS chain
    /// applies: profile files, container and instance roles.
    #[arg(long, env = "AWS_ACCESS_KEY_ID", hide_env_values = true)]
    pub s3_access_key_id: Option<String>,

    /// S3 secret access key.
    #[arg(long, env = "AWS_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub s3_secret_access_key: Option<String>,

    /// S3 session token, for temporary credentials.
    #[arg(long, env = "AWS_SESSION_TOKEN", hide_env_values = true)]
    pub s3_session_token: Option<String>,

    /// Address buckets by path (`endpoint/bucket`), as MinIO and moto expect;
    /// `false` for virtual-hosted buckets on AWS.
    #[arg(long, env = "S3_FORCE_PATH_STYLE", default_value_t = true,
          action = clap::ArgAction::Set, value_parser = BoolishValueParser::new())]
    pub s3_force_path_style: bool,
}

/// A set, non-blank value; a variable set to "" counts as unset.
fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl StorageArgs {
    /// The bucket's settings, or `None` (no bucket named): files stay in the
    /// data directory.
    pub fn s3_config(&self) -> Option<S3Config> {
        let mut config = S3Config::new(given(&self.s3_bucket)?);
        config.endpoint = given(&self.s3_endpoint);
        if let Some(region) = given(&self.s3_region).or_else(|| given(&self.s3_default_region)) {
            config.region = region;
        }
        if let (Some(access_key_id), Some(secret_access_key)) =
            (given(&self.s3_access_key_id), given(&self.s3_secret_access_key))
        {
            config.credentials = Some(S3Credentials {
                access_key_id,
                secret_access_key,
                session_token: given(&self.s3_session_token),
            });
        }
        config.force_path_style = self.s3_force_path_style;
        Some(config)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Command {
        #[command(flatten)]
        storage: StorageArgs,
    }

    /// Parses flags only: the process environment may hold the CI's S3
    /// variables, and the flags beat it.
    fn parse(flags: &[&str]) -> Option<S3Config> {
        let args = std::iter::once("coopbridge").chain(flags.iter().copied());
        Command::try_parse_from(args).unwrap().storage.s3_config()
    }

    #[test]
    fn no_bucket_means_no_s3() {
        assert!(parse(&["--s3-bucket", "", "--s3-endpoint", "http://127.0.0.1:9000"]).is_none());
        assert!(parse(&["--s3-bucket", " "]).is_none());
    }

    #[test]
    fn reads_endpoint_region_and_credentials() {
        let config = parse(&[
            "--s3-bucket",
            "coop-files",
            "--s3-endpoint",
            "http://127.0.0.1:9000",
            "--s3-region",
            "",
            "--s3-default-region",
            "",
            "--s3-access-key-id",
            "AKIDEXAMPLE",
            "--s3-secret-access-key",
            "very-secret",
            "--s3-force-path-style",
            "true",
        ])
        .unwrap();
        assert_eq!(config.bucket, "coop-files");
        assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(config.region, "us-east-1");
        assert!(config.force_path_style);
        assert_eq!(config.credentials.as_ref().unwrap().access_key_id, "AKIDEXAMPLE");
        assert!(!format!("{config:?}").contains("very-secret"));

        let aws = parse(&[
            "--s3-bucket",
            "b",
            "--s3-endpoint",
            "",
            "--s3-region",
            "ap-southeast-1",
            "--s3-access-key-id",
            "",
            "--s3-force-path-style",
            "off",
        ])
        .unwrap();
        assert!(aws.credentials.is_none() && !aws.force_path_style && aws.endpoint.is_none());
        assert_eq!(aws.region, "ap-southeast-1");
    }
}
