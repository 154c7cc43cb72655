//! Goal setting: the company plan, category goals in %, A/B project counts (plan × share ÷
//! average deal, overridable) with the win rates and the stage-1 leads they need, the managers'
//! plans check and the calculated market share with editable market volumes.

use super::{abc_of, dim_items, options, parse_id};
use crate::domain::layer1::views::{goals_view, GoalRow, ShareRow};
use crate::domain::{Category, MarketVolume, Money};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_needed, fmt_num, fmt_pct, parse_number, project_unit};
use crate::i18n::present::screen_money;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn GoalsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    // The last refused value: (section, message); shown under the section it belongs to
    // (0 plan, 1 category shares, 2 project goals, 3 market volumes).
    let err = RwSignal::new(None::<(u8, String)>);
    let refuse = move |at: u8, field: String, msg: &str, typed: &str| {
        let c = t.get_untracked();
        err.set(Some((
            at,
            format!("{field}: {msg}. {}", fill(c.l1.not_taken, &[typed.trim()])),
        )))
    };
    let err_at = move |at: u8| {
        move || {
            err.get()
                .filter(|e| e.0 == at)
                .map(|e| view! { <p class="error-text" data-testid="goals-error">{e.1}</p> })
        }
    };
    let unit = move || store.current.with(|p| project_unit(p.as_ref()));
    let set_cat = move |k: Category, s: String, win: bool| {
        let v = if s.trim().is_empty() {
            Some(None)
        } else {
            parse_number(&s).map(Some)
        };
        match v {
            Some(v) if v.is_none_or(|x| (0.0..=100.0).contains(&x) || !win) => {
                err.set(None);
                store.update(|p| {
                    let cv = if win {
                        &mut p.layer1.win_rates
                    } else {
                        &mut p.layer1.category_shares
                    };
                    match k {
                        Category::A => cv.a = v,
                        Category::B => cv.b = v,
                        _ => cv.c = v,
                    }
                })
            }
            bad => {
                let c = t.get_untracked();
                let (at, field) = if win {
                    (2, format!("{} {}", c.l1.win_rate, k.letter()))
                } else {
                    (1, k.letter().to_string())
                };
                refuse(
                    at,
                    field,
                    if bad.is_some() {
                        c.l1.bad_pct
                    } else {
                        c.l1.bad_number
                    },
                    &s,
                )
            }
        }
    };
    let set_override = move |k: Category, s: String| {
        let v = if s.trim().is_empty() {
            Some(None)
        } else {
            parse_number(&s)
                .filter(|x| *x >= 0.0 && x.fract() == 0.0)
                .map(|x| Some(x as u32))
        };
        match v {
            Some(v) => {
                err.set(None);
                store.update(|p| match k {
                    Category::A => p.layer1.project_goal_overrides.a = v,
                    _ => p.layer1.project_goal_overrides.b = v,
                })
            }
            None => {
                let c = t.get_untracked();
                refuse(
                    2,
                    format!("{} {}", c.l1.won_set, k.letter()),
                    c.l1.bad_count,
                    &s,
                )
            }
        }
    };
    let goals = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(|p| goals_view(p, &abc_of(p))))
    });
    let cats = move || goals.with(|v| v.as_ref().map(|v| v.categories.clone()));
    let set_share = move |k: Category, s: String| {
        let v = if s.trim().is_empty() {
            Some(None)
        } else {
            parse_number(&s).map(Some)
        };
        match v {
            Some(v) if v.is_none_or(|x| (0.0..=100.0).contains(&x)) => {
                err.set(None);
                store.update(|p| {
                    let cv = &mut p.layer1.category_shares;
                    match k {
                        Category::A => cv.a = v,
                        Category::B => cv.b = v,
                        _ => cv.c = v,
                    }
                })
            }
            bad => {
                let c = t.get_untracked();
                let msg = if bad.is_some() {
                    c.l1.bad_pct
                } else {
                    c.l1.bad_number
                };
                refuse(1, format!("{} {}", c.l1.category, k.letter()), msg, &s)
            }
        }
    };
    view! {
        <label class="field"><span>{move || format!("{}, {}", t.get().l1.company_plan, crate::i18n::format::unit_label(unit(), lang.get()))}</span>
            <input class="input" data-testid="company-plan"
                prop:value=move || store.current.with(|p| p.as_ref().map(|p| fmt_amount(p.layer1.company_plan, lang.get())).unwrap_or_default())
                on:change=move |ev| { let v = event_target_value(&ev); match parse_number(&v) {
                    Some(x) if x >= 0.0 => { err.set(None); store.update(|p| p.layer1.company_plan = Money::from_f64(x)) }
                    _ => refuse(0, t.get_untracked().l1.company_plan.to_string(), t.get_untracked().l1.bad_number, &v),
                } } /></label>
        {err_at(0)}
        {crate::components::export::table_export("tbl-category-shares", "category-shares")}
        <div class="table-box" tabindex="0"><table id="tbl-category-shares" class="table" data-testid="category-shares">
            <thead><tr><th scope="col">{move || t.get().l1.category}</th><th scope="col" class="num">{move || t.get().labels.category_share}</th>
                <th scope="col" class="num">{move || format!("{}, {}", t.get().l1.company_plan, crate::i18n::format::unit_label(unit(), lang.get()))}</th></tr></thead>
            <tbody>
                {move || cats().map(|c| c.plans.iter().map(|cp| {
                    let k = cp.category;
                    let l = lang.get();
                    view! { <tr><td>{k.letter()}</td>
                        <td><input class="input num" data-testid=format!("share-{}", k.letter()) aria-label=crate::i18n::cell_name(t.get().labels.category_share, k.letter())
                            prop:value=cp.share_pct.map(|x| fmt_num(x, 1, l)).unwrap_or_default()
                            on:change=move |ev| set_share(k, event_target_value(&ev)) />" %"</td>
                        <td class="num">{screen_money(cp.plan, unit(), l)}</td></tr> }
                }).collect_view())}
            </tbody>
        </table></div>
        {err_at(1)}
        {move || cats().map(|c| {
            let l = lang.get();
            view! {
                <p data-testid="shares-sum" class:error-text=!c.shares_ok>
                    {fill(t.get().l1.shares_sum, &[&fmt_pct(Some(c.shares_sum), 1, l)])}
                    {(!c.shares_ok).then(|| format!(" — ✗ {}", t.get().l1.shares_bad))}
                    {c.shares_ok.then_some(" ✓")}
                </p>
            }
        })}
        <h2>{move || t.get().l1.goals_projects}</h2>
        {crate::components::export::table_export("tbl-project-goals-table", "project-goals")}
        <div class="table-box" tabindex="0">
        <table id="tbl-project-goals-table" class="table" data-testid="project-goals-table">
            <thead><tr><th>{move || t.get().l1.category}</th><th class="num">{move || t.get().l1.win_rate}</th>
                <th class="num">{move || t.get().l1.won_computed}</th><th class="num">{move || t.get().l1.won_set}</th><crate::components::a11y::ActionsTh />
                <th class="num">{move || t.get().l1.leads_year}</th><th class="num">{move || t.get().l1.leads_quarter}</th><th class="num">{move || t.get().l1.wip}</th></tr></thead>
            <tbody>
            {move || goals.get().map(|v| {
                let l = lang.get();
                let dash = || "—".to_string();
                v.goals.into_iter().map(|GoalRow { goal: g, .. }| {
                    let k = g.category;
                    let has_override = g.won_override.is_some();
                    view! { <tr data-testid=format!("goal-row-{}", k.letter())>
                        <td>{k.letter()}</td>
                        <td class="num"><input class="input num l1-short" data-testid=format!("winrate-{}", k.letter()) aria-label=crate::i18n::cell_name(t.get().l1.win_rate, k.letter())
                            prop:value=g.win_rate_pct.map(|x| fmt_num(x, 1, l)).unwrap_or_default()
                            on:change=move |ev| set_cat(k, event_target_value(&ev), true) />" %"</td>
                        <td class="num" data-testid=format!("won-computed-{}", k.letter())>{g.won_computed.map(|n| n.to_string()).unwrap_or_else(dash)}</td>
                        <td class="num"><input class="input num l1-short" data-testid=format!("won-override-{}", k.letter()) aria-label=crate::i18n::cell_name(t.get().l1.won_set, k.letter())
                            placeholder=g.won_computed.map(|n| n.to_string()).unwrap_or_default()
                            prop:value=g.won_override.map(|n| n.to_string()).unwrap_or_default()
                            on:change=move |ev| set_override(k, event_target_value(&ev)) /></td>
                        <td>{has_override.then(|| view! {
                            <button class="btn ghost" data-testid=format!("won-reset-{}", k.letter()) on:click=move |_| set_override(k, String::new())>{move || t.get().l1.reset_calc}</button>
                        })}</td>
                        <td class="num" data-testid=format!("leads-{}", k.letter())>{g.leads_per_year.map(|n| n.to_string()).unwrap_or_else(dash)}</td>
                        <td class="num" data-testid=format!("leads-quarter-{}", k.letter())>{g.leads_per_quarter.map(|x| fmt_needed(x, l)).unwrap_or_else(dash)}</td>
                        <td class="num" title=g.wip_needed.and_then(|x| crate::i18n::present::needed_count(x, l).1)>{g.wip_needed.map(|x| crate::i18n::present::needed_count(x, l).0).unwrap_or_else(dash)}</td>
                    </tr> }
                }).collect_view()
            })}
            </tbody>
        </table>
        </div>
        {err_at(2)}
        <ul data-testid="project-goals">
            {move || store.current.with(|p| p.as_ref().zip(goals.get()).map(|(p, v)| {
                let l = lang.get();
                v.goals.into_iter().map(|GoalRow { goal: g, share_pct: share }| {
                    let dash = || "—".to_string();
                    view! { <li data-testid=format!("goal-{}", g.category.letter())>
                        {fill(t.get().l1.won_needed, &[g.category.letter(), &fmt_amount(p.layer1.company_plan, l), &fmt_pct(share, 1, l),
                            &g.avg_deal.map(|m| fmt_amount(m, l)).unwrap_or_else(dash), &g.won_computed.map(|n| n.to_string()).unwrap_or_else(dash)])}
                        {g.won_override.map(|n| fill(t.get().l1.won_overridden, &[&n.to_string()]))}
                        "; "{fill(t.get().l1.leads_needed, &[&g.won_needed.map(|n| n.to_string()).unwrap_or_else(dash),
                            &g.win_rate_pct.map(|x| fmt_pct(Some(x), 0, l)).unwrap_or_else(dash), &g.leads_per_year.map(|n| n.to_string()).unwrap_or_else(dash)])}
                    </li> }
                }).collect_view()
            }))}
        </ul>
        {move || store.current.with(|p| p.as_ref().zip(goals.get()).map(|(p, v)| {
            let l = lang.get();
            let mp = v.managers;
            view! { <p data-testid="managers-check">
                {fill(t.get().l1.managers_sum, &[&screen_money(mp.total, p.company.money_unit, l), &screen_money(mp.company_plan, p.company.money_unit, l)])}
                " — "{if mp.total_ok { t.get().l1.managers_ok } else { t.get().l1.managers_bad }}
            </p> }
        }))}
        <h2>{move || t.get().l1.market_share}</h2>
        <p class="muted">{move || t.get().l1.share_formula}</p>
        {crate::components::export::table_export("tbl-market-share", "market-share")}
        <div class="table-box" tabindex="0"><table id="tbl-market-share" class="table" data-testid="market-share">
            <thead><tr><th>{move || t.get().l1.business_line}</th><th class="num">{move || t.get().l1.plan}</th>
                <th class="num">{move || t.get().l1.volume}</th><th class="num">{move || t.get().l1.share_plan}</th>
                <th class="num">{move || t.get().l1.share_base}</th></tr></thead>
            <tbody>
                {move || store.current.with(|p| p.as_ref().zip(goals.get()).map(|(p, v)| {
                    let l = lang.get();
                    v.market.into_iter().map(|ShareRow { line_name, share: s }| {
                        let name = line_name.unwrap_or_else(|| t.get().l1.total.to_string());
                        view! { <tr><td>{name}</td>
                            <td class="num">{s.plan.map(|m| screen_money(m, p.company.money_unit, l)).unwrap_or_default()}</td>
                            <td class="num">{s.plan_volume.map(|m| screen_money(m, p.company.money_unit, l)).unwrap_or_default()}</td>
                            <td class="num" data-testid="share-pct">{fmt_pct(s.plan_share_pct, 1, l)}</td>
                            <td class="num">{fmt_pct(s.base_share_pct, 1, l)}</td></tr> }
                    }).collect_view()
                }))}
            </tbody>
        </table></div>

        <h3 class="l1-gap">{move || t.get().l1.volumes}</h3>
        {crate::components::export::table_export("tbl-market-volumes", "market-volumes")}
        <div class="table-box" tabindex="0"><table id="tbl-market-volumes" class="table" data-testid="market-volumes">
            <thead><tr><th>{move || t.get().l1.year}</th><th>{move || t.get().l1.business_line}</th><th class="num">{move || t.get().l1.volume}</th><crate::components::a11y::ActionsTh /></tr></thead>
            <tbody>
                {move || store.current.with(|p| p.as_ref().map(|p| {
                    let l = lang.get();
                    let lines = dim_items(&p.business_lines);
                    p.layer1.market_volumes.iter().enumerate().map(|(i, v)| view! {
                        <tr data-testid="volume-row">
                            <td><input class="input num l1-short" data-testid="volume-year" aria-label=crate::i18n::cell_name(t.get().l1.year, &fill(t.get().labels.row_n, &[&(i + 1).to_string()])) prop:value=v.year.to_string()
                                on:change=move |ev| { let s = event_target_value(&ev); match s.trim().parse::<i32>() {
                                    Ok(y) if (1900..=2200).contains(&y) => { err.set(None); store.update(|p| if let Some(v) = p.layer1.market_volumes.get_mut(i) { v.year = y }) }
                                    _ => refuse(3, t.get_untracked().l1.year.to_string(), t.get_untracked().l1.bad_year, &s),
                                } } /></td>
                            <td><select class="input" data-testid="volume-line" aria-label=crate::i18n::cell_name(t.get().l1.business_line, &fill(t.get().labels.row_n, &[&(i + 1).to_string()])) on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); store.update(|p| if let Some(x) = p.layer1.market_volumes.get_mut(i) { x.business_line_id = v }) }>
                                {options(lines.clone(), v.business_line_id, t.get().l1.total)}</select></td>
                            <td class="num"><input class="input num" data-testid="volume-amount" aria-label=crate::i18n::cell_name(t.get().l1.volume, &fill(t.get().labels.row_n, &[&(i + 1).to_string()])) prop:value=fmt_amount(v.amount, l)
                                on:change=move |ev| { let s = event_target_value(&ev); match parse_number(&s) {
                                    Some(x) if x >= 0.0 => { err.set(None); store.update(|p| if let Some(v) = p.layer1.market_volumes.get_mut(i) { v.amount = Money::from_f64(x) }) }
                                    _ => refuse(3, t.get_untracked().l1.volume.to_string(), t.get_untracked().l1.bad_number, &s),
                                } } /></td>
                            <td><button class="btn ghost" data-testid="volume-delete" on:click=move |_| {
                                if window().confirm_with_message(t.get_untracked().l1.confirm_volume_delete).unwrap_or(false) {
                                    store.update(|p| { if i < p.layer1.market_volumes.len() { p.layer1.market_volumes.remove(i); } })
                                }
                            }>{move || t.get().l1.delete}</button></td>
                        </tr>
                    }).collect_view()
                }))}
            </tbody>
        </table></div>
        {err_at(3)}
        <button class="btn no-print" data-testid="volume-add" on:click=move |_| store.update(|p| {
            let year = p.company.plan_year;
            p.layer1.market_volumes.push(MarketVolume { year, business_line_id: None, amount: Money::ZERO })
        })>{move || t.get().l1.add_volume}</button>
    }
}
