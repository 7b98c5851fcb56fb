//! The embedded engine: a tantivy index on disk, one writer behind a mutex, blocking work on
//! tokio's blocking pool; every write commits and reloads the reader before returning.

mod collect;
mod query;
mod schema;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use tantivy::directory::MmapDirectory;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use self::collect::{SearchCollector, SortKey};
use self::schema::Fields;
use crate::{
    DocumentKind, SearchDocument, SearchError, SearchHit, SearchIndex, SearchRequest, SearchResponse, SearchSort,
    Suggestion, text,
};

const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;
/// Suggestions returned at most.
pub const MAX_SUGGESTIONS: usize = 20;

struct Inner {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

/// The tantivy engine. Cheap to clone.
#[derive(Clone)]
pub struct TantivyIndex {
    inner: Arc<Inner>,
}

fn internal(e: impl std::fmt::Display) -> SearchError {
    SearchError::Internal(e.to_string())
}

impl TantivyIndex {
    /// Creates the index under `dir` (and the directory), or opens the one already there.
    pub async fn open(dir: PathBuf) -> Result<TantivyIndex, SearchError> {
        tokio::task::spawn_blocking(move || Self::open_blocking(dir))
            .await
            .map_err(internal)?
    }

    fn open_blocking(dir: PathBuf) -> Result<TantivyIndex, SearchError> {
        std::fs::create_dir_all(&dir).map_err(|e| internal(format!("cannot create {}: {e}", dir.display())))?;
        let directory = MmapDirectory::open(&dir).map_err(internal)?;
        let index = Index::open_or_create(directory, schema::build_schema()).map_err(|e| {
            internal(format!(
                "cannot open the search index in {} (delete it and reindex): {e}",
                dir.display()
            ))
        })?;
        schema::register_tokenizer(&index);
        let fields = Fields::resolve(&index.schema()).map_err(internal)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(internal)?;
        let writer = index.writer(WRITER_MEMORY_BYTES).map_err(internal)?;
        Ok(TantivyIndex {
            inner: Arc::new(Inner {
                index,
                reader,
                writer: Mutex::new(writer),
                fields,
            }),
        })
    }

    /// Runs `f` on the blocking pool.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Inner) -> Result<T, SearchError> + Send + 'static,
    ) -> Result<T, SearchError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || f(&inner)).await.map_err(internal)?
    }

    /// Applies `change` with the writer, commits and reloads so searches see it.
    async fn write(
        &self,
        change: impl FnOnce(&mut IndexWriter, &Fields) -> Result<(), SearchError> + Send + 'static,
    ) -> Result<(), SearchError> {
        self.blocking(move |inner| {
            let mut writer = inner.writer.lock().map_err(|_| internal("index writer poisoned"))?;
            if let Err(e) = change(&mut writer, &inner.fields) {
                writer.rollback().map_err(internal)?;
                return Err(e);
            }
            writer.commit().map_err(internal)?;
            inner.reader.reload().map_err(internal)
        })
        .await
    }

    /// Index files' total size in bytes.
    pub fn size_bytes(&self) -> u64 {
        let searcher = self.inner.reader.searcher();
        searcher.space_usage().map(|u| u.total().get_bytes()).unwrap_or(0)
    }

    /// The tantivy index (for tools such as the benchmark).
    pub fn tantivy(&self) -> &Index {
        &self.inner.index
    }
}

fn stored_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn run_search(inner: &Inner, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
    let parsed = text::parse_query(&request.text);
    let text_query = query::text_query(&inner.fields, &parsed);
    let scoring = text_query.is_some();
    let q = query::combine(text_query, query::filter_clauses(&inner.fields, &request.filter));
    let key = match request.sort {
        SearchSort::Relevance if scoring => SortKey::Score,
        SearchSort::Relevance => SortKey::Browse,
        SearchSort::Newest => SortKey::Newest,
        SearchSort::Distance(_) => SortKey::Distance,
    };
    let collector = SearchCollector {
        key,
        radius: request.filter.near,
        point: request.reference_point(),
        top_n: if request.limit == 0 {
            0
        } else {
            request.offset + request.limit
        },
        facets: request.facets,
        scoring,
    };
    let searcher = inner.reader.searcher();
    let fruit = searcher.search(&*q, &collector).map_err(internal)?;
    let folded_words = parsed.folded_words();
    let mut hits = Vec::new();
    for c in fruit.top.iter().skip(request.offset) {
        let doc: TantivyDocument = searcher.doc(DocAddress::new(c.segment, c.doc)).map_err(internal)?;
        let kind = DocumentKind::parse(&stored_str(&doc, inner.fields.kind)).unwrap_or(DocumentKind::Product);
        let title_highlight = request
            .highlight
            .then(|| text::highlight(&stored_str(&doc, inner.fields.title), &folded_words, None));
        hits.push(SearchHit {
            id: stored_str(&doc, inner.fields.id),
            kind,
            score: c.score,
            distance_km: c.distance_km,
            title_highlight,
        });
    }
    Ok(SearchResponse {
        total: fruit.total,
        hits,
        facets: fruit.facets.map(collect::to_facets),
    })
}

fn run_suggest(
    inner: &Inner,
    prefix: &str,
    kinds: &[DocumentKind],
    limit: usize,
) -> Result<Vec<Suggestion>, SearchError> {
    let limit = limit.min(MAX_SUGGESTIONS);
    if limit == 0 {
        return Ok(Vec::new());
    }
    let q = query::suggest_query(&inner.fields, prefix, kinds);
    let collector = SearchCollector {
        key: SortKey::Score,
        radius: None,
        point: None,
        top_n: limit * 5,
        facets: false,
        scoring: true,
    };
    let searcher = inner.reader.searcher();
    let fruit = searcher.search(&*q, &collector).map_err(internal)?;
    let mut out: Vec<Suggestion> = Vec::new();
    for c in fruit.top {
        let doc: TantivyDocument = searcher.doc(DocAddress::new(c.segment, c.doc)).map_err(internal)?;
        let title = stored_str(&doc, inner.fields.title);
        if out.iter().any(|s| text::fold(&s.text) == text::fold(&title)) {
            continue;
        }
        let kind = DocumentKind::parse(&stored_str(&doc, inner.fields.kind)).unwrap_or(DocumentKind::Product);
        out.push(Suggestion {
            text: title,
            id: stored_str(&doc, inner.fields.id),
            kind,
        });
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

#[async_trait]
impl SearchIndex for TantivyIndex {
    fn engine(&self) -> &'static str {
        "tantivy"
    }

    async fn upsert(&self, docs: Vec<SearchDocument>) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        self.write(move |writer, fields| {
            for doc in &docs {
                writer.delete_term(Term::from_field_text(fields.id, &doc.id));
                writer.add_document(fields.document(doc)).map_err(internal)?;
            }
            Ok(())
        })
        .await
    }

    async fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.write(move |writer, fields| {
            for id in &ids {
                writer.delete_term(Term::from_field_text(fields.id, id));
            }
            Ok(())
        })
        .await
    }

    async fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        request.validate()?;
        let request = request.clone();
        self.blocking(move |inner| run_search(inner, &request)).await
    }

    async fn suggest(
        &self,
        prefix: &str,
        kinds: &[DocumentKind],
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        let (prefix, kinds) = (prefix.to_string(), kinds.to_vec());
        self.blocking(move |inner| run_suggest(inner, &prefix, &kinds, limit))
            .await
    }

    async fn clear(&self) -> Result<(), SearchError> {
        self.write(|writer, _| writer.delete_all_documents().map(|_| ()).map_err(internal))
            .await
    }

    async fn document_count(&self) -> Result<u64, SearchError> {
        self.blocking(|inner| Ok(inner.reader.searcher().num_docs())).await
    }

    async fn health(&self) -> Result<(), SearchError> {
        Ok(())
    }
}

impl TantivyIndex {
    /// Searches synchronously on the calling thread (for in-process benchmarks).
    pub fn search_blocking(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        request.validate()?;
        run_search(&self.inner, request)
    }
}
