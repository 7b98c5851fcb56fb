//! Vietnamese diacritics spelled in ASCII (Telex), so Meilisearch cannot fold them away.
//!
//! Meilisearch's tokenizer folds Vietnamese diacritics: "bò" (beef) and "bơ" (avocado) are
//! the same word to it, and no ranking rule can tell them apart. Each document therefore also
//! carries, as a filterable list, the Telex spelling of every word of its title and
//! cooperative name that has marks ("bò" → "bof", "bơ" → "bow", "Điện" → "ddieenj"); a query
//! with marks is answered as two partitions: documents whose title or cooperative name holds
//! every marked query word as written, then the rest. The description is left out: its
//! words made `marks` cost about a quarter of the indexing time (see [`super::docs`]), and
//! a word written exactly in the title is what "exact diacritics first" is about.

use unicode_normalization::UnicodeNormalization;

use crate::text;

/// The Telex spelling of one lower-case word: vowel marks after their letter (â → aa, ă → aw,
/// ơ → ow, đ → dd), the tone last (s, f, r, x, j). Letters outside Vietnamese are kept.
pub fn telex(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    let mut tone = None;
    for c in word.nfd() {
        match c {
            '\u{0302}' => {
                // Circumflex doubles the vowel it sits on: â → aa, ê → ee, ô → oo.
                if let Some(base) = out.chars().last() {
                    out.push(base);
                }
            }
            '\u{0306}' | '\u{031B}' => out.push('w'),
            '\u{0301}' => tone = Some('s'),
            '\u{0300}' => tone = Some('f'),
            '\u{0309}' => tone = Some('r'),
            '\u{0303}' => tone = Some('x'),
            '\u{0323}' => tone = Some('j'),
            'đ' | 'Đ' => out.push_str("dd"),
            other if unicode_normalization::char::is_combining_mark(other) => {}
            other => out.extend(other.to_lowercase()),
        }
    }
    out.extend(tone);
    out
}

/// The Telex spellings of the words of `texts` that carry marks, each once.
pub fn marked_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in texts {
        let exact = text::exact(value);
        for word in text::words(&exact) {
            let spelled = telex(word);
            if spelled != text::fold(word) && !out.contains(&spelled) {
                out.push(spelled);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telex_keeps_what_folding_loses() {
        assert_eq!(telex("bò"), "bof");
        assert_eq!(telex("bơ"), "bow");
        assert_eq!(telex("điện"), "ddieenj");
        assert_eq!(telex("mật"), "maatj");
        assert_eq!(telex("ong"), "ong");
        assert_eq!(telex("được"), "dduwowcj");
        assert_eq!(marked_words(["Thịt bò khô", "Bơ bò"]), ["thitj", "bof", "khoo", "bow"]);
    }
}
