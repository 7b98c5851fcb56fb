//! Vietnamese text handling: every stored string is NFC; folding removes
//! diacritics (and maps đ→d) for diacritics-insensitive matching.
//!
//! Every text a client writes passes [`refuse_controls`] before it is
//! normalized (catalog/validation.rs, accounts, organizations): control
//! characters other than line feed and tab have no place in Vietnamese text,
//! and they break what we make of it. PostgreSQL refuses NUL with an error,
//! a lone carriage return starts a new line in an iCalendar file or a CSV
//! reader, and escape sequences reach terminals that print logs.

use unicode_normalization::UnicodeNormalization;

use crate::error::{ErrorCode, FieldError};

/// The first control character in `input` other than `\n` and `\t`; a `\r`
/// right before `\n` is a Windows line break, not a control to refuse.
fn first_control(input: &str) -> Option<char> {
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = c == '\r' && chars.peek() == Some(&'\n');
        if c.is_control() && !matches!(c, '\n' | '\t') && !line_break {
            return Some(c);
        }
    }
    None
}

/// `INVALID_FORMAT` on `field` when `input` holds a control character other
/// than a line break or a tab (NUL, a lone carriage return, escape, DEL, C1…).
pub fn refuse_controls(field: &str, input: &str) -> Result<(), FieldError> {
    match first_control(input) {
        None => Ok(()),
        Some(c) => Err(FieldError::new(
            field,
            ErrorCode::InvalidFormat,
            format!("remove the control character U+{:04X}", u32::from(c)),
        )),
    }
}

/// [`refuse_controls`], then [`clean`]: the form of every single-line text input.
pub fn clean_input(field: &str, input: &str) -> Result<String, FieldError> {
    refuse_controls(field, input)?;
    Ok(clean(input))
}

/// NFC, trimmed, with runs of whitespace collapsed to one space.
pub fn clean(input: &str) -> String {
    input
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case without diacritics, đ→d: the search crate's folding, so a
/// place's codename and a search query fold the same way.
pub use coopbridge_search::text::fold;

/// Folded words joined by '_', the shape of the official `codename`s ("phuong_hoan_kiem").
pub fn fold_to_codename(input: &str) -> String {
    fold(input)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_normalizes_decomposed_text_to_nfc() {
        let decomposed = "Me\u{0323}\u{0302}t ong"; // "Mệt" typed as NFD
        assert_eq!(clean(decomposed), "M\u{1EC7}t ong");
        assert_eq!(clean("  Hợp   tác\txã "), "Hợp tác xã");
    }

    #[test]
    fn control_characters_other_than_line_feed_and_tab_are_refused() {
        for ok in ["Hợp tác xã", "dòng 1\ndòng 2", "cột\tcột", "dòng 1\r\ndòng 2"] {
            assert!(refuse_controls("name", ok).is_ok(), "{ok:?}");
        }
        for bad in ["HTX\0", "a\rb", "cuối\r", "\u{1b}[31m", "\u{7f}", "\u{85}", "\u{0c}"] {
            let e = refuse_controls("name", bad).unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.code),
                ("name", ErrorCode::InvalidFormat),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn fold_removes_diacritics_and_maps_d_bar() {
        assert_eq!(fold("Mật ong Tuyên Hóa"), "mat ong tuyen hoa");
        assert_eq!(fold("Đặc sản"), "dac san");
        assert_eq!(fold_to_codename("Phường Hoàn Kiếm"), "phuong_hoan_kiem");
        assert_eq!(fold_to_codename("Văn Miếu - Quốc Tử Giám"), "van_mieu_quoc_tu_giam");
    }
}
