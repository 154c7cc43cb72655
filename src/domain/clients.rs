//! Слой 1 → Клиенты: the client list as the screen shows it — filtered by text and by
//! dimension, joined with the ABC categories and the analysed year's revenue, sorted. The page
//! only renders [`client_list`].

use super::model::{Category, Id, Project};
use super::money::Money;
use crate::domain::layer1::abc::{abc_for_project, abc_year};
use crate::domain::layer1::client_years::client_year_index;
use std::collections::HashMap;

/// A filter of one dimension: `None` = all, `Some(None)` = not set, `Some(Some(id))` = that one.
pub type DimFilter = Option<Option<Id>>;

/// The column the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientSort {
    Code,
    #[default]
    Name,
    Revenue,
    Category,
}

/// What the list shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientQuery {
    /// Part of the code or the name, any case; blank = all.
    pub text: String,
    pub line: DimFilter,
    pub channel: DimFilter,
    pub region: DimFilter,
    pub manager: DimFilter,
    pub sort: ClientSort,
    pub ascending: bool,
}

/// One client row.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientRow {
    pub id: Id,
    pub code: String,
    pub name: String,
    /// Revenue in the ABC year ([`abc_year`]).
    pub revenue: Money,
    /// The category after a hand-set override.
    pub category: Category,
    /// The category by the ABC rule (what «авто» gives; N when unranked).
    pub computed: Category,
    /// The hand-set category, if any.
    pub category_override: Option<Category>,
    pub lines: Vec<Id>,
    pub channel: Option<Id>,
    pub region: Option<Id>,
    pub manager: Option<Id>,
}

fn passes(f: DimFilter, v: Option<Id>) -> bool {
    f.is_none_or(|f| f == v)
}

/// A filter on a list of values: «not set» is an empty list, a value must be among them.
fn passes_any(f: DimFilter, v: &[Id]) -> bool {
    match f {
        None => true,
        Some(None) => v.is_empty(),
        Some(Some(id)) => v.contains(&id),
    }
}

/// The clients that pass `q`, sorted by `q.sort` (ties keep the project's order).
pub fn client_list(p: &Project, q: &ClientQuery) -> Vec<ClientRow> {
    let text = q.text.trim().to_lowercase();
    let revenue = client_year_index(p, abc_year(p));
    let abc = abc_for_project(p);
    let cats: HashMap<Id, (Category, Category)> = abc
        .rows
        .iter()
        .map(|r| (r.client_id, (r.category, r.class)))
        .chain(
            abc.unranked
                .iter()
                .map(|u| (u.client_id, (u.category, Category::N))),
        )
        .collect();
    let mut v: Vec<ClientRow> = p
        .clients
        .iter()
        .filter(|c| {
            text.is_empty()
                || c.name.to_lowercase().contains(&text)
                || c.code.to_lowercase().contains(&text)
        })
        .filter(|c| passes_any(q.line, &c.business_line_ids))
        .filter(|c| passes(q.channel, c.channel_id))
        .filter(|c| passes(q.region, c.region_id))
        .filter(|c| passes(q.manager, c.manager_id))
        .map(|c| ClientRow {
            id: c.id,
            code: c.code.clone(),
            name: c.name.clone(),
            revenue: revenue.get(&c.id).map(|y| y.amount).unwrap_or_default(),
            category: cats.get(&c.id).map_or(Category::N, |x| x.0),
            computed: cats.get(&c.id).map_or(Category::N, |x| x.1),
            category_override: c.category_override,
            lines: c.business_line_ids.clone(),
            channel: c.channel_id,
            region: c.region_id,
            manager: c.manager_id,
        })
        .collect();
    v.sort_by(|a, b| {
        let o = match q.sort {
            ClientSort::Code => a.code.cmp(&b.code),
            ClientSort::Revenue => a.revenue.cmp(&b.revenue),
            ClientSort::Category => a.category.letter().cmp(b.category.letter()),
            ClientSort::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        };
        if q.ascending {
            o
        } else {
            o.reverse()
        }
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    fn codes(v: &[ClientRow]) -> Vec<&str> {
        v.iter().map(|r| r.code.as_str()).collect()
    }

    #[test]
    fn demo_list_filters_joins_and_sorts() {
        let p = demo_project();
        let all = client_list(
            &p,
            &ClientQuery {
                ascending: true,
                ..ClientQuery::default()
            },
        );
        assert_eq!(all.len(), p.clients.len());
        // By revenue, descending: the ABC's order, K01 first and an A client.
        let by_rev = client_list(
            &p,
            &ClientQuery {
                sort: ClientSort::Revenue,
                ..ClientQuery::default()
            },
        );
        assert_eq!(by_rev[0].code, "K01");
        assert_eq!(by_rev[0].category, Category::A);
        assert!(by_rev.windows(2).all(|w| w[0].revenue >= w[1].revenue));
        // The categories are the ABC's.
        let cats = crate::domain::layer1::abc::client_categories(&p);
        assert!(all.iter().all(|r| cats.get(&r.id) == Some(&r.category)));
        // Text, any case, code or name.
        let k05 = client_list(
            &p,
            &ClientQuery {
                text: " k05 ".into(),
                ..ClientQuery::default()
            },
        );
        assert_eq!(codes(&k05), ["K05"]);
        // A channel; «not set» keeps clients without one.
        let ch = p.channels[0].id;
        let in_ch = client_list(
            &p,
            &ClientQuery {
                channel: Some(Some(ch)),
                ..ClientQuery::default()
            },
        );
        assert!(!in_ch.is_empty() && in_ch.iter().all(|r| r.channel == Some(ch)));
        let none = client_list(
            &p,
            &ClientQuery {
                channel: Some(None),
                ..ClientQuery::default()
            },
        );
        assert!(none.iter().all(|r| r.channel.is_none()));
    }

    #[test]
    fn ties_keep_the_project_order_and_empty_is_empty() {
        let mut p = demo_project();
        for c in p.clients.iter_mut() {
            c.name = "Same".into();
        }
        let q = ClientQuery {
            ascending: false,
            ..ClientQuery::default()
        };
        let v = client_list(&p, &q);
        let order: Vec<Id> = p.clients.iter().map(|c| c.id).collect();
        assert_eq!(v.iter().map(|r| r.id).collect::<Vec<_>>(), order);
        let e = Project::new_empty("x", chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        assert!(client_list(&e, &q).is_empty());
    }
}
