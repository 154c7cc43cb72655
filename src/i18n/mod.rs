//! UI text: one catalogue per language, checked by the compiler.
//!
//! Each screen area has its own struct of `&'static str` fields with a Russian and an English
//! constant, so a missing translation does not compile and strings are never scattered as
//! literals through the views. Formatting of numbers, money and dates lives in [`format`].

mod dash;
mod diag;
pub mod format;
pub mod import;
mod l1;
mod l2;
mod l3;
mod l4;
mod l5;
mod shell;

pub use dash::{Dash, DASH_EN, DASH_RU};
pub use diag::{Diag, DIAG_EN, DIAG_RU};
pub use import::{Import, IMPORT_EN, IMPORT_RU};
pub use l1::{L1, L1_EN, L1_RU};
pub use l2::{L2, L2_EN, L2_RU};
pub use l3::{L3, L3_EN, L3_RU};
pub use l4::{L4, L4_EN, L4_RU};
pub use l5::{L5, L5_EN, L5_RU};
pub use shell::{Shell, SHELL_EN, SHELL_RU};

use serde::{Deserialize, Serialize};

/// UI language. Russian is the default; the method's terms (ЛПР, ЛФР, ТЭО, КП, ТФС) stay
/// Russian in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Lang {
        if s == "en" {
            Lang::En
        } else {
            Lang::Ru
        }
    }
    /// Picks the text of this language.
    pub fn pick<T: ?Sized>(self, ru: &'static T, en: &'static T) -> &'static T {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// Replaces each `{}` in a catalogue string with the next value.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut vals = values.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(vals.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// All UI strings of one language.
pub struct Catalogue {
    pub shell: &'static Shell,
    pub l1: &'static L1,
    pub l2: &'static L2,
    pub l3: &'static L3,
    pub l4: &'static L4,
    pub l5: &'static L5,
    pub diag: &'static Diag,
    pub dash: &'static Dash,
    pub import: &'static Import,
}

static RU: Catalogue = Catalogue {
    shell: &SHELL_RU,
    l1: &L1_RU,
    l2: &L2_RU,
    l3: &L3_RU,
    l4: &L4_RU,
    l5: &L5_RU,
    diag: &DIAG_RU,
    dash: &DASH_RU,
    import: &IMPORT_RU,
};
static EN: Catalogue = Catalogue {
    shell: &SHELL_EN,
    l1: &L1_EN,
    l2: &L2_EN,
    l3: &L3_EN,
    l4: &L4_EN,
    l5: &L5_EN,
    diag: &DIAG_EN,
    dash: &DASH_EN,
    import: &IMPORT_EN,
};

/// The catalogue of a language.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_places_values_in_order() {
        assert_eq!(
            fill("{} клиентов, {} сделок", &["40", "25"]),
            "40 клиентов, 25 сделок"
        );
        assert_eq!(fill("нет значений", &["x"]), "нет значений");
        assert_eq!(fill("{} и {}", &["a"]), "a и ");
    }

    #[test]
    fn catalogues_have_the_same_placeholders() {
        // A translation must take the same number of values as the Russian original.
        let count = |s: &str| s.matches("{}").count();
        let (ru, en) = (&SHELL_RU, &SHELL_EN);
        for (a, b) in [
            (ru.banner_conflict, en.banner_conflict),
            (ru.delete_confirm, en.delete_confirm),
            (ru.counts_label, en.counts_label),
            (ru.import_summary, en.import_summary),
            (ru.layer_locked, en.layer_locked),
            (ru.layer_overridden, en.layer_overridden),
            (ru.col_revenue, en.col_revenue),
            (ru.import_replace_warning, en.import_replace_warning),
        ] {
            assert_eq!(count(a), count(b), "{a} / {b}");
        }
    }
}
