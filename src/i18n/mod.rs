//! UI text: one catalogue per language, checked by the compiler.
//!
//! Each screen area has its own struct of `&'static str` fields with a Russian and an English
//! constant, so a missing translation does not compile and strings are never scattered as
//! literals through the views. Formatting of numbers, money and dates lives in [`format`].

pub mod format;
mod shell;

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

/// All UI strings of one language.
pub struct Catalogue {
    pub shell: &'static Shell,
}

static RU: Catalogue = Catalogue { shell: &SHELL_RU };
static EN: Catalogue = Catalogue { shell: &SHELL_EN };

/// The catalogue of a language.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}
