//! The merge preview and report: what a merge of two copies of a project does before anything
//! is written (every change with where it comes from, each conflict side by side field by field
//! with «мои»/«их»), a backup download of the current project, the atomic apply (one save), and
//! the report afterwards, which the project also keeps in its history.
//!
//! Its code is a part of the build of its own (`merge_view` in `src/app.rs`), fetched when a
//! merge is asked for: the merge is not on the start-up path.

use super::download::download_project;
use super::import::{use_importer, MergeRequest};
use crate::domain::merge::{ancestry_of, common_base, merge, Base, Item, Merge, Outcome};
use crate::domain::{MergeRecord, MergeSide, MergeSourceKind, Project};
use crate::i18n::format::shorten;
use crate::i18n::merge::{change_words, conflict_words, kind_words, setting_words, side_words};
use crate::i18n::{fill, Lang};
use crate::state::store::{now_iso, use_store, SaveOutcome};
use crate::state::toast::use_toasts;
use crate::state::use_i18n;
use leptos::prelude::*;
use serde_json::Value;

/// Changes listed before «… и ещё N» (a 10 000-deal merge lists a lot).
const SHOWN_CHANGES: usize = 300;
/// Characters of a value shown in a conflict's table.
const SHOWN_VALUE: usize = 160;

/// A value as the conflict table shows it: ids by the record's name, dates ДД.ММ.ГГГГ.
fn show(v: Option<&Value>, m: &Merge, lang: Lang) -> String {
    let t = crate::i18n::catalogue(lang).merge;
    let text = match v {
        None | Some(Value::Null) => return t.absent.to_string(),
        Some(Value::Bool(b)) => (if *b { t.yes } else { t.no }).to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => {
            if let Some(label) = m.label_of(s) {
                label
            } else if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                crate::i18n::format::fmt_date(d)
            } else {
                s.clone()
            }
        }
        Some(Value::Array(a)) => {
            // A list (a stage history) differs at its end mostly: long ones show their tail.
            let text = a
                .iter()
                .map(|x| show(Some(x), m, lang))
                .collect::<Vec<_>>()
                .join("; ");
            let n = text.chars().count();
            if n > SHOWN_VALUE {
                let tail: String = text.chars().skip(n - (SHOWN_VALUE - 1)).collect();
                return format!("…{tail}");
            }
            text
        }
        Some(Value::Object(o)) => o
            .iter()
            .map(|(k, x)| {
                let name = crate::i18n::load::field_name(k, lang).unwrap_or(k);
                fill(t.field_value, &[name, &show(Some(x), m, lang)])
            })
            .collect::<Vec<_>>()
            .join(", "),
    };
    shorten(&text, SHOWN_VALUE).into_owned()
}

/// How a record is named in the preview: its kind and its label (a setting by its name).
fn record_words(item: &Item, lang: Lang) -> (String, String) {
    match item.setting_path() {
        Some(path) => (
            kind_words(item.kind, lang).to_string(),
            setting_words(path, lang),
        ),
        None => (
            kind_words(item.kind, lang).to_string(),
            shorten(&item.label, 80).into_owned(),
        ),
    }
}

/// The report shown after the merge (also in the project's history).
#[derive(Clone, Debug)]
struct Done {
    report: MergeRecord,
    cascaded: Vec<String>,
}

/// The merge preview for a request; closes itself when done or cancelled.
#[component]
pub fn MergeDialog(req: MergeRequest) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let importer = use_importer();
    let toasts = use_toasts();
    let lang = store.lang.get_untracked();
    let tab = req.source.kind == MergeSourceKind::Tab;
    let open = store
        .current
        .with_untracked(|p| p.as_ref().filter(|p| p.id == req.target).cloned());
    let mine: Option<Project> = open.or_else(|| store.stored(req.target).map(|(p, _)| p));
    let close = move || importer.merging.set(None);
    let Some(mine) = mine else {
        toasts.error(
            t.get_untracked().merge.failed,
            t.get_untracked().merge.not_found,
        );
        close();
        return ().into_any();
    };
    let base = if tab {
        store.synced().map(|p| Base::of(&p)).unwrap_or_default()
    } else {
        common_base(&ancestry_of(&mine), &ancestry_of(&req.theirs)).unwrap_or_default()
    };
    let m = merge(&mine, &req.theirs, &base);
    let n_conflicts = m.conflicts().count();
    let choices = RwSignal::new(vec![None::<MergeSide>; n_conflicts]);
    let done = RwSignal::new(None::<Done>);
    let heading = if tab {
        fill(
            t.get_untracked().merge.from_tab,
            &[&shorten(&mine.name, 80)],
        )
    } else {
        fill(
            t.get_untracked().merge.from_file,
            &[
                &shorten(&req.source.file_name, 80),
                &shorten(&mine.name, 80),
            ],
        )
    };
    let there = if tab {
        t.get_untracked().merge.in_tab
    } else {
        t.get_untracked().merge.in_file
    };
    let based = m.based;
    let backup_copy = StoredValue::new(mine);

    // Changes taken without asking.
    let changes: Vec<Item> = m.changes().cloned().collect();
    let n_changes = changes.len();
    let change_rows = changes
        .iter()
        .take(SHOWN_CHANGES)
        .map(|item| {
            let (kind, label) = record_words(item, lang);
            let (what, from) = match item.outcome {
                Outcome::Taken(side, c) => (
                    change_words(c, &t.get_untracked().merge),
                    match side {
                        MergeSide::Mine => t.get_untracked().merge.here,
                        MergeSide::Theirs => there,
                    },
                ),
                Outcome::Conflict(_) => ("", ""),
            };
            view! {
                <tr data-testid="merge-change">
                    <td>{kind}" "{label}</td>
                    <td>{what}</td>
                    <td>{from}</td>
                </tr>
            }
        })
        .collect_view();
    let more = (n_changes > SHOWN_CHANGES).then(|| {
        fill(
            t.get_untracked().merge.more,
            &[&(n_changes - SHOWN_CHANGES).to_string()],
        )
    });

    // Conflicts side by side, field by field.
    let conflict_views = m
        .conflicts()
        .enumerate()
        .map(|(n, item)| {
            let (kind, label) = record_words(item, lang);
            let why = match item.outcome {
                Outcome::Conflict(k) => conflict_words(k, &t.get_untracked().merge),
                Outcome::Taken(..) => "",
            };
            let rows = item
                .fields()
                .into_iter()
                .map(|f| {
                    let name = if f.field.is_empty() {
                        label.clone()
                    } else {
                        crate::i18n::load::field_name(&f.field, lang)
                            .map(str::to_string)
                            .unwrap_or(f.field.clone())
                    };
                    view! {
                        <tr data-testid=format!("merge-field-{}", f.field)>
                            <th scope="row">{name}</th>
                            <td data-testid="merge-mine-value">{show(f.mine.as_ref(), &m, lang)}</td>
                            <td data-testid="merge-theirs-value">{show(f.theirs.as_ref(), &m, lang)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let pick = move |side: MergeSide| {
                choices.update(|c| {
                    if let Some(x) = c.get_mut(n) {
                        *x = Some(side);
                    }
                })
            };
            let chosen = move |side: MergeSide| choices.with(|c| c.get(n).copied().flatten() == Some(side));
            view! {
                <section class="merge-conflict card" data-testid="merge-conflict">
                    <h4>{kind}" "{label}</h4>
                    <p class="muted">{why}</p>
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t.get().merge.col_field}</th>
                                <th scope="col">{move || t.get().merge.col_mine}</th>
                                <th scope="col">{move || t.get().merge.col_theirs}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <div class="row gap" role="group">
                        <button
                            class="btn"
                            class:primary=move || chosen(MergeSide::Mine)
                            aria-pressed=move || chosen(MergeSide::Mine).to_string()
                            data-testid="merge-pick-mine"
                            on:click=move |_| pick(MergeSide::Mine)
                        >
                            {move || t.get().merge.mine}
                        </button>
                        <button
                            class="btn"
                            class:primary=move || chosen(MergeSide::Theirs)
                            aria-pressed=move || chosen(MergeSide::Theirs).to_string()
                            data-testid="merge-pick-theirs"
                            on:click=move |_| pick(MergeSide::Theirs)
                        >
                            {move || t.get().merge.theirs}
                        </button>
                    </div>
                </section>
            }
        })
        .collect_view();
    let all = move |side: MergeSide| choices.update(|c| c.iter_mut().for_each(|x| *x = Some(side)));
    let ready = move || choices.with(|c| c.iter().all(Option::is_some));

    let source = req.source.clone();
    let (target, their_rev) = (req.target, req.their_rev);
    let m = StoredValue::new(m);
    let apply = move |_| {
        let Some(picked) = choices
            .get_untracked()
            .into_iter()
            .collect::<Option<Vec<_>>>()
        else {
            return;
        };
        let s = t.get_untracked().merge;
        let applied =
            m.with_value(|m| m.apply(&picked, source.clone(), &now_iso(), crate::domain::new_id()));
        let applied = match applied {
            Ok(a) => a,
            Err(e) => {
                toasts.error(s.failed, format!("{e:?}"));
                return;
            }
        };
        if let Err(e) = crate::persist::validate::validate(&applied.project) {
            toasts.error(s.failed, e.message(store.lang.get_untracked()));
            return;
        }
        let cascaded = applied
            .cascaded
            .iter()
            .map(|c| format!("{} {}", kind_words(c.kind, lang), shorten(&c.label, 80)))
            .collect();
        let name = shorten(&applied.project.name, 80).into_owned();
        match store.apply_merged(target, applied.project, their_rev) {
            Ok(()) => {
                store.after_save(target, move |outcome| {
                    let sh = t.get_untracked().shell;
                    let text = outcome.text(sh);
                    if outcome == SaveOutcome::Saved {
                        toasts.info(s.done_title, format!("{name}: {text}"));
                    } else {
                        toasts.error(s.done_title, format!("{name}: {text}"));
                    }
                });
                done.set(Some(Done {
                    report: applied.report,
                    cascaded,
                }));
            }
            Err(e) => toasts.error(s.failed, e),
        }
    };

    let report_view = move || {
        done.get().map(|d| {
            let s = t.get().merge;
            let counts = fill(
                s.done_counts,
                &[
                    &d.report.from_mine.to_string(),
                    &d.report.from_theirs.to_string(),
                    &d.report.deleted.to_string(),
                    &d.report.conflicts.len().to_string(),
                ],
            );
            let conflicts = d
                .report
                .conflicts
                .iter()
                .map(|c| {
                    let what = format!("{} {}", kind_words(c.kind, lang), shorten(&c.label, 80));
                    view! { <li>{fill(s.done_conflict, &[&what, side_words(c.chosen, s.get())])}</li> }
                })
                .collect_view();
            let cascaded = (!d.cascaded.is_empty())
                .then(|| view! { <p class="warning">{fill(s.cascaded, &[&d.cascaded.join("; ")])}</p> });
            view! {
                <div data-testid="merge-report">
                    <h3>{s.done_title}</h3>
                    <p data-testid="merge-report-counts">{counts}</p>
                    <ul>{conflicts}</ul>
                    {cascaded}
                    <p class="muted">{s.done_saved}</p>
                    <button class="btn primary" data-testid="merge-close" on:click=move |_| close()>
                        {move || t.get().shell.close}
                    </button>
                </div>
            }
        })
    };

    view! {
        <div class="modal-backdrop">
            <div
                class="modal modal-wide"
                role="dialog"
                aria-modal="true"
                aria-labelledby="merge-title"
                data-testid="merge-dialog"
            >
                <h2 id="merge-title">{move || t.get().merge.title}</h2>
                <Show when=move || done.with(Option::is_none) fallback=report_view>
                    <p>{heading.clone()}</p>
                    {(!based).then(|| view! { <p class="warning" role="note">{move || t.get().merge.no_base}</p> })}
                    <p>
                        <button
                            class="btn"
                            data-testid="merge-backup"
                            on:click=move |_| {
                                backup_copy.with_value(|p| {
                                    download_project(p);
                                });
                            }
                        >
                            {move || t.get().merge.backup}
                        </button>
                    </p>
                    {(n_changes == 0 && n_conflicts == 0)
                        .then(|| view! { <p>{move || t.get().merge.nothing}</p> })}
                </Show>
                // Built once: these lists do not change while the user chooses.
                <div prop:hidden=move || done.with(Option::is_some)>
                    {(n_changes > 0)
                        .then(|| {
                            view! {
                                <h3 data-testid="merge-changes-title">
                                    {move || fill(t.get().merge.changes, &[&n_changes.to_string()])}
                                </h3>
                                <div class="table-box" tabindex="0">
                                    <table class="table" data-testid="merge-changes">
                                        <thead>
                                            <tr>
                                                <th scope="col">{move || t.get().merge.col_record}</th>
                                                <th scope="col">{move || t.get().merge.col_change}</th>
                                                <th scope="col">{move || t.get().merge.col_from}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{change_rows}</tbody>
                                    </table>
                                </div>
                                {more.map(|x| view! { <p class="muted">{x}</p> })}
                            }
                        })}
                    {(n_conflicts > 0)
                        .then(|| {
                            view! {
                                <h3 data-testid="merge-conflicts-title">
                                    {move || fill(t.get().merge.conflicts, &[&n_conflicts.to_string()])}
                                </h3>
                                <p class="muted">{move || t.get().merge.conflicts_hint}</p>
                                <div class="row gap">
                                    <button class="btn" data-testid="merge-all-mine" on:click=move |_| all(MergeSide::Mine)>
                                        {move || t.get().merge.all_mine}
                                    </button>
                                    <button class="btn" data-testid="merge-all-theirs" on:click=move |_| all(MergeSide::Theirs)>
                                        {move || t.get().merge.all_theirs}
                                    </button>
                                </div>
                                {conflict_views}
                            }
                        })}
                    <Show when=move || !ready()>
                        <p class="muted" role="status">{move || t.get().merge.choose_all}</p>
                    </Show>
                    <div class="row gap">
                        <button
                            class="btn primary"
                            data-testid="merge-apply"
                            disabled=move || !ready()
                            on:click=apply
                        >
                            {move || t.get().merge.apply}
                        </button>
                        <button class="btn ghost" on:click=move |_| close()>
                            {move || t.get().shell.cancel}
                        </button>
                    </div>
                </div>
            </div>
        </div>
    }
    .into_any()
}
