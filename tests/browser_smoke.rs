//! Smoke test of the browser test rig: `cargo test --target wasm32-unknown-unknown` runs this in
//! headless Chromium through wasm-bindgen-test-runner (see .cargo/config.toml, webdriver.json).
//! Browser tests of components go in files like this one.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runs_in_a_browser_with_local_storage() {
    let window = web_sys::window().expect("a browser window");
    let storage = window.local_storage().ok().flatten();
    assert!(storage.is_some(), "localStorage is available");
}

#[wasm_bindgen_test]
fn demo_project_builds_in_wasm() {
    let project = sloy::domain::demo::demo_project();
    assert!(project.name.contains("ГидроТеплоМаш"), "{}", project.name);
}
