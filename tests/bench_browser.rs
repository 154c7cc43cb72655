//! Benchmarks in the browser (not tests: they assert nothing about time). Run with
//! `.ci/bench` or `cargo test --release --target wasm32-unknown-unknown --test bench_browser
//! -- --nocapture`; each line prints the median of several runs in milliseconds.
#![cfg(target_arch = "wasm32")]

use sloy::domain::layer2::{
    conversion::funnel_snapshot,
    filter::{filter_deals, DealFilter},
    scoreboard::scoreboard,
};
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

/// A save as the app runs it: the snapshot, then one step per timeout. Returns the total time,
/// the longest single step (what blocks the page at once), the number of steps and the meta.
fn stepped_save(
    kv: &mut LocalStore,
    p: &mut sloy::domain::Project,
    cache: &mut library::SaveCache,
    rev: u64,
) -> (f64, f64, usize, library::Meta) {
    let t0 = now();
    let mut job = library::begin_save(kv, p, cache, rev, "bench", "now", false, "b1").unwrap();
    let mut times = vec![now() - t0];
    loop {
        let t = now();
        let progress = job.step(kv, cache, p).unwrap();
        times.push(now() - t);
        if let library::Progress::Done(meta) = progress {
            let longest = times.iter().copied().fold(0.0, f64::max);
            let at = times.iter().position(|t| *t == longest).unwrap_or(0);
            console_log!(
                "BENCH save_steps steps={} longest_ms={longest:.1} longest_is_step={at} begin_ms={:.1} root_pack_ms={:.1} commit_ms={:.1}",
                times.len(),
                times[0],
                times[times.len() - 2],
                times[times.len() - 1]
            );
            return (now() - t0, longest, times.len(), meta);
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

#[wasm_bindgen_test]
fn bench_save_and_load_10k_deals() {
    let mut p = random_project(42, 2_000, 10_000);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let mut kv = LocalStore::open();
    let mut rev = 0;
    // A full save: every chunk serialised, deflated and written (first save, import), in steps.
    let (mut totals, mut longests) = (vec![], vec![]);
    let mut full_steps = 0;
    for _ in 0..5 {
        let mut cache = library::SaveCache::default();
        let (total, longest, steps, meta) = stepped_save(&mut kv, &mut p, &mut cache, rev);
        totals.push(total);
        longests.push(longest);
        full_steps = steps;
        rev = meta.rev;
    }
    let (full, full_longest) = (median(totals), median(longests));
    // The same save all at once, as before it was split (for comparison).
    let blocking_full = median_ms(3, || {
        rev = library::save(&mut kv, &mut p, rev, "bench", "now", false)
            .unwrap()
            .rev;
    });
    // The autosave after an edit: one deal changed, one chunk rewritten.
    let mut cache = library::SaveCache::default();
    rev = library::save_with(&mut kv, &mut p, &mut cache, rev, "bench", "now", false)
        .unwrap()
        .rev;
    let (mut totals, mut longests) = (vec![], vec![]);
    let mut edit_steps = 0;
    for n in 1..=9 {
        p.deals[(n * 997) % 10_000].next_step = format!("звонок {n}");
        let (total, longest, steps, meta) = stepped_save(&mut kv, &mut p, &mut cache, rev);
        totals.push(total);
        longests.push(longest);
        edit_steps = steps;
        rev = meta.rev;
    }
    assert_eq!(
        full_steps,
        1 + 24 + 24 + 2,
        "begin, a snapshot step and a write step per chunk, the value, the commit"
    );
    assert_eq!(edit_steps, 1 + 24 + 1 + 2);
    let (edit, edit_longest) = (median(totals), median(longests));
    let stored = kv.get(&library::data_key(p.id)).unwrap();
    let load = median_ms(5, || {
        library::decode(&kv, &stored).unwrap();
    });
    let json = to_json(&p, "now");
    let import = median_ms(3, || {
        from_json(&json).unwrap();
    });
    // How many such projects fit: all keys of this project copied under other names until the
    // quota refuses.
    let keys: Vec<String> = kv.keys();
    let values: Vec<String> = keys.iter().filter_map(|k| kv.get(k)).collect();
    let stored_chars: usize = values.iter().map(|v| v.chars().count()).sum();
    storage.clear().unwrap();
    let mut fit = 0;
    'fill: loop {
        for (i, v) in values.iter().enumerate() {
            if storage.set_item(&format!("sloy.copy{fit}.{i}"), v).is_err() {
                break 'fill;
            }
        }
        fit += 1;
        if fit > 50 {
            break;
        }
    }
    storage.clear().unwrap();
    console_log!(
        "BENCH save_10k_deals_2k_clients full_save_total_ms={full:.1} full_save_longest_step_ms={full_longest:.1} full_save_steps={full_steps} full_save_at_once_ms={blocking_full:.1} autosave_total_ms={edit:.1} autosave_longest_step_ms={edit_longest:.1} autosave_steps={edit_steps} load_ms={load:.1} import_json_ms={import:.1} stored_chars={stored_chars} json_bytes={} projects_that_fit={fit}",
        json.len()
    );
}

/// Start-up with five 10 000-deal + 2 000-client projects stored: the project list (metas only),
/// opening one, and the old start-up that decoded every project.
#[wasm_bindgen_test]
fn bench_startup_with_5_big_projects() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let mut kv = LocalStore::open();
    let mut stored = 0;
    let mut last = None;
    for i in 0..5u64 {
        let mut p = random_project(100 + i, 2_000, 10_000);
        match library::save(
            &mut kv,
            &mut p,
            0,
            "bench",
            &format!("2025-01-0{}", i + 1),
            false,
        ) {
            Ok(_) => {
                stored += 1;
                last = Some(p.id);
            }
            Err(e) => {
                console_log!("BENCH startup: project {} did not fit: {e:?}", i + 1);
                break;
            }
        }
    }
    let mut listed = 0;
    let list = median_ms(9, || {
        listed = library::list(&kv).metas.len();
    });
    assert_eq!(listed, stored);
    let key = library::data_key(last.unwrap());
    let check = median_ms(3, || {
        library::load_stored(&kv, &key).unwrap().unwrap();
    });
    let open = median_ms(3, || {
        let s = library::load_stored(&kv, &key).unwrap().unwrap();
        let mut cache = library::SaveCache::default();
        library::seed_cache(&kv, &s.project, &mut cache);
    });
    let mut found = 0;
    let scan_all = median_ms(1, || {
        found = library::scan(&kv).projects.len();
    });
    assert_eq!(found, stored);
    storage.clear().unwrap();
    console_log!(
        "BENCH startup_{stored}_projects_10k_deals list_ms={list:.2} open_one_ms={open:.1} startup_total_ms={:.1} idle_check_per_project_ms={check:.1} old_scan_all_ms={scan_all:.1}",
        list + open
    );
}

/// Where the time of a save goes: serialising, deflating + packing, writing.
#[wasm_bindgen_test]
fn bench_save_breakdown_10k_deals() {
    let p = random_project(42, 2_000, 10_000);
    let json = to_json(&p, "now");
    let serialise = median_ms(5, || {
        let _ = to_json(&p, "now");
    });
    let packed = sloy::persist::codec::pack(&json);
    let pack = median_ms(5, || {
        let _ = sloy::persist::codec::pack(&json);
    });
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let write = median_ms(5, || {
        storage.set_item("sloy.bench", &packed).unwrap();
    });
    storage.clear().unwrap();
    console_log!(
        "BENCH save_breakdown serialise_ms={serialise:.1} deflate_pack_ms={pack:.1} set_item_ms={write:.1} json_bytes={} packed_chars={}",
        json.len(),
        packed.chars().count()
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
        let cats = sloy::domain::layer1::abc::client_categories(&p);
        let deals = filter_deals(&p, &filter, &cats);
        let _ = scoreboard(&p, &deals, as_of);
        let _ = funnel_snapshot(&p, &deals);
        let _ = sloy::domain::layer2::conversion::cohort_conversions(&p, &deals, q1, as_of);
    });
    console_log!("BENCH layer2_page_recompute_10k_deals_ms={ms:.1}");
    // The deals list: search and sort of 10 000 deals (one page is then rendered).
    let ms = median_ms(7, || {
        let _ = sloy::domain::layer2::deal_list::list_deals(
            &p,
            "s",
            None,
            sloy::domain::layer2::deal_list::DealSort::AmountDesc,
        );
    });
    console_log!("BENCH layer2_deals_list_10k_search_sort_ms={ms:.1}");
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
        let u = sloy::domain::model::MoneyUnit::ThousandRub;
        ok = plan_clients(&t, &m, u, u).ok.len();
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

/// Layer 1 budget: ABC analysis of 100 000 clients ≤ 30 ms. Revenues come in the clients' order
/// with gaps (15 % of clients have none), as an import writes them; `shuffled` reverses the
/// revenue list and swaps rows at random, as a project edited by hand for years might hold it.
fn abc_100k(shuffled: bool) -> (f64, [usize; 3]) {
    let mut p = random_project(11, 100_000, 0);
    if shuffled {
        p.revenues.reverse();
        let mut seed = 5u64;
        for i in 0..p.revenues.len() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = (seed >> 33) as usize % p.revenues.len();
            p.revenues.swap(i, j);
        }
    }
    let settings = p.layer1.abc.clone();
    let year = p.company.base_year;
    let mut classes = [0usize; 3];
    let ms = median_ms(31, || {
        let res = sloy::domain::layer1::abc::abc_analysis(&p, year, &settings);
        classes = res.class_counts();
    });
    (ms, classes)
}

#[wasm_bindgen_test]
fn bench_abc_100k_clients() {
    let (ms, classes) = abc_100k(false);
    let (ms_shuffled, classes_shuffled) = abc_100k(true);
    assert_eq!(classes, classes_shuffled);
    console_log!(
        "BENCH abc_100k_clients_ms={ms:.1} shuffled_revenues_ms={ms_shuffled:.1} classes_abc={}/{}/{}",
        classes[0],
        classes[1],
        classes[2]
    );
}
