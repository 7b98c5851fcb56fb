use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use aws_config::BehaviorVersion;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::config::{Credentials, Region, RequestChecksumCalculation};
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
use bytes::Bytes;

use crate::{Blob, BlobKey, BlobStore, StorageError, check_content_type};

/// The region S3 treats as the default: creating a bucket there must not name
/// a location constraint.
const DEFAULT_REGION: &str = "us-east-1";

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

    /// Reads the process environment; see [`S3Config::from_lookup`].
    pub fn from_env() -> Option<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the config from variables, or `None` when `COOPBRIDGE_S3_BUCKET`
    /// is unset or empty (meaning: do not use S3). Reads `S3_ENDPOINT`,
    /// `AWS_REGION` (then `AWS_DEFAULT_REGION`, else us-east-1),
    /// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`),
    /// and `S3_FORCE_PATH_STYLE=false` for virtual-hosted buckets on AWS.
    /// Taking a lookup function lets tests cover this without mutating the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let var = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut config = Self::new(var("COOPBRIDGE_S3_BUCKET")?);
        config.endpoint = var("S3_ENDPOINT");
        if let Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
            config.region = region;
        }
        if let (Some(access_key_id), Some(secret_access_key)) = (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY"))
        {
            config.credentials = Some(S3Credentials {
                access_key_id,
                secret_access_key,
                session_token: var("AWS_SESSION_TOKEN"),
            });
        }
        if let Some(flag) = var("S3_FORCE_PATH_STYLE") {
            config.force_path_style = !matches!(flag.to_ascii_lowercase().as_str(), "false" | "0" | "no" | "off");
        }
        Some(config)
    }

    /// `s3:<bucket>@<endpoint>`; user info in the endpoint URL is dropped
    /// because it could hold a password.
    fn describe(&self) -> String {
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

/// Blobs in an S3-compatible bucket, shared by any number of API replicas.
/// S3 replaces an object in one step, so overwrites are atomic for readers.
#[derive(Debug, Clone)]
pub struct S3Store {
    client: Client,
    bucket: String,
    description: String,
}

impl S3Store {
    /// Builds the client and makes sure the bucket exists, so a wrong endpoint
    /// or credentials fail at start-up rather than on the first upload.
    pub async fn connect(config: S3Config) -> Result<Self, StorageError> {
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(config.connect_timeout)
            .operation_timeout(config.operation_timeout)
            .build();
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(config.region.clone()))
            .timeout_config(timeouts);
        if let Some(endpoint) = &config.endpoint {
            loader = loader.endpoint_url(endpoint);
        }
        if let Some(c) = &config.credentials {
            loader = loader.credentials_provider(Credentials::new(
                &c.access_key_id,
                &c.secret_access_key,
                c.session_token.clone(),
                None,
                "coopbridge-config",
            ));
        }
        let sdk_config = loader.load().await;
        let s3_config = aws_sdk_s3::config::Builder::from(&sdk_config)
            .force_path_style(config.force_path_style)
            // Since 2025 the SDK adds CRC checksums to every upload by default;
            // several S3-compatible servers reject or mishandle them.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .build();
        let store = Self {
            client: Client::from_conf(s3_config),
            bucket: config.bucket.clone(),
            description: config.describe(),
        };
        store.ensure_bucket(&config.region).await?;
        Ok(store)
    }

    /// Idempotent, so replicas starting together all succeed. Looking first
    /// means a deployment whose role may not create buckets still starts.
    async fn ensure_bucket(&self, region: &str) -> Result<(), StorageError> {
        match self.client.head_bucket().bucket(&self.bucket).send().await {
            Ok(_) => return Ok(()),
            Err(e) if status(&e) == Some(404) => {}
            Err(e) => return Err(map_err("HeadBucket", &self.bucket, e)),
        }
        let mut request = self.client.create_bucket().bucket(&self.bucket);
        if region != DEFAULT_REGION {
            request = request.create_bucket_configuration(
                CreateBucketConfiguration::builder()
                    .location_constraint(BucketLocationConstraint::from(region))
                    .build(),
            );
        }
        match request.send().await {
            Ok(_) => {
                tracing::info!(bucket = %self.bucket, "created S3 bucket");
                Ok(())
            }
            Err(e) if e.as_service_error().is_some_and(|s| s.is_bucket_already_owned_by_you()) => Ok(()),
            // Some servers say "exists" to its owner too; if we can see the
            // bucket it is ours to use.
            Err(e) if e.as_service_error().is_some_and(|s| s.is_bucket_already_exists()) => self
                .client
                .head_bucket()
                .bucket(&self.bucket)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| map_err("HeadBucket", &self.bucket, e)),
            Err(e) => Err(map_err("CreateBucket", &self.bucket, e)),
        }
    }
}

#[async_trait]
impl BlobStore for S3Store {
    async fn put(&self, key: &BlobKey, bytes: Bytes, content_type: &str) -> Result<(), StorageError> {
        check_content_type(content_type)?;
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(|e| map_err("PutObject", key.as_str(), e))?;
        Ok(())
    }

    async fn get(&self, key: &BlobKey) -> Result<Option<Blob>, StorageError> {
        let output = match self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(output) => output,
            Err(e) if is_missing_key(&e) => return Ok(None),
            Err(e) => return Err(map_err("GetObject", key.as_str(), e)),
        };
        let content_type = output.content_type().unwrap_or("application/octet-stream").to_owned();
        let bytes =
            output.body.collect().await.map_err(|e| {
                StorageError::Unavailable(format!("s3 GetObject {key}: body interrupted: {}", causes(&e)))
            })?;
        Ok(Some(Blob {
            bytes: bytes.into_bytes(),
            content_type,
        }))
    }

    async fn delete(&self, key: &BlobKey) -> Result<(), StorageError> {
        match self
            .client
            .delete_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(_) => Ok(()),
            // S3 answers 204 for a missing key; some compatible servers say 404.
            Err(e) if is_missing_key(&e) => Ok(()),
            Err(e) => Err(map_err("DeleteObject", key.as_str(), e)),
        }
    }

    async fn exists(&self, key: &BlobKey) -> Result<bool, StorageError> {
        match self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if is_missing_key(&e) => Ok(false),
            Err(e) => Err(map_err("HeadObject", key.as_str(), e)),
        }
    }

    async fn health(&self) -> Result<(), StorageError> {
        self.client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| map_err("HeadBucket", &self.bucket, e))
    }

    fn describe(&self) -> String {
        self.description.clone()
    }
}

fn status<E>(err: &SdkError<E, HttpResponse>) -> Option<u16> {
    match err {
        SdkError::ServiceError(e) => Some(e.raw().status().as_u16()),
        _ => None,
    }
}

/// A 404 about the key, not about a bucket that vanished under us, which must
/// surface as an error rather than read as "no such file". (HEAD responses
/// carry no error code, so there a missing bucket also reads as absent.)
fn is_missing_key<E: ProvideErrorMetadata>(err: &SdkError<E, HttpResponse>) -> bool {
    status(err) == Some(404) && err.code() != Some("NoSuchBucket")
}

/// Names the operation, the target and the server's error code. The server's
/// free-text message is left out: it is not ours to vouch for, and the code
/// says enough to act on.
fn map_err<E>(operation: &str, target: &str, err: SdkError<E, HttpResponse>) -> StorageError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match &err {
        SdkError::ServiceError(e) => {
            let status = e.raw().status();
            let code = err.code().unwrap_or("no error code");
            let message = format!("s3 {operation} {target}: {code} (HTTP {})", status.as_u16());
            if status.is_server_error() || status.as_u16() == 429 {
                StorageError::Unavailable(message)
            } else {
                StorageError::Other(message)
            }
        }
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            StorageError::Unavailable(format!("s3 {operation} {target}: {}", causes(&err)))
        }
        _ => StorageError::Other(format!("s3 {operation} {target}: {}", causes(&err))),
    }
}

/// The chain of `Display` messages only: the SDK's `Debug` forms can carry a
/// whole raw response.
fn causes(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.ends_with(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn no_bucket_variable_means_no_s3() {
        assert!(S3Config::from_lookup(vars(&[("S3_ENDPOINT", "http://127.0.0.1:9000")])).is_none());
        assert!(S3Config::from_lookup(vars(&[("COOPBRIDGE_S3_BUCKET", " ")])).is_none());
    }

    #[test]
    fn reads_endpoint_region_and_credentials_from_the_standard_variables() {
        let config = S3Config::from_lookup(vars(&[
            ("COOPBRIDGE_S3_BUCKET", "coop-files"),
            ("S3_ENDPOINT", "http://127.0.0.1:9000"),
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "very-secret"),
        ]))
        .unwrap();
        assert_eq!(config.bucket, "coop-files");
        assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(config.region, "us-east-1");
        assert!(config.force_path_style);
        assert_eq!(config.credentials.as_ref().unwrap().access_key_id, "AKIDEXAMPLE");
        assert!(!format!("{config:?}").contains("very-secret"));
        assert_eq!(config.describe(), "s3:coop-files@http://127.0.0.1:9000");

        let aws = S3Config::from_lookup(vars(&[
            ("COOPBRIDGE_S3_BUCKET", "b"),
            ("AWS_REGION", "ap-southeast-1"),
            ("S3_FORCE_PATH_STYLE", "false"),
        ]))
        .unwrap();
        assert!(aws.credentials.is_none() && !aws.force_path_style);
        assert_eq!(aws.describe(), "s3:b@aws/ap-southeast-1");
    }

    #[test]
    fn describe_never_shows_userinfo_from_the_endpoint() {
        let mut config = S3Config::new("b");
        config.endpoint = Some("https://minio:hunter2@files.example:9000/base".into());
        assert_eq!(config.describe(), "s3:b@https://files.example:9000/base");
    }
}
