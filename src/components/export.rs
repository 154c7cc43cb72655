//! The one export control of tables and charts. A table downloads as CSV for Russian Excel or
//! as an .xlsx book (`persist::export`), exactly as the screen shows it: the header row and the
//! cells' text (an input's value, a select's chosen option), numbers in the Russian format as
//! number cells ([`Cell::from_shown`]). A chart downloads as PNG (the canvas's pixels, drawn at
//! the device pixel ratio) or SVG (the same drawing function on plotters' SVG backend).
//!
//! The writers are only linked by the screens that show these controls, so they travel with
//! those screens' parts, not with the first visit's module.

use super::download::{download_bytes, download_text, download_url};
use crate::persist::export::{file_name, to_csv, to_xlsx, Cell, Sheet};
use crate::state::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The text a cell shows: its form control's value, else its text with spaces collapsed, without
/// what is marked `data-export="skip"` (a sort arrow).
fn shown(el: &web_sys::Element) -> String {
    if let Ok(Some(c)) = el.query_selector("select, input:not([type=checkbox]), textarea") {
        if c.dyn_ref::<web_sys::HtmlSelectElement>().is_some() {
            return c
                .query_selector("option:checked")
                .ok()
                .flatten()
                .and_then(|o| o.text_content())
                .unwrap_or_default()
                .trim()
                .to_string();
        }
        if let Some(i) = c.dyn_ref::<web_sys::HtmlInputElement>() {
            return i.value().trim().to_string();
        }
        if let Some(t) = c.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            return t.value().trim().to_string();
        }
    }
    if let Ok(Some(c)) = el.query_selector("input[type=checkbox]") {
        if let Some(i) = c.dyn_ref::<web_sys::HtmlInputElement>() {
            return if i.checked() { "✓" } else { "" }.to_string();
        }
    }
    let text = match el.query_selector("[data-export=skip]") {
        Ok(Some(_)) => el
            .clone_node_with_deep(true)
            .ok()
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            .map(|copy| {
                if let Ok(list) = copy.query_selector_all("[data-export=skip]") {
                    for i in 0..list.length() {
                        if let Some(n) = list
                            .item(i)
                            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                        {
                            n.remove();
                        }
                    }
                }
                copy.text_content().unwrap_or_default()
            }),
        _ => el.text_content(),
    };
    text.unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn cells(row: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(list) = row.query_selector_all(":scope > th, :scope > td") else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// The table `id` (or the first table inside the element `id`) as a sheet named `name`.
fn read_table(id: &str, name: &str) -> Option<Sheet> {
    let doc = web_sys::window()?.document()?;
    let el = doc.get_element_by_id(id)?;
    let table = if el.tag_name().eq_ignore_ascii_case("table") {
        el
    } else {
        el.query_selector("table").ok()??
    };
    let head_cells = table
        .query_selector("thead tr:last-child")
        .ok()
        .flatten()
        .map(|r| cells(&r))
        .unwrap_or_default();
    // Columns of row actions (buttons) are left out, in the rows as long as they line up.
    let skip: Vec<bool> = head_cells
        .iter()
        .map(|c| c.get_attribute("data-export").as_deref() == Some("skip"))
        .collect();
    let keep = |row: Vec<web_sys::Element>| -> Vec<web_sys::Element> {
        if row.len() != skip.len() {
            return row;
        }
        row.into_iter()
            .zip(&skip)
            .filter(|(_, s)| !**s)
            .map(|(c, _)| c)
            .collect()
    };
    let head = keep(head_cells).iter().map(shown).collect();
    let list = table
        .query_selector_all(":scope > tbody > tr, :scope > tfoot > tr")
        .ok()?;
    let rows = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|r| {
            keep(cells(&r))
                .iter()
                .map(|c| Cell::from_shown(&shown(c)))
                .collect()
        })
        .collect();
    Some(Sheet {
        name: name.to_string(),
        head,
        rows,
    })
}

/// «CSV» and «Excel» buttons that download the table `target` (an element id) as shown.
#[component]
pub fn TableExport(
    #[prop(into)] target: String,
    #[prop(into)] name: Signal<String>,
) -> impl IntoView {
    let t = use_i18n();
    let failed = RwSignal::new(false);
    let (t1, t2) = (target.clone(), target.clone());
    let save = move |target: &str, xlsx: bool| {
        let stem = name.get_untracked();
        let ok = read_table(target, &stem).is_some_and(|sheet| {
            if xlsx {
                download_bytes(
                    &file_name(&stem, "xlsx"),
                    &to_xlsx(&sheet),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            } else {
                download_text(
                    &file_name(&stem, "csv"),
                    &to_csv(&sheet),
                    "text/csv;charset=utf-8",
                )
            }
        });
        failed.set(!ok);
    };
    view! {
        <span class="export-bar no-print" data-nav="" role="group" aria-label=move || t.get().export.group>
            <button type="button" class="btn ghost small" data-testid=format!("export-csv-{target}")
                title=move || t.get().export.csv_title on:click=move |_| save(&t1, false)>{move || t.get().export.csv}</button>
            <button type="button" class="btn ghost small" data-testid=format!("export-xlsx-{target}")
                title=move || t.get().export.xlsx_title on:click=move |_| save(&t2, true)>{move || t.get().export.xlsx}</button>
            {move || failed.get().then(|| view! { <span class="error-text" role="alert">{t.get().export.failed}</span> })}
        </span>
    }
}

/// [`TableExport`] of the table `target` (an element id), its files named `name`: one
/// function for every table, so that a screen's many tables cost a call each, not a component.
#[inline(never)]
pub fn table_export(target: &str, name: &str) -> AnyView {
    view! { <TableExport target=target.to_string() name=name.to_string() /> }.into_any()
}

/// A chart's SVG: the chart's drawing function on plotters' SVG backend.
pub type SvgOf = Box<dyn Fn() -> String>;

/// A chart's download buttons, given its canvas (the `export` prop of `Chart`).
pub type ExportOf = Box<dyn FnOnce(NodeRef<leptos::html::Canvas>) -> AnyView>;

/// The `export` of a chart: «PNG» and «SVG» buttons; the files are named after `name`.
pub fn chart_export(name: Signal<String>, testid: &str, svg: SvgOf) -> ExportOf {
    let testid = testid.to_string();
    Box::new(move |canvas| {
        view! { <ChartExport canvas=canvas name=name testid=testid svg=Some(svg) /> }.into_any()
    })
}

/// «PNG» and «SVG» buttons of a chart.
#[component]
pub fn ChartExport(
    canvas: NodeRef<leptos::html::Canvas>,
    #[prop(into)] name: Signal<String>,
    #[prop(into)] testid: String,
    svg: Option<SvgOf>,
) -> impl IntoView {
    let t = use_i18n();
    let failed = RwSignal::new(false);
    let png = move |_| {
        let ok = canvas
            .get_untracked()
            .and_then(|c| c.to_data_url().ok())
            .is_some_and(|url| download_url(&file_name(&name.get_untracked(), "png"), &url));
        failed.set(!ok);
    };
    let svg_button = svg.map(|f| {
        view! {
            <button type="button" class="btn ghost small" data-testid=format!("export-svg-{testid}")
                title=move || t.get().export.svg_title on:click=move |_| {
                    let ok = download_text(&file_name(&name.get_untracked(), "svg"), &f(), "image/svg+xml");
                    failed.set(!ok);
                }>{move || t.get().export.svg}</button>
        }
    });
    view! {
        <span class="export-bar no-print" data-nav="" role="group" aria-label=move || t.get().export.group>
            <button type="button" class="btn ghost small" data-testid=format!("export-png-{testid}")
                title=move || t.get().export.png_title on:click=png>{move || t.get().export.png}</button>
            {svg_button}
            {move || failed.get().then(|| view! { <span class="error-text" role="alert">{t.get().export.failed}</span> })}
        </span>
    }
}
