//! Checks of a deserialized project.
//!
//! [`validate`]: the project is whole — ids are unique within each list and every reference
//! points at something that exists. The first problem is reported with its place. Run on every
//! load, from a file or from storage.
//!
//! [`check_values`]: the values make sense — run on the import of a file only (see
//! `file::from_file`), so that a stored project is never refused by a rule added later. Each
//! negative amount, revenue, volume, budget, price or quantity is either *refused* (the file is
//! not imported) or *flagged* (listed in the import dialog; the user decides):
//!
//! | field | decision | why |
//! |---|---|---|
//! | deal amount (`deals[].amount`) | refused | summed into the funnel, the scoreboard and the money flow: one negative deal falsifies every stage's figure («−336 850 тыс. ₽»); no editor of Sloy writes one |
//! | plans (`layer1.company_plan`, `manager_plans[]` amount, by channel, by category) | refused | a plan below zero makes every plan/fact percentage meaningless; the plan editors refuse negatives |
//! | market volumes (`layer1.market_volumes[].amount`) | refused | a share of a negative market is meaningless; no editor writes one |
//! | activity budgets (`layer3.activities[].budget`) | refused | the programme editor refuses negatives |
//! | КП lines (`deals[].proposal.lines[]` price, quantity) | refused | the specification editor refuses negatives; a negative line turns a КП total upside down |
//! | client revenue (`revenues[].amount`) | flagged | a year of returns or credit notes can net below zero in 1C, and the client editor accepts it; the ABC analysis then ranks the client last, which the user should know before importing |
//! | actual sales (`layer1.actuals[].amount`) | flagged | a negative entry is how a consultant corrects an earlier period (returns); the plan/fact editor accepts it |
//! | hypothesis market volume (`layer1.hypotheses[].market_volume`) | flagged | the hypothesis editor accepts it; it only feeds that hypothesis's own estimate |
//! | ТЭО lines and salvage (`deals[].teo`) | flagged | a negative saving is an extra cost and a negative salvage a disposal cost, both legitimate in a TCO comparison |

use super::error::{LoadError, Target};
use super::place::Place;
use crate::domain::{Id, Money, Project};
use std::collections::HashSet;

fn unique<'a>(list: &str, ids: impl Iterator<Item = &'a Id>) -> Result<HashSet<Id>, LoadError> {
    let mut set = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !set.insert(*id) {
            return Err(LoadError::DuplicateId {
                place: Box::new(Place::from_path(&format!("{list}[{i}].id"), None)),
                id: id.to_string(),
            });
        }
    }
    Ok(set)
}

struct Refs<'a> {
    set: &'a HashSet<Id>,
    target: Target,
}

impl Refs<'_> {
    fn check(&self, path: impl FnOnce() -> String, id: &Id) -> Result<(), LoadError> {
        if self.set.contains(id) {
            Ok(())
        } else {
            Err(LoadError::BrokenReference {
                place: Box::new(Place::from_path(&path(), None)),
                target: self.target,
                id: id.to_string(),
            })
        }
    }
    fn opt(&self, path: impl FnOnce() -> String, id: &Option<Id>) -> Result<(), LoadError> {
        match id {
            Some(id) => self.check(path, id),
            None => Ok(()),
        }
    }
    fn all(&self, path: impl Fn(usize) -> String, ids: &[Id]) -> Result<(), LoadError> {
        for (j, id) in ids.iter().enumerate() {
            self.check(|| path(j), id)?;
        }
        Ok(())
    }
}

/// Unique ids and valid references, or the first problem found.
pub fn validate(p: &Project) -> Result<(), LoadError> {
    let lines = unique("business_lines", p.business_lines.iter().map(|x| &x.id))?;
    let channels = unique("channels", p.channels.iter().map(|x| &x.id))?;
    let regions = unique("regions", p.regions.iter().map(|x| &x.id))?;
    let managers = unique("managers", p.managers.iter().map(|x| &x.id))?;
    let clients = unique("clients", p.clients.iter().map(|x| &x.id))?;
    let stages = unique("stages", p.stages.iter().map(|x| &x.id))?;
    let deals = unique("deals", p.deals.iter().map(|x| &x.id))?;
    let contacts = unique("contacts", p.contacts.iter().map(|x| &x.id))?;
    let activities = unique(
        "layer3.activities",
        p.layer3.activities.iter().map(|x| &x.id),
    )?;
    unique(
        "layer3.touch_points",
        p.layer3.touch_points.iter().map(|x| &x.id),
    )?;
    let needs = unique("layer4.needs", p.layer4.needs.iter().map(|x| &x.id))?;
    let advantages = unique(
        "layer4.advantages",
        p.layer4.advantages.iter().map(|x| &x.id),
    )?;
    unique("layer4.questions", p.layer4.questions.iter().map(|x| &x.id))?;
    unique("layer4.briefing", p.layer4.briefing.iter().map(|x| &x.id))?;
    unique("layer5.coaching", p.layer5.coaching.iter().map(|x| &x.id))?;
    unique("layer1.actuals", p.layer1.actuals.iter().map(|x| &x.id))?;
    unique(
        "layer1.hypotheses",
        p.layer1.hypotheses.iter().map(|x| &x.id),
    )?;

    let line = Refs {
        set: &lines,
        target: Target::BusinessLine,
    };
    let channel = Refs {
        set: &channels,
        target: Target::Channel,
    };
    let region = Refs {
        set: &regions,
        target: Target::Region,
    };
    let manager = Refs {
        set: &managers,
        target: Target::Manager,
    };
    let client = Refs {
        set: &clients,
        target: Target::Client,
    };
    let stage = Refs {
        set: &stages,
        target: Target::Stage,
    };
    let deal = Refs {
        set: &deals,
        target: Target::Deal,
    };
    let contact = Refs {
        set: &contacts,
        target: Target::Contact,
    };
    let activity = Refs {
        set: &activities,
        target: Target::Activity,
    };
    let need = Refs {
        set: &needs,
        target: Target::Need,
    };
    let advantage = Refs {
        set: &advantages,
        target: Target::Advantage,
    };

    for (i, m) in p.managers.iter().enumerate() {
        region.opt(|| format!("managers[{i}].region_id"), &m.region_id)?;
        channel.all(
            |j| format!("managers[{i}].channel_ids[{j}]"),
            &m.channel_ids,
        )?;
    }
    for (i, c) in p.clients.iter().enumerate() {
        channel.opt(|| format!("clients[{i}].channel_id"), &c.channel_id)?;
        region.opt(|| format!("clients[{i}].region_id"), &c.region_id)?;
        line.all(
            |j| format!("clients[{i}].business_line_ids[{j}]"),
            &c.business_line_ids,
        )?;
        manager.opt(|| format!("clients[{i}].manager_id"), &c.manager_id)?;
    }
    let mut seen_revenue = HashSet::new();
    for (i, r) in p.revenues.iter().enumerate() {
        client.check(|| format!("revenues[{i}].client_id"), &r.client_id)?;
        if !seen_revenue.insert((r.client_id, r.year)) {
            return Err(LoadError::DuplicateRevenue {
                place: Box::new(Place::from_path(&format!("revenues[{i}].year"), None)),
                year: r.year,
            });
        }
    }
    for (i, d) in p.deals.iter().enumerate() {
        client.opt(|| format!("deals[{i}].client_id"), &d.client_id)?;
        manager.opt(|| format!("deals[{i}].manager_id"), &d.manager_id)?;
        channel.opt(|| format!("deals[{i}].channel_id"), &d.channel_id)?;
        line.opt(
            || format!("deals[{i}].business_line_id"),
            &d.business_line_id,
        )?;
        stage.check(|| format!("deals[{i}].stage_id"), &d.stage_id)?;
        for (j, h) in d.history.iter().enumerate() {
            stage.check(|| format!("deals[{i}].history[{j}].stage_id"), &h.stage_id)?;
        }
        for (j, n) in d.needs.iter().enumerate() {
            need.opt(|| format!("deals[{i}].needs[{j}].need_id"), &n.need_id)?;
            contact.opt(
                || format!("deals[{i}].needs[{j}].confirmed_by"),
                &n.confirmed_by,
            )?;
        }
        for (j, c) in d.criteria.iter().enumerate() {
            advantage.opt(
                || format!("deals[{i}].criteria[{j}].advantage_id"),
                &c.advantage_id,
            )?;
        }
    }
    for (i, c) in p.contacts.iter().enumerate() {
        client.check(|| format!("contacts[{i}].client_id"), &c.client_id)?;
        contact.all(|j| format!("contacts[{i}].influences[{j}]"), &c.influences)?;
    }
    let l1 = &p.layer1;
    for (i, v) in l1.market_volumes.iter().enumerate() {
        line.opt(
            || format!("layer1.market_volumes[{i}].business_line_id"),
            &v.business_line_id,
        )?;
    }
    for (i, mp) in l1.manager_plans.iter().enumerate() {
        manager.check(
            || format!("layer1.manager_plans[{i}].manager_id"),
            &mp.manager_id,
        )?;
        for (j, c) in mp.by_channel.iter().enumerate() {
            channel.check(
                || format!("layer1.manager_plans[{i}].by_channel[{j}].channel_id"),
                &c.channel_id,
            )?;
        }
    }
    for (i, a) in l1.actuals.iter().enumerate() {
        manager.opt(|| format!("layer1.actuals[{i}].manager_id"), &a.manager_id)?;
    }
    for (i, h) in l1.hypotheses.iter().enumerate() {
        channel.opt(
            || format!("layer1.hypotheses[{i}].channel_id"),
            &h.channel_id,
        )?;
        region.opt(|| format!("layer1.hypotheses[{i}].region_id"), &h.region_id)?;
    }
    let l3 = &p.layer3;
    for (i, t) in l3.map_templates.iter().enumerate() {
        channel.check(
            || format!("layer3.map_templates[{i}].channel_id"),
            &t.channel_id,
        )?;
    }
    for (i, a) in l3.activities.iter().enumerate() {
        channel.check(
            || format!("layer3.activities[{i}].channel_id"),
            &a.channel_id,
        )?;
        client.all(
            |j| format!("layer3.activities[{i}].target_client_ids[{j}]"),
            &a.target_client_ids,
        )?;
        manager.opt(
            || format!("layer3.activities[{i}].manager_id"),
            &a.manager_id,
        )?;
    }
    for (i, t) in l3.touch_points.iter().enumerate() {
        client.check(
            || format!("layer3.touch_points[{i}].client_id"),
            &t.client_id,
        )?;
        contact.opt(
            || format!("layer3.touch_points[{i}].contact_id"),
            &t.contact_id,
        )?;
        activity.opt(
            || format!("layer3.touch_points[{i}].activity_id"),
            &t.activity_id,
        )?;
    }
    let l4 = &p.layer4;
    for (i, n) in l4.needs.iter().enumerate() {
        channel.check(|| format!("layer4.needs[{i}].channel_id"), &n.channel_id)?;
        need.opt(|| format!("layer4.needs[{i}].parent_id"), &n.parent_id)?;
    }
    for (i, a) in l4.advantages.iter().enumerate() {
        channel.check(
            || format!("layer4.advantages[{i}].channel_id"),
            &a.channel_id,
        )?;
    }
    for (i, c) in l4.matrix.iter().enumerate() {
        need.check(|| format!("layer4.matrix[{i}].need_id"), &c.need_id)?;
        advantage.check(
            || format!("layer4.matrix[{i}].advantage_id"),
            &c.advantage_id,
        )?;
    }
    for (i, q) in l4.questions.iter().enumerate() {
        channel.opt(
            || format!("layer4.questions[{i}].channel_id"),
            &q.channel_id,
        )?;
        need.all(
            |j| format!("layer4.questions[{i}].need_ids[{j}]"),
            &q.need_ids,
        )?;
    }
    for (i, b) in l4.briefing.iter().enumerate() {
        channel.opt(|| format!("layer4.briefing[{i}].channel_id"), &b.channel_id)?;
    }
    for (i, c) in p.layer5.checklists.iter().enumerate() {
        stage.check(|| format!("layer5.checklists[{i}].stage_id"), &c.stage_id)?;
    }
    for (i, c) in p.layer5.coaching.iter().enumerate() {
        manager.check(|| format!("layer5.coaching[{i}].manager_id"), &c.manager_id)?;
        deal.opt(|| format!("layer5.coaching[{i}].deal_id"), &c.deal_id)?;
        stage.opt(|| format!("layer5.coaching[{i}].stage_id"), &c.stage_id)?;
    }
    Ok(())
}

/// Negative values found by [`check_values`]: JSON paths (under `data`) with the amount.
#[derive(Debug, Default, PartialEq)]
pub struct ValueCheck {
    /// Values that keep the file from being imported.
    pub refused: Vec<(String, Money)>,
    /// Values shown in the import dialog before the user decides.
    pub flagged: Vec<(String, Money)>,
}

/// Every negative amount, revenue, volume, budget, price and quantity, refused or flagged as
/// the table in the module docs says.
pub fn check_values(p: &Project) -> ValueCheck {
    let mut out = ValueCheck::default();
    let neg = |m: Money| m.0 < 0;
    let mut refuse = |path: String, m: Money| {
        if neg(m) {
            out.refused.push((path, m));
        }
    };
    for (i, d) in p.deals.iter().enumerate() {
        refuse(format!("deals[{i}].amount"), d.amount);
        for (j, l) in d.proposal.lines.iter().enumerate() {
            refuse(
                format!("deals[{i}].proposal.lines[{j}].unit_price"),
                l.unit_price,
            );
            if l.qty < 0.0 {
                refuse(
                    format!("deals[{i}].proposal.lines[{j}].qty"),
                    Money::from_f64(l.qty),
                );
            }
        }
    }
    let l1 = &p.layer1;
    refuse("layer1.company_plan".into(), l1.company_plan);
    for (i, v) in l1.market_volumes.iter().enumerate() {
        refuse(format!("layer1.market_volumes[{i}].amount"), v.amount);
    }
    for (i, mp) in l1.manager_plans.iter().enumerate() {
        refuse(format!("layer1.manager_plans[{i}].amount"), mp.amount);
        for (j, c) in mp.by_channel.iter().enumerate() {
            refuse(
                format!("layer1.manager_plans[{i}].by_channel[{j}].amount"),
                c.amount,
            );
        }
        let cat = &mp.by_category;
        for (k, m) in [("a", cat.a), ("b", cat.b), ("c", cat.c)] {
            refuse(format!("layer1.manager_plans[{i}].by_category.{k}"), m);
        }
    }
    for (i, a) in p.layer3.activities.iter().enumerate() {
        refuse(format!("layer3.activities[{i}].budget"), a.budget);
    }
    let mut flag = |path: String, m: Money| {
        if neg(m) {
            out.flagged.push((path, m));
        }
    };
    for (i, r) in p.revenues.iter().enumerate() {
        flag(format!("revenues[{i}].amount"), r.amount);
    }
    for (i, a) in l1.actuals.iter().enumerate() {
        flag(format!("layer1.actuals[{i}].amount"), a.amount);
    }
    for (i, h) in l1.hypotheses.iter().enumerate() {
        if let Some(m) = h.market_volume {
            flag(format!("layer1.hypotheses[{i}].market_volume"), m);
        }
    }
    for (i, d) in p.deals.iter().enumerate() {
        let Some(teo) = &d.teo else { continue };
        for (key, lines) in [
            ("investment", &teo.investment),
            ("savings", &teo.savings),
            ("opex", &teo.opex),
            ("alternative_opex", &teo.alternative_opex),
        ] {
            for (j, l) in lines.iter().enumerate() {
                flag(format!("deals[{i}].teo.{key}[{j}].amount"), l.amount);
            }
        }
        flag(format!("deals[{i}].teo.salvage"), teo.salvage);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::new_id;
    use crate::i18n::Lang;

    #[test]
    fn demo_is_valid() {
        validate(&demo_project()).unwrap();
    }

    #[test]
    fn duplicate_ids_are_named() {
        let mut p = demo_project();
        p.clients[5].id = p.clients[2].id;
        let e = validate(&p).unwrap_err();
        assert!(
            matches!(&e, LoadError::DuplicateId { place, .. } if place.path() == "data.clients[5].id"),
            "{e:?}"
        );
        assert!(e.message(Lang::Ru).contains("Повторяющийся идентификатор"));
    }

    #[test]
    fn broken_references_are_named() {
        let mut p = demo_project();
        p.deals[2].client_id = Some(new_id());
        let e = validate(&p).unwrap_err();
        assert!(
            matches!(&e, LoadError::BrokenReference { place, target: Target::Client, .. } if place.path() == "data.deals[2].client_id")
        );
        assert!(
            e.message(Lang::Ru).contains("клиента"),
            "{}",
            e.message(Lang::Ru)
        );

        let mut p = demo_project();
        p.deals[0].stage_id = new_id();
        assert!(matches!(
            validate(&p),
            Err(LoadError::BrokenReference {
                target: Target::Stage,
                ..
            })
        ));

        let mut p = demo_project();
        p.clients[0].manager_id = Some(new_id());
        assert!(matches!(
            validate(&p),
            Err(LoadError::BrokenReference {
                target: Target::Manager,
                ..
            })
        ));
    }

    #[test]
    fn negative_values_are_refused_or_flagged() {
        let mut p = demo_project();
        assert_eq!(check_values(&p), ValueCheck::default(), "the demo is clean");
        p.deals[4].amount = Money(-500_000);
        p.layer3.activities[0].budget = Money(-1);
        p.revenues[0].amount = Money(-100);
        p.layer1.company_plan = Money(-1);
        let c = check_values(&p);
        assert_eq!(
            c.refused,
            vec![
                ("deals[4].amount".to_string(), Money(-500_000)),
                ("layer1.company_plan".to_string(), Money(-1)),
                ("layer3.activities[0].budget".to_string(), Money(-1)),
            ]
        );
        assert_eq!(
            c.flagged,
            vec![("revenues[0].amount".to_string(), Money(-100))]
        );
        // Zero is not negative.
        p.deals[4].amount = Money::ZERO;
        assert!(!check_values(&p)
            .refused
            .iter()
            .any(|(k, _)| k.starts_with("deals")));
    }
}
