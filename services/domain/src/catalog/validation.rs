//! Checks of catalog input. Each returns the normalised value, or a
//! `FieldError` naming the field as the client sent it.

use chrono::Datelike;

use crate::error::{ErrorCode, FieldError};
use crate::text::{clean_input, fold_to_codename, refuse_controls};

type Checked<T> = Result<T, FieldError>;

fn invalid(field: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(field, ErrorCode::InvalidFormat, message)
}

fn out_of_range(field: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(field, ErrorCode::OutOfRange, message)
}

/// A required short text: NFC, trimmed, 1..=max characters.
pub fn required_text(field: &str, input: &str, max: usize) -> Checked<String> {
    let value = clean_input(field, input)?;
    if value.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required, "this field is required"));
    }
    optional_text(field, &value, max).map(|v| v.unwrap_or_default())
}

/// An optional text: blank becomes `None`.
pub fn optional_text(field: &str, input: &str, max: usize) -> Checked<Option<String>> {
    let value = clean_input(field, input)?;
    if value.chars().count() > max {
        return Err(out_of_range(field, format!("use at most {max} characters")));
    }
    Ok((!value.is_empty()).then_some(value))
}

/// A long text (descriptions): NFC and trimmed, keeping line breaks (stored
/// as `\n`; a Windows `\r\n` becomes `\n`).
pub fn long_text(field: &str, input: &str, max: usize) -> Checked<String> {
    use unicode_normalization::UnicodeNormalization;
    refuse_controls(field, input)?;
    let value: String = input.replace("\r\n", "\n").nfc().collect::<String>().trim().to_owned();
    if value.chars().count() > max {
        return Err(out_of_range(field, format!("use at most {max} characters")));
    }
    Ok(value)
}

/// Vietnamese phone numbers: mobile `0[35789]x xxx xxxx` (10 digits) or
/// landline `02xx xxx xxxx` (11 digits); `+84`/`84` prefixes, spaces, dots
/// and dashes accepted. Stored as digits starting with 0.
pub fn phone(field: &str, input: &str) -> Checked<String> {
    let compact: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = compact.strip_prefix("+84") {
        format!("0{rest}")
    } else if compact.len() >= 11 && compact.starts_with("84") && !compact.starts_with("840") {
        format!("0{}", &compact[2..])
    } else {
        compact
    };
    let digits = national.chars().all(|c| c.is_ascii_digit());
    let mobile = national.len() == 10 && matches!(national.as_bytes().get(1), Some(b'3' | b'5' | b'7' | b'8' | b'9'));
    let landline = national.len() == 11 && national.as_bytes().get(1) == Some(&b'2');
    if digits && national.starts_with('0') && (mobile || landline) {
        Ok(national)
    } else {
        Err(invalid(
            field,
            "not a Vietnamese phone number (e.g. 0912 345 678 or 0232 3850 123)",
        ))
    }
}

/// Tax codes (mã số thuế): 10 digits, or 13 for a branch, written
/// `0123456789-001` or without the dash.
pub fn tax_code(field: &str, input: &str) -> Checked<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().filter(|c| *c != '-').collect();
    let dash_ok = !compact.contains('-') || (compact.len() == 14 && compact.as_bytes()[10] == b'-');
    if !dash_ok || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(field, "a tax code has 10 digits, or 13 as 0123456789-001"));
    }
    match digits.len() {
        10 => Ok(digits),
        13 => Ok(format!("{}-{}", &digits[..10], &digits[10..])),
        _ => Err(invalid(field, "a tax code has 10 digits, or 13 as 0123456789-001")),
    }
}

pub fn website(field: &str, input: &str) -> Checked<String> {
    refuse_controls(field, input)?;
    let value = input.trim().to_owned();
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest)
            if rest
                .split('/')
                .next()
                .is_some_and(|host| host.contains('.') && !host.contains(' ')) =>
        {
            Ok(value)
        }
        _ => Err(invalid(field, "a web address starts with https:// or http://")),
    }
}

/// Coordinates within Vietnam's land and islands (lat 6–24, lng 102–118).
pub fn coordinates(lat_field: &str, lng_field: &str, lat: f64, lng: f64) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if !(6.0..=24.0).contains(&lat) {
        errors.push(out_of_range(lat_field, "latitude must be within Vietnam (6 to 24)"));
    }
    if !(102.0..=118.0).contains(&lng) {
        errors.push(out_of_range(lng_field, "longitude must be within Vietnam (102 to 118)"));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

pub fn founded_year(field: &str, year: i32) -> Checked<i32> {
    let this_year = chrono::Utc::now().year();
    if (1900..=this_year).contains(&year) {
        Ok(year)
    } else {
        Err(out_of_range(
            field,
            format!("a founding year between 1900 and {this_year}"),
        ))
    }
}

pub fn non_negative(field: &str, value: i64) -> Checked<i64> {
    if value >= 0 {
        Ok(value)
    } else {
        Err(out_of_range(field, "must not be negative"))
    }
}

/// Harvest months 1–12 as a bit set (bit n-1 for month n).
pub fn harvest_months(field: &str, months: &[i32]) -> Checked<i32> {
    months.iter().try_fold(0i32, |bits, &m| {
        if (1..=12).contains(&m) {
            Ok(bits | (1 << (m - 1)))
        } else {
            Err(out_of_range(field, "months are 1 to 12"))
        }
    })
}

pub fn months_of(bits: i32) -> Vec<i32> {
    (1..=12).filter(|m| bits & (1 << (m - 1)) != 0).collect()
}

/// URL-safe name: "Hợp tác xã Quyết Thắng" → "hop-tac-xa-quyet-thang".
pub fn slugify(name: &str) -> String {
    let slug = fold_to_codename(name).replace('_', "-");
    if slug.is_empty() {
        "htx".to_owned()
    } else {
        // Cut at a word boundary's hyphen would leave it dangling: drop it.
        slug.chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_phone_numbers_are_normalised_and_others_refused() {
        assert_eq!(phone("phone", "0912 345 678").unwrap(), "0912345678");
        assert_eq!(phone("phone", "+84 912.345.678").unwrap(), "0912345678");
        assert_eq!(phone("phone", "84912345678").unwrap(), "0912345678");
        assert_eq!(phone("phone", "0232 3850 123").unwrap(), "02323850123");
        for bad in [
            "",
            "12345",
            "0112345678",
            "09123456789",
            "091234567a",
            "+1 202 555 0100",
        ] {
            let err = phone("phone", bad).unwrap_err();
            assert_eq!(err.field, "phone", "{bad}");
        }
    }

    #[test]
    fn tax_codes_have_ten_or_thirteen_digits() {
        assert_eq!(tax_code("taxCode", "3100123456").unwrap(), "3100123456");
        assert_eq!(tax_code("taxCode", "3100123456001").unwrap(), "3100123456-001");
        assert_eq!(tax_code("taxCode", "3100123456-001").unwrap(), "3100123456-001");
        for bad in ["310012345", "31001234560", "31001-23456", "abcdefghij", "3100123456-01"] {
            assert!(tax_code("taxCode", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn harvest_months_round_trip_and_reject_month_13() {
        let bits = harvest_months("harvestMonths", &[1, 4, 12]).unwrap();
        assert_eq!(months_of(bits), vec![1, 4, 12]);
        assert!(harvest_months("harvestMonths", &[13]).is_err());
        assert!(harvest_months("harvestMonths", &[0]).is_err());
    }

    #[test]
    fn slugs_fold_diacritics() {
        assert_eq!(slugify("Hợp tác xã Quyết Thắng"), "hop-tac-xa-quyet-thang");
        assert_eq!(slugify("Đặc sản Hạ Lang"), "dac-san-ha-lang");
        // Cut at 80 characters right after a word: no trailing hyphen.
        assert_eq!(slugify(&format!("{} tác xã", "a".repeat(79))), "a".repeat(79));
    }

    #[test]
    fn coordinates_outside_vietnam_name_the_field() {
        assert!(coordinates("latitude", "longitude", 17.8, 106.0).is_ok());
        let errors = coordinates("latitude", "longitude", 48.8, 2.3).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["latitude", "longitude"]
        );
    }
}
