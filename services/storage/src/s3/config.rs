//! The settings of the S3 backend, given by the API's configuration (this
//! crate reads no environment), and how they are shown in logs.

use std::fmt;
use std::time::Duration;

use super::DEFAULT_REGION;

/// Where and how to reach the bucket shared by every API replica.
#[derive(Debug, Clone)]
pub struct S3Config {
    /// `None` means AWS itself; set it for MinIO, moto, Ceph and the like.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    /// `None` defers to the standard AWS chain (environment variables, profile
    /// files, container and instance roles), which is what a deployment on AWS
    /// with an IAM role wants.
    pub credentials: Option<S3Credentials>,
    /// On by default: MinIO and moto serve buckets under the path, not as
    /// sub-domains, which would need wildcard DNS.
    pub force_path_style: bool,
    /// Bounds the TCP/TLS handshake so a dead endpoint fails fast.
    pub connect_timeout: Duration,
    /// Bounds a whole operation, retries included, so no request hangs.
    pub operation_timeout: Duration,
}

/// Static credentials. `Debug` hides the secret so a config can be printed.
#[derive(Clone)]
pub struct S3Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl fmt::Debug for S3Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .field("session_token", &self.session_token.as_ref().map(|_| "***"))
            .finish()
    }
}

impl S3Config {
    pub fn new(bucket: impl Into<String>) -> Self {
        Self {
            endpoint: None,
            bucket: bucket.into(),
            region: DEFAULT_REGION.to_owned(),
            credentials: None,
            force_path_style: true,
            connect_timeout: Duration::from_secs(5),
            operation_timeout: Duration::from_secs(30),
        }
    }

    /// `s3:<bucket>@<endpoint>`; user info in the endpoint URL is dropped
    /// because it could hold a password.
    pub fn describe(&self) -> String {
        let location = match &self.endpoint {
            Some(endpoint) => without_userinfo(endpoint),
            None => format!("aws/{}", self.region),
        };
        format!("s3:{}@{location}", self.bucket)
    }
}

fn without_userinfo(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let rest = match rest[..authority_end].rfind('@') {
        Some(at) => &rest[at + 1..],
        None => rest,
    };
    if scheme.is_empty() {
        rest.to_owned()
    } else {
        format!("{scheme}://{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_names_the_bucket_and_the_endpoint_or_the_aws_region() {
        let mut config = S3Config::new("coop-files");
        config.endpoint = Some("http://127.0.0.1:9000".into());
        assert_eq!(config.describe(), "s3:coop-files@http://127.0.0.1:9000");
        let mut aws = S3Config::new("b");
        aws.region = "ap-southeast-1".into();
        assert_eq!(aws.describe(), "s3:b@aws/ap-southeast-1");
    }

    #[test]
    fn describe_never_shows_userinfo_from_the_endpoint() {
        let mut config = S3Config::new("b");
        config.endpoint = Some("https://minio:hunter2@files.example:9000/base".into());
        assert_eq!(config.describe(), "s3:b@https://files.example:9000/base");
    }
}
