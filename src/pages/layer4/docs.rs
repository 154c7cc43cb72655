//! Tab «Документы» (`#/l4/docs?deal=<id>&doc=kp|teo`): the КП for the ЛФР and the ТЭО for the
//! ЛПР, the project's template filled from the deal ([`documents::render`]) and built as DOM
//! nodes — never `inner_html` — so any text a user typed shows as text. Print and export as a
//! standalone HTML file; the КП specification (`spec`) and the template are edited below the
//! sheet.

use super::teo::{fmt_signed, fmt_years};
use super::{use_deal, DealPicker};
use crate::components::print::{export_html, print_page};
use crate::domain::documents::{self, Block, Value, Values};
use crate::domain::teo::{self, TeoInputs};
use crate::domain::{tools, Deal, Money, Project, Role};
use crate::i18n::format::{fmt_amount, fmt_date, fmt_money, fmt_num, fmt_pct};
use crate::i18n::Lang;
use crate::state::route::{use_query, L4Tab, Place};
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const DOC_ID: &str = "l4-doc";

fn text(s: impl Into<String>) -> Value {
    let s = s.into();
    Value::Text(if s.trim().is_empty() { "—".into() } else { s })
}

fn contact(p: &Project, d: &Deal, role: Role) -> (String, String) {
    d.client_id
        .and_then(|c| {
            p.contacts
                .iter()
                .find(|k| k.client_id == c && k.roles.contains(&role))
        })
        .map(|k| (k.name.clone(), k.position.clone()))
        .unwrap_or_default()
}

fn common(p: &Project, d: &Deal, v: &mut Values) {
    let client = d
        .client_id
        .and_then(|c| p.client(c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    v.insert("client".into(), text(client));
    v.insert("supplier".into(), text(p.company.name.clone()));
    v.insert("date".into(), text(fmt_date(p.as_of(today()))));
    v.insert("subject".into(), text(d.title.clone()));
    v.insert("solution".into(), text(d.title.clone()));
    let (lfr, lfr_pos) = contact(p, d, Role::Lfr);
    v.insert("lfr_name".into(), text(lfr));
    v.insert("lfr_position".into(), text(lfr_pos));
    let (lpr, lpr_pos) = contact(p, d, Role::Lpr);
    v.insert("lpr_name".into(), text(lpr));
    v.insert("lpr_position".into(), text(lpr_pos));
}

/// Values of the КП placeholders from a deal.
pub fn kp_values(p: &Project, d: &Deal, lang: Lang) -> Values {
    let unit = p.company.money_unit;
    let mut v = Values::new();
    common(p, d, &mut v);
    v.insert("number".into(), text(format!("{}-КП", d.code)));
    let need_text = |n: &crate::domain::DealNeed| {
        if n.text.trim().is_empty() {
            n.need_id
                .and_then(|id| p.layer4.needs.iter().find(|x| x.id == id))
                .map(|x| x.text.clone())
                .unwrap_or_default()
        } else {
            n.text.clone()
        }
    };
    let needs: Vec<String> = d
        .needs
        .iter()
        .map(need_text)
        .filter(|s| !s.trim().is_empty())
        .collect();
    v.insert(
        "offer".into(),
        text(
            needs
                .first()
                .map(|n| format!("Решение задачи «{n}»: {}", d.title))
                .unwrap_or_default(),
        ),
    );
    v.insert("needs".into(), Value::List(needs));
    // Advantages ↔ needs (matrix of the deal's channel) and ↔ criteria.
    let adv_text = |id| p.layer4.advantages.iter().find(|a| a.id == id);
    let mut rows = vec![];
    let mut proofs: Vec<String> = vec![];
    let mut add_proof = |a: &crate::domain::Advantage| {
        if !a.proof.trim().is_empty() && !proofs.contains(&a.proof) {
            proofs.push(a.proof.clone())
        }
    };
    if let Some(ch) = d.channel_id {
        let m = tools::advantage_matrix(p, ch);
        for n in &d.needs {
            let Some(nid) = n.need_id else { continue };
            for aid in &m.advantages {
                let s = m.strength(nid, *aid);
                if s > 0 {
                    if let Some(a) = adv_text(*aid) {
                        rows.push(vec![
                            need_text(n),
                            a.text.clone(),
                            format!("{s} / {}", tools::MAX_STRENGTH),
                        ]);
                        add_proof(a);
                    }
                }
            }
        }
    }
    for c in &d.criteria {
        if let Some(a) = c.advantage_id.and_then(adv_text) {
            rows.push(vec![
                format!(
                    "Критерий {}: {}",
                    c.owner.abbr_in(crate::state::current_lang()),
                    c.text
                ),
                a.text.clone(),
                "✓".into(),
            ]);
            add_proof(a);
        }
    }
    v.insert(
        "advantages".into(),
        Value::Table {
            head: vec![
                "Задача / критерий".into(),
                "Наше преимущество".into(),
                "Соответствие".into(),
            ],
            rows,
        },
    );
    v.insert("proof".into(), Value::List(proofs));
    let tco = d
        .teo
        .as_ref()
        .and_then(|t| teo::indicators(&TeoInputs::from_teo(t)).tco);
    v.insert(
        "tco".into(),
        text(
            tco.map(|x| {
                format!(
                    "наш вариант {}, альтернатива {}",
                    fmt_money(x.ours, unit, lang),
                    fmt_money(x.alternative, unit, lang)
                )
            })
            .unwrap_or_default(),
        ),
    );
    let pr = &d.proposal;
    v.insert(
        "spec".into(),
        Value::Table {
            head: vec![
                "Позиция".into(),
                "Кол-во".into(),
                "Цена".into(),
                "Сумма".into(),
            ],
            rows: pr
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.name.clone(),
                        fmt_num(l.qty, if l.qty.fract() == 0.0 { 0 } else { 2 }, lang),
                        fmt_amount(l.unit_price, lang),
                        fmt_amount(documents::line_amount(l.qty, l.unit_price), lang),
                    ]
                })
                .collect(),
        },
    );
    let totals = documents::proposal_totals(pr);
    v.insert("total".into(), text(fmt_money(totals.gross, unit, lang)));
    v.insert("net".into(), text(fmt_money(totals.net, unit, lang)));
    v.insert(
        "vat".into(),
        text(
            totals
                .vat
                .map(|x| {
                    format!(
                        "{} ({})",
                        fmt_money(x, unit, lang),
                        fmt_pct(pr.vat_pct, 0, lang)
                    )
                })
                .unwrap_or_default(),
        ),
    );
    v.insert("delivery".into(), text(pr.delivery.clone()));
    v.insert("payment".into(), text(pr.payment.clone()));
    v.insert("warranty".into(), text(pr.warranty.clone()));
    v.insert(
        "validity_days".into(),
        text(pr.validity_days.map(|x| x.to_string()).unwrap_or_default()),
    );
    v.insert("next_step".into(), text(d.next_step.clone()));
    let manager = d
        .manager_id
        .and_then(|m| p.manager(m))
        .map(|m| m.name.clone())
        .unwrap_or_default();
    v.insert("manager".into(), text(manager));
    v.insert("manager_contacts".into(), text(p.company.name.clone()));
    v
}

fn money_table(lines: &[crate::domain::MoneyLine], lang: Lang) -> Value {
    Value::Table {
        head: vec!["Статья".into(), "Сумма".into()],
        rows: lines
            .iter()
            .map(|l| vec![l.name.clone(), fmt_amount(l.amount, lang)])
            .collect(),
    }
}

/// Values of the ТЭО placeholders from a deal (its ТЭО may be missing: figures show «—»).
pub fn teo_values(p: &Project, d: &Deal, lang: Lang) -> Values {
    let unit = p.company.money_unit;
    let mut v = Values::new();
    common(p, d, &mut v);
    v.insert(
        "decision".into(),
        text(format!("утвердить проект «{}»", d.title)),
    );
    v.insert(
        "alternatives".into(),
        Value::List(vec![
            "Ничего не делать: текущие затраты и потери сохраняются".into(),
            format!("Наше решение: {}", d.title),
            "Альтернативный поставщик".into(),
        ]),
    );
    let empty = teo::empty_teo();
    let t = d.teo.as_ref().unwrap_or(&empty);
    let inputs = TeoInputs::from_teo(t);
    let ind = teo::indicators(&inputs);
    let m = |x: Money| fmt_money(x, unit, lang);
    v.insert("investment".into(), text(m(ind.investment)));
    v.insert("annual_savings".into(), text(m(ind.annual_savings)));
    v.insert("payback".into(), text(fmt_years(ind.payback_years, lang)));
    v.insert(
        "discounted_payback".into(),
        text(fmt_years(ind.discounted_payback_years, lang)),
    );
    v.insert(
        "npv".into(),
        text(format!(
            "{} {}",
            fmt_signed(ind.npv, lang),
            crate::i18n::format::unit_label(unit, lang)
        )),
    );
    v.insert(
        "roi".into(),
        text(ind.roi_pct.map(|x| fmt_num(x, 0, lang)).unwrap_or_default()),
    );
    v.insert(
        "irr".into(),
        text(ind.irr_pct.map(|x| fmt_num(x, 1, lang)).unwrap_or_default()),
    );
    v.insert("horizon".into(), text(t.horizon_years.to_string()));
    v.insert(
        "discount_rate".into(),
        text(fmt_num(t.discount_rate, 1, lang)),
    );
    v.insert("baseline".into(), text(t.notes.clone()));
    v.insert("investment_lines".into(), money_table(&t.investment, lang));
    v.insert("salvage".into(), text(m(t.salvage)));
    v.insert("opex_lines".into(), money_table(&t.opex, lang));
    v.insert("savings_lines".into(), money_table(&t.savings, lang));
    v.insert(
        "tco_ours".into(),
        text(ind.tco.map(|x| m(x.ours)).unwrap_or_default()),
    );
    v.insert(
        "tco_alternative".into(),
        text(ind.tco.map(|x| m(x.alternative)).unwrap_or_default()),
    );
    v.insert(
        "sensitivity".into(),
        Value::Table {
            head: vec![
                "Фактор".into(),
                "Изменение".into(),
                "Окупаемость, лет".into(),
                "NPV".into(),
                "ROI".into(),
            ],
            rows: teo::sensitivity(&inputs, teo::SENSITIVITY_PCT)
                .into_iter()
                .map(|r| {
                    vec![
                        r.driver.label_ru().into(),
                        format!(
                            "{}{} %",
                            if r.change_pct > 0.0 { "+" } else { "" },
                            fmt_num(r.change_pct, 0, lang)
                        ),
                        fmt_years(r.payback_years, lang),
                        fmt_signed(r.npv, lang),
                        fmt_pct(r.roi_pct, 0, lang),
                    ]
                })
                .collect(),
        },
    );
    v.insert("schedule".into(), text(d.next_step.clone()));
    let good = tools::economically_justified(p, &ind);
    v.insert(
        "conclusion".into(),
        text(if d.teo.is_none() {
            String::new()
        } else if good {
            "Проект экономически оправдан, рекомендуем утвердить.".into()
        } else {
            "Проект не окупается в пределах принятого горизонта и порога; нужен пересмотр условий."
                .into()
        }),
    );
    v
}

fn block_view(b: Block) -> AnyView {
    match b {
        Block::Title(s) => view! { <h1>{s}</h1> }.into_any(),
        Block::Heading(s) => view! { <h2>{s}</h2> }.into_any(),
        Block::Paragraph(s) => view! { <p>{s}</p> }.into_any(),
        Block::List(items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any(),
        Block::Table { head, rows } => view! {
            <table>
                <thead><tr>{head.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                <tbody>{rows.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
            </table>
        }.into_any(),
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
            let d = p.deals.iter().find(|d| d.id == id)?;
            let (tpl, vals) = if teo_doc {
                (&p.layer4.teo_template, teo_values(p, d, lg))
            } else {
                (&p.layer4.kp_template, kp_values(p, d, lg))
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
                "ТЭО"
            } else {
                "КП"
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
                        <button class="btn primary" data-testid="l4-print" on:click=move |_| print_page()>{t.get().l4.print}</button>
                        <button class="btn" data-testid="l4-export" on:click=move |_| {
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
                <h2>{move || if is_teo.get() { t.get().l4.template_teo } else { t.get().l4.template_kp }}</h2>
                <p class="muted">{move || t.get().l4.template_hint}</p>
                <textarea class="input l4-template-text" rows="24" data-testid="l4-template" prop:value=template
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
