//! Strings of the screen «Диагностика». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct Diag {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
}

pub const DIAG_RU: Diag = Diag {
    nav: "Диагностика",
    title: "Диагностика",
    lead: "Сверху вниз: слой, где проблема локализована, доказательства и действия",
};

pub const DIAG_EN: Diag = Diag {
    nav: "Diagnosis",
    title: "Diagnosis",
    lead: "Top-down: the layer where the problem is, the evidence, the actions",
};
