//! The default ТФС stage list (docs/METHOD.md §2.2) and stage-list editing rules.
//!
//! The article fixes only the number of stages (14) and the codes 1, 2.1, 2.2, 2.3; the rest is
//! an editable default, never presented as Kozhemyako's own list.

use super::model::{new_id, Role, Stage};

struct Default14 {
    code: &'static str,
    ru: &'static str,
    en: &'static str,
    exit: &'static str,
    roles: &'static [Role],
    tools: &'static str,
    target: Option<f64>,
    days: Option<u32>,
}

const DEFAULTS: [Default14; 14] = [
    Default14 { code: "1", ru: "Привлечение внимания, получение лида", en: "Attention & lead", exit: "Зарегистрирован конкретный проект или потребность клиента, установлен первый контакт через точку контакта", roles: &[Role::Lvr, Role::Lfr], tools: "Программа продвижения, план PR (слой 3)", target: Some(50.0), days: Some(30) },
    Default14 { code: "2.1", ru: "Выявление потребностей ЛФР", en: "Needs of the ЛФР", exit: "Подтверждено не менее 3 потребностей ЛФР, связанных со строками матрицы преимуществ (3+)", roles: &[Role::Lfr], tools: "Список вопросов 2.1, матрица преимуществ", target: Some(60.0), days: Some(30) },
    Default14 { code: "2.2", ru: "Выявление и формирование критериев принятия решения ЛФР и ЛПР", en: "Decision criteria of ЛФР & ЛПР", exit: "Выявлено не менее 3 критериев, наши преимущества среди них (3+); КП для ЛФР отправлено", roles: &[Role::Lfr, Role::Lpr], tools: "Список вопросов 2.2, шаблон КП", target: Some(60.0), days: Some(30) },
    Default14 { code: "2.3", ru: "Инструктаж ЛФР и ТЭО для ЛПР", en: "ЛФР briefing & ТЭО for ЛПР", exit: "ЛПР представлено ТЭО с положительным экономическим эффектом (величина записана)", roles: &[Role::Lfr, Role::Lpr], tools: "Шаблон инструктажа, шаблон ТЭО", target: Some(60.0), days: Some(45) },
    Default14 { code: "3", ru: "Решение ЛПР / бюджет", en: "ЛПР decision / budget", exit: "ЛПР одобрил проект или статью бюджета", roles: &[Role::Lpr], tools: "", target: Some(70.0), days: Some(45) },
    Default14 { code: "4", ru: "Техническое задание / опросный лист", en: "Technical specification / questionnaire", exit: "ТЗ согласовано и содержит наши критерии", roles: &[Role::Lfr, Role::Lvr], tools: "", target: Some(70.0), days: Some(30) },
    Default14 { code: "5", ru: "Технико-коммерческое предложение (финальное)", en: "Final technical-commercial proposal", exit: "Выпущено финальное ТКП/КП", roles: &[Role::Lfr], tools: "Шаблон КП", target: Some(70.0), days: Some(30) },
    Default14 { code: "6", ru: "Тендер / включение в проект", en: "Tender / specified in design", exit: "Прошли в шорт-лист, выиграли тендер или заложены в проектную документацию", roles: &[Role::Lvr, Role::Lfr], tools: "", target: Some(70.0), days: Some(60) },
    Default14 { code: "7", ru: "Переговоры и согласование условий", en: "Negotiation of terms", exit: "Цена, сроки поставки и условия оплаты согласованы", roles: &[Role::Lpr], tools: "", target: Some(70.0), days: Some(30) },
    Default14 { code: "8", ru: "Договор подписан", en: "Contract signed", exit: "Договор подписан — сделка выиграна", roles: &[Role::Lpr], tools: "", target: None, days: None },
    Default14 { code: "9", ru: "Аванс / производство", en: "Advance payment / manufacturing", exit: "Аванс получен", roles: &[], tools: "", target: None, days: None },
    Default14 { code: "10", ru: "Поставка, монтаж, пусконаладка", en: "Delivery, installation, commissioning", exit: "Подписан акт приёмки", roles: &[Role::Lfr, Role::Lvr], tools: "", target: None, days: None },
    Default14 { code: "11", ru: "Закрытие расчётов, сопровождение", en: "Final payment, after-sales support", exit: "Оплачено полностью, налажен сервисный контакт", roles: &[], tools: "", target: None, days: None },
    Default14 { code: "12", ru: "Референс и повторная продажа", en: "Reference & repeat sale", exit: "Получено рекомендательное письмо или кейс; замечен следующий проект (новый лид на этапе 1)", roles: &[Role::Lpr, Role::Lfr], tools: "План PR", target: None, days: None },
];

/// The 14 default stages with fresh ids: 1…8 in the funnel, 8 is "won".
pub fn default_stages() -> Vec<Stage> {
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
            exit_criteria: d.exit.to_string(),
            role_focus: d.roles.to_vec(),
            tools: d.tools.to_string(),
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
