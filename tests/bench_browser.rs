//! Benchmarks in the browser (not tests: they assert nothing about time). Run with
//! `.ci/bench` or `cargo test --release --target wasm32-unknown-unknown --test bench_browser
//! -- --nocapture`; each line prints the median of several runs in milliseconds.
#![cfg(target_arch = "wasm32")]

use sloy::domain::funnel::{filter_deals, funnel_snapshot, scoreboard, DealFilter};
use sloy::domain::synth::random_project;
use sloy::domain::{Category, Id};
use sloy::persist::file::{from_json, to_json};
use sloy::persist::library::{self, KeyValue};
use sloy::state::storage::LocalStore;
use std::collections::HashMap;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = now();
            f();
            now() - t
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    times[times.len() / 2]
}

#[wasm_bindgen_test]
fn bench_save_and_load_10k_deals() {
    let p = random_project(42, 2_000, 10_000);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let mut kv = LocalStore::open();
    let mut rev = 0;
    let save = median_ms(5, || {
        rev = library::save(&mut kv, &p, rev, "bench", "now", false)
            .unwrap()
            .rev;
    });
    let stored = kv.get(&library::data_key(p.id)).unwrap();
    let load = median_ms(5, || {
        library::decode(&stored).unwrap();
    });
    let json = to_json(&p, "now");
    let import = median_ms(3, || {
        from_json(&json).unwrap();
    });
    // How many such projects fit: fill with copies under other keys until the quota refuses.
    storage.clear().unwrap();
    let mut fit = 0;
    while storage
        .set_item(&format!("sloy.p.copy{fit}"), &stored)
        .is_ok()
    {
        fit += 1;
        if fit > 50 {
            break;
        }
    }
    storage.clear().unwrap();
    console_log!(
        "BENCH save_10k_deals_2k_clients_ms={save:.1} load_ms={load:.1} import_json_ms={import:.1} stored_chars={} json_bytes={} projects_that_fit={fit}",
        stored.chars().count(),
        json.len()
    );
}

#[wasm_bindgen_test]
fn bench_funnel_and_scoreboard_after_filter_10k_deals() {
    let p = random_project(7, 2_000, 10_000);
    let cats: HashMap<Id, Category> = p
        .clients
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, [Category::A, Category::B, Category::C][i % 3]))
        .collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let filter = DealFilter {
        categories: vec![Category::A, Category::B],
        ..DealFilter::default()
    };
    let ms = median_ms(7, || {
        let deals = filter_deals(&p, &filter, &cats);
        let _ = funnel_snapshot(&p, &deals);
        let _ = scoreboard(&p, &deals, as_of);
    });
    console_log!("BENCH funnel_plus_scoreboard_10k_deals_after_filter_ms={ms:.1}");
    // What the layer-2 screen recomputes after a filter change, honestly: the client
    // categories (ABC), the filter, the scoreboard, the funnel snapshot with its step
    // conversions and the period's cohort conversions.
    let q1 = sloy::domain::Period::quarter(2025, 1);
    let ms = median_ms(7, || {
        let cats = sloy::domain::abc::client_categories(&p);
        let deals = filter_deals(&p, &filter, &cats);
        let _ = scoreboard(&p, &deals, as_of);
        let _ = funnel_snapshot(&p, &deals);
        let _ = sloy::domain::funnel::cohort_conversions(&p, &deals, q1, as_of);
    });
    console_log!("BENCH layer2_page_recompute_10k_deals_ms={ms:.1}");
    // The deals list: search and sort of 10 000 deals (one page is then rendered).
    let ms = median_ms(7, || {
        let _ = sloy::domain::funnel::list_deals(
            &p,
            "s",
            None,
            sloy::domain::funnel::DealSort::AmountDesc,
        );
    });
    console_log!("BENCH layer2_deals_list_10k_search_sort_ms={ms:.1}");
}
