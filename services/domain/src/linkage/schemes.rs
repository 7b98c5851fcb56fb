//! Certification schemes as a bit set, so "holds every required scheme" is
//! one integer test in SQL: `required & !held = 0`.

use sea_orm::Iterable;

use crate::entities::catalog_enums::CertificationScheme;

pub fn bit(scheme: CertificationScheme) -> i32 {
    let index = CertificationScheme::iter()
        .position(|s| s == scheme)
        .expect("every scheme is listed");
    1 << index
}

pub fn to_bits(schemes: &[CertificationScheme]) -> i32 {
    schemes.iter().fold(0, |bits, s| bits | bit(*s))
}

pub fn from_bits(bits: i32) -> Vec<CertificationScheme> {
    CertificationScheme::iter().filter(|s| bits & bit(*s) != 0).collect()
}

/// All scheme bits: the complement of a held set within them.
pub fn all_bits() -> i32 {
    to_bits(&CertificationScheme::iter().collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_sets_round_trip() {
        let set = [CertificationScheme::VietGap, CertificationScheme::Ocop];
        assert_eq!(from_bits(to_bits(&set)), set);
        assert_eq!(from_bits(0), vec![]);
        assert_eq!(all_bits() & !to_bits(&set) & to_bits(&set), 0);
    }
}
