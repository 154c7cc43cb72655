//! Layer 5 — psychology of client work (docs/METHOD.md §3.5): a behavioural checklist for every ТФС
//! stage and the expert coaching log («экспертная дотяжка»).
//!
//! The article gives layer 5 no metric («Метрик нет»), so nothing here scores a manager: the
//! functions only pick the checklist in force, edit it, and group and filter the coaching log.
//!
//! The default checklists are written for the 14 default stage codes (docs/METHOD.md §2.2). A
//! project keeps its own copy of a stage's checklist only once it is edited; until then the
//! default is shown, and «вернуть по умолчанию» simply drops the copy. Custom stages (codes
//! unknown here) start with empty lists for the consultant to fill.

use super::model::{CoachingNote, Id, Project, StageChecklist};
use chrono::NaiveDate;

/// The four lists of a stage's checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// Desired behaviours of the seller.
    Behaviours,
    /// Typical mistakes.
    Mistakes,
    /// What to say.
    Say,
    /// What to avoid.
    Avoid,
}

impl ListKind {
    pub const ALL: [ListKind; 4] = [
        ListKind::Behaviours,
        ListKind::Mistakes,
        ListKind::Say,
        ListKind::Avoid,
    ];

    /// Stable slug for test ids and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            ListKind::Behaviours => "behaviours",
            ListKind::Mistakes => "mistakes",
            ListKind::Say => "say",
            ListKind::Avoid => "avoid",
        }
    }
}

/// The list `kind` of a checklist.
pub fn list(c: &StageChecklist, kind: ListKind) -> &Vec<String> {
    match kind {
        ListKind::Behaviours => &c.behaviours,
        ListKind::Mistakes => &c.mistakes,
        ListKind::Say => &c.say,
        ListKind::Avoid => &c.avoid,
    }
}

fn list_mut(c: &mut StageChecklist, kind: ListKind) -> &mut Vec<String> {
    match kind {
        ListKind::Behaviours => &mut c.behaviours,
        ListKind::Mistakes => &mut c.mistakes,
        ListKind::Say => &mut c.say,
        ListKind::Avoid => &mut c.avoid,
    }
}

/// Default content of one stage: behaviours, typical mistakes, what to say, what to avoid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultChecklist {
    pub code: &'static str,
    pub behaviours: &'static [&'static str],
    pub mistakes: &'static [&'static str],
    pub say: &'static [&'static str],
    pub avoid: &'static [&'static str],
}

impl DefaultChecklist {
    /// As a project checklist of stage `stage_id`.
    pub fn to_checklist(&self, stage_id: Id) -> StageChecklist {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        StageChecklist {
            stage_id,
            behaviours: v(self.behaviours),
            mistakes: v(self.mistakes),
            say: v(self.say),
            avoid: v(self.avoid),
        }
    }
}

/// Default checklists for the 14 default ТФС stages (docs/METHOD.md §2.2). Project data, in
/// Russian; the consultant edits it per project.
pub const DEFAULTS: [DefaultChecklist; 14] = [
    DefaultChecklist {
        code: "1",
        behaviours: &[
            "Приходить с поводом, полезным клиенту: кейс, расчёт, приглашение на объект-референс",
            "Выяснять, кто в компании ЛВР, ЛФР и ЛПР по теме, и фиксировать контакты в карте проекта",
            "Договариваться о конкретном следующем шаге — встрече с ЛФР, а не «созвонимся»",
            "Записывать лид сразу: проект, потребность, источник (точка контакта)",
        ],
        mistakes: &[
            "Рассылать прайс и каталог вместо разговора о задачах клиента",
            "Считать лидом любой контакт без конкретного проекта или потребности",
            "Общаться только со снабжением и не выходить на ЛФР",
            "Давить на встречу, когда у клиента нет повода говорить",
        ],
        say: &[
            "«Мы сделали похожий проект на соседнем предприятии — покажу, что получилось»",
            "«Кто у вас отвечает за надёжность насосного парка? С кем правильнее обсудить?»",
            "«Предлагаю 40 минут: разберём ваши задачи, без коммерческой презентации»",
        ],
        avoid: &[
            "«Мы лидеры рынка» и другие заявления без доказательств",
            "Разговор о цене и скидках до того, как понятна задача",
            "Критику действующего поставщика клиента",
        ],
    },
    DefaultChecklist {
        code: "2.1",
        behaviours: &[
            "Выявлять потребности ЛФР вопросами по SPIN: ситуация → проблема → последствия → выгода решения",
            "Слушать больше, чем говорить; записывать формулировки клиента дословно",
            "Подтверждать каждую потребность вслух и связывать её со строкой матрицы преимуществ",
            "Добиваться не менее 3 подтверждённых потребностей (метрика 3+)",
            "Доходить до потребностей 3–4-го порядка: конкретный узел, цифры, последствия",
        ],
        mistakes: &[
            "Презентовать продукт раньше, чем выявлены потребности",
            "Задавать только вопросы о ситуации и не выходить на проблемы и последствия",
            "Принимать первую названную проблему за главную",
            "Подменять потребности клиента своими гипотезами без подтверждения",
        ],
        say: &[
            "«Сколько отказов было за последний год и что они стоили заводу?»",
            "«Что происходит с выпуском, когда насос стоит в ремонте?»",
            "«Правильно ли я понял, что для вас важнее всего…?»",
            "«Если эту проблему решить, что это даст цеху?»",
        ],
        avoid: &[
            "«Наше оборудование решит все ваши проблемы»",
            "Наводящие вопросы, которые навязывают ответ",
            "Спор с оценкой клиента и перебивание",
            "Переход к цене, пока потребности не подтверждены",
        ],
    },
    DefaultChecklist {
        code: "2.2",
        behaviours: &[
            "Выяснять критерии принятия решения и ЛФР, и ЛПР: по каким параметрам будут сравнивать поставщиков",
            "Уточнять, кто ещё участвует в выборе и какой вес у каждого критерия",
            "Аккуратно формировать критерии: предлагать включить в них наши преимущества через потребности клиента",
            "Добиваться не менее 3 выявленных критериев, среди них — наши преимущества (3+)",
            "Готовить КП для ЛФР, построенное на выявленных потребностях и критериях",
        ],
        mistakes: &[
            "Считать, что критерий один — цена",
            "Выяснять критерии только у ЛФР и не знать критериев ЛПР",
            "Отправлять типовое КП, не связанное с критериями клиента",
            "Навязывать критерии напрямую, без опоры на потребности клиента",
        ],
        say: &[
            "«По каким параметрам вы будете сравнивать поставщиков?»",
            "«Кто ещё участвует в выборе и что важно для каждого?»",
            "«Как вы будете оценивать стоимость владения, а не только цену покупки?»",
        ],
        avoid: &[
            "Обещания «подстроиться под любой критерий»",
            "Обсуждение скидки до того, как определены критерии",
            "Обход ЛФР с выходом к ЛПР без его ведома",
        ],
    },
    DefaultChecklist {
        code: "2.3",
        behaviours: &[
            "Проводить брифинг ЛФР: какие исходные данные собрать и как представить ТЭО ЛПР",
            "Считать экономический эффект вместе с ЛФР на цифрах клиента: инвестиции, экономия, окупаемость",
            "Говорить с ЛПР языком денег: эффект, срок окупаемости, риски отказа от решения",
            "Готовить ЛФР к вопросам ЛПР и возражениям финансовой службы",
        ],
        mistakes: &[
            "Отдавать ТЭО ЛПР без подготовки ЛФР — ЛФР не может «продать внутри»",
            "Строить расчёт на наших допущениях, а не на данных клиента",
            "Завышать экономию — одна нестыковка подрывает доверие ко всему ТЭО",
            "Показывать ЛПР технические детали вместо экономического эффекта",
        ],
        say: &[
            "«Какие данные по энергопотреблению насосной есть за 12 месяцев?»",
            "«Кто у ЛПР готовит расчёт окупаемости? Давайте сделаем его вместе»",
            "«Какой срок окупаемости у вас считается приемлемым?»",
            "«Вот расчёт на ваших цифрах — проверьте допущения»",
        ],
        avoid: &[
            "Обещания эффекта, который нельзя проверить",
            "Сложные формулы без пояснения",
            "Давление на ЛФР: он ваш союзник, а не подчинённый",
        ],
    },
    DefaultChecklist {
        code: "3",
        behaviours: &[
            "Подтверждать решение ЛПР в принципе и статью бюджета, с суммой и сроками",
            "Выяснять процедуру согласования: кто подписывает, какие шаги и документы",
            "Поддерживать ЛФР как внутреннего сторонника: давать ему материалы для защиты проекта",
        ],
        mistakes: &[
            "Принимать вежливый интерес ЛПР за решение",
            "Не знать сроков бюджетного цикла клиента",
            "Пропадать после презентации ТЭО, оставляя ЛФР одного",
        ],
        say: &[
            "«Какие шаги нужны, чтобы проект попал в бюджет этого года?»",
            "«Что может помешать решению и как мы можем помочь?»",
            "«Какие документы нужны финансовой службе?»",
        ],
        avoid: &[
            "Давление на ЛПР сроками «акции»",
            "Общие слова вместо конкретного следующего шага",
            "Обсуждение проекта с ЛПР за спиной ЛФР",
        ],
    },
    DefaultChecklist {
        code: "4",
        behaviours: &[
            "Помогать ЛФР составить техническое задание и опросный лист",
            "Добиваться, чтобы в ТЗ вошли наши критерии: КПД, тип уплотнений, сроки ЗИП",
            "Согласовывать ТЗ с ЛВР-эксплуатацией, чтобы не было возражений позже",
        ],
        mistakes: &[
            "Писать ТЗ «под себя» так явно, что его отклонит закупка",
            "Ждать ТЗ от клиента, не предлагая помощь",
            "Не проверять, что итоговая версия ТЗ совпадает с согласованной",
        ],
        say: &[
            "«Давайте я подготовлю проект опросного листа, вы поправите»",
            "«Этот параметр важен для вашей задачи по отказам — предлагаю его зафиксировать»",
            "«Кто ещё должен согласовать ТЗ?»",
        ],
        avoid: &[
            "Требования, которые выгодны только нам",
            "Обещания изменить ТЗ «потом»",
            "Технический жаргон без пояснений для ЛВР",
        ],
    },
    DefaultChecklist {
        code: "5",
        behaviours: &[
            "Строить финальное ТКП от потребностей и критериев клиента, а не от прайса",
            "Показывать экономический эффект из ТЭО рядом с ценой",
            "Обсуждать ТКП с ЛФР до официальной отправки",
            "Указывать срок действия и условия предложения",
        ],
        mistakes: &[
            "Отправлять ТКП письмом без разговора",
            "Перегружать ТКП технической документацией",
            "Давать цену без обоснования её состава",
        ],
        say: &[
            "«Вот как предложение закрывает три задачи, которые вы назвали»",
            "«Давайте пройдём по предложению вместе, прежде чем отправлять официально»",
            "«Что в предложении вызовет вопросы у снабжения?»",
        ],
        avoid: &[
            "Заранее заложенную «скидку для торга» без обоснования",
            "Расплывчатые сроки поставки",
            "Сравнение с конкурентом, которое клиент не просил",
        ],
    },
    DefaultChecklist {
        code: "6",
        behaviours: &[
            "Разбираться в процедуре тендера или включения в проект: сроки, критерии, состав комиссии",
            "Поддерживать контакт с ЛФР и ЛВР-снабжением в рамках правил закупки",
            "Готовить документы без ошибок и в срок — формальная ошибка стоит сделки",
            "В проектном институте работать с ГИП: добиваться включения в спецификацию",
        ],
        mistakes: &[
            "Узнавать о тендере из объявления, а не от ЛФР",
            "Снижать цену до потери маржи, не используя критерии ценности",
            "Нарушать правила закупки в попытке «договориться»",
        ],
        say: &[
            "«Какие документы и в какие сроки нужны для участия?»",
            "«Как будут взвешиваться цена и технические критерии?»",
            "«Нужны ли вам от нас материалы для проектной документации?»",
        ],
        avoid: &[
            "Неформальные договорённости в обход процедуры",
            "Паническое снижение цены",
            "Негатив о конкурентах перед комиссией",
        ],
    },
    DefaultChecklist {
        code: "7",
        behaviours: &[
            "Готовить переговоры: цели, границы уступок, обмен «уступка за уступку»",
            "Обсуждать ценность и стоимость владения, а не только цену",
            "Фиксировать договорённости письменно после каждой встречи",
            "Вести переговоры с ЛПР и снабжением, держа ЛФР в курсе",
        ],
        mistakes: &[
            "Уступать без встречной уступки",
            "Начинать со скидки",
            "Не знать, кто принимает окончательное решение по условиям",
        ],
        say: &[
            "«Если мы сдвигаем срок оплаты, можем ли мы зафиксировать объём?»",
            "«Что для вас важнее: цена, срок поставки или условия оплаты?»",
            "«Давайте зафиксируем, о чём договорились»",
        ],
        avoid: &[
            "Ультиматумы и эмоциональные реакции",
            "Уступки «в последний момент» без обмена",
            "Обещания, которые не согласованы с производством и финансами",
        ],
    },
    DefaultChecklist {
        code: "8",
        behaviours: &[
            "Проверять договор на соответствие согласованным условиям",
            "Благодарить ЛПР и ЛФР и подтверждать план исполнения",
            "Передавать проект в исполнение с полным описанием договорённостей и контактов",
        ],
        mistakes: &[
            "Терять интерес к клиенту сразу после подписания",
            "Не передавать исполнителям обещания, данные клиенту",
            "Затягивать подписание мелкими правками",
        ],
        say: &[
            "«Спасибо за доверие. Вот план поставки и кто за что отвечает»",
            "«С кем на вашей стороне согласовываем график?»",
            "«Через кого держим связь на время производства?»",
        ],
        avoid: &[
            "Новые условия и допродажи в момент подписания",
            "Обещания сроков без подтверждения производства",
            "Молчание до отгрузки",
        ],
    },
    DefaultChecklist {
        code: "9",
        behaviours: &[
            "Сообщать клиенту о ходе производства по согласованному графику",
            "Заранее предупреждать о рисках сроков и предлагать решения",
            "Контролировать поступление аванса корректно, без давления",
        ],
        mistakes: &[
            "Сообщать о задержке в последний день",
            "Перекладывать ответственность на производство перед клиентом",
            "Напоминать об авансе в резкой форме",
        ],
        say: &[
            "«Производство идёт по графику, следующий контроль — …»",
            "«Есть риск сдвига на неделю, предлагаю такой вариант…»",
            "«Подскажите, на каком этапе оплата аванса?»",
        ],
        avoid: &[
            "«Это не от меня зависит»",
            "Обещания, которые не подтверждены производством",
            "Исчезновение до отгрузки",
        ],
    },
    DefaultChecklist {
        code: "10",
        behaviours: &[
            "Присутствовать на ключевых этапах монтажа и пусконаладки",
            "Обучать персонал клиента (ЛВР-эксплуатацию) работе с оборудованием",
            "Быстро реагировать на замечания и фиксировать их закрытие",
            "Фиксировать достигнутый эффект для будущего кейса",
        ],
        mistakes: &[
            "Считать продажу законченной при отгрузке",
            "Спорить с эксплуатацией о причинах замечаний",
            "Не фиксировать фактические показатели после запуска",
        ],
        say: &[
            "«Какие замечания есть у эксплуатации? Закроем их до подписания акта»",
            "«Давайте вместе замерим показатели после запуска»",
            "«Кого из персонала обучить в первую очередь?»",
        ],
        avoid: &[
            "Поиск виноватых на объекте",
            "Обещания доработок без сроков",
            "Отказ от мелких просьб эксплуатации",
        ],
    },
    DefaultChecklist {
        code: "11",
        behaviours: &[
            "Закрывать расчёты корректно и вовремя, сверять документы",
            "Налаживать сервисный контакт: ЗИП, обслуживание, горячая линия",
            "Регулярно интересоваться работой оборудования",
        ],
        mistakes: &[
            "Пропадать после оплаты",
            "Напоминать о долге без сверки документов",
            "Передавать клиента сервису без знакомства",
        ],
        say: &[
            "«Как работает оборудование? Есть ли вопросы к сервису?»",
            "«Познакомлю вас с инженером сервиса, который будет вести объект»",
            "«Давайте сверим закрывающие документы»",
        ],
        avoid: &[
            "Резкий тон в вопросах оплаты",
            "Обещания сервиса, которого нет",
            "Игнорирование жалоб после оплаты",
        ],
    },
    DefaultChecklist {
        code: "12",
        behaviours: &[
            "Просить рекомендательное письмо или согласие на кейс, когда эффект подтверждён",
            "Приглашать других клиентов на объект-референс",
            "Искать следующий проект у клиента и заводить его как новый лид на этапе 1",
            "Благодарить ЛФР и ЛПР публично (с их согласия)",
        ],
        mistakes: &[
            "Не просить отзыв из стеснения",
            "Публиковать кейс без согласования с клиентом",
            "Не спрашивать о следующих задачах клиента",
        ],
        say: &[
            "«Вы получили экономию — можно ли рассказать об этом в кейсе?»",
            "«Какие ещё узлы доставляют похожие проблемы?»",
            "«Можем ли мы привезти к вам коллег с другого предприятия?»",
        ],
        avoid: &[
            "Навязчивые просьбы об отзыве",
            "Преувеличение результатов в кейсе",
            "Переход сразу к новой продаже без подтверждения результата текущей",
        ],
    },
];

/// The English default checklist of stage `stage_id` with code `code`, `None` for a code outside
/// the default list.
pub fn english_checklist(stage_id: Id, code: &str) -> Option<StageChecklist> {
    let i = super::defaults_en::CHECKLIST_CODES
        .iter()
        .position(|c| *c == code.trim())?;
    let [b, m, s, a] = super::defaults_en::CHECKLISTS[i];
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    Some(StageChecklist {
        stage_id,
        behaviours: v(b),
        mistakes: v(m),
        say: v(s),
        avoid: v(a),
    })
}

/// The checklist in force for a stage as shown in `lang`: without the project's own copy, the
/// default follows the UI language (English defaults in English).
pub fn checklist_in(
    p: &Project,
    stage_id: Id,
    lang: crate::i18n::Lang,
) -> (StageChecklist, Source) {
    let own = p.layer5.checklists.iter().any(|c| c.stage_id == stage_id);
    let english = p
        .stage(stage_id)
        .and_then(|s| english_checklist(stage_id, &s.code))
        .filter(|_| !own && lang == crate::i18n::Lang::En);
    match english {
        Some(c) => (c, Source::Default),
        None => checklist_for(p, stage_id),
    }
}

/// Before the first edit in `lang`: the project's own copy made from the checklist shown in
/// `lang` ([`checklist_in`]), so that editing an English default edits the English text.
pub fn copy_default_in(p: &mut Project, stage_id: Id, lang: crate::i18n::Lang) {
    if !p.layer5.checklists.iter().any(|c| c.stage_id == stage_id) && p.stage(stage_id).is_some() {
        let (c, _) = checklist_in(p, stage_id, lang);
        p.layer5.checklists.push(c);
    }
}

/// The default checklist of a stage code, `None` for a code outside the default list.
pub fn default_checklist(stage_code: &str) -> Option<&'static DefaultChecklist> {
    DEFAULTS.iter().find(|d| d.code == stage_code.trim())
}

/// Where a stage's checklist comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The project's edited copy.
    Edited,
    /// The default for the stage code.
    Default,
    /// A custom stage without default and not yet filled.
    Empty,
}

/// The checklist in force for a stage and where it comes from: the project's copy (edited,
/// unless it is the English default of a project created in English), else the default for the
/// stage's code, else empty lists.
pub fn checklist_for(p: &Project, stage_id: Id) -> (StageChecklist, Source) {
    if let Some(c) = p.layer5.checklists.iter().find(|c| c.stage_id == stage_id) {
        let english = p
            .stage(stage_id)
            .and_then(|s| english_checklist(stage_id, &s.code));
        let src = if english.as_ref() == Some(c) {
            Source::Default
        } else {
            Source::Edited
        };
        return (c.clone(), src);
    }
    match p.stage(stage_id).and_then(|s| default_checklist(&s.code)) {
        Some(d) => (d.to_checklist(stage_id), Source::Default),
        None => (
            StageChecklist {
                stage_id,
                behaviours: vec![],
                mistakes: vec![],
                say: vec![],
                avoid: vec![],
            },
            Source::Empty,
        ),
    }
}

/// Whether the stage's checklist has a default to return to.
pub fn has_default(p: &Project, stage_id: Id) -> bool {
    p.stage(stage_id)
        .and_then(|s| default_checklist(&s.code))
        .is_some()
}

/// The project's own copy of the stage's checklist, made from the one in force on first edit.
fn own_copy(p: &mut Project, stage_id: Id) -> Result<&mut StageChecklist, &'static str> {
    if p.stage(stage_id).is_none() {
        return Err("Этап не найден в списке этапов проекта");
    }
    if !p.layer5.checklists.iter().any(|c| c.stage_id == stage_id) {
        let (c, _) = checklist_for(p, stage_id);
        p.layer5.checklists.push(c);
    }
    p.layer5
        .checklists
        .iter_mut()
        .find(|c| c.stage_id == stage_id)
        .ok_or("Этап не найден в списке этапов проекта")
}

fn clean(text: &str) -> Result<String, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        Err("Пункт не может быть пустым")
    } else {
        Ok(t.to_string())
    }
}

/// Adds a point at the end of a list.
pub fn add_point(
    p: &mut Project,
    stage_id: Id,
    kind: ListKind,
    text: &str,
) -> Result<(), &'static str> {
    let t = clean(text)?;
    list_mut(own_copy(p, stage_id)?, kind).push(t);
    Ok(())
}

/// Replaces the text of point `index`.
pub fn edit_point(
    p: &mut Project,
    stage_id: Id,
    kind: ListKind,
    index: usize,
    text: &str,
) -> Result<(), &'static str> {
    let t = clean(text)?;
    let l = list_mut(own_copy(p, stage_id)?, kind);
    let slot = l.get_mut(index).ok_or("Пункт не найден")?;
    *slot = t;
    Ok(())
}

/// Removes point `index`.
pub fn remove_point(
    p: &mut Project,
    stage_id: Id,
    kind: ListKind,
    index: usize,
) -> Result<(), &'static str> {
    let l = list_mut(own_copy(p, stage_id)?, kind);
    if index >= l.len() {
        return Err("Пункт не найден");
    }
    l.remove(index);
    Ok(())
}

/// Moves point `index` one place up (`up`) or down; a move past either end is refused.
pub fn move_point(
    p: &mut Project,
    stage_id: Id,
    kind: ListKind,
    index: usize,
    up: bool,
) -> Result<(), &'static str> {
    let len = list(&checklist_for(p, stage_id).0, kind).len();
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    let Some(other) = other.filter(|o| *o < len && index < len) else {
        return Err("Пункт уже крайний");
    };
    list_mut(own_copy(p, stage_id)?, kind).swap(index, other);
    Ok(())
}

/// «Вернуть по умолчанию»: drops the project's copy, so the default (or, for a custom stage,
/// empty lists) is in force again.
pub fn reset_to_default(p: &mut Project, stage_id: Id) {
    p.layer5.checklists.retain(|c| c.stage_id != stage_id);
}

// ---------------------------------------------------------------------------------------------
// Coaching log
// ---------------------------------------------------------------------------------------------

/// State of a note's follow-up on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// No follow-up date.
    None,
    /// A result is recorded.
    Done,
    /// Follow-up later than the date.
    Planned,
    /// Follow-up on the date, no result yet.
    Due,
    /// Follow-up before the date, no result yet.
    Overdue,
}

impl FollowUp {
    /// Due or overdue: needs the expert's attention.
    pub fn needs_attention(self) -> bool {
        matches!(self, FollowUp::Due | FollowUp::Overdue)
    }
}

/// The follow-up state of `note` as of `as_of`.
pub fn follow_up_state(note: &CoachingNote, as_of: NaiveDate) -> FollowUp {
    if !note.result.trim().is_empty() {
        return FollowUp::Done;
    }
    match note.follow_up {
        None => FollowUp::None,
        Some(d) if d > as_of => FollowUp::Planned,
        Some(d) if d == as_of => FollowUp::Due,
        Some(_) => FollowUp::Overdue,
    }
}

/// Filter of the coaching log (`#/l5/coaching?manager=<id>&stage=<id>`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CoachingFilter {
    pub manager: Option<Id>,
    pub stage: Option<Id>,
    /// Only notes whose follow-up is due or overdue.
    pub due_only: bool,
}

/// Notes matching `f`, newest first (ties in input order).
pub fn filter_notes<'a>(
    p: &'a Project,
    f: &CoachingFilter,
    as_of: NaiveDate,
) -> Vec<&'a CoachingNote> {
    let mut out: Vec<&CoachingNote> = p
        .layer5
        .coaching
        .iter()
        .filter(|n| f.manager.is_none_or(|m| n.manager_id == m))
        .filter(|n| f.stage.is_none_or(|s| n.stage_id == Some(s)))
        .filter(|n| !f.due_only || follow_up_state(n, as_of).needs_attention())
        .collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.date));
    out
}

/// Number of notes of one group (a manager or a stage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupCount {
    /// The manager or stage; `None` for notes without a stage.
    pub id: Option<Id>,
    pub notes: usize,
    /// Notes whose follow-up is due or overdue.
    pub due: usize,
    /// Date of the latest note.
    pub last: Option<NaiveDate>,
}

fn count_into(groups: &mut [GroupCount], id: Option<Id>, n: &CoachingNote, as_of: NaiveDate) {
    if let Some(g) = groups.iter_mut().find(|g| g.id == id) {
        g.notes += 1;
        if follow_up_state(n, as_of).needs_attention() {
            g.due += 1;
        }
        g.last = Some(g.last.map_or(n.date, |l| l.max(n.date)));
    }
}

fn empty_group(id: Option<Id>) -> GroupCount {
    GroupCount {
        id,
        notes: 0,
        due: 0,
        last: None,
    }
}

/// Notes per manager, in the project's manager order; managers without notes are listed with
/// zero (an uncoached manager is worth seeing). Notes of unknown managers are not counted.
pub fn notes_per_manager(p: &Project, as_of: NaiveDate) -> Vec<GroupCount> {
    let mut g: Vec<GroupCount> = p.managers.iter().map(|m| empty_group(Some(m.id))).collect();
    for n in &p.layer5.coaching {
        count_into(&mut g, Some(n.manager_id), n, as_of);
    }
    g
}

/// Notes per stage, in the project's stage order, stages without notes left out; notes
/// without a stage last (id `None`).
pub fn notes_per_stage(p: &Project, as_of: NaiveDate) -> Vec<GroupCount> {
    let mut g: Vec<GroupCount> = p.stages.iter().map(|s| empty_group(Some(s.id))).collect();
    g.push(empty_group(None));
    for n in &p.layer5.coaching {
        let id = n.stage_id.filter(|s| p.stage(*s).is_some());
        count_into(&mut g, id, n, as_of);
    }
    g.retain(|x| x.notes > 0);
    g
}

/// Notes whose follow-up is due or overdue as of `as_of`, oldest follow-up first.
pub fn due_follow_ups(p: &Project, as_of: NaiveDate) -> Vec<&CoachingNote> {
    let mut out: Vec<&CoachingNote> = p
        .layer5
        .coaching
        .iter()
        .filter(|n| follow_up_state(n, as_of).needs_attention())
        .collect();
    out.sort_by_key(|n| n.follow_up);
    out
}

/// Choosing a deal in the form fills its manager and its current stage.
pub fn deal_defaults(p: &Project, deal_id: Id) -> Option<(Option<Id>, Option<Id>)> {
    let d = p.deals.iter().find(|d| d.id == deal_id)?;
    let stage = p.stage(d.stage_id).map(|s| s.id);
    Some((super::layer2::filter::deal_manager(p, d), stage))
}

/// Adds a note or replaces the note with the same id, after checking it: a known manager, a
/// known deal and stage when given, and a follow-up not before the note's date.
pub fn save_note(p: &mut Project, note: CoachingNote) -> Result<(), &'static str> {
    if p.manager(note.manager_id).is_none() {
        return Err("Выберите менеджера");
    }
    if let Some(d) = note.deal_id {
        if !p.deals.iter().any(|x| x.id == d) {
            return Err("Сделка не найдена");
        }
    }
    if let Some(s) = note.stage_id {
        if p.stage(s).is_none() {
            return Err("Этап не найден");
        }
    }
    if note.follow_up.is_some_and(|f| f < note.date) {
        return Err("Дата контроля не может быть раньше даты дотяжки");
    }
    match p.layer5.coaching.iter_mut().find(|n| n.id == note.id) {
        Some(old) => *old = note,
        None => p.layer5.coaching.push(note),
    }
    Ok(())
}

/// Deletes a note; an unknown id is a no-op.
pub fn delete_note(p: &mut Project, id: Id) {
    p.layer5.coaching.retain(|n| n.id != id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer2::stage_list::new_stage;
    use crate::domain::model::new_id;
    use crate::domain::stages::default_stages;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn stage(p: &Project, code: &str) -> Id {
        p.stage_by_code(code).unwrap().id
    }

    fn note(manager: Id, date: NaiveDate) -> CoachingNote {
        CoachingNote {
            id: new_id(),
            manager_id: manager,
            deal_id: None,
            stage_id: None,
            date,
            expert: "Эксперт".into(),
            observations: String::new(),
            agreed_actions: String::new(),
            follow_up: None,
            result: String::new(),
        }
    }

    #[test]
    fn every_default_stage_has_content_in_all_four_lists() {
        let stages = default_stages();
        assert_eq!(stages.len(), 14);
        for s in &stages {
            let c = default_checklist(&s.code).unwrap_or_else(|| panic!("{}", s.code));
            for (name, l) in [
                ("behaviours", c.behaviours),
                ("mistakes", c.mistakes),
                ("say", c.say),
                ("avoid", c.avoid),
            ] {
                assert!(
                    (3..=5).contains(&l.len()),
                    "{} {name}: {} points",
                    s.code,
                    l.len()
                );
                assert!(l.iter().all(|x| !x.trim().is_empty()), "{} {name}", s.code);
            }
        }
        let mut codes: Vec<&str> = DEFAULTS.iter().map(|d| d.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), 14, "one default per code");
    }

    #[test]
    fn content_follows_the_stage_purpose() {
        let all = |code: &str| {
            let c = default_checklist(code).unwrap();
            [c.behaviours, c.mistakes, c.say, c.avoid]
                .concat()
                .join(" ")
        };
        let s21 = all("2.1");
        assert!(s21.contains("SPIN") && s21.contains("ЛФР") && s21.contains("Презентовать"));
        let s22 = all("2.2");
        assert!(s22.contains("критери") && s22.contains("ЛПР"));
        let s23 = all("2.3");
        assert!(s23.contains("ТЭО") && s23.contains("брифинг ЛФР"));
        assert!(all("1").contains("лид"));
    }

    #[test]
    fn english_defaults_mirror_the_russian_ones_and_follow_the_language() {
        use crate::i18n::Lang;
        let cyr = |t: &str| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        assert_eq!(
            super::super::defaults_en::CHECKLIST_CODES.to_vec(),
            DEFAULTS.iter().map(|d| d.code).collect::<Vec<_>>()
        );
        let mut p = demo_project();
        for s in p.stages.clone() {
            let (c, src) = checklist_in(&p, s.id, Lang::En);
            assert_eq!(src, Source::Default, "{}", s.code);
            let ru = checklist_in(&p, s.id, Lang::Ru).0;
            assert_eq!(ru, checklist_for(&p, s.id).0);
            for k in ListKind::ALL {
                assert_eq!(list(&c, k).len(), list(&ru, k).len(), "{} {:?}", s.code, k);
                assert!(list(&c, k).iter().all(|x| !cyr(x)), "{} {:?}", s.code, k);
            }
        }
        let id = p.stages[1].id;
        copy_default_in(&mut p, id, Lang::En);
        add_point(&mut p, id, ListKind::Say, "«Why now?»").unwrap();
        let (c, src) = checklist_in(&p, id, Lang::Ru);
        assert_eq!(
            src,
            Source::Edited,
            "an edited English copy stays in both languages"
        );
        assert_eq!(c.say[0], CHECKLISTS_EN_21_SAY0);
        assert_eq!(c.say.last().map(String::as_str), Some("«Why now?»"));
        reset_to_default(&mut p, id);
        assert_eq!(
            checklist_in(&p, id, Lang::En).0.say[0],
            CHECKLISTS_EN_21_SAY0
        );
        assert!(cyr(&checklist_in(&p, id, Lang::Ru).0.say[0]));
    }

    const CHECKLISTS_EN_21_SAY0: &str =
        "«How many failures did you have last year, and what did they cost the plant?»";

    #[test]
    fn custom_stage_has_no_default_and_empty_lists() {
        let mut p = Project::new_empty("x", d(2025, 3, 31));
        let s = new_stage("2.4", "Пилотные испытания");
        let id = s.id;
        p.stages.insert(4, s);
        assert!(default_checklist("2.4").is_none());
        assert!(!has_default(&p, id));
        let (c, src) = checklist_for(&p, id);
        assert_eq!(src, Source::Empty);
        for k in ListKind::ALL {
            assert!(list(&c, k).is_empty());
        }
        add_point(
            &mut p,
            id,
            ListKind::Say,
            "  «Как будем мерить результат пилота?»  ",
        )
        .unwrap();
        let (c, src) = checklist_for(&p, id);
        assert_eq!(src, Source::Edited);
        assert_eq!(c.say, ["«Как будем мерить результат пилота?»"]);
    }

    #[test]
    fn an_edited_checklist_wins_over_the_default_and_resets() {
        let mut p = Project::new_empty("x", d(2025, 3, 31));
        let s21 = stage(&p, "2.1");
        let (before, src) = checklist_for(&p, s21);
        assert_eq!(src, Source::Default);
        edit_point(&mut p, s21, ListKind::Behaviours, 0, "Слушать").unwrap();
        let (after, src) = checklist_for(&p, s21);
        assert_eq!(src, Source::Edited);
        assert_eq!(after.behaviours[0], "Слушать");
        assert_eq!(after.behaviours[1..], before.behaviours[1..]);
        assert_eq!(
            after.mistakes, before.mistakes,
            "the other lists are copied"
        );
        // Another stage is untouched.
        assert_eq!(checklist_for(&p, stage(&p, "2.2")).1, Source::Default);
        reset_to_default(&mut p, s21);
        assert_eq!(checklist_for(&p, s21), (before, Source::Default));
        assert!(p.layer5.checklists.is_empty());
    }

    #[test]
    fn emptied_lists_stay_empty_rather_than_falling_back() {
        let mut p = Project::new_empty("x", d(2025, 3, 31));
        let s = stage(&p, "3");
        let n = checklist_for(&p, s).0.avoid.len();
        for _ in 0..n {
            remove_point(&mut p, s, ListKind::Avoid, 0).unwrap();
        }
        let (c, src) = checklist_for(&p, s);
        assert_eq!(src, Source::Edited);
        assert!(c.avoid.is_empty());
        assert!(!c.say.is_empty());
        assert!(remove_point(&mut p, s, ListKind::Avoid, 0).is_err());
    }

    #[test]
    fn points_move_within_bounds_and_blank_text_is_refused() {
        let mut p = Project::new_empty("x", d(2025, 3, 31));
        let s = stage(&p, "5");
        let orig = checklist_for(&p, s).0.say;
        assert!(move_point(&mut p, s, ListKind::Say, 0, true).is_err());
        assert!(
            p.layer5.checklists.is_empty(),
            "a refused move does not copy"
        );
        move_point(&mut p, s, ListKind::Say, 0, false).unwrap();
        let now = checklist_for(&p, s).0.say;
        assert_eq!((&now[0], &now[1]), (&orig[1], &orig[0]));
        let last = now.len() - 1;
        assert!(move_point(&mut p, s, ListKind::Say, last, false).is_err());
        assert!(add_point(&mut p, s, ListKind::Say, "   ").is_err());
        assert!(edit_point(&mut p, s, ListKind::Say, 99, "x").is_err());
        assert!(add_point(&mut p, new_id(), ListKind::Say, "x").is_err());
    }

    #[test]
    fn follow_up_states() {
        let as_of = d(2025, 3, 31);
        let mut n = note(new_id(), d(2025, 3, 1));
        assert_eq!(follow_up_state(&n, as_of), FollowUp::None);
        n.follow_up = Some(d(2025, 4, 15));
        assert_eq!(follow_up_state(&n, as_of), FollowUp::Planned);
        n.follow_up = Some(as_of);
        assert_eq!(follow_up_state(&n, as_of), FollowUp::Due);
        n.follow_up = Some(d(2025, 3, 20));
        assert_eq!(follow_up_state(&n, as_of), FollowUp::Overdue);
        assert!(follow_up_state(&n, as_of).needs_attention());
        n.result = "  ".into();
        assert_eq!(
            follow_up_state(&n, as_of),
            FollowUp::Overdue,
            "blank result"
        );
        n.result = "Потребности выявлены".into();
        assert_eq!(follow_up_state(&n, as_of), FollowUp::Done);
    }

    #[test]
    fn filters_and_groups() {
        let mut p = demo_project();
        p.layer5.coaching.clear();
        let as_of = d(2025, 3, 31);
        let (m1, m2) = (p.managers[0].id, p.managers[1].id);
        let s21 = stage(&p, "2.1");
        let mut a = note(m1, d(2025, 3, 1));
        a.stage_id = Some(s21);
        a.follow_up = Some(d(2025, 3, 15));
        let mut b = note(m2, d(2025, 3, 10));
        b.stage_id = Some(s21);
        let c = note(m2, d(2025, 2, 1));
        for n in [a.clone(), b.clone(), c.clone()] {
            save_note(&mut p, n).unwrap();
        }
        let ids = |v: Vec<&CoachingNote>| v.iter().map(|n| n.id).collect::<Vec<_>>();
        let all = CoachingFilter::default();
        assert_eq!(ids(filter_notes(&p, &all, as_of)), [b.id, a.id, c.id]);
        let f = CoachingFilter {
            manager: Some(m2),
            ..all
        };
        assert_eq!(ids(filter_notes(&p, &f, as_of)), [b.id, c.id]);
        let f = CoachingFilter {
            stage: Some(s21),
            ..all
        };
        assert_eq!(ids(filter_notes(&p, &f, as_of)), [b.id, a.id]);
        let f = CoachingFilter {
            manager: Some(m2),
            stage: Some(s21),
            due_only: false,
        };
        assert_eq!(ids(filter_notes(&p, &f, as_of)), [b.id]);
        let f = CoachingFilter {
            due_only: true,
            ..all
        };
        assert_eq!(ids(filter_notes(&p, &f, as_of)), [a.id]);
        assert_eq!(ids(due_follow_ups(&p, as_of)), [a.id]);

        let per_m = notes_per_manager(&p, as_of);
        assert_eq!(
            per_m.len(),
            p.managers.len(),
            "managers without notes listed"
        );
        assert_eq!((per_m[0].notes, per_m[0].due), (1, 1));
        assert_eq!(
            (per_m[1].notes, per_m[1].due, per_m[1].last),
            (2, 0, Some(d(2025, 3, 10)))
        );
        assert_eq!(per_m[2].notes, 0);
        let per_s = notes_per_stage(&p, as_of);
        assert_eq!(per_s.len(), 2);
        assert_eq!((per_s[0].id, per_s[0].notes), (Some(s21), 2));
        assert_eq!(
            (per_s[1].id, per_s[1].notes),
            (None, 1),
            "without stage last"
        );
    }

    #[test]
    fn empty_log() {
        let p = Project::new_empty("x", d(2025, 3, 31));
        let as_of = d(2025, 3, 31);
        assert!(filter_notes(&p, &CoachingFilter::default(), as_of).is_empty());
        assert!(notes_per_manager(&p, as_of).is_empty());
        assert!(notes_per_stage(&p, as_of).is_empty());
        assert!(due_follow_ups(&p, as_of).is_empty());
    }

    #[test]
    fn save_checks_references_and_dates_then_edits_and_deletes() {
        let mut p = demo_project();
        p.layer5.coaching.clear();
        let m = p.managers[0].id;
        assert!(save_note(&mut p, note(new_id(), d(2025, 3, 1))).is_err());
        let mut n = note(m, d(2025, 3, 1));
        n.follow_up = Some(d(2025, 2, 1));
        assert_eq!(
            save_note(&mut p, n.clone()),
            Err("Дата контроля не может быть раньше даты дотяжки")
        );
        n.follow_up = Some(d(2025, 3, 1));
        n.deal_id = Some(new_id());
        assert!(save_note(&mut p, n.clone()).is_err());
        n.deal_id = None;
        save_note(&mut p, n.clone()).unwrap();
        n.observations = "Перебивает клиента".into();
        save_note(&mut p, n.clone()).unwrap();
        assert_eq!(p.layer5.coaching.len(), 1, "same id replaces");
        assert_eq!(p.layer5.coaching[0].observations, "Перебивает клиента");
        delete_note(&mut p, new_id());
        assert_eq!(p.layer5.coaching.len(), 1);
        delete_note(&mut p, n.id);
        assert!(p.layer5.coaching.is_empty());
    }

    #[test]
    fn a_deal_fills_manager_and_current_stage() {
        let p = demo_project();
        let d07 = p.deals.iter().find(|x| x.code == "D07").unwrap();
        let (m, s) = deal_defaults(&p, d07.id).unwrap();
        assert_eq!(
            m.and_then(|m| p.manager(m)).map(|m| m.code.as_str()),
            Some("M2")
        );
        assert_eq!(s, Some(stage(&p, "2.1")));
        assert!(deal_defaults(&p, new_id()).is_none());
    }
}
