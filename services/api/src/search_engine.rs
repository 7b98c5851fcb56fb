//! Opening the search engine and running its worker next to the server.
//!
//! The embedded tantivy index opens at start (a failure there is a broken
//! data directory, so start-up stops). Meilisearch is a separate service that
//! may be down: the server starts anyway, catalog writes keep succeeding (they
//! only add outbox rows), searches answer `UNAVAILABLE`, and the engine is
//! connected on first use once it is back.

use std::sync::Arc;

use async_trait::async_trait;
use coopbridge_search::{
    DocumentKind, Rebuild, SearchConfig, SearchDocument, SearchError, SearchIndex, SearchRequest, SearchResponse,
    Suggestion,
};
use tokio::sync::OnceCell;

/// Opens the configured engine; Meilisearch lazily (see the module docs).
pub async fn open(config: SearchConfig) -> anyhow::Result<Arc<dyn SearchIndex>> {
    match config {
        SearchConfig::Tantivy { ref dir } => {
            let dir = dir.display().to_string();
            coopbridge_search::open(config)
                .await
                .map_err(|e| anyhow::anyhow!("cannot open the search index in {dir}: {e}"))
        }
        config @ SearchConfig::Meilisearch { .. } => {
            let lazy = LazyIndex {
                config,
                inner: OnceCell::new(),
            };
            if let Err(error) = lazy.get().await {
                tracing::warn!(%error, "Meilisearch is not reachable yet; search answers UNAVAILABLE until it is");
            }
            Ok(Arc::new(lazy))
        }
    }
}

struct LazyIndex {
    config: SearchConfig,
    inner: OnceCell<Arc<dyn SearchIndex>>,
}

impl LazyIndex {
    async fn get(&self) -> Result<&Arc<dyn SearchIndex>, SearchError> {
        self.inner
            .get_or_try_init(|| coopbridge_search::open(self.config.clone()))
            .await
    }
}

#[async_trait]
impl SearchIndex for LazyIndex {
    fn engine(&self) -> &'static str {
        "meilisearch"
    }
    async fn upsert(&self, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        self.get().await?.upsert(docs).await
    }
    async fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        self.get().await?.delete(ids).await
    }
    async fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        self.get().await?.search(request).await
    }
    async fn suggest(
        &self,
        prefix: &str,
        kinds: &[DocumentKind],
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        self.get().await?.suggest(prefix, kinds, limit).await
    }
    async fn clear(&self) -> Result<(), SearchError> {
        self.get().await?.clear().await
    }
    async fn rebuild(&self) -> Result<Box<dyn Rebuild + '_>, SearchError> {
        self.get().await?.rebuild().await
    }
    async fn document_count(&self) -> Result<u64, SearchError> {
        self.get().await?.document_count().await
    }
    async fn health(&self) -> Result<(), SearchError> {
        self.get().await?.health().await
    }
}
