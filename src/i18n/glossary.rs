//! The glossary of the method (docs/METHOD.md §1): each term's name and its explanation in
//! Russian and in English. The English entries of the six acronyms keep the Russian original with
//! a gloss («ЛПР (decision maker)») and say how the English screens write it («LPR»), because
//! consultants and the article use the Russian terms; every other English text uses the Latin
//! acronyms.
//!
//! Read only by the glossary screen and by the [`Term`](crate::components::term::Term) hints of
//! the screens that show an acronym, so the text travels with those screens' parts of the
//! split build, not with the first visit.

use super::Lang;

/// A term of the method that has a glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    Lpr,
    Lfr,
    Lvr,
    Tfs,
    TfsStage,
    Kp,
    Teo,
    Abc,
    Category,
    Funnel,
    Scoreboard,
    Conversion,
    Lead,
    TouchPoint,
    ThreePlus,
    EconomicEffect,
    SalesPlan,
    Coverage,
    MarketHypotheses,
    MarketShare,
    DealSize,
    DealDuration,
    KeyFigures,
    Elaboration,
    Structure,
    Dimensions,
    Matrix,
    Order,
    Questions,
    Briefing,
    ProjectMap,
    TypicalMap,
    Programme,
    PrPlan,
    Coaching,
    Layer,
    Gating,
    Diagnosis,
    Quarter,
    Payback,
    Npv,
    Roi,
    Irr,
    Tco,
}

impl Term {
    /// A number for the term, never 0 (the glossary's part of the build takes plain values).
    pub fn code(self) -> u32 {
        self as u32 + 1
    }
}

/// The entry of a term's [`Term::code`] in `lang`.
pub fn entry_by_code(code: u32, lang: Lang) -> Option<&'static Entry> {
    entries(lang).iter().find(|e| e.term.code() == code)
}

/// One glossary entry in one language.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub term: Term,
    /// The term as it is written on the screens («ЛПР»).
    pub name: &'static str,
    /// Its expansion or gloss («лицо, принимающее решение»; «decision maker»).
    pub gloss: &'static str,
    /// What it means in Sloy.
    pub text: &'static str,
}

const fn e(term: Term, name: &'static str, gloss: &'static str, text: &'static str) -> Entry {
    Entry {
        term,
        name,
        gloss,
        text,
    }
}

/// The entries in the order the glossary screen lists them (the buying-centre roles and the
/// stage model first, then the layers' terms in the method's order).
pub const RU: &[Entry] = &[
    e(Term::Lpr, "ЛПР", "лицо, принимающее решение", "Тот, у кого полномочия и бюджет: утверждает, подписывает, выделяет деньги (часто генеральный, финансовый или технический директор, собственник). Адресат ТЭО. Роль человека в конкретной сделке."),
    e(Term::Lfr, "ЛФР", "лицо, формирующее решение", "Специалист, который прорабатывает решение и готовит его для ЛПР: требования, технические критерии, сравнение поставщиков (главный механик, главный энергетик, ГИП). Адресат КП; после инструктажа представляет ТЭО своему ЛПР."),
    e(Term::Lvr, "ЛВР", "лицо, влияющее на решение", "Тот, чьё мнение учитывают, хотя решение не его: пользователи, начальники цехов, закупки, безопасность, IT, сервис, внешние консультанты."),
    e(Term::Tfs, "ТФС", "технология формирования спроса", "Модель этапов, через которые проходит спрос B2B-клиента (14 этапов). Этапы ТФС — это этапы воронки слоя 2 и места инструментов слоя 4."),
    e(Term::TfsStage, "Этап ТФС", "этап воронки", "Шаг модели ТФС с кодом (1, 2.1, 2.2, 2.3, 3 …) и названием. Этап 1 — привлечение внимания и лид; 2.1 — потребности ЛФР; 2.2 — критерии решения; 2.3 — инструктаж ЛФР и ТЭО для ЛПР."),
    e(Term::Kp, "КП", "коммерческое предложение (ТКП — технико-коммерческое)", "Документ для ЛФР: ситуация и задачи клиента, решение, преимущества против его потребностей и критериев, спецификация и цена, условия, следующий шаг."),
    e(Term::Teo, "ТЭО", "технико-экономическое обоснование", "Документ для ЛПР: в деньгах показывает, почему покупка окупается — инвестиции, годовая экономия, окупаемость, NPV, ROI, IRR, чувствительность."),
    e(Term::Abc, "ABC-анализ", "классы клиентов по выручке", "Клиенты упорядочены по выручке за год и разделены по накопленной доле (по умолчанию 80/15/5 %) на категории A, B и C."),
    e(Term::Category, "Категория клиента", "A, B, C, N", "Класс клиента по ABC-анализу; N — нет выручки в анализируемом году (потенциальный клиент), если категория не задана вручную. Слои 3 и 4 сосредоточены на A и B."),
    e(Term::Funnel, "Воронка продаж", "текущие проекты по этапам ТФС", "Все текущие сделки, расставленные по этапам ТФС, чтобы видеть движение клиентов (с их категорией) и денег."),
    e(Term::Scoreboard, "Табло ведения счёта", "менеджеры × этапы", "Таблица слоя 2: по каждому менеджеру — сколько открытых сделок и на какую сумму стоит на каждом этапе ТФС; простая, видная всем, обновляется еженедельно."),
    e(Term::Conversion, "Конверсия", "переход между этапами", "Доля сделок, дошедших до следующего этапа, среди дошедших до этого: сравнивается с целевой конверсией этапа."),
    e(Term::Lead, "Лид", "новая сделка на этапе 1", "Сделка, первая запись истории которой — на этапе ТФС «1»; считается один раз, в периоде даты этой записи. Сделка, вошедшая в воронку дальше этапа 1, лидом не считается."),
    e(Term::TouchPoint, "Точка касания", "точка контакта", "Записанное взаимодействие с людьми клиента в определённую дату: визит, звонок, семинар, выставка … Метрика слоя 3 — число точек касания с клиентами A и B против цели."),
    e(Term::ThreePlus, "«3+»", "метрика этапов 2.1 и 2.2", "На этапе 2.1 — не меньше трёх подтверждённых потребностей ЛФР; на этапе 2.2 — не меньше трёх критериев решения ЛФР и ЛПР."),
    e(Term::EconomicEffect, "Экономический эффект", "метрика этапа 2.3", "Выгода клиента в деньгах по ТЭО: годовая экономия, NPV, окупаемость, ROI. «Хорошее» ТЭО — окупаемость не больше 3 лет или NPV > 0."),
    e(Term::SalesPlan, "План продаж", "цель слоя 1", "План компании в деньгах, разделённый по категориям, менеджерам и каналам; выполнение — факт к плану на дату."),
    e(Term::Coverage, "Покрытие плана", "взвешенная воронка к остатку плана", "Сумма открытых сделок, умноженных на вероятность выигрыша их этапа, делённая на ещё не выполненную часть годового плана, в %."),
    e(Term::MarketHypotheses, "Гипотезы целевых рынков", "сегменты-кандидаты", "Отрасль × регион × канал с объёмом рынка, ожидаемой долей, обоснованием и статусом (проверить / подтверждена / отклонена)."),
    e(Term::MarketShare, "Доля рынка (расчётная)", "план к объёму рынка", "План, делённый на объём рынка, в %; рядом — фактическая доля базового года."),
    e(Term::DealSize, "Средний вес сделки", "средняя сумма выигранной сделки", "Средняя сумма выигранных сделок категории (рядом — медиана)."),
    e(Term::DealDuration, "Средняя длительность сделки", "цикл сделки", "Дни от создания сделки до выигрыша, в среднем по категории (рядом — медиана)."),
    e(Term::KeyFigures, "Ключевые цифры", "результат 1 слоя 1", "Итог ABC-анализа, средние вес и длительность сделки по категориям, проработка клиентов A, объём рынка."),
    e(Term::Elaboration, "Проработка клиентов A", "глубина работы с клиентами A", "Насколько глубоко проработаны клиенты A: охват, покрытие ролей ЛПР/ЛФР/ЛВР, полные карты проектов."),
    e(Term::Structure, "Структура отдела продаж", "результат 3 слоя 1", "Менеджеры и то, что за ними закреплено: территория, канал, категория клиентов."),
    e(Term::Dimensions, "Бизнесы, каналы, география", "справочники", "Направления бизнеса, каналы сбыта (прямые продажи, дистрибьюторы, проектные институты, интеграторы) и территории — разрезы, по которым делится любая цифра."),
    e(Term::Matrix, "Матрица преимуществ", "потребности × преимущества", "По каналу: строки — потребности клиента (с порядком 1–4), столбцы — наши преимущества (с доказательством и уязвимостью конкурента), в клетках — сила 0–3."),
    e(Term::Order, "Порядок потребности", "глубина детализации, 1–4", "От 1 (общая) до 4 (конкретная); глубокие потребности закрываются глубокими преимуществами."),
    e(Term::Questions, "Списки вопросов", "вопросники 2.1, 2.2, 2.3", "Вопросы к ЛФР и ЛПР клиентов A для этапов 2.1, 2.2 и 2.3 — ситуационные, проблемные, извлекающие, направляющие."),
    e(Term::Briefing, "Инструктаж ЛФР", "подготовка ЛФР к ТЭО", "Вопросы, которые готовят ЛФР собрать исходные данные и представить ТЭО своему ЛПР."),
    e(Term::ProjectMap, "Карта проекта", "роли в сделке клиента", "Контакты клиента с их ролями (ЛПР, ЛФР, ЛВР) в конкретном проекте."),
    e(Term::TypicalMap, "Карта типового клиента", "типовые ЛВР/ЛФР/ЛПР", "Для канала и категории — должности, которые обычно занимают роли ЛПР, ЛФР и ЛВР."),
    e(Term::Programme, "Программа продвижения", "мероприятия этапа 1", "Мероприятия по каналам для клиентов A, которые дают внимание и лиды (этап 1 ТФС)."),
    e(Term::PrPlan, "PR-план", "публикации, кейсы, конференции", "PR-часть программы продвижения: что, где и когда публикуем и где выступаем."),
    e(Term::Coaching, "Экспертная дотяжка", "наставничество на живых сделках", "Эксперт разбирает с продавцом его текущие сделки: совместные визиты, разбор звонков. Метрики у слоя 5 нет."),
    e(Term::Layer, "Слой", "уровень внедрения", "Один из пяти уровней внедрения и диагностики: 1 — цели и планы, 2 — воронка, 3 — стратегия для A и B, 4 — инструменты, 5 — психология."),
    e(Term::Gating, "Закрытый слой", "правило очерёдности", "Слой N+1 не внедряют, пока не выполнен слой N; открыть его раньше можно только с записанной причиной."),
    e(Term::Diagnosis, "Диагностика", "поиск проблемы сверху вниз", "Проверка метрик слоя 1, затем 2, 3 и 4; проблема в слое 5 — методом исключения."),
    e(Term::Quarter, "Отчётный квартал", "период метрик", "Календарный квартал даты «на дату» проекта, с первого дня до этой даты; годовые потребности берутся в его доле года."),
    e(Term::Payback, "Окупаемость", "срок возврата инвестиций", "Инвестиции, делённые на годовую экономию, в годах; дисконтированная — с учётом ставки."),
    e(Term::Npv, "NPV", "чистая приведённая стоимость", "Экономия всех лет горизонта, приведённая по ставке дисконтирования, минус инвестиции."),
    e(Term::Roi, "ROI", "рентабельность инвестиций", "Экономия за горизонт минус инвестиции, делённые на инвестиции, в %."),
    e(Term::Irr, "IRR", "внутренняя норма доходности", "Ставка, при которой NPV равен нулю."),
    e(Term::Tco, "TCO", "совокупная стоимость владения", "Инвестиции плюс эксплуатационные затраты за горизонт, в сравнении с альтернативой."),
];

/// The same entries in English.
pub const EN: &[Entry] = &[
    e(Term::Lpr, "ЛПР", "decision maker", "In English: LPR. Has the authority and the budget: approves, signs, releases money (often the CEO, CFO, technical director or owner). The addressee of the TEO. A role of a person in one deal."),
    e(Term::Lfr, "ЛФР", "decision shaper", "In English: LFR. The specialist who works the solution out and prepares the decision for the LPR: requirements, technical criteria, supplier comparison (chief mechanic, chief power engineer, chief project engineer). The addressee of the KP; once briefed, presents the TEO to the LPR."),
    e(Term::Lvr, "ЛВР", "influencer", "In English: LVR. Anyone whose opinion counts without owning the decision: users, shop heads, procurement, safety, IT, maintenance, outside consultants."),
    e(Term::Tfs, "ТФС", "demand formation technology", "In English: TFS. The stage model of how a B2B client's demand forms (14 stages). Its stages are the funnel stages of layer 2 and the slots of the layer-4 tools."),
    e(Term::TfsStage, "TFS stage", "funnel stage", "A step of the TFS model with a code (1, 2.1, 2.2, 2.3, 3 …) and a name. Stage 1 is attention and the lead; 2.1 the needs of the LFR; 2.2 the decision criteria; 2.3 the briefing of the LFR and the TEO for the LPR."),
    e(Term::Kp, "КП", "commercial proposal (TKP: technical-commercial)", "In English: KP. The document for the LFR: the client's situation and tasks, the solution, advantages against needs and criteria, specification and price, terms, next step."),
    e(Term::Teo, "ТЭО", "business case (feasibility study)", "In English: TEO. The document for the LPR: shows in money why buying pays — investment, annual savings, payback, NPV, ROI, IRR, sensitivity."),
    e(Term::Abc, "ABC analysis", "client classes by revenue", "Clients ranked by a year's revenue and cut at cumulative shares (80/15/5 % by default) into categories A, B and C."),
    e(Term::Category, "Client category", "A, B, C, N", "A client's ABC class; N means no revenue in the analysed year (a prospect) unless set by hand. Layers 3 and 4 focus on A and B."),
    e(Term::Funnel, "Sales funnel", "current deals by TFS stage", "All current deals placed on the TFS stages, so that the movement of clients (with their category) and of money is visible."),
    e(Term::Scoreboard, "Scoreboard", "managers × stages", "Layer 2's table: for each manager, how many open deals and how much money stand at each TFS stage; simple, visible to all, updated weekly."),
    e(Term::Conversion, "Conversion", "stage-to-stage rate", "Of the deals that reached a stage, the share that reached the next one; compared with the stage's target conversion."),
    e(Term::Lead, "Lead", "a new deal at stage 1", "A deal whose first stage-history record is at TFS stage «1»; counted once, in the period of that record's date. A deal entering the funnel past stage 1 is not a lead."),
    e(Term::TouchPoint, "Touch point", "a contact with a client", "A logged interaction with a client's people on a date: visit, call, seminar, exhibition … Layer 3 counts the touch points with A and B clients against a target."),
    e(Term::ThreePlus, "“3+”", "metric of stages 2.1 and 2.2", "At 2.1, at least three confirmed needs of the LFR; at 2.2, at least three decision criteria of the LFR and the LPR."),
    e(Term::EconomicEffect, "Economic effect", "metric of stage 2.3", "The client's benefit in money from the TEO: annual savings, NPV, payback, ROI. A “good” TEO pays back in 3 years or less, or has NPV > 0."),
    e(Term::SalesPlan, "Sales plan", "layer 1 goal", "The company's plan in money, split by category, manager and channel; fulfilment is the fact against the plan to date."),
    e(Term::Coverage, "Plan coverage", "weighted pipeline / plan left", "The open deals' amounts times their stage's win probability, divided by the part of the year's plan still to make, in %."),
    e(Term::MarketHypotheses, "Target-market hypotheses", "candidate segments", "Industry × region × channel, with a market volume, an expected share, a rationale and a status (to check / confirmed / rejected)."),
    e(Term::MarketShare, "Market share (calculated)", "plan / market volume", "The plan divided by the market volume, in %; the actual share of the base year beside it."),
    e(Term::DealSize, "Average deal size", "mean amount of a won deal", "The mean amount of a category's won deals (median beside it)."),
    e(Term::DealDuration, "Average deal duration", "sales cycle", "Days from a deal's creation to its win, averaged per category (median beside it)."),
    e(Term::KeyFigures, "Key figures", "layer 1, result 1", "The ABC result, average deal size and duration per category, elaboration of A clients, market volume."),
    e(Term::Elaboration, "Elaboration of A clients", "how deeply A clients are worked", "Coverage of A clients, coverage of the LPR/LFR/LVR roles, complete project maps."),
    e(Term::Structure, "Sales department structure", "layer 1, result 3", "The managers and what they are assigned: territory, channel, client category."),
    e(Term::Dimensions, "Business lines, channels, regions", "reference lists", "Product lines, sales channels (direct sales, distributors, design institutes, integrators) and territories: the dimensions every figure can be split by."),
    e(Term::Matrix, "Advantage matrix", "needs × advantages", "Per channel: rows are the client's needs (order 1–4), columns our advantages (with proof and the competitor's vulnerability), cells the strength 0–3."),
    e(Term::Order, "Order of a need", "depth of detail, 1–4", "From 1 (general) to 4 (specific); deep needs are met by deep advantages."),
    e(Term::Questions, "Question lists", "for stages 2.1, 2.2, 2.3", "Questions for the LFR and LPR of A clients at stages 2.1, 2.2 and 2.3: situation, problem, implication, need-payoff."),
    e(Term::Briefing, "LFR briefing", "preparing the LFR for the TEO", "Questions that prepare the LFR to collect the baseline data and present the TEO to the LPR."),
    e(Term::ProjectMap, "Project map", "roles in a client's deal", "A client's contacts with their roles (LPR, LFR, LVR) in one project."),
    e(Term::TypicalMap, "Typical-client map", "usual LVR/LFR/LPR", "For a channel and category, the positions that usually hold the LPR, LFR and LVR roles."),
    e(Term::Programme, "Promotion programme", "stage 1 activities", "Activities per channel for A clients that bring attention and leads (TFS stage 1)."),
    e(Term::PrPlan, "PR plan", "publications, cases, conferences", "The PR part of the promotion programme: what, where and when to publish and where to speak."),
    e(Term::Coaching, "Expert coaching", "coaching on live deals", "An expert works through a seller's current deals with him: joint visits, call reviews. Layer 5 has no metric."),
    e(Term::Layer, "Layer", "level of implementation", "One of the five levels of implementation and diagnosis: 1 goals and plans, 2 funnel, 3 strategy for A and B, 4 tools, 5 psychology."),
    e(Term::Gating, "Locked layer", "the order rule", "Layer N+1 is not implemented before layer N is done; opening it early needs a recorded reason."),
    e(Term::Diagnosis, "Diagnosis", "top-down search for the problem", "Checks the metrics of layer 1, then 2, 3 and 4; a problem in layer 5 is found by elimination."),
    e(Term::Quarter, "Reporting quarter", "the metrics' period", "The calendar quarter of the project's “as of” date, from its first day to that date; yearly needs count at its share of the year."),
    e(Term::Payback, "Payback", "time to recover the investment", "The investment divided by the annual savings, in years; the discounted payback takes the rate into account."),
    e(Term::Npv, "NPV", "net present value", "The savings of every year of the horizon, discounted at the rate, minus the investment."),
    e(Term::Roi, "ROI", "return on investment", "The savings over the horizon minus the investment, divided by the investment, in %."),
    e(Term::Irr, "IRR", "internal rate of return", "The rate at which NPV is zero."),
    e(Term::Tco, "TCO", "total cost of ownership", "The investment plus the operating costs over the horizon, compared with the alternative."),
];

/// The glossary entry of a buying-centre role.
pub fn role_term(r: crate::domain::Role) -> Term {
    use crate::domain::Role;
    match r {
        Role::Lpr => Term::Lpr,
        Role::Lfr => Term::Lfr,
        Role::Lvr => Term::Lvr,
    }
}

/// The glossary of a language, in screen order.
pub fn entries(lang: Lang) -> &'static [Entry] {
    lang.pick(RU, EN)
}

/// The entry of `term` in `lang`.
pub fn entry(term: Term, lang: Lang) -> Option<&'static Entry> {
    entries(lang).iter().find(|e| e.term == term)
}

/// The anchor of a term on the glossary screen (`term-lpr`).
pub fn anchor(term: Term) -> String {
    format!("term-{}", format!("{term:?}").to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_one_entry_per_language_in_the_same_order() {
        assert_eq!(RU.len(), EN.len());
        for (ru, en) in RU.iter().zip(EN) {
            assert_eq!(ru.term, en.term);
            assert!(!ru.text.is_empty() && !en.text.is_empty(), "{:?}", ru.term);
        }
        for (i, a) in RU.iter().enumerate() {
            assert!(
                RU[i + 1..].iter().all(|b| b.term != a.term),
                "{:?} twice",
                a.term
            );
        }
    }

    #[test]
    fn the_acronyms_of_the_issue_are_explained_in_both_languages() {
        for term in [
            Term::Lvr,
            Term::Lfr,
            Term::Lpr,
            Term::Tfs,
            Term::Kp,
            Term::Teo,
        ] {
            for lang in [Lang::Ru, Lang::En] {
                let e = entry(term, lang).expect("an entry");
                assert!(!e.gloss.is_empty());
            }
        }
        // The English entry keeps the Russian acronym and glosses it.
        let lpr = entry(Term::Lpr, Lang::En).expect("ЛПР");
        assert_eq!((lpr.name, lpr.gloss), ("ЛПР", "decision maker"));
    }

    #[test]
    fn codes_find_their_entries() {
        for e in RU {
            assert!(e.term.code() > 0);
            let found = entry_by_code(e.term.code(), Lang::En).expect("the English entry");
            assert_eq!(found.term, e.term);
        }
        assert!(entry_by_code(0, Lang::Ru).is_none());
    }

    #[test]
    fn anchors_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for e in RU {
            assert!(seen.insert(anchor(e.term)));
        }
        assert_eq!(anchor(Term::Lpr), "term-lpr");
    }
}
