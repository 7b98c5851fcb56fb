//! The shape of a parsed document, measured before async-graphql validates
//! it. Its validation walks fragment spreads recursively, once per link and
//! over every fragment definition (used or not): a 200 KB chain of 6,000
//! unused fragments overflowed the stack and aborted the process, 3,500 cost
//! two thirds of a second, and fragments spreading the next one twice grow
//! exponentially. Here every fragment is summarised once and the spread graph
//! is walked with an explicit stack, so any document within the body limit is
//! measured in linear time and refused before validation when it is too big.

use std::collections::HashMap;

use async_graphql::parser::types::{Directive, ExecutableDocument, OperationType, Selection, SelectionSet};

/// Mutation fields that check a password: each one is a guess, so a document
/// may ask for at most one of them (aliases would otherwise turn one request
/// into thirty unthrottled guesses).
const PASSWORD_FIELDS: &[&str] = &["signIn", "changePassword", "deleteMyAccount"];

/// Longest field name or alias: the schema's are under 40 characters, and
/// validation compares an unknown name against every known one (to suggest
/// "did you mean"), in time proportional to the name's length.
const MAX_NAME_CHARS: usize = 128;

pub struct ShapeLimits {
    /// Most fragment definitions in one document.
    pub max_fragments: usize,
    /// Longest chain of fragment spreads (`...A` whose `A` spreads `...B` …).
    pub max_spread_depth: usize,
    /// Most fields, arguments, directives and variable definitions once every
    /// fragment spread is expanded in place.
    pub max_nodes: u64,
}

/// Why a document was refused, with its `extensions.code`.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

fn refuse(code: &'static str, message: String) -> Refusal {
    Refusal { code, message }
}

/// What one selection set (a fragment's or an operation's) holds, not
/// counting what its spreads bring in.
#[derive(Default)]
struct Summary<'a> {
    spreads: Vec<&'a str>,
    longest_name: usize,
    nodes: u64,
    password_fields: u64,
}

fn directive_nodes(directives: &[async_graphql::Positioned<Directive>]) -> u64 {
    directives.iter().map(|d| 1 + d.node.arguments.len() as u64).sum()
}

/// Recursion here follows the brackets of the source text, whose nesting the
/// caller has already bounded before parsing.
fn summarise<'a>(set: &'a SelectionSet, out: &mut Summary<'a>) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let field = &field.node;
                let alias = field.alias.as_ref().map_or(0, |a| a.node.len());
                out.longest_name = out.longest_name.max(field.name.node.len()).max(alias);
                out.nodes += 1 + field.arguments.len() as u64 + directive_nodes(&field.directives);
                if PASSWORD_FIELDS.contains(&field.name.node.as_str()) {
                    out.password_fields += 1;
                }
                summarise(&field.selection_set.node, out);
            }
            Selection::InlineFragment(fragment) => {
                out.nodes += 1 + directive_nodes(&fragment.node.directives);
                summarise(&fragment.node.selection_set.node, out);
            }
            Selection::FragmentSpread(spread) => {
                out.nodes += 1 + directive_nodes(&spread.node.directives);
                out.spreads.push(spread.node.fragment_name.node.as_str());
            }
        }
    }
}

/// A fragment with everything its spreads bring in.
#[derive(Clone, Copy)]
struct Expanded {
    /// Longest spread chain starting at (and counting) this fragment.
    depth: usize,
    nodes: u64,
    password_fields: u64,
}

enum Mark {
    OnStack,
    Done(Expanded),
}

/// Checks the document's fragments and size; `Err` says why it is refused.
pub fn check(doc: &ExecutableDocument, limits: &ShapeLimits) -> Result<(), Refusal> {
    if doc.fragments.len() > limits.max_fragments {
        return Err(refuse(
            "QUERY_TOO_COMPLEX",
            format!(
                "The document defines {} fragments; at most {} are allowed.",
                doc.fragments.len(),
                limits.max_fragments
            ),
        ));
    }
    let fragments: HashMap<&str, Summary> = doc
        .fragments
        .iter()
        .map(|(name, f)| {
            let mut summary = Summary {
                nodes: directive_nodes(&f.node.directives),
                ..Summary::default()
            };
            summarise(&f.node.selection_set.node, &mut summary);
            (name.as_str(), summary)
        })
        .collect();
    let long_name = |longest: usize| {
        (longest > MAX_NAME_CHARS).then(|| {
            refuse(
                "GRAPHQL_VALIDATION_FAILED",
                format!("A field name or alias is {longest} bytes long; at most {MAX_NAME_CHARS} are allowed."),
            )
        })
    };
    if let Some(refusal) = long_name(fragments.values().map(|f| f.longest_name).max().unwrap_or(0)) {
        return Err(refusal);
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut total_nodes = 0u64;
    for (_, operation) in doc.operations.iter() {
        let operation = &operation.node;
        let mut summary = Summary {
            nodes: operation.variable_definitions.len() as u64 + directive_nodes(&operation.directives),
            ..Summary::default()
        };
        summarise(&operation.selection_set.node, &mut summary);
        if let Some(refusal) = long_name(summary.longest_name) {
            return Err(refusal);
        }
        let (mut nodes, mut password_fields) = (summary.nodes, summary.password_fields);
        for name in &summary.spreads {
            if let Some(expanded) = expand(name, &fragments, &mut marks, limits)? {
                nodes = nodes.saturating_add(expanded.nodes);
                password_fields = password_fields.saturating_add(expanded.password_fields);
            }
        }
        if operation.ty == OperationType::Mutation && password_fields > 1 {
            return Err(refuse(
                "QUERY_TOO_MANY_PASSWORD_CHECKS",
                format!(
                    "The operation asks for {} {password_fields} times; one request may check one password.",
                    PASSWORD_FIELDS.join(" or ")
                ),
            ));
        }
        total_nodes = total_nodes.saturating_add(nodes);
    }
    if total_nodes > limits.max_nodes {
        return Err(refuse(
            "QUERY_TOO_COMPLEX",
            format!(
                "The document has {total_nodes} fields, arguments and directives once its fragments are expanded; \
                 at most {} are allowed.",
                limits.max_nodes
            ),
        ));
    }
    // The GraphQL spec calls unused fragments invalid; refusing them here also
    // keeps validation from walking chains that no operation reaches.
    if let Some(unused) = fragments.keys().find(|name| !marks.contains_key(*name)) {
        return Err(refuse(
            "GRAPHQL_VALIDATION_FAILED",
            format!("Fragment \"{unused}\" is never used."),
        ));
    }
    Ok(())
}

/// Expands fragment `root` depth-first with an explicit stack, each fragment
/// once (memoised in `marks`). `None` for a fragment that does not exist
/// (validation reports it).
fn expand<'a>(
    root: &'a str,
    fragments: &HashMap<&'a str, Summary<'a>>,
    marks: &mut HashMap<&'a str, Mark>,
    limits: &ShapeLimits,
) -> Result<Option<Expanded>, Refusal> {
    match marks.get(root) {
        Some(Mark::Done(expanded)) => return Ok(Some(*expanded)),
        Some(Mark::OnStack) => unreachable!("the stack is empty between roots"),
        None if !fragments.contains_key(root) => return Ok(None),
        None => {}
    }
    // (fragment, index of its next spread to visit)
    let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
    marks.insert(root, Mark::OnStack);
    while let Some((name, next)) = stack.last_mut() {
        let summary = &fragments[*name];
        if let Some(child) = summary.spreads.get(*next).copied() {
            *next += 1;
            match marks.get(child) {
                Some(Mark::Done(_)) => {}
                Some(Mark::OnStack) => {
                    return Err(refuse(
                        "GRAPHQL_VALIDATION_FAILED",
                        format!("Fragment \"{child}\" spreads itself (a fragment cycle)."),
                    ));
                }
                None if !fragments.contains_key(child) => {}
                None => {
                    if stack.len() >= limits.max_spread_depth {
                        return Err(refuse(
                            "QUERY_TOO_DEEP",
                            format!(
                                "Fragment spreads are chained more than {} deep.",
                                limits.max_spread_depth
                            ),
                        ));
                    }
                    marks.insert(child, Mark::OnStack);
                    stack.push((child, 0));
                }
            }
            continue;
        }
        // Every spread of `name` is done: fold them in.
        let mut expanded = Expanded {
            depth: 1,
            nodes: summary.nodes,
            password_fields: summary.password_fields,
        };
        for child in &summary.spreads {
            if let Some(Mark::Done(c)) = marks.get(child) {
                expanded.depth = expanded.depth.max(c.depth + 1);
                expanded.nodes = expanded.nodes.saturating_add(c.nodes);
                expanded.password_fields = expanded.password_fields.saturating_add(c.password_fields);
            }
        }
        let name = *name;
        marks.insert(name, Mark::Done(expanded));
        stack.pop();
    }
    match marks.get(root) {
        Some(Mark::Done(expanded)) => Ok(Some(*expanded)),
        _ => unreachable!("the root is done when the stack empties"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ShapeLimits = ShapeLimits {
        max_fragments: 100,
        max_spread_depth: 12,
        max_nodes: 5_000,
    };

    fn code_of(query: &str) -> Option<&'static str> {
        let doc = async_graphql::parser::parse_query(query).expect("parses");
        check(&doc, &LIMITS).err().map(|r| r.code)
    }

    fn chain(links: usize, fan_out: usize) -> String {
        let mut text = String::from("{ ...f0 } ");
        for i in 0..links {
            let spreads = format!("...f{} ", i + 1).repeat(fan_out);
            text += &format!("fragment f{i} on Query {{ {spreads}}} ");
        }
        text + &format!("fragment f{links} on Query {{ __typename }}")
    }

    #[test]
    fn ordinary_documents_pass() {
        assert_eq!(code_of("{ __typename }"), None);
        assert_eq!(code_of(&chain(10, 1)), None);
        assert_eq!(
            code_of("fragment a on Query { __typename } { ...a ...a ... on Query { ...a } }"),
            None
        );
        assert_eq!(code_of("mutation { signIn(input: {}) { token } }"), None);
        assert_eq!(
            code_of(&format!("{{ {} }}", "a".repeat(129))),
            Some("GRAPHQL_VALIDATION_FAILED")
        );
    }

    #[test]
    fn fragment_chains_cycles_and_unused_fragments_are_refused() {
        assert_eq!(code_of(&chain(99, 1)), Some("QUERY_TOO_DEEP"));
        assert_eq!(code_of(&chain(200, 1)), Some("QUERY_TOO_COMPLEX"));
        assert_eq!(code_of(&chain(11, 3)), Some("QUERY_TOO_COMPLEX"));
        assert_eq!(
            code_of("{ ...a } fragment a on Query { ...b } fragment b on Query { province { ...a } }"),
            Some("GRAPHQL_VALIDATION_FAILED")
        );
        assert_eq!(
            code_of("{ __typename } fragment a on Query { __typename }"),
            Some("GRAPHQL_VALIDATION_FAILED")
        );
    }

    #[test]
    fn one_password_check_per_operation() {
        let twice = "mutation { a: signIn(input: {}) { token } b: signIn(input: {}) { token } }";
        assert_eq!(code_of(twice), Some("QUERY_TOO_MANY_PASSWORD_CHECKS"));
        let hidden = "mutation { signIn(input: {}) { token } ...f } \
                      fragment f on Mutation { ... on Mutation { changePassword(input: {}) { ok } } }";
        assert_eq!(code_of(hidden), Some("QUERY_TOO_MANY_PASSWORD_CHECKS"));
        let delete_twice = "mutation { a: deleteMyAccount(input: {}) { errors { code } } \
                            b: signIn(input: {}) { token } }";
        assert_eq!(code_of(delete_twice), Some("QUERY_TOO_MANY_PASSWORD_CHECKS"));
    }
}
