//! Strings of the screen «Слой 3 — стратегия для клиентов A и B». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct L3 {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
}

pub const L3_RU: L3 = L3 {
    nav: "3. Клиенты A и B",
    title: "Слой 3 — стратегия для клиентов A и B",
    lead: "Карты проекта с ЛВР/ЛФР/ЛПР, программа продвижения и PR, точки контакта",
};

pub const L3_EN: L3 = L3 {
    nav: "3. A and B clients",
    title: "Layer 3 — strategy for A and B clients",
    lead: "Project maps with ЛВР/ЛФР/ЛПР, promotion programme and PR, touch points",
};
