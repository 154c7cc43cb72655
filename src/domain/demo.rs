//! The demo project «ГидроТеплоМаш» (docs/METHOD.md §6): 4 managers, 40 clients with 2024 revenue,
//! 25 deals with stage history, contacts of the A clients, plan figures, touch points and the
//! layer-4 sample artefacts. Its figures are part of the spec: tests check every layer against
//! them, so the data here is transcribed from the tables, never tuned to make a test pass.

use super::model::*;
use super::money::Money;
use super::stages::default_stages;
use chrono::{Duration, NaiveDate};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

const CHANNELS: [&str; 3] = ["Прямые продажи", "Дистрибьюторы", "Проектные институты"];
const REGIONS: [&str; 4] = ["Москва и МО", "Урал", "Поволжье", "Сибирь"];
const LINES: [&str; 2] = ["Насосы", "Теплообменники"];

/// (code, name, region index)
const MANAGERS: [(&str, &str, usize, i64); 4] = [
    ("M1", "Иванов Алексей", 0, 181_000),
    ("M2", "Петрова Мария", 1, 284_000),
    ("M3", "Сидоров Дмитрий", 2, 248_000),
    ("M4", "Кузнецова Елена", 3, 187_000),
];

/// (code, name, industry, channel index, region index, manager index, revenue 2024, deals, cycle)
type ClientRow = (
    &'static str,
    &'static str,
    &'static str,
    usize,
    usize,
    usize,
    i64,
    u32,
    u32,
);
const CLIENTS: [ClientRow; 40] = [
    (
        "K01",
        "ГОК «Малахит»",
        "Горнодобыча",
        0,
        1,
        1,
        150_000,
        3,
        323,
    ),
    (
        "K02",
        "НПЗ «Орион»",
        "Нефтепереработка",
        0,
        2,
        2,
        120_000,
        3,
        295,
    ),
    (
        "K03",
        "ТЭЦ «Сигма» (генкомпания)",
        "Энергетика",
        0,
        3,
        3,
        95_000,
        4,
        330,
    ),
    (
        "K04",
        "ПромТехСнаб (дистрибьютор)",
        "Дистрибуция",
        1,
        0,
        0,
        80_000,
        2,
        227,
    ),
    (
        "K05",
        "Химкомбинат «Альфа»",
        "Химия",
        0,
        2,
        2,
        64_000,
        4,
        301,
    ),
    (
        "K06",
        "ГипроТеплоПроект (проектный институт)",
        "Проектирование",
        2,
        0,
        0,
        52_000,
        4,
        337,
    ),
    (
        "K07",
        "УралНасосТорг (дистрибьютор)",
        "Дистрибуция",
        1,
        1,
        1,
        44_000,
        2,
        204,
    ),
    (
        "K08",
        "Металлургический завод «Вектор»",
        "Металлургия",
        0,
        1,
        1,
        38_000,
        3,
        257,
    ),
    (
        "K09",
        "СибЭнергоПроект (проектный институт)",
        "Проектирование",
        2,
        3,
        3,
        24_000,
        2,
        203,
    ),
    (
        "K10",
        "Водоканал г. Северск-Н (МУП)",
        "ЖКХ/Водоканал",
        0,
        3,
        3,
        19_000,
        4,
        193,
    ),
    (
        "K11",
        "ВолгаПромКомплект (дистрибьютор)",
        "Дистрибуция",
        1,
        2,
        2,
        16_500,
        4,
        171,
    ),
    (
        "K12",
        "Целлюлозный комбинат «Кедр»",
        "ЦБП",
        0,
        3,
        3,
        14_000,
        2,
        166,
    ),
    (
        "K13",
        "Пищекомбинат «Нива»",
        "Пищевая промышленность",
        0,
        0,
        0,
        12_500,
        3,
        147,
    ),
    (
        "K14",
        "ПромИнжПроект (проектный институт)",
        "Проектирование",
        2,
        2,
        2,
        11_000,
        4,
        184,
    ),
    (
        "K15",
        "Азотный завод «Бета»",
        "Химия",
        0,
        1,
        1,
        9_800,
        4,
        173,
    ),
    (
        "K16",
        "ТеплоСетьСервис (дистрибьютор)",
        "Дистрибуция",
        1,
        3,
        3,
        8_700,
        2,
        169,
    ),
    (
        "K17",
        "Завод стройматериалов «Гранит»",
        "Стройматериалы",
        0,
        0,
        0,
        7_600,
        2,
        196,
    ),
    (
        "K18",
        "НИПИ НефтеГазМаш (проектный институт)",
        "Проектирование",
        2,
        1,
        1,
        6_900,
        4,
        98,
    ),
    (
        "K19",
        "Молочный комбинат «Заречье»",
        "Пищевая промышленность",
        0,
        2,
        2,
        6_000,
        2,
        94,
    ),
    (
        "K20",
        "ЭнергоКомплектЦентр (дистрибьютор)",
        "Дистрибуция",
        1,
        0,
        0,
        5_200,
        2,
        35,
    ),
    (
        "K21",
        "Котельная ГК «Теплород»",
        "ЖКХ/Теплоснабжение",
        0,
        1,
        1,
        4_300,
        1,
        69,
    ),
    (
        "K22",
        "Фармзавод «Эпсилон»",
        "Фармацевтика",
        0,
        0,
        0,
        3_700,
        4,
        40,
    ),
    (
        "K23",
        "ВодоПроект-Сибирь (проектный институт)",
        "Проектирование",
        2,
        3,
        3,
        3_100,
        4,
        57,
    ),
    (
        "K24",
        "Пивзавод «Хмель»",
        "Пищевая промышленность",
        0,
        3,
        3,
        2_700,
        2,
        53,
    ),
    (
        "K25",
        "НасосПромСервис (дистрибьютор)",
        "Дистрибуция",
        1,
        2,
        2,
        2_400,
        2,
        60,
    ),
    (
        "K26",
        "Сахарный завод «Свекла»",
        "Пищевая промышленность",
        0,
        2,
        2,
        2_100,
        3,
        51,
    ),
    (
        "K27",
        "Шахта «Глубокая»",
        "Горнодобыча",
        0,
        3,
        3,
        1_900,
        1,
        62,
    ),
    (
        "K28",
        "ТеплоИнжПроект (проектный институт)",
        "Проектирование",
        2,
        0,
        0,
        1_700,
        1,
        49,
    ),
    (
        "K29",
        "Литейный завод «Искра»",
        "Металлургия",
        0,
        1,
        1,
        1_500,
        3,
        46,
    ),
    (
        "K30",
        "Аграрный холдинг «Колос» (элеваторы)",
        "АПК",
        0,
        2,
        2,
        1_300,
        1,
        65,
    ),
    (
        "K31",
        "УралТехКомплект (дистрибьютор)",
        "Дистрибуция",
        1,
        1,
        1,
        1_150,
        3,
        40,
    ),
    (
        "K32",
        "Стекольный завод «Кварц»",
        "Стройматериалы",
        0,
        0,
        0,
        1_000,
        2,
        52,
    ),
    (
        "K33",
        "Горводоканал г. Приволжск-Н",
        "ЖКХ/Водоканал",
        0,
        2,
        2,
        880,
        3,
        21,
    ),
    (
        "K34",
        "Кирпичный завод «Глина»",
        "Стройматериалы",
        0,
        1,
        1,
        760,
        1,
        56,
    ),
    (
        "K35",
        "Сибирский деревообрабатывающий комбинат",
        "Деревообработка",
        0,
        3,
        3,
        650,
        1,
        45,
    ),
    (
        "K36",
        "ИнжСтройПроект (проектный институт)",
        "Проектирование",
        2,
        1,
        1,
        540,
        1,
        74,
    ),
    (
        "K37",
        "Мясокомбинат «Бурёнка»",
        "Пищевая промышленность",
        0,
        0,
        0,
        430,
        3,
        44,
    ),
    (
        "K38",
        "Лакокрасочный завод «Палитра»",
        "Химия",
        0,
        2,
        2,
        330,
        1,
        21,
    ),
    (
        "K39",
        "ПромАрматура-Сибирь (дистрибьютор)",
        "Дистрибуция",
        1,
        3,
        3,
        240,
        1,
        33,
    ),
    (
        "K40",
        "Хлебозавод №5 г. Н-ска",
        "Пищевая промышленность",
        0,
        3,
        3,
        150,
        2,
        23,
    ),
];

/// (code, client, manager index, channel index, title, amount, created, stage code, status,
///  lost reason, needs, criteria, ТЭО investment, ТЭО savings)
type DealRow = (
    &'static str,
    &'static str,
    usize,
    usize,
    &'static str,
    i64,
    (i32, u32, u32),
    &'static str,
    DealStatus,
    &'static str,
    u32,
    u32,
    Option<(i64, i64)>,
);
const DEALS: [DealRow; 25] = [
    (
        "D01",
        "K01",
        1,
        0,
        "Насосная станция оборотного водоснабжения",
        58_000,
        (2024, 10, 14),
        "5",
        DealStatus::Open,
        "",
        4,
        4,
        Some((64_000, 21_500)),
    ),
    (
        "D02",
        "K02",
        2,
        0,
        "Аппараты воздушного охлаждения (АВО) установки",
        42_000,
        (2024, 11, 5),
        "2.3",
        DealStatus::Open,
        "",
        3,
        3,
        Some((47_000, 13_200)),
    ),
    (
        "D03",
        "K03",
        3,
        0,
        "Сетевые насосы ТЭЦ (замена 4 агрегатов)",
        36_000,
        (2024, 9, 2),
        "3",
        DealStatus::Open,
        "",
        5,
        4,
        Some((40_000, 15_800)),
    ),
    (
        "D04",
        "K04",
        0,
        1,
        "Рамочный дилерский договор 2025 (насосы)",
        25_000,
        (2024, 12, 2),
        "7",
        DealStatus::Open,
        "",
        3,
        3,
        None,
    ),
    (
        "D05",
        "K05",
        2,
        0,
        "Пластинчатые теплообменники цеха синтеза",
        18_000,
        (2025, 1, 20),
        "2.2",
        DealStatus::Open,
        "",
        3,
        1,
        None,
    ),
    (
        "D06",
        "K06",
        0,
        2,
        "Оборудование котельной в проекте (spec-in)",
        30_000,
        (2024, 8, 19),
        "6",
        DealStatus::Open,
        "",
        4,
        3,
        Some((33_000, 9_000)),
    ),
    (
        "D07",
        "K07",
        1,
        1,
        "Складская программа дистрибьютора",
        12_000,
        (2025, 2, 10),
        "2.1",
        DealStatus::Open,
        "",
        2,
        0,
        None,
    ),
    (
        "D08",
        "K08",
        1,
        0,
        "Шламовые насосы обогатительного передела",
        22_000,
        (2025, 3, 3),
        "1",
        DealStatus::Open,
        "",
        0,
        0,
        None,
    ),
    (
        "D09",
        "K09",
        3,
        2,
        "Проект водозабора (насосная 2-го подъёма)",
        16_000,
        (2025, 2, 17),
        "2.1",
        DealStatus::Open,
        "",
        1,
        0,
        None,
    ),
    (
        "D10",
        "K01",
        1,
        0,
        "Теплообменники фабрики окомкования",
        27_000,
        (2024, 3, 11),
        "10",
        DealStatus::Won,
        "",
        5,
        4,
        Some((30_000, 12_000)),
    ),
    (
        "D11",
        "K02",
        2,
        0,
        "Модернизация насосов парка резервуаров",
        14_000,
        (2025, 3, 12),
        "1",
        DealStatus::Open,
        "",
        0,
        0,
        None,
    ),
    (
        "D12",
        "K10",
        3,
        0,
        "Насосы станции водоподготовки",
        6_500,
        (2025, 1, 13),
        "2.2",
        DealStatus::Open,
        "",
        3,
        2,
        None,
    ),
    (
        "D13",
        "K11",
        2,
        1,
        "Поставка теплообменников на склад",
        4_800,
        (2024, 11, 18),
        "8",
        DealStatus::Won,
        "",
        3,
        3,
        None,
    ),
    (
        "D14",
        "K12",
        3,
        0,
        "Теплообменник варочного цеха",
        3_900,
        (2024, 12, 9),
        "2.3",
        DealStatus::Open,
        "",
        4,
        3,
        Some((4_400, 1_900)),
    ),
    (
        "D15",
        "K13",
        0,
        0,
        "Насосы CIP-мойки",
        2_600,
        (2025, 2, 5),
        "2.1",
        DealStatus::Open,
        "",
        2,
        0,
        None,
    ),
    (
        "D16",
        "K14",
        2,
        2,
        "Проект ИТП (индивидуальный тепловой пункт)",
        3_400,
        (2025, 3, 17),
        "1",
        DealStatus::Open,
        "",
        0,
        0,
        None,
    ),
    (
        "D17",
        "K15",
        1,
        0,
        "Аммиачные насосы",
        5_200,
        (2024, 7, 22),
        "6",
        DealStatus::Lost,
        "Тендер, цена",
        3,
        2,
        Some((5_600, 1_100)),
    ),
    (
        "D18",
        "K16",
        3,
        1,
        "Насосы для теплосетей (склад)",
        2_100,
        (2025, 1, 27),
        "1",
        DealStatus::Open,
        "",
        0,
        0,
        None,
    ),
    (
        "D19",
        "K17",
        0,
        0,
        "Насосы линии обжига",
        1_800,
        (2024, 11, 25),
        "4",
        DealStatus::Open,
        "",
        3,
        3,
        Some((2_000, 700)),
    ),
    (
        "D20",
        "K19",
        2,
        0,
        "Теплообменник пастеризатора",
        2_300,
        (2024, 10, 7),
        "2.2",
        DealStatus::Lost,
        "Нет бюджета",
        2,
        1,
        None,
    ),
    (
        "D21",
        "K20",
        0,
        1,
        "Комплект насосов под заказ конечного клиента",
        900,
        (2025, 2, 3),
        "3",
        DealStatus::Open,
        "",
        3,
        3,
        None,
    ),
    (
        "D22",
        "K22",
        0,
        0,
        "Насос чистой воды",
        1_200,
        (2025, 3, 5),
        "2.1",
        DealStatus::Open,
        "",
        1,
        0,
        None,
    ),
    (
        "D23",
        "K24",
        3,
        0,
        "Насос сусла",
        700,
        (2025, 3, 20),
        "1",
        DealStatus::Open,
        "",
        0,
        0,
        None,
    ),
    (
        "D24",
        "K26",
        2,
        0,
        "Теплообменник диффузионного отделения",
        850,
        (2025, 1, 29),
        "2.2",
        DealStatus::Open,
        "",
        2,
        2,
        None,
    ),
    (
        "D25",
        "K29",
        1,
        0,
        "Насос системы охлаждения печи",
        600,
        (2025, 3, 24),
        "1",
        DealStatus::Open,
        "",
        0,
        0,
        None,
    ),
];

/// A-client contacts (docs/METHOD.md §6.3): (client, role, name, position)
const CONTACTS: [(&str, Role, &str, &str); 19] = [
    ("K01", Role::Lvr, "Орлов Игорь Петрович", "Начальник цеха"),
    (
        "K01",
        Role::Lfr,
        "Соколов Андрей Викторович",
        "Главный механик",
    ),
    (
        "K01",
        Role::Lpr,
        "Белов Сергей Николаевич",
        "Технический директор",
    ),
    ("K02", Role::Lvr, "Зайцева Ольга Игоревна", "Служба закупок"),
    (
        "K02",
        Role::Lfr,
        "Морозов Павел Андреевич",
        "Главный энергетик",
    ),
    (
        "K02",
        Role::Lpr,
        "Волков Николай Иванович",
        "Главный инженер",
    ),
    (
        "K03",
        Role::Lvr,
        "Лебедев Артём Сергеевич",
        "Начальник турбинного цеха",
    ),
    (
        "K03",
        Role::Lfr,
        "Козлов Виктор Павлович",
        "Зам. главного инженера",
    ),
    (
        "K03",
        Role::Lpr,
        "Новиков Юрий Александрович",
        "Технический директор генкомпании",
    ),
    (
        "K04",
        Role::Lfr,
        "Егорова Анна Михайловна",
        "Продакт-менеджер",
    ),
    (
        "K04",
        Role::Lpr,
        "Павлов Дмитрий Олегович",
        "Коммерческий директор",
    ),
    (
        "K05",
        Role::Lvr,
        "Семёнов Олег Юрьевич",
        "Начальник цеха синтеза",
    ),
    (
        "K05",
        Role::Lfr,
        "Голубев Максим Викторович",
        "Главный механик",
    ),
    (
        "K06",
        Role::Lvr,
        "Виноградова Елена Сергеевна",
        "Инженер-проектировщик",
    ),
    ("K06", Role::Lfr, "Богданов Кирилл Андреевич", "ГИП"),
    (
        "K06",
        Role::Lpr,
        "Воробьёв Геннадий Петрович",
        "Главный инженер института",
    ),
    ("K07", Role::Lfr, "Фёдоров Роман Ильич", "Закупщик"),
    (
        "K08",
        Role::Lvr,
        "Михайлов Степан Фёдорович",
        "Начальник обогатительной фабрики",
    ),
    ("K09", Role::Lfr, "Никитина Светлана Юрьевна", "ГИП"),
];

/// Touch points in Q1 2025 per client (docs/METHOD.md §6.3).
const TOUCHES_Q1: [(&str, u32); 20] = [
    ("K01", 9),
    ("K02", 7),
    ("K03", 8),
    ("K04", 6),
    ("K05", 3),
    ("K06", 5),
    ("K07", 2),
    ("K08", 1),
    ("K09", 2),
    ("K10", 3),
    ("K11", 2),
    ("K12", 3),
    ("K13", 1),
    ("K14", 2),
    ("K15", 1),
    ("K16", 2),
    ("K17", 2),
    ("K18", 0),
    ("K19", 1),
    ("K20", 1),
];

const NEED_TEXTS: [&str; 6] = [
    "Снизить затраты на электроэнергию насосных",
    "Сократить отказы уплотнений и утечки",
    "Сократить простой при ремонте",
    "Упростить подбор оборудования под проект",
    "Соблюсти требования промышленной безопасности",
    "Уложиться в бюджет капремонта",
];
const CRITERIA_TEXTS: [(&str, Role); 4] = [
    ("КПД на рабочей точке", Role::Lfr),
    ("Срок поставки ЗИП", Role::Lfr),
    ("Стоимость владения за 5 лет", Role::Lpr),
    ("Наличие референсов в отрасли", Role::Lpr),
];

fn dims(names: &[&str]) -> Vec<Dimension> {
    names
        .iter()
        .map(|n| Dimension {
            id: new_id(),
            name: n.to_string(),
        })
        .collect()
}

fn line(name: &str, units: i64) -> MoneyLine {
    MoneyLine {
        name: name.to_string(),
        amount: Money::units(units),
    }
}

/// Builds the demo project with fresh ids.
pub fn demo_project() -> Project {
    let as_of = d(2025, 3, 31);
    let mut p = Project::new_empty("Демо: ГидроТеплоМаш", as_of);
    p.company = Company {
        name: "ГидроТеплоМаш".into(),
        money_unit: MoneyUnit::ThousandRub,
        as_of: Some(as_of),
        base_year: 2024,
        plan_year: 2025,
        notes:
            "Вымышленный производитель промышленных насосов и теплообменников (docs/METHOD.md §6)."
                .into(),
    };
    p.channels = dims(&CHANNELS);
    p.regions = dims(&REGIONS);
    p.business_lines = dims(&LINES);
    p.stages = default_stages();
    let ch = |i: usize| p.channels[i].id;

    p.managers = MANAGERS
        .iter()
        .enumerate()
        .map(|(i, (code, name, region, _))| Manager {
            id: new_id(),
            code: code.to_string(),
            name: name.to_string(),
            region_id: Some(p.regions[*region].id),
            channel_ids: p.channels.iter().map(|c| c.id).collect(),
            category_focus: if i == 1 { vec![Category::A] } else { vec![] },
            active: true,
        })
        .collect();

    for (i, row) in CLIENTS.iter().enumerate() {
        let (code, name, industry, channel, region, mgr, revenue, deals, cycle) = *row;
        let id = new_id();
        // A clients buy both lines; the others one line, alternating.
        let lines = if i < 9 {
            vec![p.business_lines[0].id, p.business_lines[1].id]
        } else {
            vec![p.business_lines[i % 2].id]
        };
        p.clients.push(Client {
            id,
            code: code.into(),
            name: name.into(),
            industry: industry.into(),
            channel_id: Some(ch(channel)),
            region_id: Some(p.regions[region].id),
            business_line_ids: lines,
            manager_id: Some(p.managers[mgr].id),
            category_override: None,
            notes: String::new(),
        });
        p.revenues.push(ClientRevenue {
            client_id: id,
            year: 2024,
            amount: Money::units(revenue),
            won_deals: Some(deals),
            avg_cycle_days: Some(cycle as f64),
        });
    }
    let client_id =
        |code: &str, p: &Project| p.clients.iter().find(|c| c.code == code).map(|c| c.id);

    // Contacts of the A clients.
    for (client, role, name, position) in CONTACTS {
        if let Some(cid) = client_id(client, &p) {
            p.contacts.push(Contact {
                id: new_id(),
                client_id: cid,
                name: name.into(),
                position: position.into(),
                roles: vec![role],
                attitude: Some(match role {
                    Role::Lfr => Attitude::Supporter,
                    _ => Attitude::Neutral,
                }),
                influence: Some(match role {
                    Role::Lpr => 9,
                    Role::Lfr => 7,
                    Role::Lvr => 4,
                }),
                access: Some(if role == Role::Lpr {
                    Access::Through
                } else {
                    Access::Direct
                }),
                notes: String::new(),
                influences: vec![],
            });
        }
    }

    add_layer4_samples(&mut p);
    add_deals(&mut p, as_of);
    add_layer1(&mut p);
    add_layer3(&mut p);
    add_layer5(&mut p);
    tick_done_tasks(&mut p);
    p
}

/// The consultant has carried out the tasks of layers 1 and 2 (the company is implementing
/// layer 3): their hand ticks. Results stay computed from the data, so layer 3 is open and
/// layers 4–5 wait for its maps and programme, as the diagnosis of the demo says.
fn tick_done_tasks(p: &mut Project) {
    p.method.ticked = super::method::LAYERS
        .iter()
        .filter(|l| l.n <= 2)
        .flat_map(|l| l.items.iter())
        .filter(|i| i.kind == super::method::ItemKind::Task)
        .map(|i| i.id.to_string())
        .collect();
}

/// Three notes of the expert coaching log (layer 5): one closed, one whose follow-up is overdue
/// on 31.03.2025, one planned for April. They change none of the figures of docs/METHOD.md §6.
fn add_layer5(p: &mut Project) {
    let notes = [
        (
            "D07",
            d(2025, 2, 20),
            "Совместный визит к закупщику дистрибьютора. Менеджер начал с презентации складской программы, потребности ЛФР не выявлены: подтверждены только 2.",
            "Подготовить вопросы 2.1 по SPIN (проблемы со сроками поставки, неликвиды склада); на следующей встрече не презентовать, пока не подтверждены 3 потребности.",
            Some(d(2025, 3, 14)),
            "",
        ),
        (
            "D05",
            d(2025, 3, 5),
            "Разбор звонка главному механику: критерии решения обсуждались только с ЛФР, критерии ЛПР неизвестны; в разговоре сразу предложена скидка.",
            "Выяснить у ЛФР, кто и по каким параметрам будет сравнивать поставщиков; скидку не обсуждать до согласования критериев.",
            Some(d(2025, 3, 21)),
            "Критерий «стоимость владения» включён; ЛПР назван — главный инженер.",
        ),
        (
            "D02",
            d(2025, 3, 24),
            "Подготовка брифинга ЛФР к защите ТЭО: расчёт сделан на наших допущениях, данные по энергопотреблению клиента не запрошены.",
            "Запросить у ЛФР данные за 12 месяцев, пересчитать ТЭО на цифрах клиента, отрепетировать с ЛФР ответы на вопросы финансовой службы.",
            Some(d(2025, 4, 10)),
            "",
        ),
    ];
    for (code, date, observations, actions, follow_up, result) in notes {
        let Some(deal) = p.deals.iter().find(|x| x.code == code) else {
            continue;
        };
        let Some(manager_id) = super::layer2::filter::deal_manager(p, deal) else {
            continue;
        };
        let note = CoachingNote {
            id: new_id(),
            manager_id,
            deal_id: Some(deal.id),
            stage_id: Some(deal.stage_id),
            date,
            expert: "А. Консультантов (внешний эксперт)".into(),
            observations: observations.into(),
            agreed_actions: actions.into(),
            follow_up,
            result: result.into(),
        };
        p.layer5.coaching.push(note);
    }
}

fn add_deals(p: &mut Project, as_of: NaiveDate) {
    let heat = p.business_lines[1].id;
    let pumps = p.business_lines[0].id;
    let advantages: Vec<Id> = p.layer4.advantages.iter().map(|a| a.id).collect();
    for row in DEALS {
        let (
            code,
            client,
            mgr,
            channel,
            title,
            amount,
            created,
            stage,
            status,
            reason,
            needs,
            crit,
            teo,
        ) = row;
        let created = d(created.0, created.1, created.2);
        let Some(cur) = p.stages.iter().position(|s| s.code == stage) else {
            continue;
        };
        let client_id = p.clients.iter().find(|c| c.code == client).map(|c| c.id);
        // Walk from stage 1 to the current one with evenly spread dates; closed deals end
        // earlier, open ones a few days before the snapshot.
        let end = match status {
            DealStatus::Open => as_of - Duration::days(5),
            _ => created + Duration::days(120.min((as_of - created).num_days().max(1))),
        };
        let end = end.max(created);
        let span = (end - created).num_days();
        let history: Vec<StageEntry> = (0..=cur)
            .map(|i| StageEntry {
                stage_id: p.stages[i].id,
                entered: if cur == 0 {
                    created
                } else {
                    created + Duration::days(span * i as i64 / cur as i64)
                },
            })
            .collect();
        let won_at = p
            .stages
            .iter()
            .position(|s| s.is_won)
            .and_then(|w| history.get(w))
            .map(|h| h.entered);
        let closed = match status {
            DealStatus::Won => won_at,
            DealStatus::Lost => Some(end),
            _ => None,
        };
        let contact = client_id.and_then(|c| {
            p.contacts
                .iter()
                .find(|k| k.client_id == c && k.roles.contains(&Role::Lfr))
                .map(|k| k.id)
        });
        let deal_needs = (0..needs as usize)
            .map(|i| DealNeed {
                id: new_id(),
                need_id: p.layer4.needs.get(i).filter(|_| channel == 0).map(|n| n.id),
                text: NEED_TEXTS[i % NEED_TEXTS.len()].into(),
                confirmed_by: contact,
                date: history.get(1).map(|h| h.entered),
            })
            .collect();
        let criteria = (0..crit as usize)
            .map(|i| DealCriterion {
                id: new_id(),
                text: CRITERIA_TEXTS[i % 4].0.into(),
                owner: CRITERIA_TEXTS[i % 4].1,
                weight: None,
                advantage_id: if channel == 0 {
                    advantages.get(i).copied()
                } else {
                    None
                },
                influenced: i < 2,
            })
            .collect();
        let teo = teo.map(|(inv, sav)| {
            let savings = if code == "D01" {
                // The worked example of docs/METHOD.md §5.2.
                vec![
                    line("Электроэнергия (≈256 кВт × 8 400 ч × 6,5 ₽/кВт·ч)", 14_000),
                    line("Ремонты и ЗИП", 4_500),
                    line("Простои", 3_000),
                ]
            } else {
                let parts = Money::units(sav).split(&[65.0, 21.0, 14.0]);
                vec![
                    MoneyLine {
                        name: "Электроэнергия".into(),
                        amount: parts[0],
                    },
                    MoneyLine {
                        name: "Ремонты и ЗИП".into(),
                        amount: parts[1],
                    },
                    MoneyLine {
                        name: "Простои".into(),
                        amount: parts[2],
                    },
                ]
            };
            Teo {
                investment: vec![
                    line("Оборудование", amount),
                    line("Монтаж и пусконаладка", inv - amount),
                ],
                savings,
                opex: vec![],
                alternative_opex: vec![],
                salvage: Money::ZERO,
                horizon_years: 5,
                discount_rate: 15.0,
                presented_on: history.get(3).map(|h| h.entered),
                notes: String::new(),
            }
        });
        let is_heat = title.contains("еплообмен") || title.contains("АВО");
        p.deals.push(Deal {
            id: new_id(),
            code: code.into(),
            client_id,
            manager_id: Some(p.managers[mgr].id),
            channel_id: Some(p.channels[channel].id),
            business_line_id: Some(if is_heat { heat } else { pumps }),
            title: title.into(),
            amount: Money::units(amount),
            created,
            stage_id: p.stages[cur].id,
            status,
            lost_reason: reason.into(),
            closed,
            next_step: if status == DealStatus::Open {
                "Встреча с ЛФР".into()
            } else {
                String::new()
            },
            next_step_date: if status == DealStatus::Open {
                Some(as_of + Duration::days(10))
            } else {
                None
            },
            history,
            needs: deal_needs,
            criteria,
            teo,
            proposal: Proposal {
                lines: vec![SpecLine {
                    name: title.into(),
                    qty: 1.0,
                    unit_price: Money::units(amount),
                }],
                vat_pct: Some(20.0),
                delivery: "12 недель, DAP склад покупателя".into(),
                payment: "30 % аванс, 70 % по факту поставки".into(),
                warranty: "24 месяца".into(),
                validity_days: Some(90),
            },
        });
    }
}

fn add_layer1(p: &mut Project) {
    let l = &mut p.layer1;
    l.company_plan = Money::units(900_000);
    l.category_shares = CategoryValues {
        a: Some(78.0),
        b: Some(15.0),
        c: Some(7.0),
    };
    l.win_rates = CategoryValues {
        a: Some(45.0),
        b: Some(50.0),
        c: Some(60.0),
    };
    l.seasonality = vec![
        6.0, 7.0, 7.0, 8.0, 8.0, 8.0, 8.0, 8.0, 9.0, 10.0, 10.0, 11.0,
    ];
    l.market_volumes = vec![
        MarketVolume {
            year: 2024,
            business_line_id: None,
            amount: Money::units(8_600_000),
        },
        MarketVolume {
            year: 2025,
            business_line_id: None,
            amount: Money::units(9_000_000),
        },
        MarketVolume {
            year: 2025,
            business_line_id: Some(p.business_lines[0].id),
            amount: Money::units(5_400_000),
        },
        MarketVolume {
            year: 2025,
            business_line_id: Some(p.business_lines[1].id),
            amount: Money::units(3_600_000),
        },
    ];
    l.max_a_clients_per_manager = Some(5);
    // Manager plans with the splits layer 1 proposes: channels by the manager's base-year
    // revenue, categories by the company's category goals.
    let plans: Vec<ManagerPlan> = MANAGERS
        .iter()
        .zip(&p.managers)
        .map(|((_, _, _, plan), m)| {
            let amount = Money::units(*plan);
            ManagerPlan {
                manager_id: m.id,
                amount,
                by_channel: super::layer1::propose_channel_split(p, m.id, amount),
                by_category: super::layer1::propose_category_split(p, amount).unwrap_or_default(),
                projects: None,
            }
        })
        .collect();
    let actuals: Vec<Actual> = [30_000, 47_000, 41_000, 30_000]
        .iter()
        .zip(&p.managers)
        .map(|(fact, m)| Actual {
            id: new_id(),
            from: d(2025, 1, 1),
            to: d(2025, 3, 31),
            manager_id: Some(m.id),
            amount: Money::units(*fact),
            note: "Отгрузки с выставленными счетами, I кв. 2025".into(),
        })
        .collect();
    let l = &mut p.layer1;
    l.manager_plans = plans;
    l.actuals = actuals;
    l.hypotheses = vec![
        Hypothesis {
            id: new_id(),
            segment: "Водоканалы городов 100–500 тыс. жителей: замена насосов 2-го подъёма".into(),
            channel_id: Some(p.channels[0].id),
            region_id: Some(p.regions[3].id),
            market_volume: Some(Money::units(600_000)),
            expected_share: Some(5.0),
            rationale: "Программы модернизации ЖКХ, износ насосного парка выше 60 %".into(),
            status: HypothesisStatus::ToCheck,
        },
        Hypothesis {
            id: new_id(),
            segment: "Проектные институты энергетики: spec-in теплообменников".into(),
            channel_id: Some(p.channels[2].id),
            region_id: Some(p.regions[0].id),
            market_volume: Some(Money::units(900_000)),
            expected_share: Some(8.0),
            rationale: "Два успешных проекта с ГипроТеплоПроект в 2024 г.".into(),
            status: HypothesisStatus::Confirmed,
        },
    ];
}

fn add_layer3(p: &mut Project) {
    let templates: [(usize, Role, &[&str]); 9] = [
        (
            0,
            Role::Lpr,
            &[
                "Технический директор",
                "Финансовый директор",
                "Генеральный директор",
            ],
        ),
        (0, Role::Lfr, &["Главный механик", "Главный энергетик"]),
        (
            0,
            Role::Lvr,
            &[
                "Начальник цеха",
                "Служба закупок",
                "Служба ремонта",
                "КИПиА",
            ],
        ),
        (1, Role::Lpr, &["Собственник", "Коммерческий директор"]),
        (1, Role::Lfr, &["Продакт-менеджер", "Закупщик"]),
        (1, Role::Lvr, &["Менеджеры по продажам дистрибьютора"]),
        (
            2,
            Role::Lpr,
            &["Главный инженер института", "Конечный заказчик"],
        ),
        (2, Role::Lfr, &["ГИП", "Начальник технологического отдела"]),
        (2, Role::Lvr, &["Проектировщики", "Сметчики"]),
    ];
    for cat in [Category::A, Category::B] {
        for (ch, role, positions) in templates {
            p.layer3.map_templates.push(MapTemplate {
                channel_id: p.channels[ch].id,
                category: cat,
                role,
                positions: positions.iter().map(|s| s.to_string()).collect(),
            });
        }
    }
    p.layer3.touch_targets = CategoryValues {
        a: Some(6.0),
        b: Some(3.0),
        c: None,
    };

    let a_clients: Vec<Id> = p.clients.iter().take(9).map(|c| c.id).collect();
    let acts = [
        (
            0,
            TouchKind::Exhibition,
            "Выставка «Насосы. Компрессоры. Арматура»",
            d(2025, 2, 18),
            true,
            true,
        ),
        (
            0,
            TouchKind::ReferenceVisit,
            "Экскурсия на объект-референс (ГОК «Малахит»)",
            d(2025, 3, 14),
            true,
            false,
        ),
        (
            0,
            TouchKind::Publication,
            "Публикация кейса ТЭЦ «Сигма» в отраслевом журнале",
            d(2025, 5, 20),
            false,
            true,
        ),
        (
            1,
            TouchKind::Webinar,
            "Вебинар для дистрибьюторов: подбор насосов",
            d(2025, 3, 5),
            true,
            false,
        ),
        (
            1,
            TouchKind::Mailing,
            "Рассылка о складской программе",
            d(2025, 4, 10),
            false,
            true,
        ),
        (
            2,
            TouchKind::Seminar,
            "Технический семинар для проектировщиков",
            d(2025, 2, 26),
            true,
            false,
        ),
        (
            2,
            TouchKind::Publication,
            "Библиотека 3D-моделей для проектировщиков",
            d(2025, 6, 2),
            false,
            true,
        ),
    ];
    for (ch, kind, title, date, done, pr) in acts {
        let channel = p.channels[ch].id;
        let targets: Vec<Id> = a_clients
            .iter()
            .copied()
            .filter(|c| p.client(*c).and_then(|k| k.channel_id) == Some(channel))
            .collect();
        p.layer3.activities.push(Activity {
            id: new_id(),
            channel_id: channel,
            kind,
            title: title.into(),
            planned: date,
            // The manager of the channel's largest A client is responsible.
            manager_id: targets
                .first()
                .and_then(|c| p.client(*c))
                .and_then(|c| c.manager_id),
            target_client_ids: targets,
            budget: Money::units(if kind == TouchKind::Exhibition {
                1_200
            } else {
                150
            }),
            done,
            is_pr: pr,
        });
    }

    let kinds = [
        TouchKind::Visit,
        TouchKind::Call,
        TouchKind::Seminar,
        TouchKind::Webinar,
        TouchKind::Mailing,
        TouchKind::Exhibition,
    ];
    for (code, n) in TOUCHES_Q1 {
        let Some(client) = p.clients.iter().find(|c| c.code == code).map(|c| c.id) else {
            continue;
        };
        let contacts: Vec<Id> = p
            .contacts
            .iter()
            .filter(|k| k.client_id == client)
            .map(|k| k.id)
            .collect();
        for i in 0..n {
            p.layer3.touch_points.push(TouchPoint {
                id: new_id(),
                client_id: client,
                contact_id: if contacts.is_empty() {
                    None
                } else {
                    Some(contacts[i as usize % contacts.len()])
                },
                date: d(2025, 1, 9) + Duration::days((i as i64 * 80) / n.max(1) as i64),
                kind: kinds[i as usize % kinds.len()],
                activity_id: None,
                note: String::new(),
            });
        }
    }
}

fn add_layer4_samples(p: &mut Project) {
    let direct = p.channels[0].id;
    let needs = [
        (
            "Высокие затраты на электроэнергию насосных",
            2u8,
            "Счета за электроэнергию растут, бюджет цеха превышен",
        ),
        (
            "Частые отказы уплотнений, утечки",
            3,
            "Аварийные остановы, штрафы экологов",
        ),
        (
            "Длительный простой при ремонте",
            3,
            "Потеря выпуска продукции на время ожидания ЗИП",
        ),
        (
            "Сложность подбора под проект/реконструкцию",
            3,
            "Ошибки подбора, переделка проекта",
        ),
    ];
    let advantages = [
        (
            "КПД +6–8 % (гидравлика)",
            3u8,
            "Протокол испытаний на стенде, кейс ГОК «Малахит»",
            "Импортный аналог не подтверждает КПД на рабочей точке",
        ),
        (
            "Картриджные торцевые уплотнения",
            3,
            "Наработка на отказ 25 000 ч (кейс НПЗ «Орион»)",
            "Местный конкурент ставит сальниковую набивку",
        ),
        (
            "Склад ЗИП в регионе, 48 ч",
            3,
            "Склады в Екатеринбурге, Самаре, Новосибирске",
            "Импортный аналог: поставка ЗИП 10–12 недель",
        ),
        (
            "Инженерный подбор + 3D-модели",
            3,
            "Библиотека 3D-моделей, 40 проектов 2024 г.",
            "У местного конкурента нет испытательного стенда",
        ),
    ];
    let strength = [[3u8, 0, 0, 1], [0, 3, 1, 0], [0, 2, 3, 0], [1, 0, 0, 3]];
    let l4 = &mut p.layer4;
    for (text, order, problem) in needs {
        l4.needs.push(Need {
            id: new_id(),
            channel_id: direct,
            text: text.into(),
            order,
            role: Role::Lfr,
            problem_if_unsolved: problem.into(),
            parent_id: None,
        });
    }
    for (text, order, proof, vuln) in advantages {
        l4.advantages.push(Advantage {
            id: new_id(),
            channel_id: direct,
            text: text.into(),
            order,
            proof: proof.into(),
            competitor_vulnerability: vuln.into(),
        });
    }
    for (i, row) in strength.iter().enumerate() {
        for (j, s) in row.iter().enumerate() {
            if *s > 0 {
                l4.matrix.push(MatrixCell {
                    need_id: l4.needs[i].id,
                    advantage_id: l4.advantages[j].id,
                    strength: *s,
                });
            }
        }
    }
    let questions = [
        ("2.1", Role::Lfr, QuestionKind::Problem, "Сколько отказов насосов было за последний год и что они стоили заводу?"),
        ("2.2", Role::Lfr, QuestionKind::Situation, "По каким параметрам вы будете сравнивать поставщиков? Кто ещё участвует в выборе?"),
        ("2.3", Role::Lfr, QuestionKind::Situation, "Какие данные по энергопотреблению насосной есть за 12 месяцев? Кто у ЛПР готовит расчёт окупаемости?"),
    ];
    for (stage, role, kind, text) in questions {
        l4.questions.push(Question {
            id: new_id(),
            stage_code: stage.into(),
            channel_id: Some(direct),
            role,
            kind,
            text: text.into(),
            need_ids: vec![],
        });
    }
    l4.payback_threshold_years = Some(3.0);
    l4.briefing = super::tools::default_briefing(crate::i18n::Lang::Ru);
    l4.kp_template = super::tools::default_kp_template(crate::i18n::Lang::Ru);
    l4.teo_template = super::tools::default_teo_template(crate::i18n::Lang::Ru);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_implementing_layer_3() {
        use crate::domain::method::{layer_access, layer_complete, Access};
        let p = demo_project();
        assert!(layer_complete(&p, 1) && layer_complete(&p, 2));
        assert!(
            !layer_complete(&p, 3),
            "the maps of K05, K07, K08, K09 lack the ЛПР"
        );
        assert_eq!(layer_access(&p, 3), Access::Open);
        assert_eq!(layer_access(&p, 4), Access::Locked { waiting_for: 3 });
        assert_eq!(layer_access(&p, 5), Access::Locked { waiting_for: 3 });
    }

    #[test]
    fn demo_has_the_tables_of_domain_md() {
        let p = demo_project();
        assert_eq!(p.managers.len(), 4);
        assert_eq!(p.clients.len(), 40);
        assert_eq!(p.deals.len(), 25);
        assert_eq!(p.stages.len(), 14);
        let total: Money = p.revenues.iter().map(|r| r.amount).sum();
        assert_eq!(total, Money::units(815_030));
        let won: u32 = p.revenues.iter().filter_map(|r| r.won_deals).sum();
        assert_eq!(won, 100);
        let plans: Money = p.layer1.manager_plans.iter().map(|m| m.amount).sum();
        assert_eq!(plans, Money::units(900_000));
        let fact: Money = p.layer1.actuals.iter().map(|a| a.amount).sum();
        assert_eq!(fact, Money::units(148_000));
        let a_touch: usize = p
            .layer3
            .touch_points
            .iter()
            .filter(|t| {
                p.client(t.client_id)
                    .map(|c| c.code.as_str() <= "K09")
                    .unwrap_or(false)
            })
            .count();
        assert_eq!(a_touch, 43);
        assert_eq!(p.contacts.len(), 19);
    }

    #[test]
    fn deal_histories_walk_from_stage_one_in_date_order() {
        let p = demo_project();
        for deal in &p.deals {
            assert_eq!(
                deal.history.first().map(|h| h.stage_id),
                Some(p.stages[0].id),
                "{}",
                deal.code
            );
            assert_eq!(
                deal.history.last().map(|h| h.stage_id),
                Some(deal.stage_id),
                "{}",
                deal.code
            );
            assert_eq!(deal.history[0].entered, deal.created);
            assert!(
                deal.history
                    .windows(2)
                    .all(|w| w[0].entered <= w[1].entered),
                "{}",
                deal.code
            );
            assert!(deal.history.iter().all(|h| h.entered <= d(2025, 3, 31)));
        }
        let d01 = p.deals.iter().find(|x| x.code == "D01").unwrap();
        let inv: Money = d01
            .teo
            .as_ref()
            .unwrap()
            .investment
            .iter()
            .map(|l| l.amount)
            .sum();
        let sav: Money = d01
            .teo
            .as_ref()
            .unwrap()
            .savings
            .iter()
            .map(|l| l.amount)
            .sum();
        assert_eq!((inv, sav), (Money::units(64_000), Money::units(21_500)));
    }
}
