//! Bringing an index's settings to the wanted ones without blocking anybody.
//!
//! A settings update makes Meilisearch re-index: about 7.5 s on the 130,290-document
//! benchmark set, during which every replica that re-applied it on start and waited would
//! answer nothing. So the current settings are read and only the parts that differ are sent;
//! the task is enqueued and never awaited (searches keep using the old settings until it is
//! processed).

use meilisearch_sdk::settings::Settings;
use serde_json::{Map, Value};

/// Keys whose list order matters; every other list is compared as a set.
const ORDERED: [&str; 2] = ["searchableAttributes", "rankingRules"];

/// Whether `current` already holds everything `wanted` sets (keys `wanted` leaves out are
/// not compared; Meilisearch answers with every key, defaults included).
fn covers(current: &Value, wanted: &Value, ordered: bool) -> bool {
    match (current, wanted) {
        // A null in `wanted` leaves Meilisearch's default, whatever it answers for it.
        (Value::Object(current), Value::Object(wanted)) => wanted.iter().all(|(key, w)| {
            w.is_null()
                || current
                    .get(key)
                    .is_some_and(|c| covers(c, w, ORDERED.contains(&key.as_str())))
        }),
        (Value::Array(current), Value::Array(wanted)) if !ordered => {
            let sorted = |list: &Vec<Value>| {
                let mut list: Vec<String> = list.iter().map(Value::to_string).collect();
                list.sort();
                list
            };
            sorted(current) == sorted(wanted)
        }
        (Value::Number(current), Value::Number(wanted)) => current.as_f64() == wanted.as_f64(),
        (current, wanted) => current == wanted,
    }
}

/// The part of `wanted` that `current` lacks (whole top-level keys), or `None` when in sync.
pub fn missing(current: &Settings, wanted: &Settings) -> Option<Settings> {
    let current = serde_json::to_value(current).ok()?;
    let Ok(Value::Object(wanted_map)) = serde_json::to_value(wanted) else {
        return None;
    };
    let differing: Map<String, Value> = wanted_map
        .into_iter()
        .filter(|(key, w)| {
            !w.is_null()
                && !current
                    .get(key)
                    .is_some_and(|c| covers(c, w, ORDERED.contains(&key.as_str())))
        })
        .collect();
    if differing.is_empty() {
        return None;
    }
    serde_json::from_value(Value::Object(differing)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_differing_settings_are_sent() {
        let wanted = super::super::docs::settings();
        assert!(missing(&wanted, &wanted).is_none(), "identical settings need no update");
        let mut current = wanted.clone();
        current.filterable_attributes = current.filterable_attributes.map(|mut list| {
            list.reverse();
            list
        });
        assert!(missing(&current, &wanted).is_none(), "filterable attributes are a set");
        current.ranking_rules = current.ranking_rules.map(|mut list| {
            list.reverse();
            list
        });
        let update = missing(&current, &wanted).expect("ranking rules differ");
        assert!(update.ranking_rules.is_some());
        assert!(update.filterable_attributes.is_none() && update.synonyms.is_none());
        // What Meilisearch answers for settings it was given as `None`: still in sync.
        let mut answered = serde_json::to_value(&wanted).unwrap();
        answered["typoTolerance"]["disableOnWords"] = serde_json::json!([]);
        answered["typoTolerance"]["disableOnAttributes"] = serde_json::json!([]);
        let answered: Settings = serde_json::from_value(answered).unwrap();
        assert!(missing(&answered, &wanted).is_none());
    }
}
