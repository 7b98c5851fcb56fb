//! DataLoaders of fairs: a page of events with zones and booking counts costs
//! the same number of statements whatever its size.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use coopbridge_domain::entities::fair_zone;
use coopbridge_domain::fairs::{application_reads, events};
use sea_orm::DatabaseConnection;

use crate::graphql::errors::query_error;

type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

pub struct EventZonesLoader(pub DatabaseConnection);

impl Loader<i32> for EventZonesLoader {
    type Value = Vec<fair_zone::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = events::zones_of_events(&self.0, keys).await.map_err(query_error)?;
        let mut map: HashMap<i32, Vec<fair_zone::Model>> = keys.iter().map(|k| (*k, vec![])).collect();
        for zone in rows {
            map.entry(zone.event_id).or_default().push(zone);
        }
        Ok(map)
    }
}

pub struct EventCountsLoader(pub DatabaseConnection);

impl Loader<i32> for EventCountsLoader {
    type Value = application_reads::EventCounts;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i32]) -> LoadResult<i32, Self::Value> {
        let rows = application_reads::booking_counts(&self.0, keys)
            .await
            .map_err(query_error)?;
        Ok(rows.into_iter().map(|c| (c.event_id, c)).collect())
    }
}
