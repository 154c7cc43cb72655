//! Слой 3 → Точки контакта: the per-client table and the below-target lists of
//! [`touch_points`], the log of a period and the options of the quick entry.

use super::{client_code, contact_name, manager_name};
use crate::domain::accounts::{touch_points, Categories, ClientTouches, TouchReport, AB};
use crate::domain::model::{Category, Id, Project, TouchKind};
use crate::domain::period::Period;
use chrono::NaiveDate;

/// One A or B client in the touch-point table.
#[derive(Clone, Debug, PartialEq)]
pub struct TouchClientRow {
    pub code: String,
    pub name: String,
    pub manager: String,
    pub touches: ClientTouches,
}

/// One entry of the touch-point log.
#[derive(Clone, Debug, PartialEq)]
pub struct TouchLogRow {
    pub id: Id,
    pub date: NaiveDate,
    pub client: String,
    pub kind: TouchKind,
    /// The contact's name, empty without one.
    pub contact: String,
    /// The programme activity's title, empty without one.
    pub activity: String,
}

/// Everything the tab shows for a period.
#[derive(Clone, Debug, PartialEq)]
pub struct TouchesView {
    /// The counts against the targets ([`touch_points`], the figure the dashboard shows too).
    pub report: TouchReport,
    /// Per category A, B: the codes of the clients below target.
    pub below: Vec<(Category, Vec<String>)>,
    /// The per-client table, A clients first (the report's order).
    pub clients: Vec<TouchClientRow>,
    /// The touch points dated in the period, newest first (equal dates keep the log's order).
    pub log: Vec<TouchLogRow>,
}

/// The tab «Точки контакта» for `period`.
pub fn touches_view(p: &Project, categories: &Categories, period: Period) -> TouchesView {
    let report = touch_points(p, categories, period);
    let below = AB
        .into_iter()
        .filter_map(|cat| {
            let c = report.category(cat)?;
            Some((
                cat,
                c.below_target
                    .iter()
                    .map(|id| client_code(p, *id))
                    .collect(),
            ))
        })
        .collect();
    let clients = report
        .clients
        .iter()
        .map(|c| {
            let client = p.client(c.client_id);
            TouchClientRow {
                code: client_code(p, c.client_id),
                name: client.map(|k| k.name.clone()).unwrap_or_default(),
                manager: manager_name(p, client.and_then(|k| k.manager_id)),
                touches: c.clone(),
            }
        })
        .collect();
    let mut log: Vec<TouchLogRow> = p
        .layer3
        .touch_points
        .iter()
        .filter(|tp| period.contains(tp.date))
        .map(|tp| TouchLogRow {
            id: tp.id,
            date: tp.date,
            client: client_code(p, tp.client_id),
            kind: tp.kind,
            contact: tp
                .contact_id
                .map(|c| contact_name(p, c))
                .unwrap_or_default(),
            activity: tp
                .activity_id
                .and_then(|a| p.layer3.activities.iter().find(|x| x.id == a))
                .map(|a| a.title.clone())
                .unwrap_or_default(),
        })
        .collect();
    log.sort_by_key(|r| std::cmp::Reverse(r.date));
    TouchesView {
        report,
        below,
        clients,
        log,
    }
}

/// A programme activity offered in the quick entry.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityOption {
    pub id: Id,
    pub planned: NaiveDate,
    pub title: String,
}

/// The choices of the quick entry.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TouchEntry {
    /// The A and B clients (id, code), in the project's order.
    pub clients: Vec<(Id, String)>,
    /// The client the entry is for: the chosen one, else the first A/B client.
    pub client: Option<Id>,
    /// The contacts of that client (id, name).
    pub contacts: Vec<(Id, String)>,
    /// The programme activities of that client's channel.
    pub activities: Vec<ActivityOption>,
}

impl TouchEntry {
    /// `id` when it is one of the offered contacts.
    pub fn contact(&self, id: Option<Id>) -> Option<Id> {
        id.filter(|x| self.contacts.iter().any(|c| c.0 == *x))
    }
    /// `id` when it is one of the offered activities.
    pub fn activity(&self, id: Option<Id>) -> Option<Id> {
        id.filter(|x| self.activities.iter().any(|a| a.id == *x))
    }
}

/// The quick entry's choices when `chosen` is the picked client (None: nothing picked yet).
pub fn touch_entry(p: &Project, categories: &Categories, chosen: Option<Id>) -> TouchEntry {
    let clients: Vec<(Id, String)> = p
        .clients
        .iter()
        .filter(|cl| matches!(categories.get(&cl.id), Some(Category::A | Category::B)))
        .map(|cl| (cl.id, client_code(p, cl.id)))
        .collect();
    let client = chosen.or_else(|| clients.first().map(|x| x.0));
    let Some(cid) = client else {
        return TouchEntry {
            clients,
            ..TouchEntry::default()
        };
    };
    let contacts = p
        .contacts
        .iter()
        .filter(|c| c.client_id == cid)
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let ch = p.client(cid).and_then(|c| c.channel_id);
    let activities = p
        .layer3
        .activities
        .iter()
        .filter(|a| Some(a.channel_id) == ch)
        .map(|a| ActivityOption {
            id: a.id,
            planned: a.planned,
            title: a.title.clone(),
        })
        .collect();
    TouchEntry {
        clients,
        client,
        contacts,
        activities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::client_categories;
    use crate::domain::model::{new_id, TouchPoint};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_empty_project_shows_nothing() {
        let p = Project::new_empty("x", d(2026, 1, 1));
        let v = touches_view(&p, &Categories::new(), Period::year(2026));
        assert!(v.clients.is_empty() && v.log.is_empty());
        assert!(v.below.iter().all(|(_, l)| l.is_empty()));
        let e = touch_entry(&p, &Categories::new(), None);
        assert_eq!(e, TouchEntry::default());
    }

    #[test]
    fn the_log_is_the_period_newest_first_and_ties_keep_their_order() {
        let mut p = demo_project();
        let cats = client_categories(&p);
        let cid = p.clients[0].id;
        p.layer3.touch_points.clear();
        let mk = |date, note: &str| TouchPoint {
            id: new_id(),
            client_id: cid,
            contact_id: None,
            date,
            kind: TouchKind::ALL[0],
            activity_id: None,
            note: note.into(),
        };
        let a = mk(d(2026, 2, 1), "a");
        let b = mk(d(2026, 3, 1), "b");
        let c = mk(d(2026, 2, 1), "c");
        let out = mk(d(2025, 12, 31), "out");
        let ids = [b.id, a.id, c.id];
        p.layer3.touch_points = vec![a, b, c, out];
        let v = touches_view(&p, &cats, Period::quarter(2026, 1));
        assert_eq!(v.log.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
        assert_eq!(v.log[0].client, client_code(&p, cid));
    }

    #[test]
    fn the_table_follows_the_report_and_names_clients_and_managers() {
        let p = demo_project();
        let cats = client_categories(&p);
        let per = Period::quarter(2026, 1);
        let v = touches_view(&p, &cats, per);
        let r = touch_points(&p, &cats, per);
        assert_eq!(v.report, r);
        assert_eq!(v.clients.len(), r.clients.len());
        for (row, c) in v.clients.iter().zip(&r.clients) {
            let k = p.client(c.client_id).unwrap();
            assert_eq!(row.name, k.name);
            assert_eq!(row.manager, manager_name(&p, k.manager_id));
        }
        for (cat, codes) in &v.below {
            assert_eq!(codes.len(), r.category(*cat).unwrap().below_target.len());
        }
    }

    #[test]
    fn the_entry_offers_ab_clients_and_the_first_ones_links() {
        let p = demo_project();
        let cats = client_categories(&p);
        let e = touch_entry(&p, &cats, None);
        assert!(!e.clients.is_empty());
        assert!(e
            .clients
            .iter()
            .all(|(id, _)| matches!(cats.get(id), Some(Category::A | Category::B))));
        let first = e.clients[0].0;
        assert_eq!(e.client, Some(first));
        assert!(e.contacts.iter().all(|(c, _)| p
            .contacts
            .iter()
            .any(|k| k.id == *c && k.client_id == first)));
        let ch = p.client(first).unwrap().channel_id;
        assert!(e.activities.iter().all(|a| p
            .layer3
            .activities
            .iter()
            .any(|x| x.id == a.id && Some(x.channel_id) == ch)));
        // A contact of another client is not accepted.
        let other = p
            .contacts
            .iter()
            .find(|c| c.client_id != first)
            .map(|c| c.id);
        assert_eq!(e.contact(other), None);
        assert_eq!(
            e.contact(e.contacts.first().map(|c| c.0)),
            e.contacts.first().map(|c| c.0)
        );
    }
}
