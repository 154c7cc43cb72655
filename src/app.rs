//! The App: contexts, the shell, and the screen for the current route.

use crate::components::import::{install_drop_zone, provide_importer, ImportDialog};
use crate::components::shell::{Banners, Header, Nav, ToastList};
use crate::pages;
use crate::state::route::{provide_route, Route};
use crate::state::store::provide_store;
use crate::state::toast::provide_toasts;
use crate::state::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    let store = provide_store();
    provide_toasts();
    provide_importer();
    let route = provide_route();
    install_drop_zone();

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
    after_first_screen(route.get_untracked());
    view! {
        <Header />
        <div class="app-body">
            <Nav />
            <main class="app-main" id="main">
                <Banners />
                {move || {
                    if !has_project.get() && !matches!(route.get(), Route::Projects | Route::Glossary) {
                        return view! { <p class="empty-state">{t.get().shell.no_project}</p> }.into_any();
                    }
                    screen(route.get())
                }}
            </main>
        </div>
        <ImportDialog />
        <ToastList />
    }
}

/// The screen of a route. Each screen group's code is a separate part of the build (see
/// `.ci/split.mjs`), fetched the first time the screen is shown: a light placeholder stands in
/// until it has arrived. Once a part is loaded the screen renders at once.
fn screen(route: Route) -> AnyView {
    let t = use_i18n();
    let code = async move {
        match route {
            Route::Method => method_screen().await,
            Route::Dashboard => dashboard_screen().await,
            Route::Diagnosis => diagnosis_screen().await,
            Route::L1 => layer1_screen().await,
            Route::L2 => layer2_screen().await,
            Route::L3 => layer3_screen().await,
            Route::L4 => layer4_screen().await,
            Route::L5 => layer5_screen().await,
            Route::Data => data_screen(false).await,
            Route::Projects => data_screen(true).await,
            Route::Glossary => glossary_screen(0).await,
        }
    };
    view! {
        <Suspense fallback=move || view! {
            <p class="screen-loading" role="status" data-testid="screen-loading">{move || t.get().shell.loading_screen}</p>
        }>
            {Suspend::new(code)}
        </Suspense>
    }
    .into_any()
}

/// One split point per screen group; the part names are the parts' names in `dist/`.
///
/// With the `split` feature (the release build through Trunk, see `index.html`) each screen
/// function is a `#[lazy]` part whose wasm imports `.ci/split.mjs` resolves. Without it — the
/// wasm-bindgen browser tests, which mount the App but have no split step — the same functions
/// are plain async ones and their preloads do nothing.
macro_rules! screen_part {
    ($(#[$doc:meta])* $part:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[lazy($part)]
        fn $name($($arg: $ty),*) -> AnyView $body
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> AnyView $body
        #[cfg(not(feature = "split"))]
        async fn $preload() {}
    };
}

screen_part!(
    method,
    __preload_method_screen,
    fn method_screen() {
        view! { <pages::method::MethodPage /> }.into_any()
    }
);
screen_part!(
    dashboard,
    __preload_dashboard_screen,
    fn dashboard_screen() {
        view! { <pages::dashboard::DashboardPage /> }.into_any()
    }
);
screen_part!(
    diagnosis,
    __preload_diagnosis_screen,
    fn diagnosis_screen() {
        view! { <pages::diagnosis::DiagnosisPage /> }.into_any()
    }
);
screen_part!(
    layer1,
    __preload_layer1_screen,
    fn layer1_screen() {
        view! { <pages::layer1::Layer1Page /> }.into_any()
    }
);
screen_part!(
    layer2,
    __preload_layer2_screen,
    fn layer2_screen() {
        view! { <pages::layer2::Layer2Page /> }.into_any()
    }
);
screen_part!(
    layer3,
    __preload_layer3_screen,
    fn layer3_screen() {
        view! { <pages::layer3::Layer3Page /> }.into_any()
    }
);
screen_part!(
    layer4,
    __preload_layer4_screen,
    fn layer4_screen() {
        view! { <pages::layer4::Layer4Page /> }.into_any()
    }
);
screen_part!(
    layer5,
    __preload_layer5_screen,
    fn layer5_screen() {
        view! { <pages::layer5::Layer5Page /> }.into_any()
    }
);
screen_part!(
    /// The glossary of the method's terms (`hint` 0), or the explanation of one term for a
    /// hint on another screen (`hint` = [`Term::code`](crate::i18n::glossary::Term::code)): the
    /// glossary's texts are in this part only, not in the first visit nor in every screen that
    /// shows a term. (A number, not the enum: a part's functions take plain values.)
    glossary, __preload_glossary_screen, fn glossary_screen(hint: u32) {
    match hint {
        0 => view! { <pages::glossary::GlossaryPage /> }.into_any(),
        code => view! { <pages::glossary::Explanation code=code /> }.into_any(),
    }
});

/// The explanation of a glossary term, from the glossary's part of the build (fetched the first
/// time a hint opens, if the idle prefetch has not brought it yet).
pub(crate) async fn term_explanation(term: crate::i18n::glossary::Term) -> AnyView {
    glossary_screen(term.code()).await
}
screen_part!(
    /// The project's data, or the list of projects (`projects`).
    data, __preload_data_screen, fn data_screen(projects: bool) {
    if projects {
        view! { <pages::projects::ProjectsPage /> }.into_any()
    } else {
        view! { <pages::data::DataPage /> }.into_any()
    }
});

/// After the first screen has shown: registers the service worker (which caches every part
/// for offline use) and, while the browser is idle, fetches the other screens' parts one after
/// another, so that opening a screen later is instant. Neither competes with the first screen.
fn after_first_screen(first: Route) {
    leptos::task::spawn_local(async move {
        preload(first).await;
        register_service_worker();
        for route in Route::ALL {
            if route != first {
                idle().await;
                preload(route).await;
            }
        }
    });
}

/// Resolves when the browser is idle (`requestIdleCallback`; a short timeout where it is
/// missing, as in Safari).
async fn idle() {
    let Some(w) = web_sys::window() else { return };
    let request_idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let wait = js_sys::Promise::new(&mut |resolve, _reject| {
        let called = match &request_idle {
            Some(f) => f.call1(&w, &resolve).is_ok(),
            None => false,
        };
        if !called {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// Loads a screen's part without rendering it.
async fn preload(route: Route) {
    match route {
        Route::Method => __preload_method_screen().await,
        Route::Dashboard => __preload_dashboard_screen().await,
        Route::Diagnosis => __preload_diagnosis_screen().await,
        Route::L1 => __preload_layer1_screen().await,
        Route::L2 => __preload_layer2_screen().await,
        Route::L3 => __preload_layer3_screen().await,
        Route::L4 => __preload_layer4_screen().await,
        Route::L5 => __preload_layer5_screen().await,
        Route::Data | Route::Projects => __preload_data_screen().await,
        Route::Glossary => __preload_glossary_screen().await,
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
