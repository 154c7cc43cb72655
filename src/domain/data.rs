//! The «Данные» screen: the project's clients and deals as flat rows — the names of their
//! channel, region, manager, stage and client joined in, the clients' revenue of the base year —
//! so that the page only renders them.

use super::model::{DealStatus, Dimension, Id, Project};
use super::money::Money;
use crate::domain::layer1::client_years::client_year_index;
use chrono::NaiveDate;

/// The name of the entry `id` of a reference list (None for none or an unknown id).
pub fn dim_name(list: &[Dimension], id: Option<Id>) -> Option<String> {
    id.and_then(|id| list.iter().find(|d| d.id == id))
        .map(|d| d.name.clone())
}

/// A client of the data table.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientLine {
    pub code: String,
    pub name: String,
    pub industry: String,
    pub channel: Option<String>,
    pub region: Option<String>,
    /// The manager's code, empty without one.
    pub manager: String,
    /// Revenue of the base year ([`client_year_index`]), zero without any.
    pub revenue: Money,
}

/// The first `limit` clients, in the project's order.
pub fn client_lines(p: &Project, limit: usize) -> Vec<ClientLine> {
    let revenues = client_year_index(p, p.company.base_year);
    p.clients
        .iter()
        .take(limit)
        .map(|c| ClientLine {
            code: c.code.clone(),
            name: c.name.clone(),
            industry: c.industry.clone(),
            channel: dim_name(&p.channels, c.channel_id),
            region: dim_name(&p.regions, c.region_id),
            manager: manager_code(p, c.manager_id),
            revenue: revenues.get(&c.id).map(|y| y.amount).unwrap_or_default(),
        })
        .collect()
}

/// A deal of the data table.
#[derive(Clone, Debug, PartialEq)]
pub struct DealLine {
    pub code: String,
    /// The client's name, None for a deal without a client.
    pub client: Option<String>,
    pub title: String,
    /// The manager's code, empty without one.
    pub manager: String,
    /// The stage's code.
    pub stage: String,
    pub status: DealStatus,
    pub lost_reason: String,
    pub amount: Money,
    pub created: NaiveDate,
}

/// The first `limit` deals, in the project's order.
pub fn deal_lines(p: &Project, limit: usize) -> Vec<DealLine> {
    p.deals
        .iter()
        .take(limit)
        .map(|d| DealLine {
            code: d.code.clone(),
            client: d
                .client_id
                .and_then(|c| p.client(c))
                .map(|c| c.name.clone()),
            title: d.title.clone(),
            manager: manager_code(p, d.manager_id),
            stage: p
                .stage(d.stage_id)
                .map(|s| s.code.clone())
                .unwrap_or_default(),
            status: d.status,
            lost_reason: d.lost_reason.clone(),
            amount: d.amount,
            created: d.created,
        })
        .collect()
}

fn manager_code(p: &Project, id: Option<Id>) -> String {
    id.and_then(|m| p.manager(m))
        .map(|m| m.code.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    #[test]
    fn an_empty_project_has_no_lines() {
        let p = Project::new_empty("x", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(client_lines(&p, usize::MAX).is_empty());
        assert!(deal_lines(&p, usize::MAX).is_empty());
        assert_eq!(dim_name(&p.channels, None), None);
    }

    #[test]
    fn lines_join_names_and_stop_at_the_limit() {
        let mut p = demo_project();
        let c = client_lines(&p, 3);
        assert_eq!(c.len(), 3.min(p.clients.len()));
        let k = &p.clients[0];
        assert_eq!(c[0].code, k.code);
        assert_eq!(c[0].channel, dim_name(&p.channels, k.channel_id));
        let year = client_year_index(&p, p.company.base_year);
        assert_eq!(
            c[0].revenue,
            year.get(&k.id).map(|y| y.amount).unwrap_or_default()
        );
        assert_eq!(client_lines(&p, usize::MAX).len(), p.clients.len());
        assert!(client_lines(&p, 0).is_empty());
        // A deal whose client and manager are gone shows none, and an unknown stage no code.
        p.deals[0].client_id = Some(crate::domain::model::new_id());
        p.deals[0].manager_id = None;
        let d = deal_lines(&p, 1);
        assert_eq!(d[0].client, None);
        assert_eq!(d[0].manager, "");
        assert_eq!(d[0].stage, p.stage(p.deals[0].stage_id).unwrap().code);
    }
}
