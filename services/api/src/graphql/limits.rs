//! Request-level guards and error codes for what fails before any resolver
//! runs: unparsable documents, too many aliases, too deep or too complex
//! queries, fragment abuse and repeated password checks. Depth and complexity
//! are counted by async-graphql (configured in `build_schema`); this extension
//! counts aliases, measures the document's shape (`shape.rs`) before
//! async-graphql validates it, and gives every such error a stable
//! `extensions.code`, logging it once.

mod shape;

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Response, ServerError, ServerResult, ValidationResult, Variables};

pub struct RequestLimits {
    pub max_aliases: usize,
    /// Most fragment definitions per document.
    pub max_fragments: usize,
    /// The configured depth limit; brackets may nest a little deeper (see
    /// [`max_nesting`]).
    pub max_depth: usize,
}

impl ExtensionFactory for RequestLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestLimitsExtension {
            max_aliases: self.max_aliases,
            max_nesting: max_nesting(self.max_depth),
            shape: shape::ShapeLimits {
                max_fragments: self.max_fragments,
                max_spread_depth: self.max_depth,
                max_nodes: MAX_NODES,
            },
        })
    }
}

struct RequestLimitsExtension {
    max_aliases: usize,
    max_nesting: usize,
    shape: shape::ShapeLimits,
}

/// Most fields, arguments and directives in a document once its fragments are
/// expanded. The web UI's largest query has a few hundred; validation work
/// grows with this number (some rules compare fields pairwise).
const MAX_NODES: u64 = 5_000;

/// How deep `{`, `[` and `(` may nest in a document. The parser recurses on
/// nested values (`[[[[…]]]]`, `{a: {a: …}}`) without a limit of its own, so a
/// few thousand levels, well inside the body limit, overflowed the stack and
/// took the whole process down; documents nested deeper than any real query
/// are refused before parsing.
fn max_nesting(max_depth: usize) -> usize {
    (2 * max_depth + 16).max(64)
}

/// The deepest bracket nesting in a document, ignoring strings and comments.
fn nesting_depth(query: &str) -> usize {
    let bytes = query.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// Whether an execution error is async-graphql refusing an argument or
/// variable value of the wrong type (`"2026-02-30"` for a date, `2147483648`
/// for an `Int`, a missing required variable). Validation catches literals of
/// the wrong kind; values that are checked only while executing get the same
/// code here instead of none.
fn is_input_error(message: &str) -> bool {
    message.starts_with("Failed to parse \"")
        || message.starts_with("Expected input type")
        || message.starts_with("Invalid value for argument")
        || (message.starts_with("Variable ") && message.ends_with(" is not defined."))
}

fn with_code(mut error: ServerError, code: &str) -> ServerError {
    error.extensions.get_or_insert_with(Default::default).set("code", code);
    error
}

fn count_aliases(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|s| match &s.node {
            Selection::Field(f) => usize::from(f.node.alias.is_some()) + count_aliases(&f.node.selection_set.node),
            Selection::InlineFragment(f) => count_aliases(&f.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

fn document_aliases(doc: &ExecutableDocument) -> usize {
    let in_operations: usize = doc
        .operations
        .iter()
        .map(|(_, op)| count_aliases(&op.node.selection_set.node))
        .sum();
    let in_fragments: usize = doc
        .fragments
        .values()
        .map(|f| count_aliases(&f.node.selection_set.node))
        .sum();
    in_operations + in_fragments
}

#[async_trait::async_trait]
impl Extension for RequestLimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let nesting = nesting_depth(query);
        if nesting > self.max_nesting {
            tracing::info!(code = "QUERY_TOO_DEEP", nesting, "request refused before parsing");
            return Err(with_code(
                ServerError::new(
                    format!(
                        "Brackets nest {nesting} levels deep; at most {} are allowed.",
                        self.max_nesting
                    ),
                    None,
                ),
                "QUERY_TOO_DEEP",
            ));
        }
        // Parsed here first and measured before `next` runs: async-graphql's
        // own step after parsing walks every fragment spread recursively
        // without memory (exponential for fragments spreading the next one
        // twice). Accepted documents are small, so parsing them twice is cheap.
        let parse_failed = |e: ServerError| {
            tracing::info!(code = "GRAPHQL_PARSE_FAILED", error = %e.message, "request refused");
            with_code(e, "GRAPHQL_PARSE_FAILED")
        };
        let parsed = async_graphql::parser::parse_query(query).map_err(|e| parse_failed(e.into()))?;
        let aliases = document_aliases(&parsed);
        if aliases > self.max_aliases {
            tracing::info!(code = "QUERY_TOO_MANY_ALIASES", aliases, "request refused");
            return Err(with_code(
                ServerError::new(
                    format!(
                        "Query uses {aliases} aliases; at most {} are allowed.",
                        self.max_aliases
                    ),
                    None,
                ),
                "QUERY_TOO_MANY_ALIASES",
            ));
        }
        if let Err(refusal) = shape::check(&parsed, &self.shape) {
            tracing::info!(code = refusal.code, error = %refusal.message, "request refused");
            return Err(with_code(ServerError::new(refusal.message, None), refusal.code));
        }
        drop(parsed);
        let doc = next.run(ctx, query, variables).await.map_err(parse_failed)?;
        Ok(doc)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        for error in &mut response.errors {
            let coded = error.extensions.as_ref().is_some_and(|e| e.get("code").is_some());
            if !coded && is_input_error(&error.message) {
                tracing::info!(code = "GRAPHQL_VALIDATION_FAILED", error = %error.message, "request refused");
                error
                    .extensions
                    .get_or_insert_with(Default::default)
                    .set("code", "GRAPHQL_VALIDATION_FAILED");
            }
        }
        response
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    // async-graphql reports its own limits only by message.
                    let code = match e.message.as_str() {
                        "Query is nested too deep." => "QUERY_TOO_DEEP",
                        "Query is too complex." => "QUERY_TOO_COMPLEX",
                        _ => "GRAPHQL_VALIDATION_FAILED",
                    };
                    tracing::info!(code, error = %e.message, "request refused");
                    with_code(e, code)
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::nesting_depth;

    #[test]
    fn nesting_counts_brackets_outside_strings_and_comments() {
        assert_eq!(nesting_depth("{ a(b: [[1]]) { c } }"), 4);
        assert_eq!(nesting_depth(r#"{ a(b: "{{{{[[[[") }"#), 2);
        assert_eq!(nesting_depth("{ a # {{{{{{\n }"), 1);
        assert_eq!(nesting_depth(r#"{ a(b: """ {{{{ \""" {{ """) }"#), 2);
        assert_eq!(
            nesting_depth(&format!("{}1{}", "[".repeat(5000), "]".repeat(5000))),
            5000
        );
    }
}
