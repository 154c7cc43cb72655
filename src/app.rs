//! The App: contexts, the shell, and the screen for the current route.

use crate::components::gate::NavLockFeed;
use crate::components::import::{install_drop_zone, provide_importer, DropOverlay};
use crate::components::part::{lazy_part, part_view};
use crate::components::shell::{Banners, Header, Menu, Nav, ToastList};
use crate::pages;
use crate::state::route::{provide_route, Route};
use crate::state::store::{provide_store, Store};
use crate::state::toast::provide_toasts;
use crate::state::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    let store = provide_store();
    provide_toasts();
    let importer = provide_importer();
    let route = provide_route();
    install_drop_zone();
    crate::components::undo::install_undo_keys();
    crate::components::shell::provide_nav_locks();

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

    // Keep <html lang> and the page's title in step with the UI language.
    Effect::new(move |_| {
        let lang = store.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
        }
        // «Слой — послойное внедрение системы продаж», as index.html has it for Russian.
        let shell = crate::i18n::catalogue(lang).shell;
        let mut title = String::from(shell.app_name);
        title.push_str(" — ");
        title.push_str(shell.tagline);
        document().set_title(&title);
    });

    // A memo, not `store.current` itself: the screen is rebuilt only when what is shown
    // changes (a project appears or goes, the store has started), not on every edit (which
    // would reset the pages' local state).
    let show = Memo::new(move |_| {
        let route = route.get();
        let ready = store.ready.get();
        let open = store.current.with(Option::is_some);
        Show::of(route, ready, open)
    });
    // The import dialog's code (with the words for what a file's check found) is fetched when
    // the first file has been read. From then on the dialog stays mounted (it shows itself
    // while an import is pending): its handlers report after the save, when it has closed.
    let importing = Memo::new(move |was: Option<&bool>| {
        was == Some(&true) || importer.pending.with(Option::is_some)
    });
    let t = use_i18n();
    after_first_screen(store, route.get_untracked());
    let menu = Menu::new();
    view! {
        <Header menu=menu />
        <div class="app-body">
            <Nav menu=menu />
            <main class="app-main" id="main">
                <Banners />
                {move || match show.get() {
                    Show::Screen(route) => screen(route),
                    Show::Starting => view! {
                        <p class="screen-loading" role="status" data-testid="screen-loading">{move || t.get().shell.loading_screen}</p>
                    }
                    .into_any(),
                    Show::NoProject => view! { <p class="empty-state">{t.get().shell.no_project}</p> }.into_any(),
                }}
            </main>
        </div>
        {move || importing.get().then(|| part_view(Box::pin(import_view())))}
        <DropOverlay />
        {move || importer.merging.get().map(|req| part_view(Box::pin(merge_view(req))))}
        <ToastList />
    }
}

/// What the main area shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    Screen(Route),
    /// The store is starting (its storage part is on its way).
    Starting,
    /// No project is open (all are in the bin, or none could be read).
    NoProject,
}

impl Show {
    /// The method map paints its text while the store starts (its marks follow the project);
    /// the glossary needs no project; every other screen waits for the store.
    fn of(route: Route, ready: bool, open: bool) -> Show {
        match route {
            Route::Glossary => Show::Screen(route),
            Route::Method if open || !ready => Show::Screen(route),
            Route::Projects if ready => Show::Screen(route),
            _ if open => Show::Screen(route),
            _ if !ready => Show::Starting,
            _ => Show::NoProject,
        }
    }
}

/// The screen of a route. Each screen group's code is a separate part of the build (see
/// [`crate::components::part`] and `.ci/split.mjs`), fetched the first time the screen is
/// shown: a light placeholder stands in until it has arrived. Once a part is loaded the screen
/// renders at once.
fn screen(route: Route) -> AnyView {
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
            Route::Data => data_screen().await,
            Route::Projects => projects_screen().await,
            Route::Glossary => glossary_screen(0).await,
        }
    };
    part_view(Box::pin(code))
}

// One split point per screen group; the part names are the parts' names in `dist/`.
lazy_part!(
    method,
    __preload_method_screen,
    fn method_screen() {
        // The map feeds the navigation's locks from its own marks (see `pages::method`).
        view! { <pages::method::MethodPage /> }.into_any()
    }
);
lazy_part!(
    dashboard,
    __preload_dashboard_screen,
    fn dashboard_screen() {
        view! { <NavLockFeed /><pages::dashboard::DashboardPage /> }.into_any()
    }
);
lazy_part!(
    diagnosis,
    __preload_diagnosis_screen,
    fn diagnosis_screen() {
        view! { <NavLockFeed /><pages::diagnosis::DiagnosisPage /> }.into_any()
    }
);
lazy_part!(
    layer1,
    __preload_layer1_screen,
    fn layer1_screen() {
        view! { <NavLockFeed /><pages::layer1::Layer1Page /> }.into_any()
    }
);
lazy_part!(
    layer2,
    __preload_layer2_screen,
    fn layer2_screen() {
        view! { <NavLockFeed /><pages::layer2::Layer2Page /> }.into_any()
    }
);
lazy_part!(
    layer3,
    __preload_layer3_screen,
    fn layer3_screen() {
        view! { <NavLockFeed /><pages::layer3::Layer3Page /> }.into_any()
    }
);
lazy_part!(
    layer4,
    __preload_layer4_screen,
    fn layer4_screen() {
        view! { <NavLockFeed /><pages::layer4::Layer4Page /> }.into_any()
    }
);
lazy_part!(
    layer5,
    __preload_layer5_screen,
    fn layer5_screen() {
        view! { <NavLockFeed /><pages::layer5::Layer5Page /> }.into_any()
    }
);
lazy_part!(
    /// The glossary of the method's terms (`hint` 0), or the explanation of one term for a
    /// hint on another screen (`hint` = [`Term::code`](crate::i18n::glossary::Term::code)): the
    /// glossary's texts are in this part only, not in the first visit nor in every screen that
    /// shows a term. (A number, not the enum: a part's functions take plain values.)
    glossary,
    __preload_glossary_screen,
    fn glossary_screen(hint: u32) {
        match hint {
            0 => view! { <pages::glossary::GlossaryPage /> }.into_any(),
            code => view! { <pages::glossary::Explanation code=code /> }.into_any(),
        }
    }
);

/// The explanation of a glossary term, from the glossary's part of the build (fetched the first
/// time a hint opens, if the idle prefetch has not brought it yet).
pub(crate) async fn term_explanation(term: crate::i18n::glossary::Term) -> AnyView {
    glossary_screen(term.code()).await
}
lazy_part!(
    /// The project's data.
    data,
    __preload_data_screen,
    fn data_screen() {
        view! { <NavLockFeed /><pages::data::DataPage /> }.into_any()
    }
);
lazy_part!(
    /// The list of projects, with import and export.
    projects,
    __preload_projects_screen,
    fn projects_screen() {
        view! { <NavLockFeed /><pages::projects::ProjectsPage /> }.into_any()
    }
);

lazy_part!(
    /// The dialog asking what to do with an imported project file (`components::import`).
    import_dialog,
    __preload_import_view,
    fn import_view() {
        view! { <crate::components::import::ImportDialog /> }.into_any()
    }
);

lazy_part!(
    /// The merge preview and report (`components::merge`): fetched when a merge is asked for,
    /// so the merge is not on the start-up path.
    merge,
    __preload_merge_view,
    fn merge_view(req: crate::components::import::MergeRequest) {
        view! { <crate::components::merge::MergeDialog req=req /> }.into_any()
    }
);

/// Opens the project store (see [`Store::open_storage`]). After the first screen has shown:
/// registers the service worker (which caches every part
/// for offline use) and, while the browser is idle, fetches the other screens' parts one after
/// another, so that opening a screen later is instant. Neither competes with the first screen.
fn after_first_screen(store: Store, first: Route) {
    // The method map and the glossary paint without the project: the storage part waits until
    // they have their code, so the two downloads do not share the bandwidth of a slow network.
    // Every other screen needs the project: both come at once.
    let text_first = matches!(first, Route::Method | Route::Glossary);
    if !text_first {
        leptos::task::spawn_local(store.open_storage());
    }
    leptos::task::spawn_local(async move {
        preload(first).await;
        if text_first {
            // After the screen has painted: its first paint does not wait on the storage part.
            screen_shown().await;
            after_paint().await;
            store.open_storage().await;
        }
        register_service_worker();
        // The other screens' code is fetched and readied only after the first screen has had
        // a few seconds to itself: on a slow phone the first taps then meet an idle page, not
        // a megabyte of code being compiled (the service worker's precache fetches the files
        // meanwhile, off the main thread, so a screen opened sooner still loads from cache).
        pause(PREFETCH_AFTER_MS).await;
        for route in Route::ALL {
            if route != first {
                idle().await;
                preload(route).await;
            }
        }
        idle().await;
        crate::components::table_import::preload().await;
        idle().await;
        __preload_merge_view().await;
        idle().await;
        __preload_import_view().await;
    });
}

/// How long after the first screen the other screens' parts start to be prefetched.
const PREFETCH_AFTER_MS: i32 = 3_000;

/// Resolves when `start` calls back the function it is given (a timer, a frame, an idle
/// callback of the browser's).
async fn browser_callback(start: impl FnOnce(&web_sys::Window, &js_sys::Function)) {
    let Some(w) = web_sys::window() else { return };
    let mut start = Some(start);
    let wait = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(start) = start.take() {
            start(&w, &resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// Resolves after `ms` milliseconds.
async fn pause(ms: i32) {
    browser_callback(|w, done| {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(done, ms);
    })
    .await;
}

/// Resolves at the next animation frame.
async fn next_frame() {
    browser_callback(|w, done| {
        let _ = w.request_animation_frame(done);
    })
    .await;
}

/// Resolves once the screen's placeholder has given way to the screen (its code has arrived
/// and rendered), checked once a frame for at most about a second.
async fn screen_shown() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for _ in 0..60 {
        let waiting = doc
            .query_selector("#main [data-testid=screen-loading]")
            .ok()
            .flatten()
            .is_some();
        if !waiting {
            return;
        }
        next_frame().await;
    }
}

/// Resolves once the browser has painted what is on the page now: an animation frame runs
/// before its frame is painted, so the second one runs after the first frame was (then a task).
async fn after_paint() {
    next_frame().await;
    next_frame().await;
    pause(0).await;
}

/// Resolves when the browser is idle (`requestIdleCallback`; a short timeout where it is
/// missing, as in Safari).
async fn idle() {
    browser_callback(|w, done| {
        let called = js_sys::Reflect::get(w, &"requestIdleCallback".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .is_some_and(|f| f.call1(w, done).is_ok());
        if !called {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(done, 50);
        }
    })
    .await;
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
        Route::Data => __preload_data_screen().await,
        Route::Projects => __preload_projects_screen().await,
        Route::Glossary => __preload_glossary_screen().await,
    }
    // The tabs of the large screens are parts of their own.
    match route {
        Route::L1 => pages::layer1::preload_tabs().await,
        Route::L2 => pages::layer2::preload_tabs().await,
        Route::L3 => pages::layer3::preload_tabs().await,
        Route::L4 => pages::layer4::preload_tabs().await,
        _ => {}
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
