//! Reading Excel workbooks (.xlsx, as 1C and Excel save client bases and CRM exports) into the
//! same [`Table`] as a CSV file, so the import wizard after the file choice is one and the same.
//!
//! A worksheet becomes rows of text the way the CSV path would see them: numbers in the
//! Russian notation the number parser reads exactly (`1234567.89` → `1234567,89`, rounded to
//! Excel's 15 significant digits so formula results carry no float tails), date cells as
//! `ДД.ММ.ГГГГ`, empty rows skipped and each row numbered as Excel numbers it, so a report's
//! «строка N» is the row the user finds in Excel. The file is recognised by its bytes (the
//! `PK` zip signature; the OLE signature of an old .xls or a password-protected book gets its
//! own message), not by its name. Pure and native-tested; the browser only hands over bytes.

use super::table::{Row, Table};
use calamine::{Data, Reader, Xlsx, XlsxError};
use std::io::Cursor;

/// The zip signature every .xlsx starts with.
const ZIP_MAGIC: &[u8] = b"PK";
/// The OLE compound-file signature: old .xls books and password-protected (encrypted) .xlsx.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Message for an old-format or password-protected book.
pub const OLE_MESSAGE: &str = "Это книга Excel старого формата (.xls) или книга, защищённая паролем: такие файлы не читаются. Откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel (.xlsx)» или CSV.";

/// True when the bytes are a zip archive (an .xlsx is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// True when the bytes are an OLE compound file (.xls, or an encrypted .xlsx).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC)
}

/// A cell as text: see the module docs for numbers and dates.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "ИСТИНА" } else { "ЛОЖЬ" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let date = format!("{d:02}.{mo:02}.{y:04}");
            match (h, mi, s) {
                (0, 0, 0) => date,
                (h, mi, 0) => format!("{date} {h:02}:{mi:02}"),
                (h, mi, s) => format!("{date} {h:02}:{mi:02}:{s:02}"),
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// A number cell as the number parser reads it back exactly: at most 15 significant digits
/// (what Excel shows), no exponent, a decimal comma.
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    if rounded == 0.0 {
        return "0".to_string();
    }
    rounded.to_string().replace('.', ",")
}

/// Russian message for a book calamine cannot open.
fn open_error(e: &XlsxError) -> String {
    match e {
        XlsxError::Zip(_) | XlsxError::Io(_) => {
            "Файл .xlsx повреждён или загружен не полностью: архив не распаковывается. Откройте его в Excel и сохраните заново.".to_string()
        }
        XlsxError::FileNotFound(_) => {
            "Это архив ZIP, но не книга Excel (.xlsx): в нём нет листов книги.".to_string()
        }
        other => format!("Книга Excel не читается: {other}."),
    }
}

/// The rows of one worksheet, numbered as in Excel; `None` when it has no non-empty row.
fn sheet_table(wb: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Option<Table>, String> {
    let range = wb
        .worksheet_range(name)
        .map_err(|e| format!("Лист «{name}» не читается: {}", open_error(&e)))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut read: Vec<(usize, Vec<String>)> = vec![];
    let mut width = 0;
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        let Some(last) = cells.iter().rposition(|c| !c.trim().is_empty()) else {
            continue;
        };
        width = width.max(last + 1);
        read.push((first_row + i + 1, cells));
    }
    let mut rows = read.into_iter().map(|(line, mut cells)| {
        // Formatted but empty cells widen Excel's used range: drop columns empty throughout.
        cells.truncate(width);
        Row { line, cells }
    });
    let Some(head) = rows.next() else {
        return Ok(None);
    };
    Ok(Some(Table {
        headers: head.cells.iter().map(|h| h.trim().to_string()).collect(),
        rows: rows.collect(),
        encoding: "UTF-8",
        separator: ',',
        sheet: Some(name.to_string()),
        sheets: vec![],
    }))
}

/// Reads a worksheet of an .xlsx book: `sheet` by name, or else the first one with data.
/// Errors are Russian sentences saying what is wrong with the file.
pub fn parse_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, String> {
    if is_ole(bytes) {
        return Err(OLE_MESSAGE.to_string());
    }
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| open_error(&e))?;
    let sheets = wb.sheet_names();
    if sheets.is_empty() {
        return Err("В книге Excel нет ни одного листа.".to_string());
    }
    let table = match sheet {
        Some(name) => {
            if !sheets.iter().any(|s| s == name) {
                return Err(format!("В книге нет листа «{name}»."));
            }
            sheet_table(&mut wb, name)?
                .ok_or_else(|| format!("Лист «{name}» пуст: нет строки заголовков."))?
        }
        None => {
            let mut found = None;
            for name in &sheets {
                if let Some(t) = sheet_table(&mut wb, name)? {
                    found = Some(t);
                    break;
                }
            }
            found.ok_or_else(|| "В книге Excel все листы пустые.".to_string())?
        }
    };
    Ok(Table { sheets, ..table })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/import/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn numbers_read_back_exactly_in_russian_notation() {
        assert_eq!(number_text(1234567.89), "1234567,89");
        assert_eq!(number_text(500000.0), "500000");
        assert_eq!(number_text(-1000.0), "-1000");
        assert_eq!(number_text(0.1 + 0.2), "0,3");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e21), "1000000000000000000000");
        assert_eq!(number_text(f64::NAN), "");
        for x in [1234567.89, 0.01, 12500.5, 99999999.99, 0.125] {
            let back = crate::i18n::format::parse_number(&number_text(x)).unwrap();
            assert_eq!(back, x, "{x}");
        }
    }

    #[test]
    fn clients_sheet_reads_like_excel_shows_it() {
        let t = parse_xlsx(&fixture("clients.xlsx"), None).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("Клиенты"));
        assert_eq!(t.sheets, vec!["Клиенты", "Справка"]);
        assert_eq!(
            t.headers,
            vec![
                "Контрагент",
                "Код",
                "Выручка, руб.",
                "Отрасль",
                "Город",
                "Кат.",
                "Дата договора"
            ]
        );
        // Excel row 3 is empty: the rows keep Excel's numbers.
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 5, 6, 7]);
        assert_eq!(t.rows[0].cell(0), "ООО «Альфа; Север»");
        assert_eq!(t.rows[0].cell(2), "1234567,89");
        assert_eq!(t.rows[0].cell(6), "15.03.2024");
        assert_eq!(t.rows[1].cell(0), "");
        assert_eq!(t.rows[1].cell(2), "500000");
        assert_eq!(t.rows[2].cell(2), "много");
        assert_eq!(t.rows[3].cell(2), "12 500,5 руб.");
        assert_eq!(t.rows[4].cell(2), "-1000");
        assert_eq!(t.rows[4].cell(6), "28.02.2023");
        assert_eq!(
            crate::i18n::format::parse_date(t.rows[3].cell(6)),
            chrono::NaiveDate::from_ymd_opt(2025, 1, 9)
        );
    }

    #[test]
    fn another_sheet_can_be_chosen() {
        let t = parse_xlsx(&fixture("clients.xlsx"), Some("Справка")).unwrap();
        assert_eq!(t.headers, vec!["Выгрузка из 1С", "для проверки импорта"]);
        assert!(t.rows.is_empty());
        let e = parse_xlsx(&fixture("clients.xlsx"), Some("Нет такого")).unwrap_err();
        assert!(e.contains("нет листа «Нет такого»"), "{e}");
    }

    #[test]
    fn broken_books_say_what_is_wrong() {
        let good = fixture("clients.xlsx");
        let truncated = parse_xlsx(&good[..good.len() / 2], None).unwrap_err();
        assert!(truncated.contains("повреждён"), "{truncated}");
        // A zip that is no workbook: a stored zip with one text file.
        let e = parse_xlsx(&stored_zip("readme.txt", b"hello"), None).unwrap_err();
        assert!(e.contains("не книга Excel"), "{e}");
        // Old .xls and encrypted .xlsx are OLE compound files.
        let mut ole = OLE_MAGIC.to_vec();
        ole.resize(4096, 0);
        assert_eq!(parse_xlsx(&ole, None).unwrap_err(), OLE_MESSAGE);
        assert!(parse_xlsx(b"PK", None).unwrap_err().contains("повреждён"));
        assert!(parse_xlsx(b"", None).is_err());
    }

    /// A minimal zip archive with one stored (uncompressed) file.
    fn stored_zip(name: &str, body: &[u8]) -> Vec<u8> {
        let crc = {
            let mut c = 0xFFFF_FFFFu32;
            for &b in body {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        (c >> 1) ^ 0xEDB8_8320
                    } else {
                        c >> 1
                    };
                }
            }
            !c
        };
        let n = name.len() as u16;
        let size = body.len() as u32;
        let mut out = vec![];
        let mut local = vec![];
        local.extend_from_slice(b"PK\x03\x04");
        local.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&n.to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&local);
        out.extend_from_slice(body);
        let cd_start = out.len() as u32;
        let mut cd = vec![];
        cd.extend_from_slice(b"PK\x01\x02");
        cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        cd.extend_from_slice(&crc.to_le_bytes());
        cd.extend_from_slice(&size.to_le_bytes());
        cd.extend_from_slice(&size.to_le_bytes());
        cd.extend_from_slice(&n.to_le_bytes());
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&0u32.to_le_bytes());
        cd.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_start.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }
}
