//! A contact of a project map: its card (role(s), attitude, influence, access, notes, «влияет
//! на: …») and the form that adds or edits one. When the position matches the typical map of
//! the client's channel, the form suggests the role.

use super::{code_of, confirm, role_key, use_categories};
use crate::domain::model::{new_id, Access, Attitude, Contact, Id, Role};
use crate::domain::strategy::{delete_contact, set_influences, suggest_roles};
use crate::i18n::fill;
use crate::i18n::format::parse_number;
use crate::state::use_i18n;
use leptos::html;
use leptos::prelude::*;

fn attitude_index(a: Option<Attitude>) -> usize {
    match a {
        Some(Attitude::Supporter) => 1,
        Some(Attitude::Neutral) => 2,
        Some(Attitude::Opponent) => 3,
        None => 0,
    }
}

fn attitude_of(i: usize) -> Option<Attitude> {
    [
        None,
        Some(Attitude::Supporter),
        Some(Attitude::Neutral),
        Some(Attitude::Opponent),
    ]
    .get(i)
    .copied()
    .flatten()
}

fn access_index(a: Option<Access>) -> usize {
    match a {
        Some(Access::Direct) => 1,
        Some(Access::Through) => 2,
        Some(Access::None) => 3,
        None => 0,
    }
}

fn access_of(i: usize) -> Option<Access> {
    [
        None,
        Some(Access::Direct),
        Some(Access::Through),
        Some(Access::None),
    ]
    .get(i)
    .copied()
    .flatten()
}

/// One contact on the map, with edit and delete.
#[component]
pub fn ContactCard(id: Id, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let c = p.contact(id)?;
            let tt = t.get().l3;
            let mut details = vec![];
            if c.attitude.is_some() {
                details.push(tt.attitudes[attitude_index(c.attitude)].to_string());
            }
            if let Some(i) = c.influence {
                details.push(fill(tt.influence_of, &[&i.to_string()]));
            }
            if c.access.is_some() {
                details.push(format!("{}: {}", tt.access, tt.accesses[access_index(c.access)]));
            }
            let influences = c
                .influences
                .iter()
                .map(|x| super::contact_name(p, *x))
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let name = c.name.clone();
            let slug = c.name.clone();
            let roles = c.roles.iter().map(|r| r.abbr_in(crate::state::current_lang())).collect::<Vec<_>>().join(", ");
            let opponent = c.attitude == Some(Attitude::Opponent);
            Some(view! {
                <li class="l3-card" class:opponent=opponent data-testid=format!("l3-contact-{slug}")>
                    <strong>{c.name.clone()}</strong>
                    {(!c.position.is_empty()).then(|| format!(" — {}", c.position))}
                    {(c.roles.len() > 1).then(|| view! { <span class="muted">{format!(" ({roles})")}</span> })}
                    {(!details.is_empty()).then(|| view! { <div class="small">{details.join(" · ")}</div> })}
                    {(!influences.is_empty()).then(|| view! {
                        <div class="small" data-testid=format!("l3-influences-{slug}")>{fill(tt.influences_on, &[&influences])}</div>
                    })}
                    {(!c.notes.is_empty()).then(|| view! { <div class="small muted">{c.notes.clone()}</div> })}
                    <div class="no-print">
                        <button class="btn ghost small" data-testid=format!("l3-edit-{slug}")
                            on:click=move |_| editing.set(Some(id))>{tt.edit}</button>
                        <button class="btn ghost small danger" data-testid=format!("l3-delete-{slug}")
                            on:click=move |_| {
                                if confirm(&fill(t.get_untracked().l3.delete_contact_confirm, &[&name])) {
                                    store.update(|p| { delete_contact(p, id); });
                                    if editing.get_untracked() == Some(id) {
                                        editing.set(None);
                                    }
                                }
                            }>{tt.delete}</button>
                    </div>
                </li>
            })
        })
    }
}

/// Adds a contact to `client`, or edits the one in `editing`. `focus` puts the cursor in the
/// name field on arrival (quick add from a deal).
#[component]
pub fn ContactForm(client: Id, editing: RwSignal<Option<Id>>, focus: bool) -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let name = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let attitude = RwSignal::new(0usize);
    let influence = RwSignal::new(String::new());
    let access = RwSignal::new(0usize);
    let notes = RwSignal::new(String::new());
    let links = RwSignal::new(Vec::<Id>::new());
    let error = RwSignal::new(None::<&'static str>);
    let name_ref = NodeRef::<html::Input>::new();

    let reset = move || {
        name.set(String::new());
        position.set(String::new());
        roles.set(vec![]);
        attitude.set(0);
        influence.set(String::new());
        access.set(0);
        notes.set(String::new());
        links.set(vec![]);
        error.set(None);
    };
    // Load the contact chosen for editing.
    Effect::new(move |_| {
        let Some(id) = editing.get() else { return };
        let c = store
            .current
            .with_untracked(|p| p.as_ref().and_then(|p| p.contact(id).cloned()));
        if let Some(c) = c {
            name.set(c.name);
            position.set(c.position);
            roles.set(c.roles);
            attitude.set(attitude_index(c.attitude));
            influence.set(c.influence.map(|i| i.to_string()).unwrap_or_default());
            access.set(access_index(c.access));
            notes.set(c.notes);
            links.set(c.influences);
            error.set(None);
            if let Some(el) = name_ref.get_untracked() {
                let _ = el.focus();
            }
        }
    });
    if focus {
        Effect::new(move |_| {
            if let Some(el) = name_ref.get() {
                let _ = el.focus();
            }
        });
    }
    let suggestion = Memo::new(move |_| {
        let pos = position.get();
        store.current.with(|p| {
            p.as_ref()
                .map(|p| cats.with(|c| suggest_roles(p, c, client, &pos)))
                .unwrap_or_default()
        })
    });
    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(Some(t.get_untracked().l3.name_required));
            return;
        }
        let inf = influence.get_untracked();
        let inf = if inf.trim().is_empty() {
            None
        } else {
            match parse_number(&inf) {
                Some(x) if x.fract() == 0.0 && (0.0..=10.0).contains(&x) => Some(x as u8),
                _ => {
                    error.set(Some(t.get_untracked().l3.bad_influence));
                    return;
                }
            }
        };
        error.set(None);
        let mut rs = roles.get_untracked();
        rs.sort();
        let edited = editing.get_untracked();
        let id = edited.unwrap_or_else(new_id);
        let contact = Contact {
            id,
            client_id: client,
            name: n,
            position: position.get_untracked().trim().to_string(),
            roles: rs,
            attitude: attitude_of(attitude.get_untracked()),
            influence: inf,
            access: access_of(access.get_untracked()),
            notes: notes.get_untracked().trim().to_string(),
            influences: vec![],
        };
        let targets = links.get_untracked();
        store.update(move |p| {
            match p.contacts.iter_mut().find(|c| c.id == id) {
                Some(c) => *c = contact,
                None => p.contacts.push(contact),
            }
            set_influences(p, id, &targets);
        });
        editing.set(None);
        reset();
    };
    let others = move || {
        let me = editing.get();
        store.current.with(|p| {
            p.as_ref()
                .map(|p| crate::domain::layer3::other_contacts(p, client, me))
                .unwrap_or_default()
        })
    };
    let heading = move || {
        let tt = t.get().l3;
        let who = store.current.with(|p| {
            p.as_ref()
                .and_then(|p| {
                    p.client(client)
                        .map(|c| format!("{} {}", code_of(p, client), c.name))
                })
                .unwrap_or_default()
        });
        if editing.get().is_some() {
            fill(tt.edit_contact_for, &[&who])
        } else {
            fill(tt.new_contact_for, &[&who])
        }
    };
    view! {
        <form class="no-print l3-add-contact" data-testid="l3-contact-form" on:submit=|ev| ev.prevent_default()>
            <h3 data-testid="l3-form-client">{heading}</h3>
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().l3.name}</span>
                    <input class="input" data-testid="l3-contact-name" node_ref=name_ref prop:value=name
                        on:change=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.position}</span>
                    <input class="input" data-testid="l3-contact-position" prop:value=position
                        on:change=move |ev| position.set(event_target_value(&ev)) />
                </label>
                <fieldset class="field l3-role-checks">
                    <legend>{move || t.get().l3.role}</legend>
                    {Role::ALL.into_iter().map(|r| view! {
                        <label class="check">
                            <input type="checkbox" data-testid=format!("l3-contact-role-{}", role_key(r))
                                prop:checked=move || roles.with(|v| v.contains(&r))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    roles.update(|v| {
                                        v.retain(|x| *x != r);
                                        if on { v.push(r) }
                                    });
                                } />
                            <span>{r.abbr_in(crate::state::current_lang())}</span>
                        </label>
                    }).collect_view()}
                    {move || {
                        let s = suggestion.get();
                        (!s.is_empty()).then(|| {
                            let list = s.iter().map(|r| r.abbr_in(crate::state::current_lang())).collect::<Vec<_>>().join(", ");
                            let taken = roles.with(|v| s.iter().all(|r| v.contains(r)));
                            view! {
                                <span class="small muted" data-testid="l3-role-hint">{fill(t.get().l3.role_hint, &[&list])}</span>
                                {(!taken).then(|| view! {
                                    " "
                                    <button type="button" class="btn small" data-testid="l3-role-apply"
                                        on:click=move |_| roles.update(|v| {
                                            for r in &s {
                                                if !v.contains(r) { v.push(*r) }
                                            }
                                        })>{t.get().l3.apply_role}</button>
                                })}
                            }
                        })
                    }}
                </fieldset>
                <label class="field">
                    <span>{move || t.get().l3.attitude}</span>
                    <select class="input" data-testid="l3-contact-attitude"
                        on:change=move |ev| attitude.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || t.get().l3.attitudes.iter().enumerate().map(|(i, a)| view! {
                            <option value=i.to_string() selected=move || attitude.get() == i>{*a}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.influence}</span>
                    <input class="input" data-testid="l3-contact-influence" inputmode="numeric" prop:value=influence
                        on:change=move |ev| influence.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.access}</span>
                    <select class="input" data-testid="l3-contact-access"
                        on:change=move |ev| access.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || t.get().l3.accesses.iter().enumerate().map(|(i, a)| view! {
                            <option value=i.to_string() selected=move || access.get() == i>{*a}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.notes}</span>
                    <textarea class="input" data-testid="l3-contact-notes" prop:value=notes
                        on:change=move |ev| notes.set(event_target_value(&ev))></textarea>
                </label>
                <fieldset class="field" data-testid="l3-contact-influences">
                    <legend>{move || t.get().l3.influences}</legend>
                    {move || {
                        let list = others();
                        if list.is_empty() {
                            return view! { <span class="small muted">{t.get().l3.no_other_contacts}</span> }.into_any();
                        }
                        list.into_iter().map(|(oid, oname)| view! {
                            <label class="check">
                                <input type="checkbox" data-testid=format!("l3-influence-{oname}")
                                    prop:checked=move || links.with(|v| v.contains(&oid))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        links.update(|v| {
                                            v.retain(|x| *x != oid);
                                            if on { v.push(oid) }
                                        });
                                    } />
                                <span>{oname}</span>
                            </label>
                        }).collect_view().into_any()
                    }}
                </fieldset>
            </div>
            <button type="button" class="btn primary" data-testid="l3-add-contact" on:click=save>
                {move || if editing.get().is_some() { t.get().l3.save_contact } else { t.get().l3.add_contact }}
            </button>
            {move || editing.get().is_some().then(|| view! {
                " "
                <button type="button" class="btn ghost" data-testid="l3-cancel-edit"
                    on:click=move |_| { editing.set(None); reset(); }>{t.get().l3.cancel}</button>
            })}
            {move || error.get().map(|e| view! { <p class="error-text" data-testid="l3-contact-error">{e}</p> })}
        </form>
    }
}
