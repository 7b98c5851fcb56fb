//! Vietnamese text handling: every stored string is NFC; folding removes
//! diacritics (and maps đ→d) for diacritics-insensitive matching.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC, trimmed, with runs of whitespace collapsed to one space.
pub fn clean(input: &str) -> String {
    input
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower-case ASCII-ish form without diacritics: "Mật ong Tuyên Hóa" → "mat ong tuyen hoa".
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
