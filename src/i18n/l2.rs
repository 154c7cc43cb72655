//! Strings of the screen «Слой 2 — воронка продаж». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct L2 {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
}

pub const L2_RU: L2 = L2 {
    nav: "2. Воронка",
    title: "Слой 2 — воронка продаж",
    lead: "Табло ведения счёта по этапам ТФС: все текущие проекты каждого менеджера, конверсия, деньги",
};

pub const L2_EN: L2 = L2 {
    nav: "2. Funnel",
    title: "Layer 2 — sales funnel",
    lead: "The scoreboard on the ТФС stages: every current project of every manager, conversion, money",
};
