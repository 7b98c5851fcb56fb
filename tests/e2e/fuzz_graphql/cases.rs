//! The hand-written hostile requests: broken transport (bodies, content
//! types, encodings) and hostile GraphQL documents, each a `Case` for the fuzzer.

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};

use super::{Case, json_case};

pub(super) fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// Requests that are broken before GraphQL even starts.
pub(super) fn transport_cases(rng: &mut StdRng) -> Vec<Case> {
    let raw = |label: &str, content_type: Option<&'static str>, body: &[u8]| Case {
        label: label.into(),
        content_type,
        body: body.to_vec(),
        admin: false,
    };
    let mut cases = vec![
        raw("empty body", Some("application/json"), b""),
        raw("empty body, no content type", None, b""),
        raw(
            "truncated JSON",
            Some("application/json"),
            b"{\"query\": \"{ __typename",
        ),
        raw("JSON number", Some("application/json"), b"42"),
        raw("JSON string", Some("application/json"), b"\"{ __typename }\""),
        raw("query is a number", Some("application/json"), b"{\"query\": 5}"),
        raw(
            "variables is a string",
            Some("application/json"),
            b"{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
        ),
        raw("no query", Some("application/json"), b"{\"variables\": {}}"),
        raw(
            "lone surrogate escape",
            Some("application/json"),
            b"{\"query\": \"{ __typename \\ud800 }\"}",
        ),
        raw(
            "invalid UTF-8",
            Some("application/json"),
            b"{\"query\": \"{ __typename \xff\xfe }\"}",
        ),
        raw(
            "batch",
            Some("application/json"),
            b"[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]",
        ),
        raw("empty batch", Some("application/json"), b"[]"),
        raw("text/plain", Some("text/plain"), b"{ __typename }"),
        raw("xml", Some("application/xml"), b"<query>{ __typename }</query>"),
        raw(
            "form",
            Some("application/x-www-form-urlencoded"),
            b"query=%7B__typename%7D",
        ),
        raw(
            "multipart without boundary",
            Some("multipart/form-data"),
            b"--x\r\n\r\n",
        ),
        raw(
            "multipart garbage",
            Some("multipart/form-data; boundary=x"),
            b"--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{bad\r\n--x--\r\n",
        ),
        raw(
            "deeply nested JSON",
            Some("application/json"),
            nested(5000, "[", "1", "]").as_bytes(),
        ),
        raw("oversized body", Some("application/json"), &vec![b' '; 1_200_000]),
    ];
    for i in 0..20 {
        let len = rng.random_range(0..300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        let content_type = [Some("application/json"), None, Some("text/plain")]
            .choose(rng)
            .copied()
            .flatten();
        cases.push(Case {
            label: format!("random bytes #{i}"),
            content_type,
            body: bytes,
            admin: false,
        });
    }
    cases
}

/// Documents that parse (or nearly) but are hostile or wrong.
pub(super) fn document_cases(rng: &mut StdRng) -> Vec<Case> {
    let aliases: String = (0..3000).map(|i| format!("a{i}: __typename ")).collect();
    let mut cases = vec![
        json_case(
            "deep selection",
            &nested(3000, "{ province(code: 1) ", "name", " }"),
            json!({}),
        ),
        json_case("deep braces", &nested(20_000, "{", "", "}"), json!({})),
        json_case(
            "deep list literal",
            &format!(
                "{{ provinces(first: {}) {{ edges {{ node {{ code }} }} }} }}",
                nested(3000, "[", "1", "]")
            ),
            json!({}),
        ),
        json_case(
            "deep object literal",
            &format!(
                "{{ provinces(first: {}) {{ edges {{ node {{ code }} }} }} }}",
                nested(3000, "{a: ", "1", "}")
            ),
            json!({}),
        ),
        json_case(
            "nested variables",
            "query($v: Int) { provinces(first: $v) { edges { node { code } } } }",
            json!({ "v": serde_json::from_str::<Value>(&nested(100, "[", "1", "]")).unwrap() }),
        ),
        json_case("3000 aliases", &format!("{{ {aliases} }}"), json!({})),
        json_case(
            "fragment cycle",
            "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
            json!({}),
        ),
        json_case(
            "self fragment",
            "fragment A on Query { __typename ...A } { ...A }",
            json!({}),
        ),
        json_case(
            "fragment fan-out",
            &format!(
                "{} {{ ...F0 }}",
                (0..40)
                    .map(|i| format!(
                        "fragment F{i} on Query {{ ...F{} ...F{} province(code: 1) {{ name }} }} ",
                        i + 1,
                        i + 1
                    ))
                    .collect::<String>()
                    + "fragment F40 on Query { __typename }"
            ),
            json!({}),
        ),
        json_case("unknown field", "{ noSuchField }", json!({})),
        json_case("unknown operation name", "query A { __typename }", json!({})),
        json_case("two anonymous operations", "{ __typename } { __typename }", json!({})),
        json_case("subscription", "subscription { __typename }", json!({})),
        json_case("unknown directive", "{ __typename @nope }", json!({})),
        json_case(
            "huge list argument",
            &format!(
                "{{ search(query: \"chè\", kinds: [{}]) {{ totalCount }} }}",
                vec!["PRODUCT"; 50_000].join(",")
            ),
            json!({}),
        ),
        json_case(
            "huge list variable",
            "query($f: SearchFilterInput) { search(query: \"chè\", filter: $f) { totalCount } }",
            json!({ "f": { "provinceCodes": vec![1; 50_000] } }),
        ),
        json_case(
            "overflowing int",
            "{ provinces(first: 99999999999999999999) { edges { node { code } } } }",
            json!({}),
        ),
        json_case(
            "overflowing int variable",
            "query($f: Int) { provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": 9_223_372_036_854_775_807_i64 }),
        ),
        json_case(
            "float for int",
            "query($f: Int) { provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": 1.5 }),
        ),
        json_case(
            "string for int",
            "query($f: Int) { provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": "10" }),
        ),
        json_case(
            "undeclared variable",
            "{ provinces(first: $f) { edges { node { code } } } }",
            json!({ "f": 1 }),
        ),
        json_case(
            "missing required variable",
            "query($c: Int!) { province(code: $c) { name } }",
            json!({}),
        ),
        json_case(
            "null for required variable",
            "query($c: Int!) { province(code: $c) { name } }",
            json!({ "c": null }),
        ),
        json_case(
            "variable of unknown type",
            "query($c: Nope) { __typename }",
            json!({ "c": 1 }),
        ),
        json_case(
            "huge string argument",
            &format!(
                "{{ provinces(nameContains: \"{}\") {{ edges {{ node {{ code }} }} }} }}",
                "ă".repeat(400_000)
            ),
            json!({}),
        ),
        json_case(
            "NFD text",
            "query($q: String) { provinces(nameContains: $q) { edges { node { code } } } }",
            json!({ "q": "Ha\u{0300} Nô\u{0323}i" }),
        ),
        json_case(
            "introspection",
            "{ __schema { types { name fields { name } } } }",
            json!({}),
        ),
    ];
    for i in 0..30 {
        let len = rng.random_range(1..200);
        let tokens = [
            "{",
            "}",
            "(",
            ")",
            "[",
            "]",
            ":",
            "$",
            "...",
            "@",
            "\"",
            "query",
            "mutation",
            "fragment",
            "on",
            "province",
            "code",
            "1",
            "name",
            "!",
            "=",
            "#",
            "\n",
            "__typename",
        ];
        let text: String = (0..len)
            .map(|_| *tokens.choose(rng).unwrap())
            .collect::<Vec<_>>()
            .join(" ");
        cases.push(json_case(format!("random tokens #{i}: {text}"), &text, json!({})));
    }
    cases
}
