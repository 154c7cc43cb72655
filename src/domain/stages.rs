//! The default ТФС stage list (docs/METHOD.md §2.2) and stage-list editing rules.
//!
//! The article fixes only the number of stages (14) and the codes 1, 2.1, 2.2, 2.3; the rest is
//! an editable default, never presented as Kozhemyako's own list.

use super::model::{new_id, Role, Stage};
use crate::i18n::Lang;

struct Default14 {
    code: &'static str,
    ru: &'static str,
    en: &'static str,
    exit: &'static str,
    exit_en: &'static str,
    roles: &'static [Role],
    tools: &'static str,
    tools_en: &'static str,
    target: Option<f64>,
    days: Option<u32>,
}

const DEFAULTS: [Default14; 14] = [
    Default14 { code: "1", ru: "Привлечение внимания, получение лида", en: "Attention & lead", exit: "Зарегистрирован конкретный проект или потребность клиента, установлен первый контакт через точку контакта", exit_en: "A specific project or need of the client is registered; first contact made through a touch point", roles: &[Role::Lvr, Role::Lfr], tools: "Программа продвижения, план PR (слой 3)", tools_en: "Promotion programme, PR plan (layer 3)", target: Some(50.0), days: Some(30) },
    Default14 { code: "2.1", ru: "Выявление потребностей ЛФР", en: "Needs of the LFR", exit: "Подтверждено не менее 3 потребностей ЛФР, связанных со строками матрицы преимуществ (3+)", exit_en: "At least 3 needs of the LFR confirmed and linked to rows of the advantage matrix (3+)", roles: &[Role::Lfr], tools: "Список вопросов 2.1, матрица преимуществ", tools_en: "Question list 2.1, advantage matrix", target: Some(60.0), days: Some(30) },
    Default14 { code: "2.2", ru: "Выявление и формирование критериев принятия решения ЛФР и ЛПР", en: "Decision criteria of the LFR and LPR", exit: "Выявлено не менее 3 критериев, наши преимущества среди них (3+); КП для ЛФР отправлено", exit_en: "At least 3 decision criteria found, our advantages among them (3+); KP sent to the LFR", roles: &[Role::Lfr, Role::Lpr], tools: "Список вопросов 2.2, шаблон КП", tools_en: "Question list 2.2, KP template", target: Some(60.0), days: Some(30) },
    Default14 { code: "2.3", ru: "Инструктаж ЛФР и ТЭО для ЛПР", en: "LFR briefing and TEO for the LPR", exit: "ЛПР представлено ТЭО с положительным экономическим эффектом (величина записана)", exit_en: "The LPR has been shown a TEO with a positive economic effect (the figure is recorded)", roles: &[Role::Lfr, Role::Lpr], tools: "Шаблон инструктажа, шаблон ТЭО", tools_en: "Briefing template, TEO template", target: Some(60.0), days: Some(45) },
    Default14 { code: "3", ru: "Решение ЛПР / бюджет", en: "LPR decision / budget", exit: "ЛПР одобрил проект или статью бюджета", exit_en: "The LPR approved the project or the budget line", roles: &[Role::Lpr], tools: "", tools_en: "", target: Some(70.0), days: Some(45) },
    Default14 { code: "4", ru: "Техническое задание / опросный лист", en: "Technical specification / questionnaire", exit: "ТЗ согласовано и содержит наши критерии", exit_en: "Specification agreed and it contains our criteria", roles: &[Role::Lfr, Role::Lvr], tools: "", tools_en: "", target: Some(70.0), days: Some(30) },
    Default14 { code: "5", ru: "Технико-коммерческое предложение (финальное)", en: "Final technical-commercial proposal", exit: "Выпущено финальное ТКП/КП", exit_en: "Final technical-commercial proposal (KP) issued", roles: &[Role::Lfr], tools: "Шаблон КП", tools_en: "", target: Some(70.0), days: Some(30) },
    Default14 { code: "6", ru: "Тендер / включение в проект", en: "Tender / specified in design", exit: "Прошли в шорт-лист, выиграли тендер или заложены в проектную документацию", exit_en: "Short-listed, tender won or our equipment written into the design documents", roles: &[Role::Lvr, Role::Lfr], tools: "", tools_en: "", target: Some(70.0), days: Some(60) },
    Default14 { code: "7", ru: "Переговоры и согласование условий", en: "Negotiation of terms", exit: "Цена, сроки поставки и условия оплаты согласованы", exit_en: "Price, lead time and payment terms agreed", roles: &[Role::Lpr], tools: "", tools_en: "", target: Some(70.0), days: Some(30) },
    Default14 { code: "8", ru: "Договор подписан", en: "Contract signed", exit: "Договор подписан — сделка выиграна", exit_en: "Contract signed — the deal is won", roles: &[Role::Lpr], tools: "", tools_en: "", target: None, days: None },
    Default14 { code: "9", ru: "Аванс / производство", en: "Advance payment / manufacturing", exit: "Аванс получен", exit_en: "Advance payment received", roles: &[], tools: "", tools_en: "", target: None, days: None },
    Default14 { code: "10", ru: "Поставка, монтаж, пусконаладка", en: "Delivery, installation, commissioning", exit: "Подписан акт приёмки", exit_en: "Acceptance certificate signed", roles: &[Role::Lfr, Role::Lvr], tools: "", tools_en: "", target: None, days: None },
    Default14 { code: "11", ru: "Закрытие расчётов, сопровождение", en: "Final payment, after-sales support", exit: "Оплачено полностью, налажен сервисный контакт", exit_en: "Paid in full, service contact established", roles: &[], tools: "", tools_en: "", target: None, days: None },
    Default14 { code: "12", ru: "Референс и повторная продажа", en: "Reference & repeat sale", exit: "Получено рекомендательное письмо или кейс; замечен следующий проект (новый лид на этапе 1)", exit_en: "Reference letter or case study obtained; next project spotted (a new lead at stage 1)", roles: &[Role::Lpr, Role::Lfr], tools: "План PR", tools_en: "PR plan", target: None, days: None },
];

/// The 14 default stages of a Russian project.
pub fn default_stages() -> Vec<Stage> {
    default_stages_in(Lang::Ru)
}

/// The 14 default stages with fresh ids: 1…8 in the funnel, 8 is "won". Both names are filled;
/// the exit criteria and tools are in `lang`.
pub fn default_stages_in(lang: Lang) -> Vec<Stage> {
    let en = lang == Lang::En;
    DEFAULTS
        .iter()
        .enumerate()
        .map(|(i, d)| Stage {
            id: new_id(),
            code: d.code.to_string(),
            name_ru: d.ru.to_string(),
            name_en: d.en.to_string(),
            is_funnel: i <= 9,
            is_won: d.code == "8",
            exit_criteria: if en { d.exit_en } else { d.exit }.to_string(),
            role_focus: d.roles.to_vec(),
            tools: if en { d.tools_en } else { d.tools }.to_string(),
            target_conversion: d.target,
            win_probability: None,
            typical_days: d.days,
        })
        .collect()
}

/// A problem of a stage list that blocks its use; `i18n::edit::stage_list_problem_text` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum StageListProblem {
    /// There must be exactly one won stage; there are this many.
    WonCount(usize),
    /// A stage code the method requires (1, 2.1, 2.2, 2.3) is missing.
    MissingCode(&'static str),
    /// Two stages share this code.
    DuplicateCode(String),
    /// A stage has an empty code.
    EmptyCode,
}

/// The stage codes the method requires (docs/METHOD.md §2.2).
pub const REQUIRED_CODES: [&str; 4] = ["1", "2.1", "2.2", "2.3"];

/// Problems of a stage list that block its use.
pub fn stage_list_problems(stages: &[Stage]) -> Vec<StageListProblem> {
    let mut out = vec![];
    let won = stages.iter().filter(|s| s.is_won).count();
    if won != 1 {
        out.push(StageListProblem::WonCount(won));
    }
    for code in REQUIRED_CODES {
        if !stages.iter().any(|s| s.code == code) {
            out.push(StageListProblem::MissingCode(code));
        }
    }
    let mut codes: Vec<&str> = stages.iter().map(|s| s.code.trim()).collect();
    codes.sort_unstable();
    for w in codes.windows(2) {
        if w[0] == w[1] {
            out.push(StageListProblem::DuplicateCode(w[0].to_string()));
        }
    }
    if stages.iter().any(|s| s.code.trim().is_empty()) {
        out.push(StageListProblem::EmptyCode);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_defaults_with_the_article_codes() {
        let s = default_stages();
        assert_eq!(s.len(), 14);
        assert_eq!(s[0].code, "1");
        assert_eq!(s[1].code, "2.1");
        assert_eq!(s[3].code, "2.3");
        assert_eq!(s.iter().filter(|s| s.is_won).count(), 1);
        assert!(s[9].is_won && s[9].code == "8");
        assert_eq!(s.iter().filter(|s| s.is_funnel).count(), 10);
        assert!(stage_list_problems(&s).is_empty());
    }

    #[test]
    fn english_defaults_have_no_cyrillic() {
        let cyr = |t: &str| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        for s in default_stages_in(Lang::En) {
            assert!(
                !cyr(&s.name_en) && !cyr(&s.exit_criteria) && !cyr(&s.tools),
                "{}",
                s.code
            );
            assert!(
                !s.name_en.is_empty() && !s.exit_criteria.is_empty(),
                "{}",
                s.code
            );
            assert_eq!(s.name(Lang::En), s.name_en);
            assert_eq!(s.name(Lang::Ru), s.name_ru);
        }
        let mut s = default_stages().remove(0);
        s.name_ru.clear();
        assert_eq!(s.name(Lang::Ru), s.name_en, "a stage named only in English");
    }

    #[test]
    fn problems_are_named() {
        let mut s = default_stages();
        s[9].is_won = false;
        s.remove(1);
        s[2].code = "1".into();
        let p = stage_list_problems(&s);
        assert!(p.contains(&StageListProblem::WonCount(0)));
        assert!(p.contains(&StageListProblem::MissingCode("2.1")));
        assert!(p.contains(&StageListProblem::DuplicateCode("1".into())));
    }
}
