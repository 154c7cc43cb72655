//! Screen «Слой 2 — воронка продаж» (issue #4): the scoreboard, the funnel, the metrics, the
//! deals and the ТФС stage list. Every figure comes from `domain::layer2`.
//!
//! The filters live in the hash query (`#/l2/board?cat=A&channel=<id>&line=<id>&period=q2025-1`),
//! not in signals: a reload or a shared link keeps them and the back button undoes a change.

mod board;
mod deals;
mod funnel_tab;
mod metrics;
mod stages;

use crate::components::part::{lazy_part, part_view};
use crate::components::tabs::Tabs;
use crate::domain::layer1::abc;
use crate::domain::layer2::{
    self,
    conversion::FunnelSnapshot,
    filter::{Categories, DealFilter},
    scoreboard::Scoreboard,
};
use crate::domain::{Category, Id, Money, Period, Project};
use crate::i18n::format::unit_label;
use crate::i18n::present::screen_money;
use crate::i18n::Catalogue;
use crate::i18n::{fill, Lang, L2};
use crate::state::route::{set_query, use_query, use_tab, L2Tab};
use crate::state::store::use_store;
use crate::state::use_i18n;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// The period filter of the screen.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) enum PeriodSel {
    #[default]
    All,
    Year(i32),
    Quarter(i32, u32),
}

impl PeriodSel {
    fn period(self) -> Option<Period> {
        match self {
            PeriodSel::All => None,
            PeriodSel::Year(y) => Some(Period::year(y)),
            PeriodSel::Quarter(y, q) => Some(Period::quarter(y, q)),
        }
    }
    fn value(self) -> String {
        match self {
            PeriodSel::All => "all".into(),
            PeriodSel::Year(y) => format!("y{y}"),
            PeriodSel::Quarter(y, q) => format!("q{y}-{q}"),
        }
    }
    fn parse(s: &str) -> PeriodSel {
        if let Some(y) = s.strip_prefix('y').and_then(|y| y.parse().ok()) {
            return PeriodSel::Year(y);
        }
        if let Some((y, q)) = s.strip_prefix('q').and_then(|r| r.split_once('-')) {
            if let (Ok(y), Ok(q)) = (y.parse(), q.parse()) {
                return PeriodSel::Quarter(y, q);
            }
        }
        PeriodSel::All
    }
    fn label(self, t: &L2) -> String {
        match self {
            PeriodSel::All => t.f_all_time.to_string(),
            PeriodSel::Year(y) => fill(t.f_year, &[&y.to_string()]),
            PeriodSel::Quarter(y, q) => fill(t.f_quarter, &[&q.to_string(), &y.to_string()]),
        }
    }
}

/// The filters shared by the scoreboard, the funnel and the metrics.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Filters {
    pub category: Option<Category>,
    pub channel: Option<Id>,
    pub line: Option<Id>,
    pub period: PeriodSel,
}

impl Filters {
    fn deal_filter(&self) -> DealFilter {
        DealFilter {
            categories: self.category.into_iter().collect(),
            channel_id: self.channel,
            business_line_id: self.line,
            active_in: self.period.period(),
            ..DealFilter::default()
        }
    }
}

/// What the filtered tabs show, recomputed once per filter or data change.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Report {
    pub board: Scoreboard,
    pub snap: FunnelSnapshot,
    pub as_of: NaiveDate,
}

/// The page-level state handed to the tabs.
#[derive(Clone, Copy)]
pub(crate) struct L2Ctx {
    pub filters: Memo<Filters>,
    pub cats: Memo<Categories>,
    pub report: Memo<Option<Report>>,
}

pub(crate) fn as_of(p: &Project) -> NaiveDate {
    p.as_of(crate::state::store::today())
}

pub(crate) fn money(p: &Project, m: Money, lang: Lang) -> String {
    screen_money(m, p.company.money_unit, lang)
}

pub(crate) fn unit(p: &Project, lang: Lang) -> &'static str {
    unit_label(p.company.money_unit, lang)
}

pub(crate) fn stage_label(p: &Project, i: usize) -> String {
    p.stages
        .get(i)
        .map(|s| s.label(crate::state::current_lang()))
        .unwrap_or_default()
}

pub(crate) fn manager_name(p: &Project, id: Option<Id>, t: &L2) -> String {
    id.and_then(|m| p.manager(m))
        .map(|m| m.name.clone())
        .unwrap_or_else(|| t.no_manager.to_string())
}

pub(crate) fn use_l2() -> L2Ctx {
    expect_context::<L2Ctx>()
}

fn tab_label(tab: L2Tab, c: &Catalogue) -> &'static str {
    match tab {
        L2Tab::Board => c.l2.tab_board,
        L2Tab::Funnel => c.l2.tab_funnel,
        L2Tab::Metrics => c.l2.tab_metrics,
        L2Tab::Deals => c.l2.tab_deals,
        L2Tab::Stages => c.l2.tab_stages,
    }
}

#[component]
pub fn Layer2Page() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let tab = use_tab::<L2Tab>();
    let (q_cat, q_channel, q_line, q_period) = (
        use_query("cat"),
        use_query("channel"),
        use_query("line"),
        use_query("period"),
    );
    let filters = Memo::new(move |_| Filters {
        category: q_cat.get().as_deref().and_then(Category::parse),
        channel: q_channel.get().as_deref().and_then(parse_id),
        line: q_line.get().as_deref().and_then(parse_id),
        period: q_period
            .get()
            .as_deref()
            .map_or(PeriodSel::All, PeriodSel::parse),
    });
    let cats = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(abc::client_categories).unwrap_or_default())
    });
    let report = Memo::new(move |_| {
        let f = filters.get().deal_filter();
        cats.with(|cats| {
            store.current.with(|p| {
                p.as_ref().map(|p| {
                    let as_of = as_of(p);
                    let deals = layer2::filter::filter_deals(p, &f, cats);
                    Report {
                        board: layer2::scoreboard::scoreboard(p, &deals, as_of),
                        snap: layer2::conversion::funnel_snapshot(p, &deals),
                        as_of,
                    }
                })
            })
        })
    });
    provide_context(L2Ctx {
        filters,
        cats,
        report,
    });
    let has_project = move || store.current.with(|p| p.is_some());
    view! {
        <section class="page l2" data-testid="l2-page">
            <h1>{move || t.get().l2.title}</h1>
            <p class="lead">{move || t.get().l2.lead}</p>
            <crate::components::layer_status::LayerStatus layer=2 />
            <crate::components::gate::LayerGate layer=2>
            <Tabs label=tab_label current=tab />
            <Show when=has_project fallback=move || view! { <p class="empty-state">{move || t.get().l2.no_project}</p> }>
                {move || match tab.get() {
                    L2Tab::Funnel => view! { <FilterBar />{part_view(Box::pin(funnel_tab()))}}.into_any(),
                    L2Tab::Metrics => view! { <FilterBar />{part_view(Box::pin(metrics_tab()))}}.into_any(),
                    L2Tab::Deals => part_view(Box::pin(deals_tab())),
                    L2Tab::Stages => part_view(Box::pin(stages_tab())),
                    L2Tab::Board => view! { <FilterBar />{part_view(Box::pin(board_tab()))}}.into_any(),
                }}
            </Show>
            </crate::components::gate::LayerGate>
        </section>
    }
}

fn parse_id(s: &str) -> Option<Id> {
    Id::parse_str(s).ok()
}

/// Category, channel, business line and period filters.
#[component]
fn FilterBar() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let ctx = use_l2();
    let filters = ctx.filters;
    let periods = move || {
        store.current.with(|p| {
            let y = p.as_ref().map(|p| as_of(p).year()).unwrap_or(2025);
            let mut v = vec![PeriodSel::All];
            for year in [y - 1, y] {
                v.push(PeriodSel::Year(year));
                v.extend((1..=4).map(|q| PeriodSel::Quarter(year, q)));
            }
            v
        })
    };
    let dims = move |f: fn(&Project) -> &Vec<crate::domain::Dimension>| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    f(p).iter()
                        .map(|d| (d.id, d.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="toolbar l2-filters no-print" data-nav="" data-testid="l2-filters">
            <label class="field">
                <span>{move || t.get().l2.f_category}</span>
                <select class="input" data-testid="filter-category" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set_query(&[("cat", Category::parse(&v).map(|k| k.letter()))]);
                }>
                    <option value="" selected=move || filters.with(|f| f.category.is_none())>{move || t.get().l2.f_all}</option>
                    {[Category::A, Category::B, Category::C, Category::N].into_iter().map(|k| view! {
                        <option value=k.letter() selected=move || filters.with(|f| f.category == Some(k))>{k.letter()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{move || t.get().l2.f_channel}</span>
                <select class="input" data-testid="filter-channel" on:change=move |ev| {
                    let v = parse_id(&event_target_value(&ev)).map(|id| id.to_string());
                    set_query(&[("channel", v.as_deref())]);
                }>
                    <option value="" selected=move || filters.with(|f| f.channel.is_none())>{move || t.get().l2.f_all}</option>
                    {move || dims(|p| &p.channels).into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=move || filters.with(|f| f.channel == Some(id))>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{move || t.get().l2.f_line}</span>
                <select class="input" data-testid="filter-line" on:change=move |ev| {
                    let v = parse_id(&event_target_value(&ev)).map(|id| id.to_string());
                    set_query(&[("line", v.as_deref())]);
                }>
                    <option value="" selected=move || filters.with(|f| f.line.is_none())>{move || t.get().l2.f_all}</option>
                    {move || dims(|p| &p.business_lines).into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=move || filters.with(|f| f.line == Some(id))>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{move || t.get().l2.f_period}</span>
                <select class="input" data-testid="filter-period" on:change=move |ev| {
                    let v = PeriodSel::parse(&event_target_value(&ev));
                    let v = (v != PeriodSel::All).then(|| v.value());
                    set_query(&[("period", v.as_deref())]);
                }>
                    {move || periods().into_iter().map(|ps| view! {
                        <option value=ps.value() selected=move || filters.with(|f| f.period == ps)>{move || ps.label(&t.get().l2)}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The Russian/English label of a deal status.
pub(crate) fn status_label(s: crate::domain::DealStatus, t: &L2) -> &'static str {
    use crate::domain::DealStatus::*;
    match s {
        Open => t.st_open,
        Won => t.st_won,
        Lost => t.st_lost,
        OnHold => t.st_on_hold,
    }
}

// Each tab is a part of the build of its own (see `crate::components::part`).
lazy_part!(
    l2_funnel,
    __preload_funnel_tab,
    fn funnel_tab() {
        view! { <funnel_tab::FunnelTab /> }.into_any()
    }
);
lazy_part!(
    l2_metrics,
    __preload_metrics_tab,
    fn metrics_tab() {
        view! { <metrics::MetricsTab /> }.into_any()
    }
);
lazy_part!(
    l2_deals,
    __preload_deals_tab,
    fn deals_tab() {
        view! { <deals::DealsTab /> }.into_any()
    }
);
lazy_part!(
    l2_stages,
    __preload_stages_tab,
    fn stages_tab() {
        view! { <stages::StagesTab /> }.into_any()
    }
);
lazy_part!(
    l2_board,
    __preload_board_tab,
    fn board_tab() {
        view! { <board::BoardTab /> }.into_any()
    }
);

/// Loads every tab's part without rendering it (idle-time prefetch).
pub async fn preload_tabs() {
    __preload_funnel_tab().await;
    __preload_metrics_tab().await;
    __preload_deals_tab().await;
    __preload_stages_tab().await;
    __preload_board_tab().await;
}
