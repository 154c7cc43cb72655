//! Strings of the screen «Слой 1 — цели и планы». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct L1 {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
}

pub const L1_RU: L1 = L1 {
    nav: "1. Цели и планы",
    title: "Слой 1 — цели и планы",
    lead: "Коммерческие цели компании и рассчитанные планы продаж",
};

pub const L1_EN: L1 = L1 {
    nav: "1. Goals and plans",
    title: "Layer 1 — goals and plans",
    lead: "The company's commercial goals and calculated sales plans",
};
