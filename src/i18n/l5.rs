//! Strings of the screen «Слой 5 — психология работы с клиентом». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct L5 {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    /// Link from a missing method-map result to the screen where it is fixed.
    pub fix_link: &'static str,
}

pub const L5_RU: L5 = L5 {
    nav: "5. Психология",
    title: "Слой 5 — психология работы с клиентом",
    lead: "Поведение на каждом этапе ТФС и экспертная дотяжка",
    fix_link: "→ где исправить",
};

pub const L5_EN: L5 = L5 {
    nav: "5. Psychology",
    title: "Layer 5 — psychology of client work",
    lead: "Behaviour at each ТФС stage and expert coaching",
    fix_link: "→ where to fix",
};
