//! UI text: one catalogue per language, checked by the compiler.
//!
//! Each screen area has its own struct of `&'static str` fields with a Russian and an English
//! constant, so a missing translation does not compile and strings are never scattered as
//! literals through the views. Formatting of numbers, money and dates lives in [`format`].

pub mod abc;
mod dash;
mod diag;
pub mod docs;
pub mod edit;
mod export;
pub mod format;
pub mod glossary;
mod guide;
pub mod import;
mod l1;
mod l2;
mod l3;
mod l4;
mod l5;
mod labels;
pub mod load;
pub mod merge;
pub mod present;
mod shell;
pub mod table;

pub use dash::{Dash, DASH_EN, DASH_RU};
pub use diag::{Diag, DIAG_EN, DIAG_RU};
pub use export::{Export, EXPORT_EN, EXPORT_RU};
pub use guide::{Guide, GUIDE_EN, GUIDE_RU};
pub use import::{Import, IMPORT_EN, IMPORT_RU};
pub use l1::{L1, L1_EN, L1_RU};
pub use l2::{L2, L2_EN, L2_RU};
pub use l3::{L3, L3_EN, L3_RU};
pub use l4::{L4, L4_EN, L4_RU};
pub use l5::{L5, L5_EN, L5_RU};
pub use labels::{Labels, LABELS_EN, LABELS_RU};
pub use merge::{Merge, MERGE_EN, MERGE_RU};
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
    /// The language kept in the stored preferences (`{"lang":"en",…}`, written by the store),
    /// read without a JSON parser so that the first screen paints in the user's language
    /// before the code that decodes stored data has arrived. Russian when absent or unreadable.
    pub fn from_prefs(raw: &str) -> Lang {
        let Some(at) = raw.find("\"lang\"") else {
            return Lang::Ru;
        };
        let rest = raw[at + 6..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            return Lang::Ru;
        };
        match rest.trim_start().strip_prefix('"') {
            Some(v) if v.starts_with("en\"") => Lang::En,
            _ => Lang::Ru,
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

/// The method's terms that stay Russian in the English UI too (see [`Lang`]).
pub const METHOD_TERMS: [&str; 6] = ["ЛПР", "ЛФР", "ЛВР", "ТЭО", "КП", "ТФС"];

/// Whether `s` has Russian text the app wrote: any Cyrillic letter outside the method's terms.
/// English texts are checked with it in tests.
pub fn app_russian(s: &str) -> bool {
    let mut rest = s.to_string();
    for t in METHOD_TERMS {
        rest = rest.replace(t, "");
    }
    rest.chars().any(|c| matches!(c, '\u{400}'..='\u{4ff}'))
}

/// The accessible name of an input in a table cell: its column, then its row
/// («Выручка 2024 — ООО Ромашка»), the same in every language.
pub fn cell_name(column: &str, row: &str) -> String {
    format!("{column} — {row}")
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

/// One screen area's strings in one language, reached through `Deref` (`t.get().l1.title`).
///
/// The strings are behind a function rather than a reference in the catalogue, so that they are
/// linked only where a screen reads them: in the split build (`.ci/split.mjs`) each screen's
/// strings travel with that screen's part instead of the main module.
macro_rules! area {
    ($(#[$doc:meta])* $name:ident => $ty:ty, $ru:ident, $en:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(Lang);

        impl $name {
            /// The strings themselves, for code that keeps or passes them on.
            pub fn get(self) -> &'static $ty {
                match self.0 {
                    Lang::Ru => &$ru,
                    Lang::En => &$en,
                }
            }
        }

        impl std::ops::Deref for $name {
            type Target = $ty;
            fn deref(&self) -> &$ty {
                self.get()
            }
        }
    };
}

area!(/// Strings of Слой 1.
    L1Text => L1, L1_RU, L1_EN);
area!(/// Strings of Слой 2.
    L2Text => L2, L2_RU, L2_EN);
area!(/// Strings of Слой 3.
    L3Text => L3, L3_RU, L3_EN);
area!(/// Strings of Слой 4.
    L4Text => L4, L4_RU, L4_EN);
area!(/// Strings of Слой 5 and the layer report.
    L5Text => L5, L5_RU, L5_EN);
area!(/// Strings of the diagnosis.
    DiagText => Diag, DIAG_RU, DIAG_EN);
area!(/// Strings of the dashboard.
    DashText => Dash, DASH_RU, DASH_EN);
area!(/// Strings of the table (CSV/XLSX) imports.
    ImportText => Import, IMPORT_RU, IMPORT_EN);
area!(/// Strings of the merge of two copies of a project.
    MergeText => Merge, MERGE_RU, MERGE_EN);
area!(/// Strings of the guidance (lock banners, first use, empty states).
    GuideText => Guide, GUIDE_RU, GUIDE_EN);
area!(/// Strings of the export controls.
    ExportText => Export, EXPORT_RU, EXPORT_EN);
area!(/// Accessible names only screen readers hear.
    LabelsText => Labels, LABELS_RU, LABELS_EN);

/// All UI strings of one language: the shell's directly (every screen shows the shell), each
/// screen area's through its own accessor.
pub struct Catalogue {
    pub shell: &'static Shell,
    pub l1: L1Text,
    pub l2: L2Text,
    pub l3: L3Text,
    pub l4: L4Text,
    pub l5: L5Text,
    pub diag: DiagText,
    pub dash: DashText,
    pub import: ImportText,
    pub merge: MergeText,
    pub guide: GuideText,
    pub export: ExportText,
    pub labels: LabelsText,
}

impl Catalogue {
    /// The language of this catalogue.
    pub fn lang(&self) -> Lang {
        self.l1.0
    }
}

const fn areas(lang: Lang, shell: &'static Shell) -> Catalogue {
    Catalogue {
        shell,
        l1: L1Text(lang),
        l2: L2Text(lang),
        l3: L3Text(lang),
        l4: L4Text(lang),
        l5: L5Text(lang),
        diag: DiagText(lang),
        dash: DashText(lang),
        import: ImportText(lang),
        merge: MergeText(lang),
        guide: GuideText(lang),
        export: ExportText(lang),
        labels: LabelsText(lang),
    }
}

static RU: Catalogue = areas(Lang::Ru, &SHELL_RU);
static EN: Catalogue = areas(Lang::En, &SHELL_EN);

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
    fn the_language_is_read_from_stored_preferences_without_a_parser() {
        assert_eq!(
            Lang::from_prefs(r#"{"lang":"en","current":null}"#),
            Lang::En
        );
        assert_eq!(
            Lang::from_prefs(r#"{ "current": "x", "lang" : "en" }"#),
            Lang::En
        );
        assert_eq!(Lang::from_prefs(r#"{"lang":"ru"}"#), Lang::Ru);
        assert_eq!(Lang::from_prefs(r#"{"lang":"english"}"#), Lang::Ru);
        assert_eq!(Lang::from_prefs(r#"{"lang":null}"#), Lang::Ru);
        assert_eq!(Lang::from_prefs(r#"{"lang""#), Lang::Ru);
        assert_eq!(Lang::from_prefs(""), Lang::Ru);
        assert_eq!(Lang::from_prefs("not json"), Lang::Ru);
    }

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
            (ru.import_flags_more, en.import_flags_more),
            (ru.undo_title, en.undo_title),
            (ru.redo_title, en.redo_title),
        ] {
            assert_eq!(count(a), count(b), "{a} / {b}");
        }
        let (ru, en) = (&GUIDE_RU, &GUIDE_EN);
        for (a, b) in [
            (ru.locked, en.locked),
            (ru.todo, en.todo),
            (ru.overridden, en.overridden),
            (ru.first_lead, en.first_lead),
            (ru.deal_count, en.deal_count),
        ] {
            assert_eq!(count(a), count(b), "{a} / {b}");
        }
    }
}
