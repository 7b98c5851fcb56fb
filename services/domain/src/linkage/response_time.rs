//! How fast cooperatives answer: the median of hours from an inquiry's
//! arrival to the cooperative's first reply (a message, acceptance or
//! refusal), over the inquiries of the last 365 days that it answered.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::entities::inquiry;
use crate::error::Result;

pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// Median response hours (one decimal) per cooperative, in one statement.
pub async fn median_response_hours(db: &impl ConnectionTrait, cooperative_ids: &[i32]) -> Result<HashMap<i32, f64>> {
    let since = Utc::now() - Duration::days(365);
    let rows: Vec<(i32, chrono::DateTime<Utc>, Option<chrono::DateTime<Utc>>)> = inquiry::Entity::find()
        .select_only()
        .column(inquiry::Column::CooperativeId)
        .column(inquiry::Column::CreatedAt)
        .column(inquiry::Column::FirstRepliedAt)
        .filter(inquiry::Column::CooperativeId.is_in(cooperative_ids.iter().copied()))
        .filter(inquiry::Column::FirstRepliedAt.is_not_null())
        .filter(inquiry::Column::CreatedAt.gte(since))
        .into_tuple()
        .all(db)
        .await?;
    let mut hours: HashMap<i32, Vec<f64>> = HashMap::new();
    for (cooperative, created, replied) in rows {
        if let Some(replied) = replied {
            let h = (replied - created).num_seconds().max(0) as f64 / 3600.0;
            hours.entry(cooperative).or_default().push(h);
        }
    }
    Ok(hours
        .into_iter()
        .filter_map(|(id, h)| median(h).map(|m| (id, (m * 10.0).round() / 10.0)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }
}
