//! Tab «Документы» (`#/l4/docs?deal=<id>&doc=kp|teo`): the КП for the ЛФР and the ТЭО for the
//! ЛПР. What they state comes from [`documents::kp`] / [`documents::teo_doc`], the wording from
//! `i18n::docs`, the layout from the project's template ([`documents::render`]); this page only
//! builds the blocks as DOM nodes — never `inner_html` — so any text a user typed shows as text. Print and export as a
//! standalone HTML file; the КП specification (`spec`) and the template are edited below the
//! sheet.

use super::{use_deal, DealPicker};
use crate::components::print::{export_html, print_page};
use crate::domain::documents::{self, Block};
use crate::domain::tools;
use crate::i18n::docs::{kp_values, teo_values};
use crate::state::route::{use_query, L4Tab, Place};
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const DOC_ID: &str = "l4-doc";

fn block_view(b: Block) -> AnyView {
    match b {
        Block::Title(s) => view! { <h1>{s}</h1> }.into_any(),
        Block::Heading(s) => view! { <h2>{s}</h2> }.into_any(),
        Block::Paragraph(s) => view! { <p>{s}</p> }.into_any(),
        Block::List(items) => {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
        Block::Table {
            head,
            rows,
            num_from,
            foot,
        } => {
            let cols = head.len();
            view! {
                <div class="doc-table">
                    <table class=format!("cols-{cols}")>
                        <thead><tr>{head.into_iter().enumerate().map(|(i, h)| view! { <th class:num={i >= num_from}>{h}</th> }).collect_view()}</tr></thead>
                        <tbody>{rows.into_iter().map(|r| view! { <tr>{r.into_iter().enumerate().map(|(i, c)| view! { <td class:num={i >= num_from}>{c}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                    </table>
                    {foot.into_iter().map(|f| view! { <p class="doc-total">{f}</p> }).collect_view()}
                </div>
            }
            .into_any()
        }
    }
}

#[component]
pub fn DocsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let deal = use_deal();
    let doc_q = use_query("doc");
    let is_teo = Memo::new(move |_| doc_q.get().as_deref() == Some("teo"));
    let template = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    if is_teo.get() {
                        p.layer4.teo_template.clone()
                    } else {
                        p.layer4.kp_template.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    let doc_link = move |kind: &'static str| {
        let d = deal.get().map(|d| d.to_string()).unwrap_or_default();
        Place::L4(L4Tab::Docs).href(&[("deal", &d), ("doc", kind)])
    };
    let rendered = Memo::new(move |_| {
        let id = deal.get()?;
        let lg = lang.get();
        let teo_doc = is_teo.get();
        store.current.with(|p| {
            let p = p.as_ref()?;
            let d = p.deal(id)?;
            let as_of = p.as_of(today());
            let (tpl, vals) = if teo_doc {
                (
                    &p.layer4.teo_template,
                    teo_values(&documents::teo_doc(p, d, as_of), lg),
                )
            } else {
                (
                    &p.layer4.kp_template,
                    kp_values(&documents::kp(p, d, as_of), lg),
                )
            };
            Some((
                documents::render(tpl, &vals),
                documents::unfilled(tpl, &vals),
                d.code.clone(),
            ))
        })
    });
    let file_name = move || {
        let code = rendered.get_untracked().map(|r| r.2).unwrap_or_default();
        format!(
            "{}-{code}.html",
            if is_teo.get_untracked() {
                t.get_untracked().l4.file_teo
            } else {
                t.get_untracked().l4.file_kp
            }
        )
    };
    let exported = RwSignal::new(None::<bool>);
    view! {
        <div data-testid="l4-docs-tab">
            <div class="l4-toolbar no-print">
                <DealPicker tab=L4Tab::Docs extra=doc_q extra_key="doc" />
                <nav class="l4-doc-kind">
                    <a class="btn" class:primary=move || !is_teo.get() href=move || doc_link("kp") data-testid="l4-doc-kp">{move || t.get().l4.doc_kp}</a>
                    <a class="btn" class:primary=move || is_teo.get() href=move || doc_link("teo") data-testid="l4-doc-teo">{move || t.get().l4.doc_teo}</a>
                </nav>
            </div>
            {move || match rendered.get() {
                None => view! { <p class="empty-state no-print">{t.get().l4.pick_deal}</p> }.into_any(),
                Some((blocks, unfilled, _)) => view! {
                    <div class="l4-toolbar no-print">
                        <button class="btn primary" data-nav="" data-testid="l4-print" on:click=move |_| print_page()>{t.get().l4.print}</button>
                        <button class="btn" data-nav="" data-testid="l4-export" on:click=move |_| {
                            let title = if is_teo.get_untracked() { t.get_untracked().l4.doc_teo } else { t.get_untracked().l4.doc_kp };
                            exported.set(Some(export_html(DOC_ID, title, &file_name())))
                        }>{t.get().l4.export_html}</button>
                        {move || (exported.get() == Some(false)).then(|| view! { <span class="error-text" role="alert">{t.get().l4.export_failed}</span> })}
                    </div>
                    {(!unfilled.is_empty()).then(|| view! { <p class="warning no-print" data-testid="l4-unfilled">{"⚠ "}{t.get().l4.unfilled}{unfilled.join(", ")}</p> })}
                    <article class="print-sheet" id=DOC_ID data-testid="l4-doc">
                        {blocks.into_iter().map(block_view).collect_view()}
                    </article>
                }.into_any(),
            }}
            {move || deal.get().filter(|_| !is_teo.get()).map(|id| view! { <super::spec::SpecEditor deal=id /> })}
            <section class="no-print l4-template">
                <h2>{move || if is_teo.get() {
                    view! { <crate::components::a11y::TermHint term=crate::i18n::glossary::Term::Teo>{t.get().l4.template_teo}</crate::components::a11y::TermHint> }.into_any()
                } else {
                    view! { <crate::components::a11y::TermHint term=crate::i18n::glossary::Term::Kp>{t.get().l4.template_kp}</crate::components::a11y::TermHint> }.into_any()
                }}</h2>
                <p class="muted">{move || t.get().l4.template_hint}</p>
                <textarea class="input l4-template-text" rows="24" data-testid="l4-template" aria-label=move || t.get().labels.template_text prop:value=template
                    on:change=move |ev| { let v = event_target_value(&ev); let teo_doc = is_teo.get_untracked(); store.update(|p| if teo_doc { p.layer4.teo_template = v } else { p.layer4.kp_template = v }) }></textarea>
                <p class="muted">{move || t.get().l4.placeholders}
                    {move || tools::placeholder_help(is_teo.get(), store.lang.get()).iter().map(|(k, d)| format!("{{{k}}} — {d}")).collect::<Vec<_>>().join("; ")}
                </p>
                <button class="btn" data-testid="l4-template-reset" on:click=move |_| {
                    if super::confirm(t.get_untracked().l4.reset_confirm) {
                        let teo_doc = is_teo.get_untracked();
                        let lang = store.lang.get_untracked();
                        store.update(|p| if teo_doc { p.layer4.teo_template = tools::default_teo_template(lang) } else { p.layer4.kp_template = tools::default_kp_template(lang) })
                    }
                }>{move || t.get().l4.template_reset}</button>
            </section>
        </div>
    }
}
