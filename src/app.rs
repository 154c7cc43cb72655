//! The App: contexts, the shell, and the screen for the current route.

use crate::components::import::{install_drop_zone, provide_importer, ImportDialog};
use crate::components::shell::{Banners, Header, Nav, ToastList};
use crate::pages;
use crate::state::route::{provide_route, Route};
use crate::state::store::provide_store;
use crate::state::toast::provide_toasts;
use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let store = provide_store();
    provide_toasts();
    provide_importer();
    let route = provide_route();
    install_drop_zone();
    register_service_worker();

    // Another tab saved: re-read the list and check the open project (never overwrite silently).
    let h1 = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().map(|k| k.starts_with("sloy.")).unwrap_or(true) {
            store.check_other_tabs();
        }
    });
    let h2 = window_event_listener(leptos::ev::focus, move |_| store.check_other_tabs());
    // Leaving the page: write pending changes at once instead of after the debounce.
    let h3 = window_event_listener(leptos::ev::pagehide, move |_| {
        if store.is_dirty() {
            store.save_now(false);
        }
    });
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        h3.remove();
    });

    // Keep <html lang> in step with the UI language.
    Effect::new(move |_| {
        let lang = store.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
        }
    });

    // A memo, not `store.current` itself: the screen is rebuilt only when a project appears or
    // goes, not on every edit (which would reset the pages' local state).
    let has_project = Memo::new(move |_| store.current.with(|p| p.is_some()));
    let t = use_i18n();
    view! {
        <Header />
        <div class="app-body">
            <Nav />
            <main class="app-main" id="main">
                <Banners />
                {move || {
                    if !has_project.get() && route.get() != Route::Projects {
                        return view! { <p class="empty-state">{t.get().shell.no_project}</p> }.into_any();
                    }
                    match route.get() {
                        Route::Method => {
                            view! { <pages::method::MethodPage /> }.into_any()
                        }
                        Route::Dashboard => view! { <pages::dashboard::DashboardPage /> }.into_any(),
                        Route::Diagnosis => view! { <pages::diagnosis::DiagnosisPage /> }.into_any(),
                        Route::L1 => view! { <pages::layer1::Layer1Page /> }.into_any(),
                        Route::L2 => view! { <pages::layer2::Layer2Page /> }.into_any(),
                        Route::L3 => view! { <pages::layer3::Layer3Page /> }.into_any(),
                        Route::L4 => view! { <pages::layer4::Layer4Page /> }.into_any(),
                        Route::L5 => view! { <pages::layer5::Layer5Page /> }.into_any(),
                        Route::Data => view! { <pages::data::DataPage /> }.into_any(),
                        Route::Projects => view! { <pages::projects::ProjectsPage /> }.into_any(),
                    }
                }}
            </main>
        </div>
        <ImportDialog />
        <ToastList />
    }
}

/// Registers `sw.js` (next to index.html) so the app works offline after the first load.
fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    let sw = w.navigator().service_worker();
    // Absent on insecure origins; the app still works online.
    if sw.is_undefined() {
        return;
    }
    let _ = sw.register("./sw.js");
}
