//! Blobs in an S3-compatible bucket (AWS, MinIO, moto, Ceph), for
//! deployments with more than one API replica.

mod config;
mod errors;

use async_trait::async_trait;
use aws_config::BehaviorVersion;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::{Credentials, Region, RequestChecksumCalculation};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
use bytes::Bytes;

pub use config::{S3Config, S3Credentials};
use errors::{causes, found, map_err, status};

use crate::{Blob, BlobKey, BlobStore, StorageError, check_content_type};

/// The region S3 treats as the default: creating a bucket there must not name
/// a location constraint.
const DEFAULT_REGION: &str = "us-east-1";

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
        let request = self.client.get_object().bucket(&self.bucket).key(key.as_str());
        let Some(output) = found(request.send().await, "GetObject", key.as_str())? else {
            return Ok(None);
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
        // S3 answers 204 for a missing key; some compatible servers say 404.
        let request = self.client.delete_object().bucket(&self.bucket).key(key.as_str());
        found(request.send().await, "DeleteObject", key.as_str())?;
        Ok(())
    }

    async fn exists(&self, key: &BlobKey) -> Result<bool, StorageError> {
        let request = self.client.head_object().bucket(&self.bucket).key(key.as_str());
        Ok(found(request.send().await, "HeadObject", key.as_str())?.is_some())
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
