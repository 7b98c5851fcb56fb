//! Vietnamese text handling: every stored string is NFC; folding removes
//! diacritics (and maps đ→d) for diacritics-insensitive matching.

use unicode_normalization::UnicodeNormalization;

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
    fn fold_removes_diacritics_and_maps_d_bar() {
        assert_eq!(fold("Mật ong Tuyên Hóa"), "mat ong tuyen hoa");
        assert_eq!(fold("Đặc sản"), "dac san");
        assert_eq!(fold_to_codename("Phường Hoàn Kiếm"), "phuong_hoan_kiem");
        assert_eq!(fold_to_codename("Văn Miếu - Quốc Tử Giám"), "van_mieu_quoc_tu_giam");
    }
}
