//! Strings of the screen «Слой 4 — инструменты этапов ТФС». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct L4 {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
}

pub const L4_RU: L4 = L4 {
    nav: "4. Инструменты",
    title: "Слой 4 — инструменты этапов ТФС",
    lead: "Матрица преимуществ, вопросники ЛФР/ЛПР, инструктаж ЛФР, КП и ТЭО",
};

pub const L4_EN: L4 = L4 {
    nav: "4. Tools",
    title: "Layer 4 — tools for the ТФС stages",
    lead: "Advantage matrix, question lists for ЛФР/ЛПР, ЛФР briefing, КП and ТЭО",
};
