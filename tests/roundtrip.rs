//! Export → import gives back the identical project: the demo, random projects, and the golden
//! file of every released schema version, which must load forever.
#![cfg(not(target_arch = "wasm32"))]

use sloy::domain::demo::demo_project;
use sloy::domain::synth::random_project;
use sloy::persist::file::{from_json, to_json, to_json_pretty};
use sloy::persist::library::{save, scan, MemoryStore};

#[test]
fn demo_round_trips_through_a_file_and_through_storage() {
    let mut p = demo_project();
    assert_eq!(
        from_json(&to_json_pretty(&p, "2025-03-31T00:00:00Z"))
            .unwrap()
            .project,
        p
    );
    let mut kv = MemoryStore::default();
    save(&mut kv, &mut p, 0, "tab", "now", false).unwrap();
    assert_eq!(scan(&kv).projects[0].project, p);
}

#[test]
fn random_projects_round_trip() {
    for seed in 0..150u64 {
        let mut p = random_project(seed, (seed % 40) as usize, (seed % 60) as usize);
        let text = to_json(&p, "x");
        let back = from_json(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(back.project, p, "seed {seed}");
        // And the stored (compressed) form.
        let mut kv = MemoryStore::default();
        save(&mut kv, &mut p, 0, "tab", "now", false).unwrap();
        assert_eq!(scan(&kv).projects[0].project, p, "seed {seed} (storage)");
    }
}

#[test]
fn golden_v2_file_loads_forever() {
    let text = include_str!("fixtures/v2-demo.sloy.json");
    let p = from_json(text)
        .expect("the v2 golden file must load")
        .project;
    assert_eq!(p.company.name, "ГидроТеплоМаш");
    let a = sloy::domain::merge::ancestry_of(&p);
    assert_eq!(a.bases.len(), 1);
    assert_eq!(a.merges.len(), 1);
    assert_eq!(a.merges[0].from_theirs, 1);
    assert_eq!(p.clients[0].notes, "Правка коллеги");
    // Its shared state is the demo as exported: the colleague's edit of client 0 counts as a
    // change here, the other clients as unchanged.
    let base = sloy::domain::merge::Base::from_stamps(&a.bases[0].stamps).expect("stamps");
    let mut other = p.clone();
    other.clients[1].notes = "там".into();
    let m = sloy::domain::merge::merge(&p, &other, &base);
    assert_eq!(m.items.len(), 1);
    assert!(!m.items[0].is_conflict());
    let mut other = p.clone();
    other.clients[0].notes = "там".into();
    let m = sloy::domain::merge::merge(&p, &other, &base);
    assert!(m.items[0].is_conflict());
}

#[test]
fn golden_v1_file_loads_forever() {
    let text = include_str!("fixtures/v1-demo.sloy.json");
    let loaded = from_json(text).expect("the v1 golden file must load");
    let p = loaded.project;
    assert_eq!(p.company.name, "ГидроТеплоМаш");
    assert_eq!(
        (
            p.clients.len(),
            p.deals.len(),
            p.managers.len(),
            p.stages.len()
        ),
        (40, 25, 4, 14)
    );
    let d01 = p.deals.iter().find(|d| d.code == "D01").expect("D01");
    assert_eq!(d01.amount, sloy::domain::Money::units(58_000));
    assert_eq!(loaded.migrated_from, Some(1));
    let a = sloy::domain::merge::ancestry_of(&p);
    assert_eq!(a.revision, 1);
    assert!(a.bases.is_empty());
}

#[test]
fn a_10k_deal_project_fits_the_storage_quota() {
    // 5 M UTF-16 units is what Chromium gives an origin; the budget says at least five such
    // projects must fit, which is why stored projects are compressed.
    let mut p = random_project(42, 2_000, 10_000);
    let mut kv = MemoryStore::default();
    let meta = save(&mut kv, &mut p, 0, "tab", "now", false).unwrap();
    let per_project = meta.stored_chars as usize + 200;
    println!(
        "10 000 deals / 2 000 clients: {} chars stored, JSON {} bytes",
        meta.stored_chars,
        to_json(&p, "x").len()
    );
    assert!(
        5_000_000 / per_project >= 5,
        "only {} fit",
        5_000_000 / per_project
    );
}
