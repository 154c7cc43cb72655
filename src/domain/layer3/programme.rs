//! Слой 3 → Программа продвижения: a channel's activities in date order and the A/B clients of
//! the channel an activity may target.

use super::{client_code, manager_name};
use crate::domain::accounts::Categories;
use crate::domain::model::{Activity, Category, Id, Project};

/// One activity of a channel's list.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityRow {
    pub activity: Activity,
    /// The codes of the targeted clients.
    pub targets: Vec<String>,
    /// The responsible manager's name, empty without one.
    pub manager: String,
}

/// The activities of `channel`, by planned date (equal dates keep the project's order).
pub fn channel_activities(p: &Project, channel: Id) -> Vec<ActivityRow> {
    let mut acts: Vec<&Activity> = p
        .layer3
        .activities
        .iter()
        .filter(|a| a.channel_id == channel)
        .collect();
    acts.sort_by_key(|a| a.planned);
    acts.into_iter()
        .map(|a| ActivityRow {
            activity: a.clone(),
            targets: a
                .target_client_ids
                .iter()
                .map(|c| client_code(p, *c))
                .collect(),
            manager: manager_name(p, a.manager_id),
        })
        .collect()
}

/// The A and B clients of `channel` (id, code, category), A first, then the project's order.
pub fn target_clients(
    p: &Project,
    categories: &Categories,
    channel: Id,
) -> Vec<(Id, String, Category)> {
    let mut v: Vec<(Id, String, Category)> = p
        .clients
        .iter()
        .filter(|cl| cl.channel_id == Some(channel))
        .filter_map(|cl| match categories.get(&cl.id) {
            Some(k @ (Category::A | Category::B)) => Some((cl.id, client_code(p, cl.id), *k)),
            _ => None,
        })
        .collect();
    v.sort_by_key(|x| x.2);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::client_categories;
    use crate::domain::model::new_id;
    use chrono::NaiveDate;

    #[test]
    fn an_unknown_channel_has_nothing() {
        let p = demo_project();
        let cats = client_categories(&p);
        assert!(channel_activities(&p, new_id()).is_empty());
        assert!(target_clients(&p, &cats, new_id()).is_empty());
    }

    #[test]
    fn activities_are_by_date_and_ties_keep_their_order() {
        let mut p = demo_project();
        let ch = p.channels[0].id;
        let mut base = p
            .layer3
            .activities
            .iter()
            .find(|a| a.channel_id == ch)
            .cloned()
            .unwrap();
        p.layer3.activities.retain(|a| a.channel_id != ch);
        let day = |d| NaiveDate::from_ymd_opt(2026, 5, d).unwrap();
        let mut ids = vec![];
        for (d, t) in [(9, "late"), (1, "first"), (1, "second")] {
            base.id = new_id();
            base.planned = day(d);
            base.title = t.into();
            ids.push(base.id);
            p.layer3.activities.push(base.clone());
        }
        let rows = channel_activities(&p, ch);
        let titles: Vec<_> = rows.iter().map(|r| r.activity.title.as_str()).collect();
        assert_eq!(titles, ["first", "second", "late"]);
        assert_eq!(rows[0].manager, manager_name(&p, base.manager_id));
    }

    #[test]
    fn target_clients_are_the_channels_a_then_b() {
        let p = demo_project();
        let cats = client_categories(&p);
        for ch in &p.channels {
            let v = target_clients(&p, &cats, ch.id);
            assert!(v.windows(2).all(|w| w[0].2 <= w[1].2));
            let expected = p
                .clients
                .iter()
                .filter(|c| {
                    c.channel_id == Some(ch.id)
                        && matches!(cats.get(&c.id), Some(Category::A | Category::B))
                })
                .count();
            assert_eq!(v.len(), expected);
        }
    }
}
