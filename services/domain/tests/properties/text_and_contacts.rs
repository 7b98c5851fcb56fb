//! Text normalisation, emails, passwords, phones and tax codes.

use coopbridge_domain::accounts::normalize_email;
use coopbridge_domain::catalog::validation as check;
use coopbridge_domain::passwords::{check_policy, is_common};
use coopbridge_domain::text::{clean, fold};
use coopbridge_domain::{ErrorCode, FieldError};
use proptest::prelude::*;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Vietnamese-looking text, written either precomposed or decomposed, with
/// stray whitespace around and between words.
pub fn vietnamese_text(max_words: usize) -> impl Strategy<Value = String> {
    let word = "[a-zA-ZăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0-9]{1,8}";
    (
        prop::collection::vec(word, 1..=max_words),
        prop::collection::vec("[ \t\n]{1,3}", max_words + 1),
        any::<bool>(),
    )
        .prop_map(|(words, gaps, decompose)| {
            let mut s = gaps[0].clone();
            for (i, w) in words.iter().enumerate() {
                s.push_str(w);
                s.push_str(&gaps[i + 1]);
            }
            if decompose { s.nfd().collect() } else { s }
        })
}

pub fn assert_field_error(err: &FieldError, field: &str, code: ErrorCode) {
    assert_eq!((err.field.as_str(), err.code), (field, code), "{err:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn clean_is_nfc_trimmed_single_spaced_and_idempotent(input in vietnamese_text(6)) {
        let once = clean(&input);
        prop_assert!(is_nfc(&once));
        prop_assert_eq!(once.trim(), once.as_str());
        prop_assert!(!once.contains("  ") && !once.contains('\t') && !once.contains('\n'));
        prop_assert_eq!(clean(&once), once.clone());
        // Folding ignores how the text was typed (NFC or NFD).
        prop_assert_eq!(fold(&input.nfc().collect::<String>()), fold(&input.nfd().collect::<String>()));
    }

    #[test]
    fn required_text_accepts_any_non_blank_text_up_to_max_and_stores_it_clean(
        input in vietnamese_text(6), extra in 0usize..5
    ) {
        let len = clean(&input).chars().count();
        let stored = check::required_text("name", &input, len + extra).unwrap();
        prop_assert_eq!(&stored, &clean(&input));
        prop_assert_eq!(check::required_text("name", &stored, len).unwrap(), stored.clone());
        if len > 1 {
            assert_field_error(&check::required_text("name", &input, len - 1).unwrap_err(), "name", ErrorCode::OutOfRange);
        }
    }

    #[test]
    fn blank_text_is_required_or_absent(blank in "[ \t\n\u{3000}]{0,6}") {
        assert_field_error(&check::required_text("title", &blank, 10).unwrap_err(), "title", ErrorCode::Required);
        prop_assert_eq!(check::optional_text("street", &blank, 10).unwrap(), None);
        prop_assert_eq!(check::long_text("description", &blank, 10).unwrap(), "");
    }

    #[test]
    fn long_text_keeps_line_breaks_is_nfc_and_idempotent(input in vietnamese_text(8)) {
        let once = check::long_text("description", &input, 10_000).unwrap();
        prop_assert!(is_nfc(&once));
        prop_assert_eq!(once.trim(), once.as_str());
        prop_assert_eq!(check::long_text("description", &once, 10_000).unwrap(), once.clone());
        let n = once.chars().count();
        if n > 0 {
            assert_field_error(
                &check::long_text("description", &input, n - 1).unwrap_err(), "description", ErrorCode::OutOfRange);
        }
    }

    #[test]
    fn emails_are_lowercased_nfc_and_idempotent(
        local in "[A-Za-z0-9._%+-]{1,20}", host in "[A-Za-z0-9-]{1,15}", tld in "(vn|com|com\\.vn|org)",
        pad in "[ ]{0,2}"
    ) {
        let input = format!("{pad}{local}@{host}.{tld}{pad}");
        let email = normalize_email("email", &input).unwrap();
        prop_assert_eq!(&email, &input.trim().to_lowercase());
        prop_assert_eq!(normalize_email("email", &email).unwrap(), email.clone());
    }

    #[test]
    fn malformed_emails_are_refused_naming_the_field(
        local in "[a-z0-9]{0,10}", host in "[a-z0-9]{0,10}",
        shape in 0usize..5
    ) {
        let input = match shape {
            0 => format!("{local}{host}"),          // no @
            1 => format!("@{host}.vn"),             // no local part
            2 => format!("{local}@{host}"),         // no dot in the domain
            3 => format!("{local}a@.{host}vn"),     // domain starts with a dot
            _ => format!("{local}a b@{host}x.vn"),  // a space inside
        };
        let err = normalize_email("contacts[0].email", &input).unwrap_err();
        let expected = if input.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidFormat };
        assert_field_error(&err, "contacts[0].email", expected);
    }

    #[test]
    fn password_policy_is_length_commonness_variety_and_not_the_email(
        password in "[a-zA-Z0-9 ăđêôơư!@#]{0,140}", email in "[a-z]{1,8}@example\\.vn"
    ) {
        let n = password.chars().count();
        let first = password.chars().next();
        let expected = if n < 10 {
            Some(ErrorCode::PasswordTooShort)
        } else if n > 128 {
            Some(ErrorCode::WeakPassword)
        } else if is_common(&password) {
            Some(ErrorCode::PasswordTooCommon)
        } else if password.chars().all(|c| Some(c) == first) || password.eq_ignore_ascii_case(&email) {
            Some(ErrorCode::WeakPassword)
        } else {
            None
        };
        match (check_policy("newPassword", &password, &email), expected) {
            (Ok(()), None) => {}
            (Ok(()), Some(code)) => prop_assert!(false, "{password:?} accepted, expected {code:?}"),
            (Err(e), Some(code)) => assert_field_error(&e, "newPassword", code),
            (Err(e), None) => prop_assert!(false, "{password:?} refused: {e:?}"),
        }
        prop_assert!(check_policy("password", &email, &email).is_err());
        let repeated: String = std::iter::repeat_n('a', 8 + n % 100).collect();
        prop_assert!(check_policy("password", &repeated, &email).is_err());
    }

    #[test]
    fn vietnamese_phone_numbers_in_any_notation_normalise_to_the_same_digits(
        mobile in any::<bool>(), prefix in prop::sample::select(vec!['3', '5', '7', '8', '9']),
        rest in "[0-9]{9}", notation in 0usize..4, separator in prop::sample::select(vec!["", " ", ".", "-"])
    ) {
        let national = if mobile { format!("0{prefix}{}", &rest[..8]) } else { format!("02{rest}") };
        let subscriber = &national[1..];
        let grouped: String = subscriber
            .chars()
            .enumerate()
            .flat_map(|(i, c)| (i > 0 && i % 3 == 0).then_some(separator).into_iter().flat_map(str::chars).chain([c]))
            .collect();
        let input = match notation {
            0 => format!("0{grouped}"),
            1 => format!("+84{separator}{grouped}"),
            2 => format!("84{grouped}"),
            _ => format!("(0{}) {}", &grouped[..2], &grouped[2..]),
        };
        let stored = check::phone("phone", &input).unwrap();
        prop_assert_eq!(&stored, &national);
        prop_assert_eq!(check::phone("phone", &stored).unwrap(), stored.clone());
    }

    #[test]
    fn numbers_of_the_wrong_shape_are_not_phones(
        digits in "[0-9]{0,14}", letter in "[a-zA-Z]", shape in 0usize..3
    ) {
        let input = match shape {
            0 => format!("{digits}{letter}"),
            1 => format!("01{}", &format!("{digits}00000000")[..8]), // 01x: not a mobile prefix
            _ => digits.clone(),
        };
        let national_len_ok = shape == 2 && check::phone("zalo", &input).is_ok();
        if !national_len_ok {
            assert_field_error(&check::phone("zalo", &input).unwrap_err(), "zalo", ErrorCode::InvalidFormat);
        } else {
            // Digits alone pass only as a real mobile or landline number.
            let n = check::phone("zalo", &input).unwrap();
            prop_assert!(n.len() == 10 || (n.len() == 11 && n.starts_with("02")));
        }
    }

    #[test]
    fn tax_codes_have_ten_or_thirteen_digits(digits in "[0-9]{8,15}", dashed in any::<bool>()) {
        let input = if dashed && digits.len() == 13 { format!("{}-{}", &digits[..10], &digits[10..]) } else { digits.clone() };
        match digits.len() {
            10 => prop_assert_eq!(check::tax_code("taxCode", &input).unwrap(), digits.clone()),
            13 => {
                let stored = check::tax_code("taxCode", &input).unwrap();
                prop_assert_eq!(&stored, &format!("{}-{}", &digits[..10], &digits[10..]));
                prop_assert_eq!(check::tax_code("taxCode", &stored).unwrap(), stored.clone());
            }
            _ => assert_field_error(&check::tax_code("taxCode", &input).unwrap_err(), "taxCode", ErrorCode::InvalidFormat),
        }
    }
}
