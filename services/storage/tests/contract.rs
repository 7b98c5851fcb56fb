//! One contract for every [`BlobStore`]: the API relies on exactly these
//! behaviours, whichever backend a deployment configures. It runs on the local
//! store always and on S3 when `S3_ENDPOINT` points at an S3-compatible server
//! (`.ci/run` starts moto there, so CI never skips it).

use std::time::{Duration, Instant};

use bytes::Bytes;
use coopbridge_storage::{BlobKey, BlobStore, LocalStore, S3Config, S3Credentials, S3Store, StorageError};

fn key(s: &str) -> BlobKey {
    BlobKey::new(s).unwrap()
}

/// Keys are namespaced per run so the suite can share a bucket with others.
async fn contract_suite(store: &dyn BlobStore) {
    let ns = format!("contract/{}", uuid::Uuid::new_v4().simple());
    health_is_ok(store).await;
    put_then_get_returns_bytes_and_content_type(store, &ns).await;
    put_overwrites_the_previous_object(store, &ns).await;
    get_of_a_missing_key_is_none(store, &ns).await;
    delete_removes_the_object(store, &ns).await;
    delete_of_a_missing_key_is_ok(store, &ns).await;
    nested_keys_and_their_prefixes_are_distinct_objects(store, &ns).await;
    every_byte_value_survives(store, &ns).await;
    a_5_mib_blob_round_trips(store, &ns).await;
    concurrent_puts_of_20_keys_all_land(store, &ns).await;
    readers_never_see_a_half_written_overwrite(store, &ns).await;
    a_content_type_with_control_characters_is_refused(store, &ns).await;
}

async fn health_is_ok(store: &dyn BlobStore) {
    store.health().await.expect("health");
}

async fn put_then_get_returns_bytes_and_content_type(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/logo.png"));
    store
        .put(&k, Bytes::from_static(b"\x89PNG fake"), "image/png")
        .await
        .unwrap();
    let blob = store.get(&k).await.unwrap().expect("stored blob");
    assert_eq!(blob.bytes, Bytes::from_static(b"\x89PNG fake"));
    assert_eq!(blob.content_type, "image/png");
    assert!(store.exists(&k).await.unwrap());
}

async fn put_overwrites_the_previous_object(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/overwrite"));
    store
        .put(&k, Bytes::from_static(b"first version"), "image/png")
        .await
        .unwrap();
    store
        .put(&k, Bytes::from_static(b"2nd"), "application/pdf")
        .await
        .unwrap();
    let blob = store.get(&k).await.unwrap().unwrap();
    assert_eq!(
        blob.bytes,
        Bytes::from_static(b"2nd"),
        "no tail of the longer old version"
    );
    assert_eq!(blob.content_type, "application/pdf");
}

async fn get_of_a_missing_key_is_none(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/never-written"));
    assert_eq!(store.get(&k).await.unwrap(), None);
    assert!(!store.exists(&k).await.unwrap());
    let under_missing_dir = key(&format!("{ns}/no-such-dir/file"));
    assert_eq!(store.get(&under_missing_dir).await.unwrap(), None);
}

async fn delete_removes_the_object(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/to-delete.pdf"));
    store
        .put(&k, Bytes::from_static(b"%PDF-1.7"), "application/pdf")
        .await
        .unwrap();
    store.delete(&k).await.unwrap();
    assert!(!store.exists(&k).await.unwrap());
    assert_eq!(store.get(&k).await.unwrap(), None);
}

async fn delete_of_a_missing_key_is_ok(store: &dyn BlobStore, ns: &str) {
    store.delete(&key(&format!("{ns}/never-there"))).await.unwrap();
    store.delete(&key(&format!("{ns}/no-dir/never-there"))).await.unwrap();
}

async fn nested_keys_and_their_prefixes_are_distinct_objects(store: &dyn BlobStore, ns: &str) {
    let parent = key(&format!("{ns}/coops/42"));
    let child = key(&format!("{ns}/coops/42/photos/1.jpg"));
    store
        .put(&child, Bytes::from_static(b"child"), "image/jpeg")
        .await
        .unwrap();
    assert!(!store.exists(&parent).await.unwrap(), "a prefix is not an object");
    store
        .put(&parent, Bytes::from_static(b"parent"), "text/plain")
        .await
        .unwrap();
    assert_eq!(
        store.get(&child).await.unwrap().unwrap().bytes,
        Bytes::from_static(b"child")
    );
    assert_eq!(
        store.get(&parent).await.unwrap().unwrap().bytes,
        Bytes::from_static(b"parent")
    );
    store.delete(&parent).await.unwrap();
    assert!(store.exists(&child).await.unwrap());
}

async fn every_byte_value_survives(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/binary"));
    // Leading newline and CR bytes catch any header or line-ending handling.
    let mut all: Vec<u8> = b"\n\r\n".to_vec();
    all.extend((0..=255u8).chain((0..=255u8).rev()));
    store
        .put(&k, Bytes::from(all.clone()), "application/octet-stream")
        .await
        .unwrap();
    assert_eq!(store.get(&k).await.unwrap().unwrap().bytes.as_ref(), all.as_slice());
}

async fn a_5_mib_blob_round_trips(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/big.bin"));
    let big: Vec<u8> = (0..5 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    store
        .put(&k, Bytes::from(big.clone()), "application/octet-stream")
        .await
        .unwrap();
    let got = store.get(&k).await.unwrap().unwrap().bytes;
    assert_eq!(got.len(), big.len());
    assert!(got.as_ref() == big.as_slice(), "5 MiB content differs");
}

async fn concurrent_puts_of_20_keys_all_land(store: &dyn BlobStore, ns: &str) {
    let keys: Vec<BlobKey> = (0..20).map(|i| key(&format!("{ns}/concurrent/{i}.bin"))).collect();
    let puts = keys
        .iter()
        .enumerate()
        .map(|(i, k)| store.put(k, Bytes::from(vec![i as u8; 1000 + i]), "image/webp"));
    for result in futures::future::join_all(puts).await {
        result.unwrap();
    }
    for (i, k) in keys.iter().enumerate() {
        let blob = store.get(k).await.unwrap().unwrap_or_else(|| panic!("{k} missing"));
        assert_eq!(blob.bytes.as_ref(), vec![i as u8; 1000 + i].as_slice(), "{k}");
    }
}

/// Writer alternates two versions (bytes and type) while a reader polls: every
/// read must be exactly one whole version.
async fn readers_never_see_a_half_written_overwrite(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/contested"));
    let version = |i: usize| {
        if i.is_multiple_of(2) {
            (Bytes::from(vec![0xAA; 256 * 1024]), "image/png")
        } else {
            (Bytes::from(vec![0xBB; 200 * 1024]), "image/jpeg")
        }
    };
    let (bytes, content_type) = version(0);
    store.put(&k, bytes, content_type).await.unwrap();
    let done = std::sync::atomic::AtomicBool::new(false);
    let writer = async {
        for i in 1..=12 {
            let (bytes, content_type) = version(i);
            store.put(&k, bytes, content_type).await.unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
    };
    let reader = async {
        let mut reads = 0;
        while !done.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
            let blob = store.get(&k).await.unwrap().expect("never missing while overwritten");
            let whole = [version(0), version(1)]
                .into_iter()
                .any(|(bytes, content_type)| blob.bytes == bytes && blob.content_type == content_type);
            assert!(
                whole,
                "read {} bytes typed {} mid-overwrite",
                blob.bytes.len(),
                blob.content_type
            );
            reads += 1;
            tokio::task::yield_now().await;
        }
    };
    futures::join!(writer, reader);
}

async fn a_content_type_with_control_characters_is_refused(store: &dyn BlobStore, ns: &str) {
    let k = key(&format!("{ns}/bad-type"));
    let result = store
        .put(&k, Bytes::from_static(b"x"), "image/png\r\nX-Injected: 1")
        .await;
    assert!(matches!(result, Err(StorageError::InvalidContentType(_))), "{result:?}");
    assert!(!store.exists(&k).await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_store_satisfies_the_blob_store_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = LocalStore::new(dir.path().join("files")).await.unwrap();
    contract_suite(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_without_s3_settings_is_a_local_store_under_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = coopbridge_storage::open(None, dir.path()).await.unwrap();
    assert!(store.describe().starts_with("local:") && store.describe().ends_with("/files"));
    contract_suite(store.as_ref()).await;
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// `None` means skip. In CI a missing endpoint is a failure, so S3 support
/// cannot silently go untested.
fn s3_test_config() -> Option<S3Config> {
    let Some(endpoint) = env("S3_ENDPOINT") else {
        let in_ci = env("CI").is_some_and(|v| !matches!(v.as_str(), "false" | "0"));
        assert!(
            !in_ci,
            "CI must test S3 but S3_ENDPOINT is not set: .ci/run starts moto_server and exports S3_ENDPOINT (see .ci/run)"
        );
        println!("SKIPPED on S3: set S3_ENDPOINT");
        return None;
    };
    let mut config = S3Config::new(format!("coopbridge-test-{}", uuid::Uuid::new_v4().simple()));
    config.endpoint = Some(endpoint);
    config.region = env("AWS_REGION").unwrap_or_else(|| "us-east-1".into());
    // Explicit, so the SDK never falls back to probing instance metadata.
    config.credentials = Some(credentials(
        &env("AWS_ACCESS_KEY_ID").unwrap_or_else(|| "test".into()),
        &env("AWS_SECRET_ACCESS_KEY").unwrap_or_else(|| "test".into()),
    ));
    Some(config)
}

fn credentials(access_key_id: &str, secret_access_key: &str) -> S3Credentials {
    S3Credentials {
        access_key_id: access_key_id.into(),
        secret_access_key: secret_access_key.into(),
        session_token: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_store_satisfies_the_blob_store_contract() {
    let Some(config) = s3_test_config() else {
        return;
    };
    let bucket = config.bucket.clone();
    let store = S3Store::connect(config.clone()).await.expect("connect to S3");
    assert!(
        store.describe().starts_with(&format!("s3:{bucket}@")),
        "{}",
        store.describe()
    );
    // Connecting again to an existing bucket is how a second replica starts.
    S3Store::connect(config).await.expect("connect is idempotent");
    contract_suite(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_store_at_a_closed_port_fails_as_unavailable_instead_of_hanging() {
    let mut config = S3Config::new("coopbridge-unreachable");
    config.endpoint = Some("http://127.0.0.1:1".into());
    config.credentials = Some(credentials("test", "test-secret-never-shown"));
    let started = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(20), S3Store::connect(config))
        .await
        .expect("connect must give up by itself");
    let elapsed = started.elapsed();
    match result {
        Err(StorageError::Unavailable(message)) => {
            assert!(!message.contains("test-secret-never-shown"), "{message}");
            println!("unreachable S3 reported after {elapsed:?}: {message}");
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_store_at_a_server_that_never_answers_times_out_as_unavailable() {
    // Accepts connections and then says nothing, as a wedged proxy would:
    // only the operation timeout can end the wait.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let mut config = S3Config::new("coopbridge-silent");
    config.endpoint = Some(format!("http://{address}"));
    config.operation_timeout = Duration::from_secs(2);
    config.credentials = Some(credentials("test", "test"));
    let started = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(20), S3Store::connect(config))
        .await
        .expect("connect must give up by itself");
    silent.abort();
    assert!(
        matches!(result, Err(StorageError::Unavailable(_))),
        "{:?}",
        result.err()
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}
