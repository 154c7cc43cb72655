//! The browser's localStorage behind the pure [`KeyValue`] trait, so all save/load rules live
//! in `persist::library` and are tested natively; only the quota error is read here.

use crate::persist::library::KeyValue;
use crate::persist::{StoreError, Unavailable};
use wasm_bindgen::JsCast;

/// localStorage of this origin.
pub struct LocalStore {
    storage: Option<web_sys::Storage>,
}

impl LocalStore {
    pub fn open() -> LocalStore {
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        LocalStore { storage }
    }
    pub fn available(&self) -> bool {
        self.storage.is_some()
    }
}

/// True when a JS error is the browser's "storage full" exception (names differ by browser).
pub fn is_quota_error(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| {
            let n = d.name();
            n == "QuotaExceededError" || n == "NS_ERROR_DOM_QUOTA_REACHED" || d.code() == 22
        })
        .unwrap_or(false)
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.storage.as_ref()?.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let s = self
            .storage
            .as_ref()
            .ok_or(StoreError::Unavailable(Unavailable::NoStorage))?;
        s.set_item(key, value).map_err(|e| {
            if is_quota_error(&e) {
                StoreError::Quota
            } else {
                StoreError::Unavailable(Unavailable::Refused(format!("{e:?}")))
            }
        })
    }
    fn remove(&mut self, key: &str) {
        if let Some(s) = &self.storage {
            let _ = s.remove_item(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        let Some(s) = &self.storage else {
            return vec![];
        };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}
