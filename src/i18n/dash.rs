//! Strings of the screen «Панель». `{}` marks where a value goes (see [`fill`](super::fill)).

/// Strings of this screen.
pub struct Dash {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
}

pub const DASH_RU: Dash = Dash {
    nav: "Панель",
    title: "Панель",
    lead: "Метрики всех слоёв одним взглядом",
};

pub const DASH_EN: Dash = Dash {
    nav: "Dashboard",
    title: "Dashboard",
    lead: "Every layer's metrics at a glance",
};
