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
}

/// A 10 000-row client CSV (Russian headers, `;`, decimal comma, thousands spaces) to the
/// preview: parse, guess the mapping, check every row.
#[wasm_bindgen_test]
fn bench_client_csv_10k_rows_to_preview() {
    use sloy::domain::import::{guess_mapping, plan_clients, Kind};
    let mut csv = String::from("Контрагент;Код;Выручка, руб.;Отрасль;Регион;Категория\n");
    for i in 0..10_000 {
        csv.push_str(&format!(
            "\"ООО «Клиент {i}; филиал»\";K-{i:05};{} {:03},{:02} ₽;Отрасль {};Регион {};{}\n",
            i % 900 + 1,
            i % 1000,
            i % 100,
            i % 7,
            i % 12,
            ["А", "В", "С"][i % 3]
        ));
    }
    let bytes = csv.into_bytes();
    let mut ok = 0;
    let ms = median_ms(5, || {
        let t = sloy::persist::table::parse_csv(&bytes).unwrap();
        let m = guess_mapping(Kind::Clients, &t.headers);
        ok = plan_clients(&t, &m).ok.len();
    });
    assert_eq!(ok, 10_000);
    console_log!("BENCH import_client_csv_10k_rows_to_preview_ms={ms:.1}");
}

/// The real CRM export (8 800 deals + team + accounts): parse, map, build the project, then the
/// scoreboard.
#[wasm_bindgen_test]
fn bench_crm_import_8800_deals_with_scoreboard() {
    use sloy::domain::import::*;
    use sloy::persist::table::parse_csv;
    let pipeline = include_str!("../../shared/data/crm-sales-opportunities/sales_pipeline.csv");
    let teams = include_str!("../../shared/data/crm-sales-opportunities/sales_teams.csv");
    let accounts = include_str!("../../shared/data/crm-sales-opportunities/accounts.csv");
    let today = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    let mut n = 0;
    let ms = median_ms(5, || {
        let d = parse_csv(pipeline.as_bytes()).unwrap();
        let t = parse_csv(teams.as_bytes()).unwrap();
        let a = parse_csv(accounts.as_bytes()).unwrap();
        let m = guess_mapping(Kind::Deals, &d.headers);
        let mut p = new_crm_project("CRM", &d, &m, today);
        let sm: Vec<_> = stage_names(&d, &m)
            .into_iter()
            .map(|(s, _)| {
                let g = guess_stage(&p, &s);
                (s, g)
            })
            .collect();
        let crm = CrmImport {
            deals: &d,
            deal_mapping: &m,
            stage_map: &sm,
            teams: Some(&t),
            accounts: Some(&a),
        };
        import_crm(&mut p, &crm, today);
        let deals: Vec<_> = p.deals.iter().collect();
        n = scoreboard(&p, &deals, today).total.count + deals.len();
    });
    assert!(n > 8_800);
    console_log!("BENCH import_crm_8800_deals_plus_scoreboard_ms={ms:.1}");
}
