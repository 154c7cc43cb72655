//! Importing tables: the client base from CSV (layer 1) and deals from a CRM export (layer 2).
//!
//! A wizard in a dialog: choose a file → map columns (guessed from the headers) → preview with
//! per-row errors → confirm → report with the rejected rows downloadable as CSV. Parsing and
//! mapping are pure (`persist::table`, `domain::import`); nothing changes in the project
//! before the user confirms.

use super::download::download_text;
use super::part::{lazy_part, part_view};
use crate::domain::import::{self as imp, Field, Kind, Mapping, Mode, Report, StageTarget};
use crate::domain::model::MoneyUnit;
use crate::i18n::format::{shorten, unit_label};
use crate::i18n::import as imp_text;
use crate::i18n::table::table_error_text;
use crate::i18n::{fill, Lang};
use crate::persist::table::{parse_file, to_excel_csv, Table, TableError};
use crate::state::store::SaveState;
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;
use std::sync::Arc;

fn clip(s: &str, max: usize) -> String {
    shorten(s, max).into_owned()
}

/// What the file pickers offer: CSV, text and Excel books (the content decides, not the name).
const ACCEPT: &str =
    ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Rows shown in the preview (the checks run over all rows).
const PREVIEW_ROWS: usize = 20;

/// The bytes of the chosen file, kept so that another worksheet of a book can be read.
type Source = StoredValue<Option<(String, Arc<Vec<u8>>)>>;

/// Reads a chosen file's bytes and parses it (CSV or an Excel book, told apart by the bytes).
async fn read_table(file: web_sys::File) -> Result<(String, Arc<Vec<u8>>, Table), TableError> {
    let name = file.name();
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| TableError::Unreadable)?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    let t = parse_file(&name, &bytes, None)?;
    Ok((name, Arc::new(bytes), t))
}

fn file_input_handler(
    target: RwSignal<Option<Arc<Table>>>,
    name: RwSignal<String>,
    error: RwSignal<Option<String>>,
    source: Source,
    after: Option<Callback<Arc<Table>>>,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    let lang = use_lang();
    move |ev| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_table(file).await {
                Ok((n, bytes, t)) => {
                    let t = Arc::new(t);
                    error.set(None);
                    if let Some(after) = after {
                        after.run(t.clone());
                    }
                    source.set_value(Some((n.clone(), bytes)));
                    name.set(n);
                    target.set(Some(t));
                }
                Err(e) => {
                    // Nothing of a failed file is kept: the wizard is back at the file choice.
                    source.set_value(None);
                    target.set(None);
                    error.set(Some(table_error_text(&e, lang.get_untracked())));
                }
            }
        });
    }
}

/// The worksheet choice of an Excel book with several sheets: another sheet is read from the
/// kept bytes and replaces the table (and its guessed mapping, through `after`).
fn sheet_picker(
    table: Arc<Table>,
    target: RwSignal<Option<Arc<Table>>>,
    error: RwSignal<Option<String>>,
    source: Source,
    after: Callback<Arc<Table>>,
) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    (table.sheets.len() > 1).then(|| {
        let current = table.sheet.clone().unwrap_or_default();
        let on_change = move |ev: leptos::ev::Event| {
            let sheet = event_target_value(&ev);
            let Some((name, bytes)) = source.get_value() else {
                return;
            };
            match parse_file(&name, &bytes, Some(&sheet)) {
                Ok(tb) => {
                    let tb = Arc::new(tb);
                    error.set(None);
                    after.run(tb.clone());
                    target.set(Some(tb));
                }
                Err(e) => error.set(Some(table_error_text(&e, lang.get_untracked()))),
            }
        };
        let options = table
            .sheets
            .iter()
            .map(|s| {
                let sel = *s == current;
                view! { <option value=s.clone() selected=sel>{s.clone()}</option> }
            })
            .collect_view();
        view! {
            <label class="field import-sheet">
                <span>{move || t.get().import.sheet}</span>
                <select class="input" data-testid="import-sheet" on:change=on_change>{options}</select>
            </label>
        }
    })
}

fn field_label(f: Field, lang: Lang) -> &'static str {
    imp_text::field_label(f, lang)
}

fn file_info(t: &Table, name: &str, lang: Lang) -> String {
    let cat = crate::i18n::catalogue(lang).import;
    let n = t.rows.len();
    let rows = match lang {
        Lang::Ru => crate::i18n::format::ru_plural(n as u64, "строка", "строки", "строк"),
        Lang::En if n == 1 => "row",
        Lang::En => "rows",
    };
    if let Some(sheet) = &t.sheet {
        return fill(cat.file_info_xlsx, &[name, &n.to_string(), rows, sheet]);
    }
    let sep = match t.separator {
        '\t' => "Tab".to_string(),
        c => c.to_string(),
    };
    fill(
        cat.file_info,
        &[name, &n.to_string(), rows, t.encoding, &sep],
    )
}

/// The column-mapping table: one row per file column with a field dropdown and a sample value.
#[component]
fn MappingTable(kind: Kind, table: Arc<Table>, mapping: RwSignal<Mapping>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let rows = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let sample = table
                .rows
                .iter()
                .map(|r| r.cell(i))
                .find(|s| !s.is_empty())
                .unwrap_or("")
                .to_string();
            let on_change = move |ev: leptos::ev::Event| {
                let v = Field::from_key(&event_target_value(&ev));
                mapping.update(|m| {
                    if v.is_some() {
                        for slot in m.iter_mut() {
                            if *slot == v {
                                *slot = None;
                            }
                        }
                    }
                    if let Some(slot) = m.get_mut(i) {
                        *slot = v;
                    }
                });
            };
            let current = move || mapping.with(|m| m.get(i).copied().flatten());
            view! {
                <tr>
                    <td>{h.clone()}</td>
                    <td>
                        <select class="input" data-testid=format!("map-{i}") on:change=on_change>
                            <option value="" selected=move || current().is_none()>{move || t.get().import.skip}</option>
                            {Field::of(kind)
                                .iter()
                                .map(|&f| {
                                    view! {
                                        <option value=f.key() selected=move || current() == Some(f)>
                                            {move || field_label(f, lang.get())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </td>
                    <td class="muted">{sample}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{move || t.get().import.mapping}</h3>
        <div class="table-box" tabindex="0"><table class="table import-mapping" data-testid="import-mapping">
            <thead><tr>
                <th>{move || t.get().import.column}</th>
                <th>{move || t.get().import.field}</th>
                <th>{move || t.get().import.sample}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

/// Preview rows: the first rows of the file with the mapped fields; rows with an error are
/// marked with «✗» and the reason.
#[component]
fn Preview(
    table: Arc<Table>,
    mapping: RwSignal<Mapping>,
    rejected: Signal<Vec<imp::Rejected>>,
    ok_count: Signal<usize>,
) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let table2 = table.clone();
    let total = table.rows.len();
    let counts = move || {
        fill(
            t.get().import.preview_counts,
            &[
                &table2.rows.len().to_string(),
                &ok_count.get().to_string(),
                &rejected.with(Vec::len).to_string(),
            ],
        )
    };
    let body = move || {
        let m = mapping.get();
        let cols: Vec<(usize, Field)> = m
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect();
        let rej = rejected.get();
        let head = cols
            .iter()
            .map(|(_, f)| view! { <th>{field_label(*f, lang.get())}</th> })
            .collect_view();
        let rows = table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| {
                let bad = rej.iter().find(|x| x.line == r.line);
                let cells = cols
                    .iter()
                    .map(|(i, _)| {
                        let is_bad = bad.is_some_and(|b| table.headers.get(*i) == Some(&b.column));
                        view! { <td class:cell-error=is_bad>{clip(r.cell(*i), 120)}</td> }
                    })
                    .collect_view();
                let problem = bad
                    .map(|b| {
                        format!(
                            "✗ {}: {}",
                            clip(&b.column, 60),
                            imp_text::problem_text(&b.problem, lang.get())
                        )
                    })
                    .unwrap_or_default();
                view! {
                    <tr class:row-error=bad.is_some()>
                        <td class="num">{r.line}</td>
                        {cells}
                        <td class="error-text">{problem}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-box" tabindex="0"><table class="table import-preview" data-testid="import-preview">
                <thead><tr><th>{t.get().import.line}</th>{head}<th>{t.get().import.problem}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        }
    };
    view! {
        <h3>{move || t.get().import.preview}</h3>
        <p data-testid="import-preview-counts">{counts}</p>
        <div class="import-scroll">{body}</div>
        {(total > PREVIEW_ROWS).then(|| view! {
            <p class="muted" data-testid="import-preview-more">
                {move || fill(t.get().import.preview_more, &[&PREVIEW_ROWS.to_string(), &total.to_string()])}</p>
        })}
    }
}

/// The report after an import, with the rejected rows and their CSV download.
#[component]
fn ReportView(report: Report, headers: Vec<String>, extra: Vec<String>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang().get_untracked();
    let counts = fill(
        t.get_untracked().import.report_counts,
        &[
            &report.rows_read.to_string(),
            &(report.imported + report.updated).to_string(),
            &report.rejected.len().to_string(),
        ],
    );
    let rejected = report.rejected.clone();
    let has_rejected = !rejected.is_empty();
    let download = move |_| {
        let c = t.get_untracked().import;
        let mut h = vec![
            c.line.to_string(),
            c.column.to_string(),
            c.reason.to_string(),
        ];
        h.extend(headers.iter().cloned());
        let rows = imp::rejected_rows(&rejected, |p| imp_text::problem_text(p, lang));
        let text = to_excel_csv(&h, &rows);
        download_text(c.rejected_file, &text, "text/csv;charset=utf-8");
    };
    let rows = report
        .rejected
        .iter()
        .take(200)
        .map(|r| {
            let reason = imp_text::problem_text(&r.problem, lang);
            view! { <tr><td class="num">{r.line}</td><td>{clip(&r.column, 60)}</td><td>{reason}</td></tr> }
        })
        .collect_view();
    let added = report
        .added
        .iter()
        .take(200)
        .map(|a| view! { <li>{imp_text::added_text(a, lang)}</li> })
        .collect_view();
    let has_added = !report.added.is_empty();
    view! {
        <div data-testid="import-report">
            <h3>{move || t.get().import.report}</h3>
            <p data-testid="import-report-counts">{counts}</p>
            {extra.into_iter().map(|e| view! { <p>{e}</p> }).collect_view()}
            <Show when=move || has_added>
                <p>{move || t.get().import.report_added}</p>
            </Show>
            <ul class="import-added" data-testid="import-added">{added}</ul>
            <Show when=move || has_rejected>
                <h4>{move || t.get().import.rejected}</h4>
                <button class="btn" data-testid="import-download-rejected" on:click=download.clone()>
                    {move || t.get().import.download_rejected}
                </button>
            </Show>
            <div class="table-box" tabindex="0"><table class="table" data-testid="import-rejected">
                <thead><tr>
                    <th>{move || t.get().import.line}</th>
                    <th>{move || t.get().import.column}</th>
                    <th>{move || t.get().import.reason}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        </div>
    }
}

/// What every import wizard holds: the chosen file, its table and the column mapping.
#[derive(Clone, Copy)]
struct WizardFile {
    table: RwSignal<Option<Arc<Table>>>,
    name: RwSignal<String>,
    error: RwSignal<Option<String>>,
    mapping: RwSignal<Mapping>,
    source: Source,
}

impl WizardFile {
    fn new() -> WizardFile {
        WizardFile {
            table: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            mapping: RwSignal::new(vec![]),
            source: StoredValue::new(None),
        }
    }
}

/// The one import wizard: a dialog that chooses a file (and, for a CRM export, its companion
/// files), maps its columns, shows the kind's settings and the preview with per-row errors,
/// confirms, then shows the report. What differs between the kinds comes in as views and
/// signals computed by the kind's pure domain preview; the dialog itself computes nothing.
#[component]
fn Wizard(
    /// What the file holds (the fields the mapping offers).
    kind: Kind,
    /// The dialog is shown.
    open: RwSignal<bool>,
    /// The chosen file, its table and mapping.
    file: WizardFile,
    /// The dialog's title.
    title: Signal<&'static str>,
    /// The dialog's test id.
    testid: &'static str,
    /// Runs on a newly read table or worksheet (guesses the mapping and the kind's settings).
    after: Callback<Arc<Table>>,
    /// More file inputs beside the main one.
    #[prop(optional, into)]
    extra_inputs: ViewFn,
    /// Lines about the extra files, under the error line.
    #[prop(optional, into)]
    extra_info: ViewFn,
    /// The kind's settings, between the column mapping and the preview.
    #[prop(into)]
    settings: ViewFn,
    /// The rows the preview refuses, with their reasons.
    rejected: Signal<Vec<imp::Rejected>>,
    /// The rows the import will write.
    ok_count: Signal<usize>,
    /// The preview is complete enough to confirm.
    ready: Signal<bool>,
    /// Writes the preview.
    on_confirm: Callback<()>,
    /// The import is done: the report is shown instead of the form.
    done: Signal<bool>,
    /// The report.
    #[prop(into)]
    report: ViewFn,
) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let on_file = file_input_handler(file.table, file.name, file.error, file.source, Some(after));
    let problems = move || imp::mapping_problems(kind, &file.mapping.get());
    let (extra_inputs, extra_info, settings) = (
        StoredValue::new(extra_inputs),
        StoredValue::new(extra_info),
        StoredValue::new(settings),
    );
    let form = move || {
        view! {
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().import.choose_file}</span>
                    <input type="file" accept=ACCEPT data-testid="import-file" on:change=on_file />
                </label>
                {extra_inputs.with_value(|v| v.run())}
            </div>
            <p class="muted">{move || t.get().import.file_hint}</p>
            {move || file.error.get().map(|e| view! { <p class="error-text" data-testid="import-error">{e}</p> })}
            {extra_info.with_value(|v| v.run())}
            {move || file.table.get().map(|tb| {
                let info = file_info(&tb, &file.name.get_untracked(), lang.get_untracked());
                let picker = sheet_picker(tb.clone(), file.table, file.error, file.source, after);
                view! {
                    <p class="muted" data-testid="import-file-info">{info}</p>
                    {picker}
                    <MappingTable kind=kind table=tb.clone() mapping=file.mapping />
                    {settings.with_value(|v| v.run())}
                    <Preview table=tb mapping=file.mapping rejected=rejected ok_count=ok_count />
                }
            })}
            {move || problems().into_iter().filter(|_| file.table.with(Option::is_some)).map(|f| {
                let l = lang.get();
                view! { <p class="error-text">{fill(t.get().import.missing_field, &[imp_text::field_label(f, l)])}</p> }
            }).collect_view()}
        }
    };
    // Kept once, shown whenever the dialog opens.
    let (form, report) = (StoredValue::new(form), StoredValue::new(report));
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <div class="modal import-modal" role="dialog" aria-modal="true" data-testid=testid>
                    <h2>{move || title.get()}</h2>
                    {move || if done.get() {
                        report.with_value(|r| r.run())
                    } else {
                        form.with_value(|f| f().into_any())
                    }}
                    <div class="row import-actions">
                        <Show when=move || !done.get()>
                            <button class="btn primary" data-testid="import-confirm"
                                disabled=move || file.table.with(Option::is_none) || !problems().is_empty() || !ready.get()
                                on:click=move |_| on_confirm.run(())>{move || t.get().import.confirm}</button>
                        </Show>
                        <button class="btn ghost" data-testid="import-close" on:click=move |_| open.set(false)>
                            {move || if done.get() { t.get().import.close } else { t.get().import.cancel }}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// Opens the client-base import (layer 1). The wizard is a part of the build of its own
/// ([`import_wizard`]), fetched on the first opening if the idle prefetch has not brought it.
#[component]
pub fn ImportClientsButton() -> impl IntoView {
    let t = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <button class="btn" data-testid="import-clients" on:click=move |_| open.set(true)>{move || t.get().import.clients_button}</button>
        {move || open.get().then(|| part_view(Box::pin(import_wizard(Which::Clients, open))))}
    }
}

/// Opens the CRM deal import (layer 2), a part of the build like [`ImportClientsButton`]'s.
#[component]
pub fn ImportDealsButton() -> impl IntoView {
    let t = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <button class="btn" data-testid="import-deals" on:click=move |_| open.set(true)>{move || t.get().import.deals_button}</button>
        {move || open.get().then(|| part_view(Box::pin(import_wizard(Which::Deals, open))))}
    }
}

lazy_part!(
    /// The import wizards: reading CSV and Excel books, the column mapping, the previews and
    /// the reports. Not in the screens that offer an import (the data screen, layer 1's clients,
    /// layer 2's deals), which would each carry them.
    import,
    __preload_import_wizard,
    fn import_wizard(which: Which, open: RwSignal<bool>) {
        match which {
            Which::Clients => view! { <ClientsWizard open=open /> }.into_any(),
            Which::Deals => view! { <DealsWizard open=open /> }.into_any(),
        }
    }
);

/// Which import wizard to open.
#[derive(Clone, Copy)]
pub(crate) enum Which {
    Clients,
    Deals,
}

/// Loads the import wizards' part without rendering it (idle-time prefetch).
pub async fn preload() {
    __preload_import_wizard().await;
}

/// The client-base import's wizard (layer 1), shown while `open`; fresh state on each opening.
///
/// The preview is [`imp::preview_clients`]: the rows that add a client, the rows that change one
/// (each changed field from → to), the rows that change nothing, and what the reference lists
/// gain. Confirming writes exactly that preview ([`imp::apply_preview`]); a file that changes
/// nothing writes nothing.
#[component]
fn ClientsWizard(open: RwSignal<bool>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let file = WizardFile::new();
    let (table, mapping) = (file.table, file.mapping);
    let year = RwSignal::new(String::new());
    // The year typed by the user wins over the one read from the header.
    let year_typed = RwSignal::new(false);
    let mode = RwSignal::new(Mode::UpdateExisting);
    // The unit chosen by the user; `None` = as detected.
    let unit_choice: RwSignal<Option<MoneyUnit>> = RwSignal::new(None);
    let report: RwSignal<Option<(Report, Vec<String>, bool)>> = RwSignal::new(None);

    let project_unit = move || {
        store.current.with(|p| {
            p.as_ref()
                .map_or(MoneyUnit::ThousandRub, |p| p.company.money_unit)
        })
    };
    let base_year = move || {
        store
            .current
            .with_untracked(|p| p.as_ref().map(|p| p.company.base_year))
            .unwrap_or(0)
    };
    year.set(base_year().to_string());
    let after = Callback::new(move |t: Arc<Table>| {
        let mem = store.current.with_untracked(|p| {
            p.as_ref()
                .map(|p| imp::remembered(p, Kind::Clients))
                .unwrap_or_default()
        });
        unit_choice.set(None);
        mapping.set(imp::mapping_from_memory(Kind::Clients, &t.headers, &mem));
    });
    let hints = Memo::new(move |_| {
        let m = mapping.get();
        let pu = project_unit();
        table.with(|t| t.as_ref().map(|t| imp::revenue_hints(t, &m, pu)))
    });
    // The header's year becomes the revenue year unless the user typed one.
    Effect::new(move |_| {
        let y = hints.with(|h| h.and_then(|h| h.year));
        if !year_typed.get_untracked() {
            year.set(y.unwrap_or_else(base_year).to_string());
        }
    });
    let file_unit = move || {
        unit_choice
            .get()
            .or_else(|| hints.with(|h| h.map(|h| h.unit)))
            .unwrap_or_else(project_unit)
    };
    let plan = Memo::new(move |_| {
        let m = mapping.get();
        let (fu, pu) = (file_unit(), project_unit());
        table.with(|t| t.as_ref().map(|t| imp::plan_clients(t, &m, fu, pu)))
    });
    let rejected = Signal::derive(move || {
        plan.with(|p| p.as_ref().map(|p| p.rejected.clone()).unwrap_or_default())
    });
    let ok_count = Signal::derive(move || plan.with(|p| p.as_ref().map_or(0, |p| p.ok.len())));
    let year_ok = move || {
        year.with(|y| {
            y.trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
        })
    };
    let settings = move || {
        Some(imp::ClientSettings {
            year: year_ok()?,
            mode: mode.get(),
            file_unit: file_unit(),
            project_unit: project_unit(),
        })
    };
    let preview = Memo::new(move |_| {
        let s = settings()?;
        plan.with(|pl| {
            store
                .current
                .with(|p| Some(imp::preview_clients(p.as_ref()?, pl.as_ref()?, s)))
        })
    });

    let unit_view = move || {
        let h = hints.get()?;
        let c = t.get();
        let l = lang.get();
        let fu = file_unit();
        let pu = project_unit();
        let source = if unit_choice.get().is_some() {
            c.import.unit_chosen
        } else {
            imp_text::unit_source_text(h.unit_source, l)
        };
        let example = plan.with(|p| {
            p.as_ref()?
                .ok
                .iter()
                .find_map(|r| Some((r.revenue_read?, r.revenue?)))
        });
        let conv = example
            .filter(|_| fu != pu)
            .map(|(read, stored)| imp_text::conversion_text(read, fu, stored, pu, l));
        let on_unit = move |ev: leptos::ev::Event| {
            let u = match event_target_value(&ev).as_str() {
                "rub" => MoneyUnit::Rub,
                "thousand" => MoneyUnit::ThousandRub,
                _ => MoneyUnit::MillionRub,
            };
            unit_choice.set(Some(u));
        };
        let opt = |u: MoneyUnit, v: &'static str| {
            view! { <option value=v selected=fu == u>{unit_label(u, l)}</option> }
        };
        Some(view! {
            <div class="import-unit" data-testid="import-unit">
                <label class="field">
                    <span>{c.import.file_unit}</span>
                    <select class="input" data-testid="import-file-unit" on:change=on_unit>
                        {opt(MoneyUnit::Rub, "rub")}
                        {opt(MoneyUnit::ThousandRub, "thousand")}
                        {opt(MoneyUnit::MillionRub, "million")}
                    </select>
                </label>
                <p class="muted" data-testid="import-unit-source">
                    {fill(c.import.unit_line, &[unit_label(fu, l), source, unit_label(pu, l)])}
                </p>
                {conv.map(|x| view! { <p data-testid="import-conversion">{x}</p> })}
            </div>
        })
    };

    const SHOWN_CHANGES: usize = 20;
    let changes_view = move || {
        let pv = preview.get()?;
        let c = t.get();
        let l = lang.get();
        let pu = project_unit();
        let summary = fill(
            c.import.preview_actions,
            &[
                &pv.added_clients().to_string(),
                &pv.updated_clients().to_string(),
                &pv.unchanged_clients().to_string(),
            ],
        );
        let changed: Vec<&imp::RowChange> = pv
            .rows
            .iter()
            .filter(|r| matches!(r.action, imp::Action::Update(_) | imp::Action::UpdateNew))
            .collect();
        let items = changed
            .iter()
            .take(SHOWN_CHANGES)
            .map(|r| {
                let what: Vec<String> = r
                    .changes
                    .iter()
                    .map(|x| imp_text::change_text(x, pu, l))
                    .collect();
                let who = if r.before.is_empty() {
                    r.client.label()
                } else {
                    r.before.clone()
                };
                let head = fill(
                    c.import.update_line,
                    &[&r.line.to_string(), &clip(&who, 80)],
                );
                view! { <li>{format!("{head}: {}", what.join("; "))}</li> }
            })
            .collect_view();
        let more = (changed.len() > SHOWN_CHANGES).then(|| {
            view! { <li>{fill(c.import.updates_more, &[&(changed.len() - SHOWN_CHANGES).to_string()])}</li> }
        });
        let added: Vec<String> = pv
            .added
            .iter()
            .map(|a| imp_text::added_text(a, l))
            .collect();
        let additions = (!added.is_empty()).then(|| {
            view! {
                <p class="warning" data-testid="import-additions">
                    {fill(c.import.additions, &[&added.len().to_string(), &clip(&added.join("; "), 2_000)])}
                </p>
            }
        });
        Some(view! {
            <p data-testid="import-actions">{summary}</p>
            {(!changed.is_empty()).then(|| view! {
                <div class="warning" data-testid="import-updates">
                    <p>{fill(c.import.updates_title, &[&changed.len().to_string()])}</p>
                    <ul>{items}{more}</ul>
                </div>
            })}
            {additions}
        })
    };
    let confirm = move |_: ()| {
        let Some(pv) = preview.get_untracked() else {
            return;
        };
        let headers =
            table.with_untracked(|t| t.as_ref().map(|t| t.headers.clone()).unwrap_or_default());
        let m = mapping.get_untracked();
        // A file that changes no data writes nothing, not even its remembered mapping: the
        // project stays byte-identical.
        let writes = pv.changes_anything();
        let (imported, updated) = if writes {
            let mut counts = (0, 0);
            store.update(|p| {
                imp::remember(p, Kind::Clients, &headers, &m);
                counts = imp::apply_preview(p, &pv);
            });
            // Saved at once, so that the report can say whether it was.
            store.save_now(false);
            counts
        } else {
            (0, 0)
        };
        report.set(Some((pv.report((imported, updated)), headers, writes)));
    };

    let settings = move || {
        view! {
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().import.year}</span>
                    <input class="input" data-testid="import-year" prop:value=move || year.get()
                        on:change=move |ev| { year_typed.set(true); year.set(event_target_value(&ev)); } />
                    <Show when=move || year_ok().is_none()>
                        <span class="error-text">{move || t.get().import.year_error}</span>
                    </Show>
                </label>
                <fieldset class="field import-mode">
                    <label><input type="radio" name="import-mode" data-testid="import-mode-update"
                        prop:checked=move || mode.get() == Mode::UpdateExisting
                        on:change=move |_| mode.set(Mode::UpdateExisting) />
                        {move || t.get().import.mode_update}</label>
                    <label><input type="radio" name="import-mode" data-testid="import-mode-add"
                        prop:checked=move || mode.get() == Mode::AddNew
                        on:change=move |_| mode.set(Mode::AddNew) />
                        {move || t.get().import.mode_add}</label>
                </fieldset>
            </div>
            {unit_view}
            {changes_view}
        }
    };
    let report_view = move || {
        report.get().map(|(r, headers, writes)| {
            let c = t.get_untracked().import;
            let extra = vec![
                fill(c.report_updated, &[&r.updated.to_string()]),
                fill(c.report_unchanged, &[&r.unchanged.to_string()]),
            ];
            view! {
                <ReportView report=r headers=headers extra=extra />
                <SaveOutcome wrote=writes />
            }
        })
    };
    view! {
        <Wizard kind=Kind::Clients open=open file=file testid="import-clients-dialog"
            title=Signal::derive(move || t.get().import.clients_title)
            after=after settings=settings rejected=rejected ok_count=ok_count
            ready=Signal::derive(move || preview.with(Option::is_some))
            on_confirm=Callback::new(confirm)
            done=Signal::derive(move || report.with(Option::is_some))
            report=report_view />
    }
}

/// Whether what an import wrote is in storage: saved, still saving, or not saved (quota full,
/// another tab, storage unavailable) — told in the report, not only in the banner.
#[component]
fn SaveOutcome(
    /// Whether the import changed the project at all.
    wrote: bool,
) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    move || {
        let c = t.get().import;
        let (class, text) = if !wrote {
            ("muted", c.saved_nothing)
        } else {
            match store.save_state.get() {
                SaveState::Saved => ("ok-text", c.saved),
                SaveState::Pending => ("muted", c.saving),
                SaveState::QuotaFull => ("error-text", c.not_saved_quota),
                SaveState::Conflict { .. } => ("error-text", c.not_saved_conflict),
                SaveState::Unavailable(_) => ("error-text", c.not_saved_unavailable),
            }
        };
        view! { <p class=class data-testid="import-saved">{text}</p> }
    }
}

/// The reports of a CRM import (deals, team, accounts), the deal file's headers and the number
/// of deals without a client.
type CrmReport = ([Report; 3], Vec<String>, usize, bool);

/// The CRM deal import's wizard (layer 2), shown while `open`; fresh state on each opening.
///
/// The preview is [`imp::preview_deals`] against the project the deals go into (a new one by
/// default, or the current one): the rows that add a deal, the refused ones (unmapped stage, bad
/// value, a code the project has). Confirming writes it ([`imp::import_crm_as_new`] or
/// [`imp::import_crm`]); the stage mapping is [`imp::guess_stage_map`] and
/// [`imp::stage_map_rows`].
#[component]
fn DealsWizard(open: RwSignal<bool>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let file = WizardFile::new();
    let (table, mapping) = (file.table, file.mapping);
    let teams: RwSignal<Option<Arc<Table>>> = RwSignal::new(None);
    let accounts: RwSignal<Option<Arc<Table>>> = RwSignal::new(None);
    let teams_name = RwSignal::new(String::new());
    let accounts_name = RwSignal::new(String::new());
    let stage_map: RwSignal<imp::StageMap> = RwSignal::new(vec![]);
    let as_new = RwSignal::new(true);
    let report: RwSignal<Option<CrmReport>> = RwSignal::new(None);

    // Stage targets are ids of the current project's stages; a new project gets the default
    // stage list, mapped by position when it is made.
    let guess_stages = move |t: &Table, m: &Mapping| {
        let map = store
            .current
            .with_untracked(|p| imp::guess_stage_map(p.as_ref(), t, m));
        stage_map.set(map);
    };
    let after = Callback::new(move |t: Arc<Table>| {
        let mem = store.current.with_untracked(|p| {
            p.as_ref()
                .map(|p| imp::remembered(p, Kind::Deals))
                .unwrap_or_default()
        });
        let m = imp::mapping_from_memory(Kind::Deals, &t.headers, &mem);
        guess_stages(&t, &m);
        mapping.set(m);
    });
    let on_teams = file_input_handler(teams, teams_name, file.error, StoredValue::new(None), None);
    let on_accounts = file_input_handler(
        accounts,
        accounts_name,
        file.error,
        StoredValue::new(None),
        None,
    );
    let stages = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.stages
                        .iter()
                        .map(|s| (s.id, s.label(crate::state::current_lang())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let plan = Memo::new(move |_| {
        let m = mapping.get();
        let sm = stage_map.get();
        table.with(|t| t.as_ref().map(|t| imp::plan_deals(t, &m, &sm)))
    });
    // A new project starts empty: its preview needs only the empty project, not a copy of the
    // current one.
    let preview = Memo::new(move |_| {
        let new = as_new.get();
        plan.with(|pl| {
            let pl = pl.as_ref()?;
            if new {
                Some(imp::preview_deals(
                    &crate::domain::Project::new_empty("", today()),
                    pl,
                ))
            } else {
                store
                    .current
                    .with(|p| Some(imp::preview_deals(p.as_ref()?, pl)))
            }
        })
    });
    let rejected = Signal::derive(move || {
        preview.with(|p| p.as_ref().map(|p| p.rejected.clone()).unwrap_or_default())
    });
    let ok_count =
        Signal::derive(move || preview.with(|p| p.as_ref().map_or(0, |p| p.deals.len())));
    let confirm = move |_: ()| {
        let Some(deals) = table.get_untracked() else {
            return;
        };
        let m = mapping.get_untracked();
        let sm = stage_map.get_untracked();
        let tm = teams.get_untracked();
        let ac = accounts.get_untracked();
        let now = today();
        let crm = imp::CrmImport {
            deals: &deals,
            deal_mapping: &m,
            stage_map: &sm,
            teams: tm.as_deref(),
            accounts: ac.as_deref(),
        };
        let reps = if as_new.get_untracked() {
            let pname = crate::i18n::catalogue(lang.get_untracked())
                .import
                .new_project_name;
            let from = store.current.with_untracked(|c| {
                c.as_ref()
                    .map(|c| c.stages.iter().map(|s| s.id).collect::<Vec<_>>())
                    .unwrap_or_default()
            });
            let (p, reps) = imp::import_crm_as_new(pname, &from, &crm, now);
            store.add_project(p);
            reps
        } else {
            let mut out = None;
            store.update(|p| {
                imp::remember(p, Kind::Deals, &deals.headers, &m);
                out = Some(imp::import_crm(p, &crm, now));
            });
            let Some(r) = out else { return };
            r
        };
        let no_client = preview.with_untracked(|p| p.as_ref().map_or(0, |p| p.without_client()));
        store.save_now(false);
        report.set(Some((reps, deals.headers.clone(), no_client, true)));
    };

    let stage_rows = move || {
        let list = stages();
        let rows = table.with(|tb| {
            tb.as_ref()
                .map(|tb| imp::stage_map_rows(tb, &mapping.get_untracked(), &stage_map.get()))
                .unwrap_or_default()
        });
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let value = match row.target {
                    Some(StageTarget::Won) => "won".to_string(),
                    Some(StageTarget::Lost) => "lost".to_string(),
                    Some(StageTarget::Stage(id)) => id.to_string(),
                    None => String::new(),
                };
                let on_change = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    let tg = match v.as_str() {
                        "won" => Some(StageTarget::Won),
                        "lost" => Some(StageTarget::Lost),
                        s => s.parse().ok().map(StageTarget::Stage),
                    };
                    stage_map.update(|sm| {
                        if let Some(x) = sm.get_mut(i) {
                            x.1 = tg;
                        }
                    });
                };
                let opts = list
                    .iter()
                    .map(|(id, label)| {
                        let v = id.to_string();
                        let sel = v == value;
                        view! { <option value=v selected=sel>{label.clone()}</option> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <td>{row.name}</td>
                        <td class="num">{row.rows}</td>
                        <td>
                            <select class="input" data-testid=format!("stage-map-{i}") on:change=on_change>
                                <option value="" selected=value.is_empty()>{t.get_untracked().import.not_mapped}</option>
                                <option value="won" selected=value == "won">{t.get_untracked().import.won}</option>
                                <option value="lost" selected=value == "lost">{t.get_untracked().import.lost}</option>
                                {opts}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let extra_inputs = move || {
        view! {
            <label class="field">
                <span>{move || format!("{} ({})", t.get().import.teams_file, t.get().import.optional)}</span>
                <input type="file" accept=ACCEPT data-testid="import-teams-file" on:change=on_teams />
            </label>
            <label class="field">
                <span>{move || format!("{} ({})", t.get().import.accounts_file, t.get().import.optional)}</span>
                <input type="file" accept=ACCEPT data-testid="import-accounts-file" on:change=on_accounts />
            </label>
        }
    };
    let extra_info = move || {
        view! {
            {move || teams.get().map(|tb| view! { <p class="muted" data-testid="import-teams-info">{file_info(&tb, &teams_name.get_untracked(), lang.get_untracked())}</p> })}
            {move || accounts.get().map(|tb| view! { <p class="muted" data-testid="import-accounts-info">{file_info(&tb, &accounts_name.get_untracked(), lang.get_untracked())}</p> })}
        }
    };
    let settings = move || {
        view! {
            <button class="btn ghost" on:click=move |_| {
                if let Some(tb) = table.get_untracked() {
                    guess_stages(&tb, &mapping.get_untracked());
                }
            }>
                {move || t.get().import.stage_mapping}" ↻"
            </button>
            <h3>{move || t.get().import.stage_mapping}</h3>
            <div class="table-box" tabindex="0"><table class="table" data-testid="import-stage-mapping">
                <thead><tr>
                    <th>{move || t.get().import.crm_stage}</th>
                    <th>{move || t.get().import.rows}</th>
                    <th>{move || t.get().import.project_stage}</th>
                </tr></thead>
                <tbody>{stage_rows}</tbody>
            </table></div>
            <fieldset class="field import-mode">
                <label><input type="radio" name="import-target" data-testid="import-target-new"
                    prop:checked=move || as_new.get() on:change=move |_| as_new.set(true) />
                    {move || t.get().import.target_new}</label>
                <label><input type="radio" name="import-target" data-testid="import-target-current"
                    prop:checked=move || !as_new.get() on:change=move |_| as_new.set(false) />
                    {move || t.get().import.target_current}</label>
            </fieldset>
        }
    };
    let report_view = move || {
        report
            .get()
            .map(|([deals, team, acc], headers, no_client, writes)| {
                let i = t.get_untracked().import;
                let extra = vec![
                    fill(i.report_no_client, &[&no_client.to_string()]),
                    fill(
                        i.report_team,
                        &[&(team.imported + team.updated).to_string()],
                    ),
                    fill(
                        i.report_accounts,
                        &[&(acc.imported + acc.updated).to_string()],
                    ),
                ];
                let mut deals = deals;
                deals.added.extend(acc.added);
                deals.added.extend(team.added);
                view! {
                    <ReportView report=deals headers=headers extra=extra />
                    <SaveOutcome wrote=writes />
                }
            })
    };
    view! {
        <Wizard kind=Kind::Deals open=open file=file testid="import-deals-dialog"
            title=Signal::derive(move || t.get().import.deals_title)
            after=after extra_inputs=extra_inputs extra_info=extra_info settings=settings
            rejected=rejected ok_count=ok_count
            ready=Signal::derive(move || preview.with(Option::is_some))
            on_confirm=Callback::new(confirm)
            done=Signal::derive(move || report.with(Option::is_some))
            report=report_view />
    }
}
