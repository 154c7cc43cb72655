//! The English demo: the Russian demo of [`super::demo`] built by the same builder, with every
//! text it writes replaced by its English counterpart from one (Russian, English) table, and the
//! English defaults of a new project (stage exit criteria, briefing, templates; the layer-5
//! checklists follow the UI language by themselves).
//! Only texts change, so every figure computed from it is the same as from the Russian demo.

use super::defaults_en;
use super::demo::demo_project;
use super::model::Project;
use crate::i18n::Lang;

/// (Russian, English) of every text the demo builder writes.
const EN: &[(&str, &str)] = &[
    ("Демо: ГидроТеплоМаш", "Demo: HydroTherm Machinery"),
    ("ГидроТеплоМаш", "HydroTherm Machinery"),
    (
        "Вымышленный производитель промышленных насосов и теплообменников (docs/METHOD.md §6).",
        "A fictitious maker of industrial pumps and heat exchangers (docs/METHOD.md §6).",
    ),
    ("Прямые продажи", "Direct sales"),
    ("Дистрибьюторы", "Distributors"),
    ("Проектные институты", "Design institutes"),
    ("Москва и МО", "Moscow region"),
    ("Урал", "Urals"),
    ("Поволжье", "Volga"),
    ("Сибирь", "Siberia"),
    ("Насосы", "Pumps"),
    ("Теплообменники", "Heat exchangers"),
    ("Иванов Алексей", "Alexey Ivanov"),
    ("Петрова Мария", "Maria Petrova"),
    ("Сидоров Дмитрий", "Dmitry Sidorov"),
    ("Кузнецова Елена", "Elena Kuznetsova"),
    // Clients.
    ("ГОК «Малахит»", "Malachite Mining & Processing"),
    ("НПЗ «Орион»", "Orion Refinery"),
    ("ТЭЦ «Сигма» (генкомпания)", "Sigma CHP Plant (power utility)"),
    ("ПромТехСнаб (дистрибьютор)", "PromTechSupply (distributor)"),
    ("Химкомбинат «Альфа»", "Alpha Chemicals"),
    ("ГипроТеплоПроект (проектный институт)", "GiproHeat Design (design institute)"),
    ("УралНасосТорг (дистрибьютор)", "Ural Pump Trading (distributor)"),
    ("Металлургический завод «Вектор»", "Vector Steel Works"),
    ("СибЭнергоПроект (проектный институт)", "SibEnergy Design (design institute)"),
    ("Водоканал г. Северск-Н (МУП)", "Seversk-N Water Utility (municipal)"),
    ("ВолгаПромКомплект (дистрибьютор)", "Volga Industrial Supply (distributor)"),
    ("Целлюлозный комбинат «Кедр»", "Cedar Pulp Mill"),
    ("Пищекомбинат «Нива»", "Niva Food Plant"),
    ("ПромИнжПроект (проектный институт)", "PromEng Design (design institute)"),
    ("Азотный завод «Бета»", "Beta Nitrogen Plant"),
    ("ТеплоСетьСервис (дистрибьютор)", "HeatNet Service (distributor)"),
    ("Завод стройматериалов «Гранит»", "Granite Building Materials"),
    ("НИПИ НефтеГазМаш (проектный институт)", "OilGasMash Research & Design (design institute)"),
    ("Молочный комбинат «Заречье»", "Zarechye Dairy"),
    ("ЭнергоКомплектЦентр (дистрибьютор)", "Energy Supply Centre (distributor)"),
    ("Котельная ГК «Теплород»", "Teplorod Group Boiler House"),
    ("Фармзавод «Эпсилон»", "Epsilon Pharma Plant"),
    ("ВодоПроект-Сибирь (проектный институт)", "WaterDesign Siberia (design institute)"),
    ("Пивзавод «Хмель»", "Hops Brewery"),
    ("НасосПромСервис (дистрибьютор)", "Pump Industrial Service (distributor)"),
    ("Сахарный завод «Свекла»", "Beet Sugar Plant"),
    ("Шахта «Глубокая»", "Deep Mine"),
    ("ТеплоИнжПроект (проектный институт)", "HeatEng Design (design institute)"),
    ("Литейный завод «Искра»", "Spark Foundry"),
    ("Аграрный холдинг «Колос» (элеваторы)", "Kolos Agri Holding (grain elevators)"),
    ("УралТехКомплект (дистрибьютор)", "Ural Tech Supply (distributor)"),
    ("Стекольный завод «Кварц»", "Quartz Glass Works"),
    ("Горводоканал г. Приволжск-Н", "Privolzhsk-N City Water"),
    ("Кирпичный завод «Глина»", "Clay Brick Works"),
    ("Сибирский деревообрабатывающий комбинат", "Siberian Timber Works"),
    ("ИнжСтройПроект (проектный институт)", "EngBuild Design (design institute)"),
    ("Мясокомбинат «Бурёнка»", "Burenka Meat Plant"),
    ("Лакокрасочный завод «Палитра»", "Palette Paint Works"),
    ("ПромАрматура-Сибирь (дистрибьютор)", "Valves Siberia (distributor)"),
    ("Хлебозавод №5 г. Н-ска", "N-sk Bakery No. 5"),
    // Industries.
    ("Горнодобыча", "Mining"),
    ("Нефтепереработка", "Oil refining"),
    ("Энергетика", "Power generation"),
    ("Дистрибуция", "Distribution"),
    ("Химия", "Chemicals"),
    ("Проектирование", "Engineering design"),
    ("Металлургия", "Metals"),
    ("ЖКХ/Водоканал", "Utilities/Water"),
    ("ЦБП", "Pulp and paper"),
    ("Пищевая промышленность", "Food"),
    ("Стройматериалы", "Building materials"),
    ("ЖКХ/Теплоснабжение", "Utilities/District heating"),
    ("Фармацевтика", "Pharmaceuticals"),
    ("АПК", "Agribusiness"),
    ("Деревообработка", "Timber"),
    // Deals.
    ("Насосная станция оборотного водоснабжения", "Recirculating water pump station"),
    ("Аппараты воздушного охлаждения (АВО) установки", "Air coolers for the process unit"),
    ("Сетевые насосы ТЭЦ (замена 4 агрегатов)", "CHP district-heating pumps (4 units replaced)"),
    ("Рамочный дилерский договор 2025 (насосы)", "2025 dealer framework agreement (pumps)"),
    ("Пластинчатые теплообменники цеха синтеза", "Plate heat exchangers for the synthesis unit"),
    ("Оборудование котельной в проекте (spec-in)", "Boiler house equipment in the design (spec-in)"),
    ("Складская программа дистрибьютора", "Distributor stock programme"),
    ("Шламовые насосы обогатительного передела", "Slurry pumps for the concentrator"),
    ("Проект водозабора (насосная 2-го подъёма)", "Water intake design (booster pump station)"),
    ("Теплообменники фабрики окомкования", "Heat exchangers for the pelletising plant"),
    ("Модернизация насосов парка резервуаров", "Tank farm pump upgrade"),
    ("Насосы станции водоподготовки", "Water treatment plant pumps"),
    ("Поставка теплообменников на склад", "Heat exchangers for stock"),
    ("Теплообменник варочного цеха", "Cooking house heat exchanger"),
    ("Насосы CIP-мойки", "CIP cleaning pumps"),
    ("Проект ИТП (индивидуальный тепловой пункт)", "Building heat substation design"),
    ("Аммиачные насосы", "Ammonia pumps"),
    ("Насосы для теплосетей (склад)", "District heating pumps (stock)"),
    ("Насосы линии обжига", "Kiln line pumps"),
    ("Теплообменник пастеризатора", "Pasteuriser heat exchanger"),
    ("Комплект насосов под заказ конечного клиента", "Pump set for an end customer's order"),
    ("Насос чистой воды", "Clean water pump"),
    ("Насос сусла", "Wort pump"),
    ("Теплообменник диффузионного отделения", "Diffusion section heat exchanger"),
    ("Насос системы охлаждения печи", "Furnace cooling pump"),
    ("Тендер, цена", "Tender, price"),
    ("Нет бюджета", "No budget"),
    ("Встреча с ЛФР", "Meeting with the LFR"),
    ("Снизить затраты на электроэнергию насосных", "Cut the power costs of the pump stations"),
    ("Сократить отказы уплотнений и утечки", "Reduce seal failures and leaks"),
    ("Сократить простой при ремонте", "Cut downtime during repairs"),
    ("Упростить подбор оборудования под проект", "Make equipment selection for a project easier"),
    ("Соблюсти требования промышленной безопасности", "Meet industrial safety requirements"),
    ("Уложиться в бюджет капремонта", "Stay within the overhaul budget"),
    ("КПД на рабочей точке", "Efficiency at the duty point"),
    ("Срок поставки ЗИП", "Spare-parts lead time"),
    ("Стоимость владения за 5 лет", "5-year cost of ownership"),
    ("Наличие референсов в отрасли", "References in the industry"),
    (
        "Электроэнергия (≈256 кВт × 8 400 ч × 6,5 ₽/кВт·ч)",
        "Power (≈256 kW × 8,400 h × 6.5 ₽/kWh)",
    ),
    ("Электроэнергия", "Power"),
    ("Ремонты и ЗИП", "Repairs and spare parts"),
    ("Простои", "Downtime"),
    ("Оборудование", "Equipment"),
    ("Монтаж и пусконаладка", "Installation and commissioning"),
    ("12 недель, DAP склад покупателя", "12 weeks, DAP buyer's warehouse"),
    ("30 % аванс, 70 % по факту поставки", "30 % advance, 70 % on delivery"),
    ("24 месяца", "24 months"),
    // Contacts.
    ("Орлов Игорь Петрович", "Igor Orlov"),
    ("Соколов Андрей Викторович", "Andrey Sokolov"),
    ("Белов Сергей Николаевич", "Sergey Belov"),
    ("Зайцева Ольга Игоревна", "Olga Zaitseva"),
    ("Морозов Павел Андреевич", "Pavel Morozov"),
    ("Волков Николай Иванович", "Nikolay Volkov"),
    ("Лебедев Артём Сергеевич", "Artyom Lebedev"),
    ("Козлов Виктор Павлович", "Viktor Kozlov"),
    ("Новиков Юрий Александрович", "Yury Novikov"),
    ("Егорова Анна Михайловна", "Anna Egorova"),
    ("Павлов Дмитрий Олегович", "Dmitry Pavlov"),
    ("Семёнов Олег Юрьевич", "Oleg Semyonov"),
    ("Голубев Максим Викторович", "Maxim Golubev"),
    ("Виноградова Елена Сергеевна", "Elena Vinogradova"),
    ("Богданов Кирилл Андреевич", "Kirill Bogdanov"),
    ("Воробьёв Геннадий Петрович", "Gennady Vorobyov"),
    ("Фёдоров Роман Ильич", "Roman Fyodorov"),
    ("Михайлов Степан Фёдорович", "Stepan Mikhailov"),
    ("Никитина Светлана Юрьевна", "Svetlana Nikitina"),
    // Positions.
    ("Начальник цеха", "Head of production unit"),
    ("Главный механик", "Chief mechanical engineer"),
    ("Технический директор", "Technical director"),
    ("Служба закупок", "Purchasing"),
    ("Главный энергетик", "Chief power engineer"),
    ("Главный инженер", "Chief engineer"),
    ("Начальник турбинного цеха", "Head of the turbine hall"),
    ("Зам. главного инженера", "Deputy chief engineer"),
    ("Технический директор генкомпании", "Technical director of the utility"),
    ("Продакт-менеджер", "Product manager"),
    ("Коммерческий директор", "Commercial director"),
    ("Начальник цеха синтеза", "Head of the synthesis unit"),
    ("Инженер-проектировщик", "Design engineer"),
    ("ГИП", "Chief project engineer"),
    ("Главный инженер института", "Chief engineer of the institute"),
    ("Закупщик", "Buyer"),
    ("Начальник обогатительной фабрики", "Head of the concentrator"),
    ("Финансовый директор", "Finance director"),
    ("Генеральный директор", "Managing director"),
    ("Служба ремонта", "Maintenance department"),
    ("КИПиА", "Instrumentation and control"),
    ("Собственник", "Owner"),
    ("Менеджеры по продажам дистрибьютора", "Distributor's sales managers"),
    ("Конечный заказчик", "End customer"),
    ("Начальник технологического отдела", "Head of the process department"),
    ("Проектировщики", "Design engineers"),
    ("Сметчики", "Cost estimators"),
    // Layer 1.
    ("Отгрузки с выставленными счетами, I кв. 2025", "Invoiced shipments, Q1 2025"),
    (
        "Водоканалы городов 100–500 тыс. жителей: замена насосов 2-го подъёма",
        "Water utilities of cities of 100–500 thousand: replacing booster pumps",
    ),
    (
        "Программы модернизации ЖКХ, износ насосного парка выше 60 %",
        "Utility modernisation programmes; over 60 % of the pump fleet is worn out",
    ),
    (
        "Проектные институты энергетики: spec-in теплообменников",
        "Power-sector design institutes: spec-in of heat exchangers",
    ),
    (
        "Два успешных проекта с ГипроТеплоПроект в 2024 г.",
        "Two successful projects with GiproHeat Design in 2024",
    ),
    // Layer 3.
    (
        "Выставка «Насосы. Компрессоры. Арматура»",
        "«Pumps. Compressors. Valves» trade fair",
    ),
    (
        "Экскурсия на объект-референс (ГОК «Малахит»)",
        "Reference site visit (Malachite Mining & Processing)",
    ),
    (
        "Публикация кейса ТЭЦ «Сигма» в отраслевом журнале",
        "Sigma CHP case study in a trade journal",
    ),
    ("Вебинар для дистрибьюторов: подбор насосов", "Webinar for distributors: pump selection"),
    ("Рассылка о складской программе", "Mailing about the stock programme"),
    ("Технический семинар для проектировщиков", "Technical seminar for design engineers"),
    ("Библиотека 3D-моделей для проектировщиков", "3D model library for design engineers"),
    // Layer 4.
    ("Высокие затраты на электроэнергию насосных", "High power costs of the pump stations"),
    (
        "Счета за электроэнергию растут, бюджет цеха превышен",
        "Power bills keep rising; the department is over budget",
    ),
    ("Частые отказы уплотнений, утечки", "Frequent seal failures, leaks"),
    ("Аварийные остановы, штрафы экологов", "Emergency shutdowns, environmental fines"),
    ("Длительный простой при ремонте", "Long downtime during repairs"),
    (
        "Потеря выпуска продукции на время ожидания ЗИП",
        "Lost output while waiting for spare parts",
    ),
    (
        "Сложность подбора под проект/реконструкцию",
        "Hard to select equipment for a new build or retrofit",
    ),
    ("Ошибки подбора, переделка проекта", "Selection errors, design rework"),
    ("КПД +6–8 % (гидравлика)", "Efficiency +6–8 % (hydraulics)"),
    (
        "Протокол испытаний на стенде, кейс ГОК «Малахит»",
        "Test-bench report, Malachite Mining case study",
    ),
    (
        "Импортный аналог не подтверждает КПД на рабочей точке",
        "The imported alternative does not prove its efficiency at the duty point",
    ),
    ("Картриджные торцевые уплотнения", "Cartridge mechanical seals"),
    (
        "Наработка на отказ 25 000 ч (кейс НПЗ «Орион»)",
        "25,000 h mean time between failures (Orion Refinery case)",
    ),
    (
        "Местный конкурент ставит сальниковую набивку",
        "The local competitor fits gland packing",
    ),
    ("Склад ЗИП в регионе, 48 ч", "Regional spare-parts stock, 48 h"),
    (
        "Склады в Екатеринбурге, Самаре, Новосибирске",
        "Warehouses in Yekaterinburg, Samara, Novosibirsk",
    ),
    (
        "Импортный аналог: поставка ЗИП 10–12 недель",
        "Imported alternative: spare parts in 10–12 weeks",
    ),
    ("Инженерный подбор + 3D-модели", "Engineering selection + 3D models"),
    (
        "Библиотека 3D-моделей, 40 проектов 2024 г.",
        "3D model library, 40 projects in 2024",
    ),
    (
        "У местного конкурента нет испытательного стенда",
        "The local competitor has no test bench",
    ),
    (
        "Сколько отказов насосов было за последний год и что они стоили заводу?",
        "How many pump failures did you have last year, and what did they cost the plant?",
    ),
    (
        "По каким параметрам вы будете сравнивать поставщиков? Кто ещё участвует в выборе?",
        "Which parameters will you compare suppliers on? Who else takes part in the choice?",
    ),
    (
        "Какие данные по энергопотреблению насосной есть за 12 месяцев? Кто у ЛПР готовит расчёт окупаемости?",
        "What power data do you have for the pump station for the last 12 months? Who prepares the payback calculation for the LPR?",
    ),
    // Layer 5.
    ("А. Консультантов (внешний эксперт)", "A. Consultant (external expert)"),
    (
        "Совместный визит к закупщику дистрибьютора. Менеджер начал с презентации складской программы, потребности ЛФР не выявлены: подтверждены только 2.",
        "Joint visit to the distributor's buyer. The manager opened with a presentation of the stock programme; the LFR's needs were not explored: only 2 confirmed.",
    ),
    (
        "Подготовить вопросы 2.1 по SPIN (проблемы со сроками поставки, неликвиды склада); на следующей встрече не презентовать, пока не подтверждены 3 потребности.",
        "Prepare SPIN questions for 2.1 (lead-time problems, dead stock); at the next meeting do not present until 3 needs are confirmed.",
    ),
    (
        "Разбор звонка главному механику: критерии решения обсуждались только с ЛФР, критерии ЛПР неизвестны; в разговоре сразу предложена скидка.",
        "Review of a call to the chief mechanical engineer: decision criteria were discussed with the LFR only, the LPR's criteria are unknown; a discount was offered straight away.",
    ),
    (
        "Выяснить у ЛФР, кто и по каким параметрам будет сравнивать поставщиков; скидку не обсуждать до согласования критериев.",
        "Ask the LFR who will compare suppliers and on which parameters; no discount talk until the criteria are agreed.",
    ),
    (
        "Критерий «стоимость владения» включён; ЛПР назван — главный инженер.",
        "The «cost of ownership» criterion is in; the LPR is named — the chief engineer.",
    ),
    (
        "Подготовка брифинга ЛФР к защите ТЭО: расчёт сделан на наших допущениях, данные по энергопотреблению клиента не запрошены.",
        "Preparing the LFR briefing for the TEO defence: the calculation rests on our assumptions; the client's power data were not requested.",
    ),
    (
        "Запросить у ЛФР данные за 12 месяцев, пересчитать ТЭО на цифрах клиента, отрепетировать с ЛФР ответы на вопросы финансовой службы.",
        "Request 12 months of data from the LFR, recalculate the TEO on the client's figures, rehearse answers to the finance department's questions with the LFR.",
    ),
];

fn tr(s: &mut String) {
    if let Some((_, en)) = EN.iter().find(|(ru, _)| *ru == s.as_str()) {
        *s = en.to_string();
    }
}

/// The English demo: [`demo_project`] with English texts and English defaults; its figures are
/// those of the Russian demo.
pub fn demo_project_en() -> Project {
    to_english(demo_project())
}

/// The demo `p` with its texts in English; ids and figures unchanged.
fn to_english(mut p: Project) -> Project {
    tr(&mut p.name);
    tr(&mut p.company.name);
    tr(&mut p.company.notes);
    for d in p
        .channels
        .iter_mut()
        .chain(&mut p.regions)
        .chain(&mut p.business_lines)
    {
        tr(&mut d.name);
    }
    for (s, en) in p
        .stages
        .iter_mut()
        .zip(super::stages::default_stages_in(Lang::En))
    {
        s.exit_criteria = en.exit_criteria;
        s.tools = en.tools;
    }
    p.managers.iter_mut().for_each(|m| tr(&mut m.name));
    for c in &mut p.clients {
        tr(&mut c.name);
        tr(&mut c.industry);
    }
    for c in &mut p.contacts {
        tr(&mut c.name);
        tr(&mut c.position);
    }
    for d in &mut p.deals {
        tr(&mut d.title);
        tr(&mut d.lost_reason);
        tr(&mut d.next_step);
        d.needs.iter_mut().for_each(|n| tr(&mut n.text));
        d.criteria.iter_mut().for_each(|c| tr(&mut c.text));
        if let Some(t) = &mut d.teo {
            for l in t.investment.iter_mut().chain(&mut t.savings) {
                tr(&mut l.name);
            }
        }
        let pr = &mut d.proposal;
        pr.lines.iter_mut().for_each(|l| tr(&mut l.name));
        tr(&mut pr.delivery);
        tr(&mut pr.payment);
        tr(&mut pr.warranty);
    }
    p.layer1.actuals.iter_mut().for_each(|a| tr(&mut a.note));
    for h in &mut p.layer1.hypotheses {
        tr(&mut h.segment);
        tr(&mut h.rationale);
    }
    for t in &mut p.layer3.map_templates {
        t.positions.iter_mut().for_each(tr);
    }
    p.layer3
        .activities
        .iter_mut()
        .for_each(|a| tr(&mut a.title));
    let l4 = &mut p.layer4;
    for n in &mut l4.needs {
        tr(&mut n.text);
        tr(&mut n.problem_if_unsolved);
    }
    for a in &mut l4.advantages {
        tr(&mut a.text);
        tr(&mut a.proof);
        tr(&mut a.competitor_vulnerability);
    }
    l4.questions.iter_mut().for_each(|q| tr(&mut q.text));
    for (b, (text, unit)) in l4.briefing.iter_mut().zip(defaults_en::BRIEFING) {
        b.text = text.to_string();
        b.unit = unit.to_string();
    }
    l4.kp_template = defaults_en::KP_TEMPLATE.to_string();
    l4.teo_template = defaults_en::TEO_TEMPLATE.to_string();
    for n in &mut p.layer5.coaching {
        tr(&mut n.expert);
        tr(&mut n.observations);
        tr(&mut n.agreed_actions);
        tr(&mut n.result);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_of_the_english_demo_is_english() {
        let mut p = demo_project_en();
        // Both stage names are kept, so that switching the language switches them.
        p.stages.iter_mut().for_each(|s| s.name_ru.clear());
        let json = serde_json::to_string(&p).unwrap();
        let cyr: Vec<&str> = json
            .split('"')
            .filter(|t| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))
            .collect();
        assert!(cyr.is_empty(), "{cyr:#?}");
    }

    #[test]
    fn the_english_demo_computes_what_the_russian_one_does() {
        use crate::domain::diagnostics::{default_period, diagnose};
        use crate::domain::model::Segment;
        let ru = demo_project();
        let en = to_english(ru.clone());
        assert_ne!(ru.clients[0].name, en.clients[0].name);
        let as_of = ru.company.as_of.unwrap();
        // ABC, plans and plan/fact, leads, the funnel and its conversions, the scoreboard…
        let dash = |p: &Project| format!("{:?}", crate::domain::dashboard::dashboard(p, as_of));
        assert_eq!(dash(&ru), dash(&en));
        let abc = |p: &Project| format!("{:?}", crate::domain::layer1::abc::abc_for_project(p));
        assert_eq!(abc(&ru), abc(&en));
        let plans = |p: &Project| {
            let a = crate::domain::layer1::abc::abc_for_project(p);
            format!("{:?}", crate::domain::layer1::manager_plans(p, &a, 1.0))
        };
        assert_eq!(plans(&ru), plans(&en));
        let board = |p: &Project| {
            let deals: Vec<_> = p.deals.iter().collect();
            format!(
                "{:?}{:?}",
                crate::domain::layer2::conversion::funnel_snapshot(p, &deals),
                crate::domain::layer2::scoreboard::scoreboard(p, &deals, as_of)
            )
        };
        assert_eq!(board(&ru), board(&en));
        let dg = |p: &Project| {
            let th = p.diagnosis.thresholds.clone();
            format!(
                "{:?}",
                diagnose(p, default_period(as_of), &Segment::company(), as_of, &th)
            )
        };
        assert_eq!(dg(&ru), dg(&en));
    }
}
