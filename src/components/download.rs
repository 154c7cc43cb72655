//! Saving text as a file on the user's machine (export, backups, unreadable data).

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`. Returns false when the browser refused.
pub fn download_text(name: &str, text: &str, mime: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}

/// Downloads a project as a `.sloy.json` file.
pub fn download_project(p: &crate::domain::Project) -> bool {
    let Some(io) = crate::state::io::io() else {
        return false;
    };
    let text = io.to_file(p, &crate::state::store::now_iso());
    download_text(
        &crate::persist::file::file_name(p),
        &text,
        "application/json",
    )
}

/// Offers `bytes` as a download named `name`. Returns false when the browser refused.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> bool {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return false;
    };
    download_blob(name, &blob)
}

/// Offers `url` (an object or data URL) as a download named `name`.
pub fn download_url(name: &str, url: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(url);
            a.set_download(name);
            a.click();
        })
        .is_some()
}

fn download_blob(name: &str, blob: &web_sys::Blob) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let ok = download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}
