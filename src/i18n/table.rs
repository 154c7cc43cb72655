//! Words for a file that was not read as a table ([`TableError`]: CSV and Excel books), in the
//! UI language. Names from the file (parts, sheets) are quoted as they are.

use super::{fill, Lang};
use crate::persist::table::TableError;

/// Why a chosen file was not read as a table, as one or two sentences.
pub fn table_error_text(e: &TableError, lang: Lang) -> String {
    // One template per variant and one `fill`: the import screen's part stays small.
    let none: Vec<&str> = vec![];
    let (ru, en, values): (&str, &str, Vec<&str>) = match e {
        TableError::Unreadable => (
            "Файл не читается (нет доступа или он повреждён).",
            "The file cannot be read (no access, or it is damaged).",
            none,
        ),
        TableError::Csv(d) => (
            "Файл не читается как таблица CSV: {}",
            "The file cannot be read as a CSV table: {}",
            vec![d],
        ),
        TableError::Empty => (
            "Файл пуст: в нём нет ни одной непустой строки, а первая должна быть строкой заголовков.",
            "The file is empty: it has no non-empty line, and the first one must be the header row.",
            none,
        ),
        TableError::NamedExcelNotExcel => (
            "Файл назван как книга Excel, но книгой Excel не является (повреждён или переименован). Сохраните его в Excel как «Книга Excel (.xlsx)» или CSV.",
            "The file is named as an Excel book but is none (damaged or renamed). Save it in Excel as «Excel Workbook (.xlsx)» or CSV.",
            none,
        ),
        TableError::OldOrEncrypted => (
            "Это книга Excel старого формата (.xls) или книга, защищённая паролем: такие файлы не читаются. Откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel (.xlsx)» или CSV.",
            "This is an old-format Excel book (.xls) or a password-protected one: such files cannot be read. Open it in Excel, remove the password if there is one, and save it as «Excel Workbook (.xlsx)» or CSV.",
            none,
        ),
        TableError::Damaged => (
            "Файл .xlsx повреждён или загружен не полностью: архив не распаковывается. Откройте его в Excel и сохраните заново.",
            "The .xlsx file is damaged or was loaded only partly: the archive does not unpack. Open it in Excel and save it again.",
            none,
        ),
        TableError::NotABook => (
            "Это архив ZIP, но не книга Excel (.xlsx): в нём нет листов книги.",
            "This is a ZIP archive but not an Excel book (.xlsx): it has no worksheets.",
            none,
        ),
        TableError::PartTooBig { part, max_mb } => {
            let mb = max_mb.to_string();
            return fill(
                lang.pick(
                    "Книга Excel слишком велика: часть «{}» занимает в распакованном виде больше {} МБ.",
                    "The Excel book is too big: its part «{}» takes more than {} MB unpacked.",
                ),
                &[part, &mb],
            );
        }
        TableError::UnknownCompression { part, method } => {
            let m = method.to_string();
            return fill(
                lang.pick(
                    "Книга Excel не читается: часть «{}» сжата неизвестным способом ({}). Сохраните книгу в Excel заново.",
                    "The Excel book cannot be read: its part «{}» is packed by an unknown method ({}). Save the book in Excel again.",
                ),
                &[part, &m],
            );
        }
        TableError::NotUtf8 { part } => (
            "Книга Excel не читается: часть «{}» не в кодировке UTF-8.",
            "The Excel book cannot be read: its part «{}» is not UTF-8 text.",
            vec![part],
        ),
        TableError::Markup { part, detail } => (
            "Книга Excel не читается: ошибка в разметке «{}» ({}).",
            "The Excel book cannot be read: a markup error in «{}» ({}).",
            vec![part, detail],
        ),
        TableError::Unterminated { part, cell } => (
            "Книга Excel не читается: ошибка в разметке «{}» ({}).",
            "The Excel book cannot be read: a markup error in «{}» ({}).",
            vec![
                part,
                match cell {
                    true => lang.pick("нет конца ячейки", "a cell does not end"),
                    false => lang.pick("нет конца строки", "a string does not end"),
                },
            ],
        ),
        TableError::MissingString => (
            "Книга Excel не читается: ячейка ссылается на строку, которой нет в таблице строк книги.",
            "The Excel book cannot be read: a cell refers to a string that is not in the book's string table.",
            none,
        ),
        TableError::NoSheets => (
            "В книге Excel нет ни одного листа.",
            "The Excel book has no worksheets.",
            none,
        ),
        TableError::NoSuchSheet(s) => (
            "В книге нет листа «{}».",
            "The book has no worksheet «{}».",
            vec![s],
        ),
        TableError::SheetEmpty(s) => (
            "Лист «{}» пуст: нет строки заголовков.",
            "The worksheet «{}» is empty: it has no header row.",
            vec![s],
        ),
        TableError::AllSheetsEmpty => (
            "В книге Excel все листы пустые.",
            "All worksheets of the Excel book are empty.",
            none,
        ),
        TableError::Sheet { sheet, error } => {
            let inner = table_error_text(error, lang);
            return fill(
                lang.pick(
                    "Лист «{}» не читается: {}",
                    "The worksheet «{}» cannot be read: {}",
                ),
                &[sheet, &inner],
            );
        }
    };
    fill(lang.pick(ru, en), &values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::app_russian;

    /// One value of every variant with the Russian text the readers wrote before they returned
    /// typed errors. The `match` makes a new variant a compile error until it has a case here.
    fn cases() -> Vec<(TableError, &'static str)> {
        let p = || "xl/worksheets/sheet1.xml".to_string();
        let v = vec![
            (
                TableError::Unreadable,
                "Файл не читается (нет доступа или он повреждён).",
            ),
            (
                TableError::Csv("found record with 2 fields".into()),
                "Файл не читается как таблица CSV: found record with 2 fields",
            ),
            (
                TableError::Empty,
                "Файл пуст: в нём нет ни одной непустой строки, а первая должна быть строкой заголовков.",
            ),
            (
                TableError::NamedExcelNotExcel,
                "Файл назван как книга Excel, но книгой Excel не является (повреждён или переименован). Сохраните его в Excel как «Книга Excel (.xlsx)» или CSV.",
            ),
            (
                TableError::OldOrEncrypted,
                "Это книга Excel старого формата (.xls) или книга, защищённая паролем: такие файлы не читаются. Откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel (.xlsx)» или CSV.",
            ),
            (
                TableError::Damaged,
                "Файл .xlsx повреждён или загружен не полностью: архив не распаковывается. Откройте его в Excel и сохраните заново.",
            ),
            (
                TableError::NotABook,
                "Это архив ZIP, но не книга Excel (.xlsx): в нём нет листов книги.",
            ),
            (
                TableError::PartTooBig { part: p(), max_mb: 256 },
                "Книга Excel слишком велика: часть «xl/worksheets/sheet1.xml» занимает в распакованном виде больше 256 МБ.",
            ),
            (
                TableError::UnknownCompression { part: p(), method: 12 },
                "Книга Excel не читается: часть «xl/worksheets/sheet1.xml» сжата неизвестным способом (12). Сохраните книгу в Excel заново.",
            ),
            (
                TableError::NotUtf8 { part: p() },
                "Книга Excel не читается: часть «xl/worksheets/sheet1.xml» не в кодировке UTF-8.",
            ),
            (
                TableError::Markup { part: p(), detail: "unexpected end".into() },
                "Книга Excel не читается: ошибка в разметке «xl/worksheets/sheet1.xml» (unexpected end).",
            ),
            (
                TableError::Unterminated { part: p(), cell: true },
                "Книга Excel не читается: ошибка в разметке «xl/worksheets/sheet1.xml» (нет конца ячейки).",
            ),
            (
                TableError::Unterminated { part: p(), cell: false },
                "Книга Excel не читается: ошибка в разметке «xl/worksheets/sheet1.xml» (нет конца строки).",
            ),
            (
                TableError::MissingString,
                "Книга Excel не читается: ячейка ссылается на строку, которой нет в таблице строк книги.",
            ),
            (TableError::NoSheets, "В книге Excel нет ни одного листа."),
            (TableError::NoSuchSheet("Totals".into()), "В книге нет листа «Totals»."),
            (
                TableError::SheetEmpty("Totals".into()),
                "Лист «Totals» пуст: нет строки заголовков.",
            ),
            (TableError::AllSheetsEmpty, "В книге Excel все листы пустые."),
            (
                TableError::Sheet {
                    sheet: "Sheet1".into(),
                    error: Box::new(TableError::MissingString),
                },
                "Лист «Sheet1» не читается: Книга Excel не читается: ячейка ссылается на строку, которой нет в таблице строк книги.",
            ),
        ];
        for (e, _) in &v {
            match e {
                TableError::Unreadable
                | TableError::Csv(_)
                | TableError::Empty
                | TableError::NamedExcelNotExcel
                | TableError::OldOrEncrypted
                | TableError::Damaged
                | TableError::NotABook
                | TableError::PartTooBig { .. }
                | TableError::UnknownCompression { .. }
                | TableError::NotUtf8 { .. }
                | TableError::Markup { .. }
                | TableError::Unterminated { .. }
                | TableError::MissingString
                | TableError::NoSheets
                | TableError::NoSuchSheet(_)
                | TableError::SheetEmpty(_)
                | TableError::AllSheetsEmpty
                | TableError::Sheet { .. } => {}
            }
        }
        v
    }

    #[test]
    fn russian_text_is_what_users_saw_and_english_has_no_russian() {
        for (e, ru) in cases() {
            assert_eq!(table_error_text(&e, Lang::Ru), ru);
            let en = table_error_text(&e, Lang::En);
            assert!(!app_russian(&en), "{en}");
        }
    }
}
