//! One pass over the matching documents: exact radius check, the request's sort key, a bounded
//! top-N heap, the total and (optionally) facet counts from fast fields.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::{Facets, GeoPoint, GeoRadius};

/// How candidates are ordered (greater key first).
#[derive(Debug, Clone, Copy)]
pub enum SortKey {
    /// Text score × boost.
    Score,
    /// No text: boost, then newest.
    Browse,
    Newest,
    /// Nearest to the collector's `point` first.
    Distance,
}

#[derive(Debug, Clone)]
pub struct SearchCollector {
    pub key: SortKey,
    pub radius: Option<GeoRadius>,
    /// Distances are reported from here.
    pub point: Option<GeoPoint>,
    pub top_n: usize,
    pub facets: bool,
    pub scoring: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub key: f64,
    pub score: f32,
    pub segment: SegmentOrdinal,
    pub doc: DocId,
    pub distance_km: Option<f64>,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    /// Greater = better: higher key, then earlier segment and document (stable pages).
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then_with(|| other.segment.cmp(&self.segment))
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

/// Facet counts keyed by value, in the order of [`Facets`]' fields.
pub type FacetMaps = [HashMap<String, u64>; 7];

pub struct Fruit {
    pub total: u64,
    pub top: Vec<Candidate>,
    pub facets: Option<FacetMaps>,
}

struct StrCounter {
    column: StrColumn,
    counts: Vec<u64>,
}

impl StrCounter {
    fn open(segment: &SegmentReader, field: &str) -> tantivy::Result<Option<StrCounter>> {
        Ok(segment.fast_fields().str(field)?.map(|column| {
            let n = column.num_terms();
            StrCounter {
                column,
                counts: vec![0; n],
            }
        }))
    }

    fn into_map(self) -> HashMap<String, u64> {
        let mut map = HashMap::new();
        let mut value = String::new();
        for (ord, count) in self.counts.into_iter().enumerate().filter(|(_, c)| *c > 0) {
            if self.column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                map.insert(value.clone(), count);
            }
        }
        map
    }
}

/// Counts small integers (province codes, stars, booleans) in a vector, others in a map.
#[derive(Default)]
struct IntCounter {
    dense: Vec<u64>,
    sparse: HashMap<i64, u64>,
}

impl IntCounter {
    const DENSE: i64 = 1024;

    #[inline]
    fn add(&mut self, value: i64) {
        if (0..Self::DENSE).contains(&value) {
            if self.dense.is_empty() {
                self.dense = vec![0; Self::DENSE as usize];
            }
            self.dense[value as usize] += 1;
        } else {
            *self.sparse.entry(value).or_default() += 1;
        }
    }

    fn into_map(self) -> HashMap<String, u64> {
        let mut map: HashMap<String, u64> = self.sparse.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        for (value, count) in self.dense.into_iter().enumerate().filter(|(_, c)| *c > 0) {
            map.insert(value.to_string(), count);
        }
        map
    }
}

struct FacetColumns {
    province: Option<Column<i64>>,
    ocop: Option<Column<i64>>,
    verified: Option<Column<bool>>,
    strs: [Option<StrCounter>; 4],
    /// province, ocop stars, verified (0/1).
    nums: [IntCounter; 3],
}

pub struct SegmentSearch {
    spec: SearchCollector,
    segment: SegmentOrdinal,
    lat: Option<Column<f64>>,
    lon: Option<Column<f64>>,
    boost: Option<Column<f64>>,
    created_at: Option<Column<i64>>,
    heap: BinaryHeap<Reverse<Candidate>>,
    total: u64,
    facets: Option<FacetColumns>,
}

impl Collector for SearchCollector {
    type Fruit = Fruit;
    type Child = SegmentSearch;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentSearch> {
        let ff = reader.fast_fields();
        let geo = self.radius.is_some() || self.point.is_some();
        let facets = if self.facets {
            Some(FacetColumns {
                province: ff.column_opt("province")?,
                ocop: ff.column_opt("ocop")?,
                verified: ff.column_opt("verified")?,
                strs: [
                    StrCounter::open(reader, "category")?,
                    StrCounter::open(reader, "scheme")?,
                    StrCounter::open(reader, "producer_kind")?,
                    StrCounter::open(reader, "kind")?,
                ],
                nums: Default::default(),
            })
        } else {
            None
        };
        Ok(SegmentSearch {
            spec: self.clone(),
            segment,
            lat: if geo { ff.column_opt("lat")? } else { None },
            lon: if geo { ff.column_opt("lon")? } else { None },
            boost: ff.column_opt("boost")?,
            created_at: ff.column_opt("created_at")?,
            heap: BinaryHeap::with_capacity(self.top_n.min(1024) + 1),
            total: 0,
            facets,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut total = 0;
        let mut top = Vec::new();
        let mut facets: Option<FacetMaps> = None;
        for fruit in fruits {
            total += fruit.total;
            top.extend(fruit.top);
            if let Some(maps) = fruit.facets {
                let merged = facets.get_or_insert_with(Default::default);
                for (into, from) in merged.iter_mut().zip(maps) {
                    for (value, count) in from {
                        *into.entry(value).or_default() += count;
                    }
                }
            }
        }
        top.sort_by(|a, b| b.cmp(a));
        top.truncate(self.top_n);
        Ok(Fruit { total, top, facets })
    }
}

fn first<T: PartialOrd + Copy + Default + std::fmt::Debug + Send + Sync + 'static>(
    c: &Option<Column<T>>,
    doc: DocId,
) -> Option<T> {
    c.as_ref().and_then(|c| c.first(doc))
}

impl SegmentCollector for SegmentSearch {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let location = match (first(&self.lat, doc), first(&self.lon, doc)) {
            (Some(lat), Some(lon)) => Some(GeoPoint { lat, lon }),
            _ => None,
        };
        if let Some(radius) = &self.spec.radius {
            match location {
                Some(p) if p.distance_km(&radius.center) <= radius.radius_km => {}
                _ => return,
            }
        }
        self.total += 1;
        if let Some(f) = &mut self.facets {
            count_facets(f, doc);
        }
        if self.spec.top_n == 0 {
            return;
        }
        let distance_km = match (self.spec.point, location) {
            (Some(point), Some(loc)) => Some(point.distance_km(&loc)),
            _ => None,
        };
        let boost = first(&self.boost, doc).unwrap_or(1.0);
        let created = first(&self.created_at, doc).unwrap_or(0) as f64;
        let key = match self.spec.key {
            SortKey::Score => score as f64 * boost,
            SortKey::Browse => boost * 1e11 + created,
            SortKey::Newest => created,
            SortKey::Distance => distance_km.map_or(f64::NEG_INFINITY, |d| -d),
        };
        let candidate = Candidate {
            key,
            score: (score as f64 * boost) as f32,
            segment: self.segment,
            doc,
            distance_km,
        };
        if self.heap.len() < self.spec.top_n {
            self.heap.push(Reverse(candidate));
        } else if let Some(Reverse(worst)) = self.heap.peek()
            && candidate > *worst
        {
            self.heap.pop();
            self.heap.push(Reverse(candidate));
        }
    }

    fn harvest(self) -> Fruit {
        let facets = self.facets.map(|f| {
            let [province, ocop, verified] = f.nums.map(IntCounter::into_map);
            let verified = verified
                .into_iter()
                .map(|(k, v)| ((if k == "1" { "true" } else { "false" }).to_string(), v));
            let verified = verified.collect();
            let [category, mut scheme, producer_kind, kind] =
                f.strs.map(|s| s.map(StrCounter::into_map).unwrap_or_default());
            // Self-declared claims live in the scheme field but are no facet.
            scheme.retain(|value, _| !value.starts_with(super::schema::SELF_DECLARED_PREFIX));
            [province, category, scheme, ocop, producer_kind, verified, kind]
        });
        Fruit {
            total: self.total,
            top: self.heap.into_iter().map(|Reverse(c)| c).collect(),
            facets,
        }
    }
}

fn count_facets(f: &mut FacetColumns, doc: DocId) {
    if let Some(v) = first(&f.province, doc) {
        f.nums[0].add(v);
    }
    if let Some(v) = first(&f.ocop, doc) {
        f.nums[1].add(v);
    }
    if let Some(v) = first(&f.verified, doc) {
        f.nums[2].add(v as i64);
    }
    for counter in f.strs.iter_mut().flatten() {
        for ord in counter.column.term_ords(doc) {
            counter.counts[ord as usize] += 1;
        }
    }
}

/// Facet maps as sorted lists: count desc, then value.
pub fn to_facets(maps: FacetMaps) -> Facets {
    Facets::from_counts(maps)
}
