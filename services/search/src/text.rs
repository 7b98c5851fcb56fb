//! Vietnamese text pipeline shared by both engines: NFC + lowercase ("exact", diacritics kept),
//! folding (diacritics removed, đ→d), word splitting, synonyms and `<mark>` highlighting.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words of a query beyond this are ignored (a 10,000-character query stays cheap).
pub const MAX_QUERY_WORDS: usize = 16;
/// Longer words are cut (tantivy drops tokens over 64 bytes anyway).
pub const MAX_WORD_CHARS: usize = 30;
/// Words at least this long forgive one typo.
pub const TYPO_MIN_CHARS: usize = 5;

/// Synonym sets, folded; every member matches every other.
pub const SYNONYMS: &[&[&str]] = &[
    &["htx", "hop tac xa"],
    &["tht", "to hop tac"],
    &["ocop", "moi xa mot san pham"],
];

/// NFC and lower-case, diacritics kept: "Mật Ong" → "mật ong".
pub fn exact(input: &str) -> String {
    input
        .nfc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect()
}

/// Lower-case without diacritics: "Mật ong Tuyên Hóa" → "mat ong tuyen hoa", "Đặc" → "dac".
pub fn fold(input: &str) -> String {
    input
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits on anything not alphanumeric, like tantivy's SimpleTokenizer.
pub fn words(input: &str) -> impl Iterator<Item = &str> {
    input.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// One word of a query, as typed (normalized) and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// NFC lower-case with the user's diacritics; `None` for synonym expansions.
    pub exact: Option<String>,
    pub folded: String,
}

impl QueryWord {
    /// Whether the word has diacritics worth ranking exact matches for.
    pub fn has_diacritics(&self) -> bool {
        self.exact.as_deref().is_some_and(|e| e != self.folded)
    }

    pub fn forgives_typo(&self) -> bool {
        self.folded.chars().count() >= TYPO_MIN_CHARS
    }
}

/// One way to match a query position: a single word or a phrase (synonyms are phrases).
pub type Alternative = Vec<QueryWord>;

/// A position in the query that a document must match, by any of its alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryGroup {
    /// The typed words first, then synonyms.
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub groups: Vec<QueryGroup>,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every folded word of every alternative (for highlighting).
    pub fn folded_words(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for word in self.groups.iter().flat_map(|g| g.alternatives.iter().flatten()) {
            if !out.contains(&word.folded) {
                out.push(word.folded.clone());
            }
        }
        out
    }
}

fn truncate_chars(word: &str, max: usize) -> String {
    word.chars().take(max).collect()
}

/// The typed words of a query, normalized, at most [`MAX_QUERY_WORDS`].
pub fn query_words(text: &str) -> Vec<QueryWord> {
    let exact_text = exact(cut_at_char(text, 4096));
    words(&exact_text)
        .take(MAX_QUERY_WORDS)
        .map(|w| {
            let e = truncate_chars(w, MAX_WORD_CHARS);
            let folded = fold(&e);
            QueryWord { exact: Some(e), folded }
        })
        .filter(|w| !w.folded.is_empty())
        .collect()
}

fn cut_at_char(text: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Parses raw user text into groups, expanding synonyms ("HTX" ↔ "hợp tác xã").
pub fn parse_query(text: &str) -> ParsedQuery {
    let typed = query_words(text);
    let mut groups = Vec::new();
    let mut i = 0;
    while i < typed.len() {
        if let Some((len, others)) = synonym_at(&typed[i..]) {
            let mut alternatives = vec![typed[i..i + len].to_vec()];
            for other in others {
                alternatives.push(
                    words(other)
                        .map(|w| QueryWord {
                            exact: None,
                            folded: w.to_string(),
                        })
                        .collect(),
                );
            }
            groups.push(QueryGroup { alternatives });
            i += len;
        } else {
            groups.push(QueryGroup {
                alternatives: vec![vec![typed[i].clone()]],
            });
            i += 1;
        }
    }
    ParsedQuery { groups }
}

/// The longest synonym phrase starting at `rest`: its word count and the other members of its set.
fn synonym_at(rest: &[QueryWord]) -> Option<(usize, Vec<&'static str>)> {
    let mut best: Option<(usize, Vec<&'static str>)> = None;
    for set in SYNONYMS {
        for member in *set {
            let member_words: Vec<&str> = words(member).collect();
            let n = member_words.len();
            let matches = rest.len() >= n && rest[..n].iter().zip(&member_words).all(|(w, m)| w.folded == *m);
            if matches && best.as_ref().is_none_or(|(len, _)| n > *len) {
                best = Some((n, set.iter().copied().filter(|m| m != member).collect()));
            }
        }
    }
    best
}

/// Whether `a` and `b` differ by at most one edit (insert, delete, substitute or swap).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let swapped = prefix + 1 < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short[prefix + 2..] == long[prefix + 2..];
        swapped || short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Escapes text for HTML.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// HTML-escaped `title` with the words matching `folded_words` (exactly, by one typo in long
/// words, or — when `prefix_last` — the last word as a prefix) wrapped in `<mark>…</mark>`.
pub fn highlight(title: &str, folded_words: &[String], prefix_last: Option<&str>) -> String {
    let title: String = title.nfc().collect();
    let mut out = String::with_capacity(title.len() + 16);
    let mut rest = title.as_str();
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        out.push_str(&escape_html(&rest[..start]));
        rest = &rest[start..];
        let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let word = &rest[..end];
        if !word.is_empty() {
            let folded = fold(word);
            let hit = folded_words.iter().any(|q| {
                *q == folded
                    || (q.chars().count() >= TYPO_MIN_CHARS
                        && folded.chars().count() >= TYPO_MIN_CHARS - 1
                        && within_one_edit(q, &folded))
            }) || prefix_last.is_some_and(|p| !p.is_empty() && folded.starts_with(p));
            if hit {
                out.push_str("<mark>");
                out.push_str(&escape_html(word));
                out.push_str("</mark>");
            } else {
                out.push_str(&escape_html(word));
            }
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_exact_forms() {
        assert_eq!(fold("Mật ong Tuyên Hóa"), "mat ong tuyen hoa");
        assert_eq!(fold("Đặc sản"), "dac san");
        assert_eq!(exact("Me\u{0323}\u{0302}t Ong"), "mệt ong");
    }

    #[test]
    fn synonyms_expand_both_ways() {
        let q = parse_query("HTX Tuyên Hóa");
        assert_eq!(q.groups.len(), 3);
        assert_eq!(q.groups[0].alternatives[1].len(), 3);
        let q = parse_query("hợp tác xã mật ong");
        assert_eq!(q.groups.len(), 3);
        assert_eq!(q.groups[0].alternatives[1][0].folded, "htx");
    }

    #[test]
    fn long_queries_are_capped() {
        let q = parse_query(&"rất dài ".repeat(2000));
        assert_eq!(q.groups.len(), MAX_QUERY_WORDS);
        assert!(parse_query("  ,.;  ").is_empty());
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("vietgap", "vietgapp"));
        assert!(within_one_edit("tuyen", "tuyne"));
        assert!(within_one_edit("tuyen", "tuyan"));
        assert!(!within_one_edit("tuyen", "tyyan"));
    }

    #[test]
    fn highlight_escapes_and_marks() {
        let h = highlight("Mật ong <Tuyên> & Hóa", &["mat".into(), "hoa".into()], None);
        assert_eq!(h, "<mark>Mật</mark> ong &lt;Tuyên&gt; &amp; <mark>Hóa</mark>");
        assert_eq!(
            highlight("Mật ong", &["mat".into()], Some("o")),
            "<mark>Mật</mark> <mark>ong</mark>"
        );
    }
}
