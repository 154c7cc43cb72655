//! Layer 4 screens (docs/METHOD.md §3.4): one view function per tab that picks, filters and joins
//! what the tab shows, so that `pages/layer4` only renders and wires edits. The figures
//! themselves (the advantage matrix, the question lists, «3+», the ТЭО) are
//! [`super::tools`] and [`super::teo`]; these functions put them in the shape of a screen.

use super::model::{Advantage, Deal, Id, Need, Project, Role};
use super::teo::{teo_indicators, TeoIndicators};
use super::tools::{self, AdvantageMatrix, ChannelQuestions, CriteriaCounting};

/// The channel a channel tab shows: the requested one if the project has it, else the
/// project's first channel (None without channels).
pub fn pick_channel(p: &Project, requested: Option<Id>) -> Option<Id> {
    requested
        .filter(|id| p.channels.iter().any(|c| c.id == *id))
        .or_else(|| p.channels.first().map(|c| c.id))
}

/// The deal a deal tab shows: the requested one if the project has it (no fallback: a tab
/// without a deal asks to pick one).
pub fn pick_deal(p: &Project, requested: Option<Id>) -> Option<Id> {
    requested.filter(|id| p.deals.iter().any(|d| d.id == *id))
}

/// The needs of a channel, in the project's order (the rows of «Потребности»).
pub fn channel_needs(p: &Project, channel_id: Id) -> Vec<&Need> {
    p.layer4
        .needs
        .iter()
        .filter(|n| n.channel_id == channel_id)
        .collect()
}

/// The advantages of a channel, in the project's order (the rows of «Преимущества»).
pub fn channel_advantages(p: &Project, channel_id: Id) -> Vec<&Advantage> {
    p.layer4
        .advantages
        .iter()
        .filter(|a| a.channel_id == channel_id)
        .collect()
}

/// The tab «Матрица преимуществ» of one channel: the matrix with the texts of its rows and
/// columns.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixView {
    /// The figures and flags ([`tools::advantage_matrix`]).
    pub matrix: AdvantageMatrix,
    /// The text of each need, one per `matrix.needs`.
    pub need_texts: Vec<String>,
    /// The text of each advantage, one per `matrix.advantages`.
    pub advantage_texts: Vec<String>,
    /// The texts of `matrix.uncovered_needs`, in their order.
    pub uncovered_texts: Vec<String>,
    /// The texts of `matrix.unused_advantages`, in their order.
    pub unused_texts: Vec<String>,
}

/// The advantage matrix of a channel with the texts of its needs and advantages.
pub fn matrix_view(p: &Project, channel_id: Id) -> MatrixView {
    let matrix = tools::advantage_matrix(p, channel_id);
    let need_text = |id: &Id| {
        p.layer4
            .needs
            .iter()
            .find(|n| n.id == *id)
            .map(|n| n.text.clone())
            .unwrap_or_default()
    };
    let advantage_text = |id: &Id| {
        p.layer4
            .advantages
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    };
    MatrixView {
        need_texts: matrix.needs.iter().map(need_text).collect(),
        advantage_texts: matrix.advantages.iter().map(advantage_text).collect(),
        uncovered_texts: matrix.uncovered_needs.iter().map(need_text).collect(),
        unused_texts: matrix
            .unused_advantages
            .iter()
            .map(advantage_text)
            .collect(),
        matrix,
    }
}

/// One choice of a picker: the id and the text it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: Id,
    pub text: String,
}

impl From<&Need> for Choice {
    fn from(n: &Need) -> Self {
        Choice {
            id: n.id,
            text: n.text.clone(),
        }
    }
}

impl From<&Advantage> for Choice {
    fn from(a: &Advantage) -> Self {
        Choice {
            id: a.id,
            text: a.text.clone(),
        }
    }
}

/// The tab «Вопросники» of one channel: the lists of [`tools::question_lists`] (the channel's
/// own questions and the general ones).
pub fn channel_questions(p: &Project, channel_id: Id) -> Option<ChannelQuestions> {
    tools::question_lists(p)
        .into_iter()
        .find(|c| c.channel_id == channel_id)
}

/// The needs a question may be linked to: those of its channel, or every need for a general
/// question (no channel).
pub fn question_needs(p: &Project, channel_id: Option<Id>) -> Vec<Choice> {
    p.layer4
        .needs
        .iter()
        .filter(|n| channel_id.is_none_or(|c| c == n.channel_id))
        .map(Choice::from)
        .collect()
}

/// A contact of the deal's client, offered as «подтвердил».
#[derive(Clone, Debug, PartialEq)]
pub struct ContactChoice {
    pub id: Id,
    pub name: String,
    pub roles: Vec<Role>,
}

/// The tab «Сделка»: the deal, what its pickers offer and its «3+» counts.
#[derive(Clone, Debug, PartialEq)]
pub struct DealView {
    pub deal: Deal,
    /// The contacts of the deal's client, in the project's order (none without a client).
    pub contacts: Vec<ContactChoice>,
    /// The needs of the deal's channel (none without a channel).
    pub needs: Vec<Choice>,
    /// The advantages of the deal's channel (none without a channel).
    pub advantages: Vec<Choice>,
    /// Confirmed needs of the ЛФР ([`tools::need_count`], metric 2.1).
    pub need_count: usize,
    /// Decision criteria, all of them ([`tools::criteria_count`], metric 2.2).
    pub criteria_count: usize,
    /// The deal's ТЭО indicators, if it has a ТЭО.
    pub teo: Option<TeoIndicators>,
}

impl DealView {
    /// The deal has «3+» confirmed needs.
    pub fn needs_met(&self) -> bool {
        self.need_count >= tools::THREE_PLUS
    }
    /// The deal has «3+» decision criteria.
    pub fn criteria_met(&self) -> bool {
        self.criteria_count >= tools::THREE_PLUS
    }
}

/// The tab «Сделка» of deal `id` (None for an unknown deal).
pub fn deal_view(p: &Project, id: Id) -> Option<DealView> {
    let d = p.deals.iter().find(|d| d.id == id)?;
    let contacts = p
        .contacts
        .iter()
        .filter(|c| Some(c.client_id) == d.client_id)
        .map(|c| ContactChoice {
            id: c.id,
            name: c.name.clone(),
            roles: c.roles.clone(),
        })
        .collect();
    let (needs, advantages) = match d.channel_id {
        Some(ch) => (
            channel_needs(p, ch).into_iter().map(Choice::from).collect(),
            channel_advantages(p, ch)
                .into_iter()
                .map(Choice::from)
                .collect(),
        ),
        None => (vec![], vec![]),
    };
    Some(DealView {
        need_count: tools::need_count(d),
        criteria_count: tools::criteria_count(d, CriteriaCounting::All),
        teo: d.teo.as_ref().map(teo_indicators),
        deal: d.clone(),
        contacts,
        needs,
        advantages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::model::{Contact, DealNeed, MatrixCell};
    use crate::domain::tools::new_project;
    use crate::i18n::Lang;

    fn empty() -> Project {
        new_project(
            "t",
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            Lang::Ru,
        )
    }

    fn need(ch: Id, text: &str, order: u8) -> Need {
        Need {
            id: crate::domain::new_id(),
            channel_id: ch,
            text: text.into(),
            order,
            role: Role::Lfr,
            problem_if_unsolved: String::new(),
            parent_id: None,
        }
    }

    fn adv(ch: Id, text: &str) -> Advantage {
        Advantage {
            id: crate::domain::new_id(),
            channel_id: ch,
            text: text.into(),
            order: 3,
            proof: String::new(),
            competitor_vulnerability: String::new(),
        }
    }

    #[test]
    fn picks_the_requested_channel_else_the_first() {
        let p = demo_project();
        let first = p.channels[0].id;
        let last = p.channels.last().unwrap().id;
        assert_eq!(pick_channel(&p, Some(last)), Some(last));
        assert_eq!(pick_channel(&p, Some(crate::domain::new_id())), Some(first));
        assert_eq!(pick_channel(&p, None), Some(first));
        let mut q = p.clone();
        q.channels.clear();
        assert_eq!(pick_channel(&q, Some(last)), None);
    }

    #[test]
    fn picks_only_an_existing_deal() {
        let p = demo_project();
        let d = p.deals[3].id;
        assert_eq!(pick_deal(&p, Some(d)), Some(d));
        assert_eq!(pick_deal(&p, Some(crate::domain::new_id())), None);
        assert_eq!(pick_deal(&p, None), None);
        assert_eq!(pick_deal(&empty(), Some(d)), None);
    }

    #[test]
    fn matrix_texts_follow_the_matrix_order() {
        let mut p = demo_project();
        let ch = p.channels[0].id;
        let other = p.channels[1].id;
        p.layer4.needs.clear();
        p.layer4.advantages.clear();
        p.layer4.matrix.clear();
        let n1 = need(ch, "скорость", 3);
        let n2 = need(other, "чужая", 3);
        let n3 = need(ch, "цена", 1);
        let a1 = adv(ch, "склад");
        p.layer4.needs = vec![n1.clone(), n2, n3.clone()];
        p.layer4.advantages = vec![a1.clone(), adv(other, "другой")];
        p.layer4.matrix.push(MatrixCell {
            need_id: n3.id,
            advantage_id: a1.id,
            strength: 2,
        });
        let v = matrix_view(&p, ch);
        assert_eq!(v.matrix.needs, vec![n1.id, n3.id]);
        assert_eq!(v.need_texts, vec!["скорость", "цена"]);
        assert_eq!(v.advantage_texts, vec!["склад"]);
        assert_eq!(v.matrix.uncovered_needs, vec![n1.id]);
        assert_eq!(v.uncovered_texts, vec!["скорость"]);
        assert!(v.unused_texts.is_empty());
        assert_eq!(channel_needs(&p, ch).len(), 2);
        assert_eq!(channel_advantages(&p, other).len(), 1);
    }

    #[test]
    fn empty_project_has_empty_views() {
        let p = empty();
        let ch = p
            .channels
            .first()
            .map(|c| c.id)
            .unwrap_or_else(crate::domain::new_id);
        let v = matrix_view(&p, ch);
        assert!(v.need_texts.is_empty() && v.advantage_texts.is_empty());
        assert!(channel_needs(&p, ch).is_empty());
        assert!(question_needs(&p, Some(ch)).is_empty());
        assert_eq!(deal_view(&p, crate::domain::new_id()), None);
    }

    #[test]
    fn a_general_question_links_to_every_need() {
        let mut p = demo_project();
        let ch = p.channels[0].id;
        let other = p.channels[1].id;
        p.layer4.needs.push(need(other, "чужая", 2));
        let all = p.layer4.needs.len();
        let own = p.layer4.needs.iter().filter(|n| n.channel_id == ch).count();
        assert!(own < all);
        assert_eq!(question_needs(&p, None).len(), all);
        assert_eq!(question_needs(&p, Some(ch)).len(), own);
        p.layer4.needs.clear();
        assert!(question_needs(&p, None).is_empty());
        assert_eq!(
            channel_questions(&p, ch).map(|c| c.stages.len()),
            Some(tools::QUESTION_STAGES.len())
        );
        assert_eq!(channel_questions(&p, crate::domain::new_id()), None);
    }

    #[test]
    fn deal_view_joins_the_client_and_the_channel() {
        let p = demo_project();
        let d = p
            .deals
            .iter()
            .find(|d| d.client_id.is_some() && d.channel_id.is_some())
            .unwrap();
        let v = deal_view(&p, d.id).unwrap();
        let contacts: Vec<&Contact> = p
            .contacts
            .iter()
            .filter(|c| Some(c.client_id) == d.client_id)
            .collect();
        assert_eq!(v.contacts.len(), contacts.len());
        assert!(v
            .contacts
            .iter()
            .zip(&contacts)
            .all(|(a, b)| a.id == b.id && a.roles == b.roles));
        let ch = d.channel_id.unwrap();
        assert!(v.needs.iter().all(|n| p
            .layer4
            .needs
            .iter()
            .any(|x| x.id == n.id && x.channel_id == ch)));
        assert_eq!(v.need_count, tools::need_count(d));
        assert_eq!(v.needs_met(), v.need_count >= 3);
    }

    #[test]
    fn deal_without_client_or_channel_offers_nothing() {
        let mut p = demo_project();
        let id = p.deals[0].id;
        p.deals[0].client_id = None;
        p.deals[0].channel_id = None;
        p.deals[0].needs.clear();
        p.deals[0].criteria.clear();
        let v = deal_view(&p, id).unwrap();
        assert!(v.contacts.is_empty() && v.needs.is_empty() && v.advantages.is_empty());
        assert_eq!((v.need_count, v.criteria_count), (0, 0));
        assert!(!v.needs_met() && !v.criteria_met());
    }

    #[test]
    fn three_plus_is_met_at_three_exactly() {
        let mut p = demo_project();
        let id = p.deals[0].id;
        p.deals[0].needs = (0..3)
            .map(|i| DealNeed {
                id: crate::domain::new_id(),
                need_id: None,
                text: format!("n{i}"),
                confirmed_by: None,
                date: None,
            })
            .collect();
        let v = deal_view(&p, id).unwrap();
        assert_eq!(v.need_count, tools::need_count(&p.deals[0]));
        assert_eq!(v.needs_met(), v.need_count >= 3);
        p.deals[0].needs.pop();
        let v = deal_view(&p, id).unwrap();
        assert!(!v.needs_met());
    }
}
