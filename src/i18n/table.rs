//! Words for a file that was not read as a table ([`TableError`]: CSV and Excel books), in the
//! UI language. Names from the file (parts, sheets) are quoted as they are.

use super::Lang;
use crate::persist::table::TableError;

/// Why a chosen file was not read as a table, as one or two sentences.
pub fn table_error_text(e: &TableError, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match e {
        TableError::Unreadable if ru => "Файл не читается (нет доступа или он повреждён).".into(),
        TableError::Unreadable => "The file cannot be read (no access, or it is damaged).".into(),
        TableError::Csv(d) if ru => format!("Файл не читается как таблица CSV: {d}"),
        TableError::Csv(d) => format!("The file cannot be read as a CSV table: {d}"),
        TableError::Empty if ru => {
            "Файл пуст: в нём нет ни одной непустой строки, а первая должна быть строкой заголовков."
                .into()
        }
        TableError::Empty => {
            "The file is empty: it has no non-empty line, and the first one must be the header row."
                .into()
        }
        TableError::NamedExcelNotExcel if ru => {
            "Файл назван как книга Excel, но книгой Excel не является (повреждён или переименован). Сохраните его в Excel как «Книга Excel (.xlsx)» или CSV."
                .into()
        }
        TableError::NamedExcelNotExcel => {
            "The file is named as an Excel book but is none (damaged or renamed). Save it in Excel as «Excel Workbook (.xlsx)» or CSV."
                .into()
        }
        TableError::OldOrEncrypted if ru => {
            "Это книга Excel старого формата (.xls) или книга, защищённая паролем: такие файлы не читаются. Откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel (.xlsx)» или CSV."
                .into()
        }
        TableError::OldOrEncrypted => {
            "This is an old-format Excel book (.xls) or a password-protected one: such files cannot be read. Open it in Excel, remove the password if there is one, and save it as «Excel Workbook (.xlsx)» or CSV."
                .into()
        }
        TableError::Damaged if ru => {
            "Файл .xlsx повреждён или загружен не полностью: архив не распаковывается. Откройте его в Excel и сохраните заново."
                .into()
        }
        TableError::Damaged => {
            "The .xlsx file is damaged or was loaded only partly: the archive does not unpack. Open it in Excel and save it again."
                .into()
        }
        TableError::NotABook if ru => {
            "Это архив ZIP, но не книга Excel (.xlsx): в нём нет листов книги.".into()
        }
        TableError::NotABook => {
            "This is a ZIP archive but not an Excel book (.xlsx): it has no worksheets.".into()
        }
        TableError::PartTooBig { part, max_mb } if ru => format!(
            "Книга Excel слишком велика: часть «{part}» занимает в распакованном виде больше {max_mb} МБ."
        ),
        TableError::PartTooBig { part, max_mb } => format!(
            "The Excel book is too big: its part «{part}» takes more than {max_mb} MB unpacked."
        ),
        TableError::UnknownCompression { part, method } if ru => format!(
            "Книга Excel не читается: часть «{part}» сжата неизвестным способом ({method}). Сохраните книгу в Excel заново."
        ),
        TableError::UnknownCompression { part, method } => format!(
            "The Excel book cannot be read: its part «{part}» is packed by an unknown method ({method}). Save the book in Excel again."
        ),
        TableError::NotUtf8 { part } if ru => {
            format!("Книга Excel не читается: часть «{part}» не в кодировке UTF-8.")
        }
        TableError::NotUtf8 { part } => {
            format!("The Excel book cannot be read: its part «{part}» is not UTF-8 text.")
        }
        TableError::Markup { part, detail } if ru => {
            format!("Книга Excel не читается: ошибка в разметке «{part}» ({detail}).")
        }
        TableError::Markup { part, detail } => {
            format!("The Excel book cannot be read: a markup error in «{part}» ({detail}).")
        }
        TableError::Unterminated { part, cell } if ru => format!(
            "Книга Excel не читается: ошибка в разметке «{part}» ({}).",
            if *cell {
                "нет конца ячейки"
            } else {
                "нет конца строки"
            }
        ),
        TableError::Unterminated { part, cell } => format!(
            "The Excel book cannot be read: a markup error in «{part}» ({}).",
            if *cell {
                "a cell does not end"
            } else {
                "a string does not end"
            }
        ),
        TableError::MissingString if ru => {
            "Книга Excel не читается: ячейка ссылается на строку, которой нет в таблице строк книги."
                .into()
        }
        TableError::MissingString => {
            "The Excel book cannot be read: a cell refers to a string that is not in the book's string table."
                .into()
        }
        TableError::NoSheets if ru => "В книге Excel нет ни одного листа.".into(),
        TableError::NoSheets => "The Excel book has no worksheets.".into(),
        TableError::NoSuchSheet(s) if ru => format!("В книге нет листа «{s}»."),
        TableError::NoSuchSheet(s) => format!("The book has no worksheet «{s}»."),
        TableError::SheetEmpty(s) if ru => format!("Лист «{s}» пуст: нет строки заголовков."),
        TableError::SheetEmpty(s) => format!("The worksheet «{s}» is empty: it has no header row."),
        TableError::AllSheetsEmpty if ru => "В книге Excel все листы пустые.".into(),
        TableError::AllSheetsEmpty => "All worksheets of the Excel book are empty.".into(),
        TableError::Sheet { sheet, error } if ru => format!(
            "Лист «{sheet}» не читается: {}",
            table_error_text(error, lang)
        ),
        TableError::Sheet { sheet, error } => format!(
            "The worksheet «{sheet}» cannot be read: {}",
            table_error_text(error, lang)
        ),
    }
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
