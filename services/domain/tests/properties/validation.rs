//! Catalog number, place, date and name checks.

use chrono::Datelike;
use coopbridge_domain::ErrorCode;
use coopbridge_domain::catalog::validation as check;
use coopbridge_domain::entities::catalog_enums::CertificationScheme;
use coopbridge_domain::linkage::schemes;
use proptest::prelude::*;
use sea_orm::Iterable;

use crate::text_and_contacts::{assert_field_error, vietnamese_text};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn coordinates_inside_vietnam_pass_and_each_bad_axis_is_named(
        lat in -90.0f64..90.0, lng in -180.0f64..180.0
    ) {
        let lat_ok = (6.0..=24.0).contains(&lat);
        let lng_ok = (102.0..=118.0).contains(&lng);
        match check::coordinates("latitude", "longitude", lat, lng) {
            Ok(()) => prop_assert!(lat_ok && lng_ok),
            Err(errors) => {
                let named: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
                let mut expected = Vec::new();
                if !lat_ok { expected.push("latitude"); }
                if !lng_ok { expected.push("longitude"); }
                prop_assert_eq!(named, expected);
                prop_assert!(errors.iter().all(|e| e.code == ErrorCode::OutOfRange));
            }
        }
    }

    #[test]
    fn text_with_a_control_character_is_refused_on_its_field_by_every_text_check(
        before in vietnamese_text(20),
        after in vietnamese_text(20),
        control in prop::sample::select(
            ('\u{0}'..='\u{1f}').chain('\u{7f}'..='\u{9f}').filter(|c| !matches!(c, '\n' | '\t')).collect::<Vec<_>>()
        ),
        which in 0usize..4,
    ) {
        let input = format!("{before}{control}{after}");
        // A CR directly before a LF is a Windows line break, not a stray control.
        prop_assume!(!input.contains("\r\n"));
        let field = ["name", "street", "description", "website"][which];
        let refused = match which {
            0 => check::required_text(field, &input, 10_000).err(),
            1 => check::optional_text(field, &input, 10_000).err(),
            2 => check::long_text(field, &input, 10_000).err(),
            _ => check::website(field, &format!("https://example.vn/{input}")).err(),
        };
        let e = refused.unwrap_or_else(|| panic!("{input:?} accepted as {field}"));
        assert_field_error(&e, field, ErrorCode::InvalidFormat);
    }

    #[test]
    fn line_feeds_and_tabs_stay_welcome_in_long_text(
        lines in prop::collection::vec(vietnamese_text(20), 1..5), tab in any::<bool>(), crlf in any::<bool>()
    ) {
        let input = lines.join(if crlf { "\r\n" } else { "\n" }) + if tab { "\tcuối" } else { "" };
        let value = check::long_text("description", &input, 10_000).unwrap();
        prop_assert!(!value.contains('\r'));
        prop_assert!(value.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
    }

    #[test]
    fn founding_years_run_from_1900_to_this_year(year in 1700i32..2200) {
        let this_year = chrono::Utc::now().year();
        match check::founded_year("foundedYear", year) {
            Ok(y) => prop_assert!(y == year && (1900..=this_year).contains(&year)),
            Err(e) => {
                prop_assert!(!(1900..=this_year).contains(&year));
                assert_field_error(&e, "foundedYear", ErrorCode::OutOfRange);
            }
        }
    }

    #[test]
    fn vnd_amounts_and_quantities_are_whole_non_negative_numbers(value in any::<i64>()) {
        match check::non_negative("priceMinVnd", value) {
            Ok(v) => prop_assert!(v == value && value >= 0),
            Err(e) => {
                prop_assert!(value < 0);
                assert_field_error(&e, "priceMinVnd", ErrorCode::OutOfRange);
            }
        }
    }

    #[test]
    fn harvest_months_round_trip_as_a_sorted_set(months in prop::collection::vec(1i32..=12, 0..20)) {
        let bits = check::harvest_months("harvestMonths", &months).unwrap();
        let mut expected = months.clone();
        expected.sort_unstable();
        expected.dedup();
        prop_assert_eq!(check::months_of(bits), expected.clone());
        prop_assert_eq!(check::harvest_months("harvestMonths", &expected).unwrap(), bits);
    }

    #[test]
    fn a_month_outside_1_to_12_is_refused(
        months in prop::collection::vec(1i32..=12, 0..6), bad in prop_oneof![-50i32..=0, 13i32..100], at in 0usize..6
    ) {
        let mut months = months;
        months.insert(at.min(months.len()), bad);
        assert_field_error(
            &check::harvest_months("harvestMonths", &months).unwrap_err(), "harvestMonths", ErrorCode::OutOfRange);
    }

    #[test]
    fn websites_need_a_scheme_and_a_dotted_host(
        host in "[a-z0-9-]{1,12}", tld in "(vn|com|com\\.vn)", path in "(/[a-z0-9-]{0,8}){0,2}",
        https in any::<bool>(), pad in "[ ]{0,2}"
    ) {
        let scheme = if https { "https://" } else { "http://" };
        let url = format!("{scheme}{host}.{tld}{path}");
        prop_assert_eq!(check::website("website", &format!("{pad}{url}{pad}")).unwrap(), url.clone());
        for bad in [format!("{host}.{tld}{path}"), format!("{scheme}{host}{path}"), format!("ftp://{host}.{tld}")] {
            assert_field_error(&check::website("website", &bad).unwrap_err(), "website", ErrorCode::InvalidFormat);
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii_words_joined_by_single_hyphens(name in vietnamese_text(30)) {
        let slug = check::slugify(&name);
        prop_assert!(!slug.is_empty() && slug.chars().count() <= 80);
        prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{slug}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
        prop_assert_eq!(check::slugify(&slug), slug.clone());
    }

    #[test]
    fn certification_scheme_sets_round_trip_through_bits(picks in prop::collection::vec(any::<prop::sample::Index>(), 0..8)) {
        let all: Vec<CertificationScheme> = CertificationScheme::iter().collect();
        let chosen: Vec<_> = picks.iter().map(|i| *i.get(&all)).collect();
        let bits = schemes::to_bits(&chosen);
        prop_assert_eq!(bits & !schemes::all_bits(), 0);
        let back = schemes::from_bits(bits);
        prop_assert!(chosen.iter().all(|s| back.contains(s)) && back.iter().all(|s| chosen.contains(s)));
        prop_assert_eq!(schemes::to_bits(&back), bits);
    }
}

/// Found by `slugs_are_lowercase_ascii_words_joined_by_single_hyphens`: cutting
/// a long name at 80 characters could leave a trailing hyphen.
#[test]
fn a_slug_cut_at_80_characters_does_not_end_with_a_hyphen() {
    let name = format!("{} tác xã", "a".repeat(79));
    let slug = check::slugify(&name);
    assert!(!slug.ends_with('-'), "{slug}");
    assert_eq!(check::slugify(&slug), slug);
}
