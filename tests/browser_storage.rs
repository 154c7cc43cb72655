//! In-browser tests of the storage rules against the real localStorage: a full quota keeps the
//! previous save and the changes in memory; unreadable data is kept aside, shown, never
//! overwritten; a later save by another tab is detected.
#![cfg(target_arch = "wasm32")]

use sloy::domain::demo::demo_project;
use sloy::persist::library::{self, data_key, meta_key, KeyValue};
use sloy::persist::StoreError;
use sloy::state::storage::LocalStore;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Fills localStorage with junk until the browser refuses; returns the junk keys.
fn fill_storage() -> Vec<String> {
    let s = storage();
    let mut keys = vec![];
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while chunk.len() > 16 {
        let key = format!("junk.{i}");
        match s.set_item(&key, &chunk) {
            Ok(()) => {
                keys.push(key);
                i += 1;
            }
            Err(_) => chunk.truncate(chunk.len() / 2),
        }
    }
    keys
}

/// Mounts the whole app into a fresh element of the test page.
fn mount_app() -> (web_sys::HtmlElement, impl Drop) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host);
    let handle = leptos::mount::mount_to(host.clone(), sloy::app::App);
    (host, handle)
}

#[wasm_bindgen_test]
fn full_quota_keeps_the_previous_save() {
    storage().clear().unwrap();
    let mut kv = LocalStore::open();
    let mut p = demo_project();
    library::save(&mut kv, &mut p, 0, "tab", "t1", false).unwrap();
    let junk = fill_storage();
    p.name = "Изменённый".into();
    for c in &mut p.clients {
        c.notes = format!("{} {}", c.id, sloy::domain::new_id()).repeat(50);
    }
    let result = library::save(&mut kv, &mut p, 1, "tab", "t2", false);
    assert_eq!(result, Err(StoreError::Quota));
    // The stored project is still the previous one.
    let stored = library::decode(&kv, &kv.get(&data_key(p.id)).unwrap()).unwrap();
    assert_eq!(stored.name, "Демо: ГидроТеплоМаш");
    for k in junk {
        storage().remove_item(&k).unwrap();
    }
    // The next save succeeds.
    assert_eq!(
        library::save(&mut kv, &mut p, 1, "tab", "t3", false)
            .unwrap()
            .rev,
        2
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn unreadable_data_is_kept_and_shown() {
    storage().clear().unwrap();
    let id = sloy::domain::new_id();
    let broken = "{\"format\":\"sloy-project\",\"schema_version\":1,\"data\":{\"id\":";
    storage().set_item(&data_key(id), broken).unwrap();
    let scan = library::scan(&LocalStore::open());
    assert_eq!(scan.unreadable.len(), 1);
    assert!(scan.projects.is_empty());

    // The app shows a banner and does not create the demo over it.
    let (host, handle) = mount_app();
    let text = text_with(&host, "не читаются").await;
    assert!(text.contains("не читаются"), "{text}");
    assert_eq!(
        storage().get_item(&data_key(id)).unwrap().as_deref(),
        Some(broken)
    );
    let sloy_keys: Vec<String> = LocalStore::open()
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(library::DATA_PREFIX))
        .collect();
    assert_eq!(
        sloy_keys,
        vec![data_key(id)],
        "no project was written next to unreadable data"
    );
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn another_tabs_later_save_is_detected() {
    storage().clear().unwrap();
    let mut kv = LocalStore::open();
    let mut p = demo_project();
    library::save(&mut kv, &mut p, 0, "tab-a", "t1", false).unwrap();
    library::save(&mut kv, &mut p, 1, "tab-b", "t2", false).unwrap();
    match library::save(&mut kv, &mut p, 1, "tab-a", "t3", false) {
        Err(StoreError::Conflict { their_rev: 2, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(library::read_meta(&kv, p.id).is_some());
    assert!(storage()
        .get_item(&meta_key(p.id))
        .unwrap()
        .unwrap()
        .contains("tab-b"));
    storage().clear().unwrap();
}

/// The app's text once it contains `needle` (the store opens the project after its storage
/// part has arrived, a moment after mounting), or as it is after 3 seconds.
async fn text_with(host: &web_sys::HtmlElement, needle: &str) -> String {
    let mut waited = 0;
    loop {
        let text = host.text_content().unwrap_or_default();
        if text.contains(needle) || waited >= 3_000 {
            return text;
        }
        sleep(20).await;
        waited += 20;
    }
}

/// Waits `ms` milliseconds (lets the app's timeouts run).
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

#[wasm_bindgen_test]
async fn first_visit_opens_the_demo() {
    storage().clear().unwrap();
    let (host, handle) = mount_app();
    let text = text_with(&host, "ГидроТеплоМаш").await;
    assert!(text.contains("ГидроТеплоМаш"), "{text}");
    // The save runs in steps on timeouts: stored within a moment.
    let mut waited = 0;
    while library::list(&LocalStore::open()).metas.is_empty() && waited < 3_000 {
        sleep(20).await;
        waited += 20;
    }
    assert_eq!(library::scan(&LocalStore::open()).projects.len(), 1);
    drop(handle);
    host.remove();
    storage().clear().unwrap();
}
