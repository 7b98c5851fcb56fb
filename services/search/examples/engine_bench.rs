//! In-process benchmark of the tantivy engine on synthetic Vietnamese data. Prints one JSON object:
//!
//! `cargo run --release -p coopbridge-search --example engine_bench -- --producers 30000 --products 100000`

mod bench_data;

use std::time::Instant;

use coopbridge_search::{SearchIndex, TantivyIndex};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name} needs a number")))
        .unwrap_or(default)
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn vm_hwm_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted_ms.len() as f64).ceil() as usize;
    sorted_ms[rank.clamp(1, sorted_ms.len()) - 1]
}

#[tokio::main]
async fn main() {
    let producers = arg("--producers", 30_000);
    let products = arg("--products", 100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let index = TantivyIndex::open(dir.path().join("index")).await.expect("open index");

    let generated = bench_data::generate(producers, products);
    let docs = generated.docs.len();
    let started = Instant::now();
    for batch in generated.docs.chunks(20_000) {
        index.upsert(batch.to_vec()).await.expect("upsert");
    }
    let build_seconds = started.elapsed().as_secs_f64();
    drop(generated);

    let queries = bench_data::queries();
    for q in &queries {
        index.search(q).await.expect("warm-up search");
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let mut total_hits = 0u64;
    for q in &queries {
        let t = Instant::now();
        let response = index.search(q).await.expect("search");
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        total_hits += response.total;
    }
    if std::env::var_os("BENCH_SLOWEST").is_some() {
        let mut order: Vec<usize> = (0..queries.len()).collect();
        order.sort_by(|a, b| latencies[*b].total_cmp(&latencies[*a]));
        for i in order.into_iter().take(8) {
            eprintln!("{:.2} ms  {:?}", latencies[i], queries[i]);
        }
    }
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let result = serde_json::json!({
        "engine": index.engine(),
        "docs": docs,
        "producers": producers,
        "products": products,
        "index_build_seconds": (build_seconds * 100.0).round() / 100.0,
        "index_size_bytes": dir_size(dir.path()),
        "queries": queries.len(),
        "matched_docs_total": total_hits,
        "p50_ms": (percentile(&sorted, 50.0) * 1000.0).round() / 1000.0,
        "p95_ms": (percentile(&sorted, 95.0) * 1000.0).round() / 1000.0,
        "p99_ms": (percentile(&sorted, 99.0) * 1000.0).round() / 1000.0,
        "max_ms": (sorted[sorted.len() - 1] * 1000.0).round() / 1000.0,
        "rss_hwm_bytes": vm_hwm_bytes(),
    });
    println!("{result}");
}
