//! Layer 3 editing and calendars (docs/METHOD.md §3.3): default typical-client maps per channel,
//! reference-safe edits of contacts, typical positions and programme activities, the role a
//! typical map suggests for a position, and the month view of the promotion programme and of
//! the PR plan.
//!
//! The read-only figures of the layer (maps, touch points, leads, results) live in
//! [`super::accounts`]; this module holds what the screens change and the calendars they draw.

use super::accounts::{Categories, ChannelProgramme};
use super::model::{Activity, Category, Id, MapTemplate, Project, Role};
use super::money::Money;
use crate::i18n::Lang;
use chrono::Datelike;

/// The kind of channel a typical map is drafted for (docs/METHOD.md §3.3 gives one set of
/// positions for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelKind {
    /// Прямые продажи (direct sales to end users).
    Direct,
    /// Дистрибьюторы.
    Distributor,
    /// Проектные институты (design institutes).
    DesignInstitute,
}

/// Reads the channel kind from its name (Russian or English); anything unrecognised is
/// direct sales, the most common channel of the method.
pub fn channel_kind(name: &str) -> ChannelKind {
    let n = name.to_lowercase();
    if n.contains("дистриб") || n.contains("дилер") || n.contains("distrib") || n.contains("dealer")
    {
        ChannelKind::Distributor
    } else if n.contains("проект") || n.contains("институт") || n.contains("design") {
        ChannelKind::DesignInstitute
    } else {
        ChannelKind::Direct
    }
}

/// \[INTERPRETATION\] Typical positions holding `role` at clients of a channel kind
/// (docs/METHOD.md §3.3 "ProjectMapTemplate"), in the language of the project's defaults. The
/// same for categories A and B.
pub fn default_positions(kind: ChannelKind, role: Role, lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ru => default_positions_ru(kind, role),
        Lang::En => default_positions_en(kind, role),
    }
}

fn default_positions_ru(kind: ChannelKind, role: Role) -> &'static [&'static str] {
    match (kind, role) {
        (ChannelKind::Direct, Role::Lpr) => &[
            "Технический директор",
            "Финансовый директор",
            "Генеральный директор",
        ],
        (ChannelKind::Direct, Role::Lfr) => &["Главный механик", "Главный энергетик"],
        (ChannelKind::Direct, Role::Lvr) => &[
            "Начальник цеха",
            "Служба закупок",
            "Служба ремонта",
            "КИПиА",
        ],
        (ChannelKind::DesignInstitute, Role::Lpr) => {
            &["Главный инженер института", "Конечный заказчик"]
        }
        (ChannelKind::DesignInstitute, Role::Lfr) => &["ГИП", "Начальник технологического отдела"],
        (ChannelKind::DesignInstitute, Role::Lvr) => &["Проектировщики", "Сметчики"],
        (ChannelKind::Distributor, Role::Lpr) => &["Собственник", "Коммерческий директор"],
        (ChannelKind::Distributor, Role::Lfr) => &["Продакт-менеджер", "Закупщик"],
        (ChannelKind::Distributor, Role::Lvr) => &["Менеджеры по продажам дистрибьютора"],
    }
}

fn default_positions_en(kind: ChannelKind, role: Role) -> &'static [&'static str] {
    match (kind, role) {
        (ChannelKind::Direct, Role::Lpr) => &[
            "Technical director",
            "Chief financial officer",
            "Chief executive officer",
        ],
        (ChannelKind::Direct, Role::Lfr) => &["Chief mechanic", "Chief power engineer"],
        (ChannelKind::Direct, Role::Lvr) => &[
            "Shop manager",
            "Procurement",
            "Maintenance service",
            "Instrumentation and control",
        ],
        (ChannelKind::DesignInstitute, Role::Lpr) => {
            &["Chief engineer of the institute", "End customer"]
        }
        (ChannelKind::DesignInstitute, Role::Lfr) => {
            &["Chief project engineer", "Head of the process department"]
        }
        (ChannelKind::DesignInstitute, Role::Lvr) => &["Designers", "Cost estimators"],
        (ChannelKind::Distributor, Role::Lpr) => &["Owner", "Commercial director"],
        (ChannelKind::Distributor, Role::Lfr) => &["Product manager", "Buyer"],
        (ChannelKind::Distributor, Role::Lvr) => &["The distributor's sales managers"],
    }
}

/// The typical positions of a channel × category × role (empty when none are written).
pub fn template_positions(
    p: &Project,
    channel_id: Id,
    category: Category,
    role: Role,
) -> Vec<String> {
    p.layer3
        .map_templates
        .iter()
        .filter(|t| t.channel_id == channel_id && t.category == category && t.role == role)
        .flat_map(|t| t.positions.iter().cloned())
        .collect()
}

fn template_mut(
    p: &mut Project,
    channel_id: Id,
    category: Category,
    role: Role,
) -> &mut MapTemplate {
    let i = match p
        .layer3
        .map_templates
        .iter()
        .position(|t| t.channel_id == channel_id && t.category == category && t.role == role)
    {
        Some(i) => i,
        None => {
            p.layer3.map_templates.push(MapTemplate {
                channel_id,
                category,
                role,
                positions: vec![],
            });
            p.layer3.map_templates.len() - 1
        }
    };
    &mut p.layer3.map_templates[i]
}

/// Fills the typical map of a channel and category with the defaults of its channel kind,
/// for the roles that have no position yet (written positions are kept). Returns the number
/// of positions added, in `lang` (the language of the project's defaults); an unknown channel
/// adds nothing.
pub fn fill_default_template(
    p: &mut Project,
    channel_id: Id,
    category: Category,
    lang: Lang,
) -> usize {
    let Some(kind) = p
        .channels
        .iter()
        .find(|c| c.id == channel_id)
        .map(|c| channel_kind(&c.name))
    else {
        return 0;
    };
    let mut added = 0;
    for role in Role::ALL {
        let t = template_mut(p, channel_id, category, role);
        if t.positions.iter().all(|s| s.trim().is_empty()) {
            t.positions = default_positions(kind, role, lang)
                .iter()
                .map(|s| s.to_string())
                .collect();
            added += t.positions.len();
        }
    }
    added
}

/// Adds a typical position (trimmed; blank or already listed, case-insensitively, is refused
/// with `false`).
pub fn add_position(
    p: &mut Project,
    channel_id: Id,
    category: Category,
    role: Role,
    position: &str,
) -> bool {
    let pos = position.trim();
    if pos.is_empty() {
        return false;
    }
    let t = template_mut(p, channel_id, category, role);
    if t.positions
        .iter()
        .any(|s| s.trim().to_lowercase() == pos.to_lowercase())
    {
        return false;
    }
    t.positions.push(pos.to_string());
    true
}

/// Renames the typical position at `index`; a blank name removes it. `false` when there is no
/// such position.
pub fn set_position(
    p: &mut Project,
    channel_id: Id,
    category: Category,
    role: Role,
    index: usize,
    position: &str,
) -> bool {
    let t = template_mut(p, channel_id, category, role);
    if index >= t.positions.len() {
        return false;
    }
    let pos = position.trim();
    if pos.is_empty() {
        t.positions.remove(index);
    } else {
        t.positions[index] = pos.to_string();
    }
    true
}

/// Removes the typical position at `index` (`false` when there is none).
pub fn remove_position(
    p: &mut Project,
    channel_id: Id,
    category: Category,
    role: Role,
    index: usize,
) -> bool {
    set_position(p, channel_id, category, role, index, "")
}

fn normalise(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

/// The roles the typical map of the client's channel and category gives to a position: a
/// typical position matches when one of the two texts contains the other (case-insensitive,
/// «главный механик завода» matches «Главный механик»). B clients without a B map, and
/// clients of other categories, use the A map of their channel. Roles in [`Role::ALL`] order.
pub fn suggest_roles(
    p: &Project,
    categories: &Categories,
    client_id: Id,
    position: &str,
) -> Vec<Role> {
    let pos = normalise(position);
    if pos.is_empty() {
        return vec![];
    }
    let Some(channel) = p.client(client_id).and_then(|c| c.channel_id) else {
        return vec![];
    };
    let cat = match categories.get(&client_id) {
        Some(Category::B) => Category::B,
        _ => Category::A,
    };
    let matches = |category: Category| -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| {
                template_positions(p, channel, category, *r)
                    .iter()
                    .any(|t| {
                        let t = normalise(t);
                        !t.is_empty() && (pos.contains(&t) || t.contains(&pos))
                    })
            })
            .collect()
    };
    let found = matches(cat);
    if found.is_empty() && cat == Category::B {
        matches(Category::A)
    } else {
        found
    }
}

// ---------------------------------------------------------------------------------------------
// Reference-safe deletes
// ---------------------------------------------------------------------------------------------

/// Deletes a contact and every reference to it: the influence links of the other contacts,
/// the touch points' contact and the deals' confirmed needs. Returns whether it existed.
pub fn delete_contact(p: &mut Project, id: Id) -> bool {
    let before = p.contacts.len();
    p.contacts.retain(|c| c.id != id);
    if p.contacts.len() == before {
        return false;
    }
    for c in &mut p.contacts {
        c.influences.retain(|x| *x != id);
    }
    for t in &mut p.layer3.touch_points {
        if t.contact_id == Some(id) {
            t.contact_id = None;
        }
    }
    for d in &mut p.deals {
        for n in &mut d.needs {
            if n.confirmed_by == Some(id) {
                n.confirmed_by = None;
            }
        }
    }
    true
}

/// Sets a contact's informal influence links, keeping only other contacts of the same client
/// (no self-links, no duplicates, no unknown ids).
pub fn set_influences(p: &mut Project, id: Id, targets: &[Id]) {
    let Some(client) = p.contacts.iter().find(|c| c.id == id).map(|c| c.client_id) else {
        return;
    };
    let mut keep: Vec<Id> = vec![];
    for t in targets {
        let same_client = p
            .contacts
            .iter()
            .any(|c| c.id == *t && c.client_id == client);
        if *t != id && same_client && !keep.contains(t) {
            keep.push(*t);
        }
    }
    if let Some(c) = p.contacts.iter_mut().find(|c| c.id == id) {
        c.influences = keep;
    }
}

/// Deletes a programme activity; touch points logged against it keep their date and client
/// but lose the link. Returns whether it existed.
pub fn delete_activity(p: &mut Project, id: Id) -> bool {
    let before = p.layer3.activities.len();
    p.layer3.activities.retain(|a| a.id != id);
    if p.layer3.activities.len() == before {
        return false;
    }
    for t in &mut p.layer3.touch_points {
        if t.activity_id == Some(id) {
            t.activity_id = None;
        }
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------

/// Activities of one calendar month.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthActivities {
    /// 1–12.
    pub month: u32,
    /// Activity ids by planned date.
    pub activities: Vec<Id>,
    pub done: usize,
    pub budget: Money,
}

/// The activities of `year` per month (twelve entries, January first) that pass `filter`
/// (e.g. one channel, or the PR ones for the PR plan).
pub fn activities_by_month(
    p: &Project,
    year: i32,
    filter: impl Fn(&Activity) -> bool,
) -> Vec<MonthActivities> {
    let mut acts: Vec<&Activity> = p
        .layer3
        .activities
        .iter()
        .filter(|a| a.planned.year() == year && filter(a))
        .collect();
    acts.sort_by_key(|a| a.planned);
    (1..=12)
        .map(|month| {
            let of: Vec<&&Activity> = acts.iter().filter(|a| a.planned.month() == month).collect();
            MonthActivities {
                month,
                activities: of.iter().map(|a| a.id).collect(),
                done: of.iter().filter(|a| a.done).count(),
                budget: of.iter().map(|a| a.budget).sum(),
            }
        })
        .collect()
}

/// The PR plan of a year: per channel (project order) its PR activities per month. Channels
/// without PR activities in the year are left out.
pub fn pr_calendar(p: &Project, year: i32) -> Vec<(Id, Vec<MonthActivities>)> {
    p.channels
        .iter()
        .map(|ch| {
            (
                ch.id,
                activities_by_month(p, year, |a| a.is_pr && a.channel_id == ch.id),
            )
        })
        .filter(|(_, months)| months.iter().any(|m| !m.activities.is_empty()))
        .collect()
}

/// Totals of the PR plan of a year: number of activities, done, budget.
pub fn pr_totals(p: &Project, year: i32) -> (usize, usize, Money) {
    let months = activities_by_month(p, year, |a| a.is_pr);
    (
        months.iter().map(|m| m.activities.len()).sum(),
        months.iter().map(|m| m.done).sum(),
        months.iter().map(|m| m.budget).sum(),
    )
}

// ---------------------------------------------------------------------------------------------
// Budget totals
// ---------------------------------------------------------------------------------------------

/// Counts and budget of a promotion programme split by status (проведено / запланировано).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgrammeTotals {
    pub activities: usize,
    pub done: usize,
    pub pr: usize,
    pub budget: Money,
    /// Budget of the activities carried out.
    pub budget_done: Money,
    /// Budget of the activities still planned (not done).
    pub budget_planned: Money,
    pub budget_pr: Money,
}

/// Totals of one channel's programme.
pub fn channel_totals(c: &ChannelProgramme) -> ProgrammeTotals {
    ProgrammeTotals {
        activities: c.activities.len(),
        done: c.done,
        pr: c.pr.len(),
        budget: c.budget,
        budget_done: c.budget_done,
        budget_planned: Money(c.budget.0 - c.budget_done.0),
        budget_pr: c.budget_pr,
    }
}

/// Totals over all channels.
pub fn programme_totals(list: &[ChannelProgramme]) -> ProgrammeTotals {
    list.iter()
        .map(channel_totals)
        .fold(ProgrammeTotals::default(), |a, b| ProgrammeTotals {
            activities: a.activities + b.activities,
            done: a.done + b.done,
            pr: a.pr + b.pr,
            budget: Money(a.budget.0 + b.budget.0),
            budget_done: Money(a.budget_done.0 + b.budget_done.0),
            budget_planned: Money(a.budget_planned.0 + b.budget_planned.0),
            budget_pr: Money(a.budget_pr.0 + b.budget_pr.0),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::test_support::demo_categories;
    use crate::domain::accounts::{layer3_results, typical_maps};
    use crate::domain::demo::demo_project;
    use crate::domain::model::{new_id, Contact, Dimension, TouchKind};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn client(p: &Project, code: &str) -> Id {
        p.clients.iter().find(|c| c.code == code).unwrap().id
    }

    fn contact(p: &mut Project, client_id: Id, name: &str) -> Id {
        let id = new_id();
        p.contacts.push(Contact {
            id,
            client_id,
            name: name.into(),
            position: String::new(),
            roles: vec![],
            attitude: None,
            influence: None,
            access: None,
            notes: String::new(),
            influences: vec![],
        });
        id
    }

    #[test]
    fn channel_kinds_from_names() {
        assert_eq!(channel_kind("Прямые продажи"), ChannelKind::Direct);
        assert_eq!(channel_kind("Дистрибьюторы"), ChannelKind::Distributor);
        assert_eq!(
            channel_kind("Проектные институты"),
            ChannelKind::DesignInstitute
        );
        assert_eq!(
            channel_kind("Design institutes"),
            ChannelKind::DesignInstitute
        );
        assert_eq!(channel_kind(""), ChannelKind::Direct);
    }

    #[test]
    fn defaults_follow_domain_md() {
        assert_eq!(
            default_positions(ChannelKind::Direct, Role::Lfr, Lang::Ru),
            ["Главный механик", "Главный энергетик"]
        );
        assert!(
            default_positions(ChannelKind::DesignInstitute, Role::Lfr, Lang::Ru).contains(&"ГИП")
        );
        assert!(
            default_positions(ChannelKind::Distributor, Role::Lpr, Lang::Ru)
                .contains(&"Собственник")
        );
        for k in [
            ChannelKind::Direct,
            ChannelKind::Distributor,
            ChannelKind::DesignInstitute,
        ] {
            for r in Role::ALL {
                assert!(!default_positions(k, r, Lang::Ru).is_empty(), "{k:?} {r:?}");
                // The English defaults: as many positions, no Russian.
                let en = default_positions(k, r, Lang::En);
                assert_eq!(
                    en.len(),
                    default_positions(k, r, Lang::Ru).len(),
                    "{k:?} {r:?}"
                );
                assert!(en.iter().all(|s| !crate::i18n::app_russian(s)), "{en:?}");
            }
        }
    }

    #[test]
    fn an_english_project_gets_english_typical_positions() {
        let mut p = demo_project();
        p.layer3.map_templates.clear();
        let ch = p.channels[0].id;
        assert!(fill_default_template(&mut p, ch, Category::A, Lang::En) > 0);
        let written: Vec<&String> = p
            .layer3
            .map_templates
            .iter()
            .flat_map(|t| &t.positions)
            .collect();
        assert!(!written.is_empty());
        assert!(
            written.iter().all(|s| !crate::i18n::app_russian(s)),
            "{written:?}"
        );
    }

    #[test]
    fn filling_defaults_completes_every_typical_map() {
        let mut p = demo_project();
        p.layer3.map_templates.clear();
        assert!(typical_maps(&p).iter().all(|t| !t.is_complete()));
        let channels: Vec<Id> = p.channels.iter().map(|c| c.id).collect();
        for ch in &channels {
            for cat in [Category::A, Category::B] {
                assert!(fill_default_template(&mut p, *ch, cat, Lang::Ru) > 0);
            }
        }
        assert!(typical_maps(&p).iter().all(|t| t.is_complete()));
        let cats = demo_categories(&p);
        assert!(layer3_results(&p, &cats).typical_maps.met);
        // A second fill changes nothing; an unknown channel adds nothing.
        assert_eq!(
            fill_default_template(&mut p, channels[0], Category::A, Lang::Ru),
            0
        );
        assert_eq!(
            fill_default_template(&mut p, new_id(), Category::A, Lang::Ru),
            0
        );
    }

    #[test]
    fn filling_defaults_keeps_written_positions() {
        let mut p = demo_project();
        p.layer3.map_templates.clear();
        let ch = p.channels[0].id;
        assert!(add_position(
            &mut p,
            ch,
            Category::A,
            Role::Lpr,
            "Собственник"
        ));
        let added = fill_default_template(&mut p, ch, Category::A, Lang::Ru);
        assert_eq!(added, 2 + 4, "ЛФР and ЛВР defaults only");
        assert_eq!(
            template_positions(&p, ch, Category::A, Role::Lpr),
            ["Собственник"]
        );
    }

    #[test]
    fn positions_are_added_renamed_and_removed() {
        let mut p = demo_project();
        p.layer3.map_templates.clear();
        let ch = p.channels[0].id;
        assert!(!add_position(&mut p, ch, Category::B, Role::Lvr, "  "));
        assert!(add_position(
            &mut p,
            ch,
            Category::B,
            Role::Lvr,
            " Начальник цеха "
        ));
        assert!(
            !add_position(&mut p, ch, Category::B, Role::Lvr, "начальник цеха"),
            "duplicate"
        );
        assert!(add_position(&mut p, ch, Category::B, Role::Lvr, "КИПиА"));
        assert!(set_position(
            &mut p,
            ch,
            Category::B,
            Role::Lvr,
            1,
            "Служба КИПиА"
        ));
        assert_eq!(
            template_positions(&p, ch, Category::B, Role::Lvr),
            ["Начальник цеха", "Служба КИПиА"]
        );
        assert!(!set_position(&mut p, ch, Category::B, Role::Lvr, 5, "x"));
        assert!(remove_position(&mut p, ch, Category::B, Role::Lvr, 0));
        assert_eq!(
            template_positions(&p, ch, Category::B, Role::Lvr),
            ["Служба КИПиА"]
        );
        assert!(set_position(&mut p, ch, Category::B, Role::Lvr, 0, ""));
        assert!(template_positions(&p, ch, Category::B, Role::Lvr).is_empty());
        assert!(!remove_position(&mut p, ch, Category::B, Role::Lvr, 0));
    }

    #[test]
    fn a_position_suggests_its_role() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let k05 = client(&p, "K05");
        assert_eq!(
            suggest_roles(&p, &cats, k05, "Технический директор"),
            [Role::Lpr]
        );
        assert_eq!(
            suggest_roles(&p, &cats, k05, "главный механик завода"),
            [Role::Lfr]
        );
        assert!(suggest_roles(&p, &cats, k05, "Бухгалтер").is_empty());
        assert!(suggest_roles(&p, &cats, k05, "  ").is_empty());
        // Design institute: ГИП is the ЛФР there.
        let k09 = client(&p, "K09");
        assert_eq!(suggest_roles(&p, &cats, k09, "ГИП"), [Role::Lfr]);
        // A B client without a B map falls back to the channel's A map.
        let mut q = demo_project();
        q.layer3.map_templates.retain(|t| t.category == Category::A);
        let k10 = client(&q, "K10");
        assert_eq!(
            suggest_roles(&q, &demo_categories(&q), k10, "Главный энергетик"),
            [Role::Lfr]
        );
        // Unknown client: nothing.
        assert!(suggest_roles(&p, &cats, new_id(), "ГИП").is_empty());
    }

    #[test]
    fn deleting_a_contact_removes_every_reference() {
        let mut p = demo_project();
        let k01 = client(&p, "K01");
        let a = contact(&mut p, k01, "А");
        let b = contact(&mut p, k01, "Б");
        set_influences(&mut p, b, &[a]);
        p.layer3.touch_points[0].contact_id = Some(a);
        if let Some(n) = p.deals.iter_mut().flat_map(|d| d.needs.iter_mut()).next() {
            n.confirmed_by = Some(a);
        }
        assert!(delete_contact(&mut p, a));
        assert!(!p.contacts.iter().any(|c| c.id == a));
        assert!(p.contacts.iter().all(|c| !c.influences.contains(&a)));
        assert!(p
            .layer3
            .touch_points
            .iter()
            .all(|t| t.contact_id != Some(a)));
        assert!(p
            .deals
            .iter()
            .flat_map(|d| &d.needs)
            .all(|n| n.confirmed_by != Some(a)));
        assert!(crate::persist::validate::validate(&p).is_ok());
        assert!(!delete_contact(&mut p, a), "already gone");
    }

    #[test]
    fn influence_links_stay_within_the_client() {
        let mut p = demo_project();
        let k01 = client(&p, "K01");
        let k02 = client(&p, "K02");
        let a = contact(&mut p, k01, "А");
        let b = contact(&mut p, k01, "Б");
        let other = contact(&mut p, k02, "В");
        set_influences(&mut p, a, &[b, b, a, other, new_id()]);
        assert_eq!(
            p.contacts.iter().find(|c| c.id == a).unwrap().influences,
            [b]
        );
        set_influences(&mut p, a, &[]);
        assert!(p
            .contacts
            .iter()
            .find(|c| c.id == a)
            .unwrap()
            .influences
            .is_empty());
    }

    #[test]
    fn deleting_an_activity_unlinks_its_touch_points() {
        let mut p = demo_project();
        let id = p.layer3.activities[0].id;
        p.layer3.touch_points[0].activity_id = Some(id);
        assert!(delete_activity(&mut p, id));
        assert!(p
            .layer3
            .touch_points
            .iter()
            .all(|t| t.activity_id != Some(id)));
        assert!(!delete_activity(&mut p, id));
    }

    #[test]
    fn demo_programme_by_month() {
        let p = demo_project();
        let months = activities_by_month(&p, 2025, |_| true);
        assert_eq!(months.len(), 12);
        let counts: Vec<usize> = months.iter().map(|m| m.activities.len()).collect();
        assert_eq!(counts, [0, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(months[1].budget, Money::units(1_200 + 150));
        assert_eq!(months[1].done, 2);
        assert!(activities_by_month(&p, 2024, |_| true)
            .iter()
            .all(|m| m.activities.is_empty()));
    }

    #[test]
    fn demo_pr_plan() {
        let p = demo_project();
        let cal = pr_calendar(&p, 2025);
        assert_eq!(cal.len(), 3, "every demo channel has a PR activity");
        assert_eq!(cal[0].0, p.channels[0].id);
        let feb: Vec<usize> = cal.iter().map(|(_, m)| m[1].activities.len()).collect();
        assert_eq!(feb, [1, 0, 0]);
        assert_eq!(pr_totals(&p, 2025), (4, 1, Money::units(1_200 + 150 * 3)));
        assert_eq!(pr_totals(&p, 2030), (0, 0, Money::default()));
        assert!(pr_calendar(&p, 2030).is_empty());
    }

    #[test]
    fn demo_budget_totals() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let list = crate::domain::accounts::promotion_programmes(
            &p,
            &cats,
            crate::domain::period::Period::year(2025),
            d(2025, 3, 31),
        );
        let direct = channel_totals(&list[0]);
        assert_eq!((direct.activities, direct.done, direct.pr), (3, 2, 2));
        assert_eq!(direct.budget, Money::units(1_500));
        assert_eq!(direct.budget_done, Money::units(1_350));
        assert_eq!(direct.budget_planned, Money::units(150));
        let all = programme_totals(&list);
        assert_eq!((all.activities, all.done, all.pr), (7, 4, 4));
        assert_eq!(all.budget, Money::units(1_200 + 6 * 150));
        assert_eq!(all.budget_done, Money::units(1_200 + 3 * 150));
        assert_eq!(all.budget_planned, Money::units(3 * 150));
        assert_eq!(all.budget_pr, Money::units(1_200 + 3 * 150));
        assert_eq!(programme_totals(&[]), ProgrammeTotals::default());
    }

    #[test]
    fn empty_project_has_empty_calendars() {
        let mut p = Project::new_empty("x", d(2025, 1, 1));
        assert!(pr_calendar(&p, 2025).is_empty());
        p.channels.push(Dimension {
            id: new_id(),
            name: "Дилеры".into(),
        });
        p.layer3.activities.push(Activity {
            id: new_id(),
            channel_id: p.channels[0].id,
            kind: TouchKind::Webinar,
            title: "w".into(),
            planned: d(2025, 12, 31),
            target_client_ids: vec![],
            manager_id: None,
            budget: Money::units(10),
            done: false,
            is_pr: true,
        });
        let cal = pr_calendar(&p, 2025);
        assert_eq!(cal[0].1[11].activities.len(), 1);
        let ch = p.channels[0].id;
        assert_eq!(
            fill_default_template(&mut p, ch, Category::A, Lang::Ru),
            2 + 2 + 1
        );
    }
}
