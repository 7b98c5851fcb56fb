//! Answers to anonymous GraphQL queries, kept for a few seconds.
//!
//! Most traffic is anonymous buyers reading the same public pages (a
//! cooperative, a product list, a popular search). Building such a page costs
//! about a dozen SQL statements; replaying the answer costs none. So an
//! anonymous query's answer is kept, keyed by the exact request body, and is
//! served again while both hold:
//!
//! - it is younger than the time to live (`COOPBRIDGE_RESPONSE_CACHE_SECONDS`,
//!   5 s by default), which bounds how stale an answer can be when the change
//!   came from elsewhere (another instance, the passing of a deadline);
//! - nothing was written since it was computed: every mutation, and every
//!   round of the search worker that changed the index, moves the cache to a
//!   new generation, and answers of older generations are never served. A
//!   cooperative that edits its page sees the change at once. On PostgreSQL
//!   the other replicas hear of the write too and do the same
//!   ([`super::cache_peers`]), so no replica replays a stale answer.
//!
//! Only complete answers (no `errors`) are kept. Requests with a bearer token,
//! file uploads and anything that may be a mutation always run.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;

/// One kept answer and the generation it was computed in.
#[derive(Clone)]
struct Entry {
    generation: u64,
    body: Bytes,
}

/// Answers larger than this are not kept (exports, very long pages).
const MAX_ENTRY_BYTES: usize = 512 * 1024;

pub struct ResponseCache {
    entries: moka::sync::Cache<Bytes, Entry>,
    generation: AtomicU64,
    /// Where [`Self::changed`] tells the other replicas (PostgreSQL only).
    peers: OnceLock<tokio::sync::mpsc::UnboundedSender<()>>,
}

impl ResponseCache {
    /// `None` when `ttl` is zero (the cache is off).
    pub fn new(ttl: Duration, max_bytes: u64) -> Option<Arc<Self>> {
        if ttl.is_zero() {
            return None;
        }
        let entries = moka::sync::Cache::builder()
            .time_to_live(ttl)
            .max_capacity(max_bytes)
            .weigher(|key: &Bytes, entry: &Entry| u32::try_from(key.len() + entry.body.len() + 64).unwrap_or(u32::MAX))
            .build();
        Some(Arc::new(Self {
            entries,
            generation: AtomicU64::new(0),
            peers: OnceLock::new(),
        }))
    }

    /// The generation to note before executing a request whose answer may be kept.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The kept answer to exactly this request body, if still current.
    pub fn lookup(&self, request_body: &[u8]) -> Option<Bytes> {
        let entry = self.entries.get(request_body)?;
        (entry.generation == self.generation()).then_some(entry.body)
    }

    /// Keeps `body` as the answer to `request_body`, computed in `generation`.
    /// Nothing is kept if a write happened meanwhile.
    pub fn store(&self, request_body: Bytes, generation: u64, body: Bytes) {
        if body.len() > MAX_ENTRY_BYTES || generation != self.generation() {
            return;
        }
        self.entries.insert(request_body, Entry { generation, body });
    }

    /// Something readable may have changed: no answer kept so far is served again.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Something was written here: [`Self::invalidate`], and tell the other
    /// replicas to do the same.
    pub fn changed(&self) {
        self.invalidate();
        if let Some(peers) = self.peers.get() {
            let _ = peers.send(());
        }
    }

    /// Sends every later [`Self::changed`] to `peers` as well.
    pub(super) fn set_peers(&self, peers: tokio::sync::mpsc::UnboundedSender<()>) {
        let _ = self.peers.set(peers);
    }
}

/// Conservative: a GraphQL mutation always contains the keyword `mutation`
/// (keywords are case-sensitive), so a document without it is a query. A
/// query that merely mentions the word is treated as a mutation, which only
/// costs a cache miss and an invalidation.
pub fn may_write(query: &str) -> bool {
    query.contains("mutation") || query.contains("subscription")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache() -> Arc<ResponseCache> {
        ResponseCache::new(Duration::from_secs(60), 1 << 20).unwrap()
    }

    #[test]
    fn an_answer_is_served_again_until_a_write() {
        let cache = cache();
        let request = Bytes::from_static(br#"{"query":"{ products { totalCount } }"}"#);
        cache.store(request.clone(), cache.generation(), Bytes::from_static(b"{\"data\":1}"));
        assert_eq!(cache.lookup(&request).as_deref(), Some(&b"{\"data\":1}"[..]));
        cache.invalidate();
        assert_eq!(cache.lookup(&request), None);
    }

    #[test]
    fn a_change_here_is_passed_on_to_the_other_replicas() {
        let cache = cache();
        let (peers, mut heard) = tokio::sync::mpsc::unbounded_channel();
        cache.set_peers(peers);
        let request = Bytes::from_static(b"{}");
        cache.store(request.clone(), cache.generation(), Bytes::from_static(b"old"));
        cache.invalidate();
        assert!(heard.try_recv().is_err(), "what others told us is not sent back");
        cache.store(request.clone(), cache.generation(), Bytes::from_static(b"old"));
        cache.changed();
        assert_eq!(cache.lookup(&request), None);
        assert!(heard.try_recv().is_ok(), "a write here is passed on");
    }

    #[test]
    fn an_answer_computed_across_a_write_is_not_kept() {
        let cache = cache();
        let request = Bytes::from_static(b"{}");
        let before = cache.generation();
        cache.invalidate();
        cache.store(request.clone(), before, Bytes::from_static(b"old"));
        assert_eq!(cache.lookup(&request), None);
    }

    #[test]
    fn oversized_answers_are_not_kept() {
        let cache = cache();
        let request = Bytes::from_static(b"{}");
        cache.store(
            request.clone(),
            cache.generation(),
            Bytes::from(vec![b' '; MAX_ENTRY_BYTES + 1]),
        );
        assert_eq!(cache.lookup(&request), None);
    }

    #[test]
    fn zero_seconds_turns_the_cache_off() {
        assert!(ResponseCache::new(Duration::ZERO, 1 << 20).is_none());
    }

    #[test]
    fn only_documents_without_mutation_count_as_queries() {
        assert!(!may_write(
            "query Cooperative($slug: String!) { producerBySlug(slug: $slug) { name } }"
        ));
        assert!(may_write("mutation { signOut }"));
        assert!(may_write(
            "mutation($i: X!) { createProduct(input: $i) { errors { code } } }"
        ));
    }
}
