//! Tables leaving the app for a spreadsheet: the same [`Sheet`] as CSV for Russian Excel and as
//! an .xlsx book.
//!
//! **CSV**: UTF-8 with a BOM (so Excel does not read it as Windows-1251), `;` between cells (the
//! list separator of Russian Windows, where `,` is the decimal mark), CRLF line ends, cells
//! quoted when they hold `;`, `"` or a line break. Numbers are written the way Russian Excel
//! reads them as numbers: a decimal comma, no digit grouping, at most 15 significant digits
//! (`1234567,89`, not `1 234 567,89`, which Excel would keep as text), the same text the
//! app's own readers give back ([`super::xlsx::number_text`]).
//!
//! **.xlsx**: one worksheet with a bold, frozen header row; numbers are number cells, texts
//! inline strings. The book is a zip of stored (uncompressed) parts written here by hand: a
//! few hundred lines of XML need no compression library in the wasm bundle, and the screens
//! that export load this code with their own part, not the first visit's module.

use super::table::to_excel_csv;
use super::xlsx::{crc32, number_text};

/// A cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number as a spreadsheet number (non-finite: an empty cell).
    Number(f64),
}

impl Cell {
    /// The cell as text, as the app's CSV and XLSX readers give it back.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => number_text(*x),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Number(x)
    }
}

impl From<usize> for Cell {
    fn from(x: usize) -> Cell {
        Cell::Number(x as f64)
    }
}

impl Cell {
    /// A cell as a table shows it: a number when the text is one in the Russian format
    /// («1 234 567,89», «−5», «0»), else the text. Only digits, digit-group spaces, a decimal
    /// comma and a leading minus make a number, so codes and dates stay text («2.1», «K05»,
    /// «31.03.2025», «82 %»).
    pub fn from_shown(text: &str) -> Cell {
        let t = text.trim();
        let numeric = t.chars().any(|c| c.is_ascii_digit())
            && t.chars().enumerate().all(|(i, c)| {
                c.is_ascii_digit()
                    || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ',')
                    || (i == 0 && matches!(c, '-' | '\u{2212}'))
            })
            && t.matches(',').count() <= 1
            && !t.ends_with(',')
            && !t.starts_with(',');
        match numeric.then(|| parse_shown(t)).flatten() {
            Some(x) => Cell::Number(x),
            None => Cell::Text(t.to_string()),
        }
    }
}

/// A number in the Russian format checked by [`Cell::from_shown`].
fn parse_shown(t: &str) -> Option<f64> {
    let neg = t.starts_with(['-', '\u{2212}']);
    let digits: String = t
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let x: f64 = digits.parse().ok()?;
    Some(if neg { -x } else { x })
}

/// A table to export: a sheet name (also the file's stem), a header row and rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The sheet as CSV for Russian Excel (see the module's notes).
pub fn to_csv(sheet: &Sheet) -> String {
    let rows: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect();
    to_excel_csv(&sheet.head, &rows)
}

/// Text as XML character data: markup escaped, characters XML 1.0 forbids left out.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA.
fn column(mut i: usize) -> String {
    let mut s = vec![];
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A worksheet name Excel accepts: no `[]:*?/\`, at most 31 characters, not empty.
fn sheet_name(name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let n = n.trim().trim_matches('\'').to_string();
    if n.is_empty() {
        "Лист1".to_string()
    } else {
        n
    }
}

fn cell_xml(out: &mut String, r: usize, c: usize, cell: &Cell, style: &str) {
    let at = format!("{}{}", column(c), r + 1);
    match cell {
        Cell::Number(x) if x.is_finite() => {
            out.push_str(&format!("<c r=\"{at}\"{style}><v>{x}</v></c>"))
        }
        Cell::Number(_) => {}
        Cell::Text(s) if s.is_empty() => {}
        Cell::Text(s) => out.push_str(&format!(
            "<c r=\"{at}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">{}</t></is></c>",
            xml(s)
        )),
    }
}

fn worksheet(sheet: &Sheet) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    );
    out.push_str("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
    // Column widths from the longest text of each column (in characters, 8..60).
    let cols = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain([sheet.head.len()])
        .max()
        .unwrap_or(0);
    if cols > 0 {
        out.push_str("<cols>");
        for c in 0..cols {
            let longest = std::iter::once(sheet.head.get(c).map_or(0, |h| h.chars().count()))
                .chain(
                    sheet
                        .rows
                        .iter()
                        .map(|r| r.get(c).map_or(0, |x| x.text().chars().count())),
                )
                .max()
                .unwrap_or(0);
            let w = (longest + 2).clamp(8, 60);
            out.push_str(&format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>",
                n = c + 1
            ));
        }
        out.push_str("</cols>");
    }
    out.push_str("<sheetData>");
    out.push_str("<row r=\"1\">");
    for (c, h) in sheet.head.iter().enumerate() {
        cell_xml(&mut out, 0, c, &Cell::Text(h.clone()), " s=\"1\"");
    }
    out.push_str("</row>");
    for (i, row) in sheet.rows.iter().enumerate() {
        out.push_str(&format!("<row r=\"{}\">", i + 2));
        for (c, cell) in row.iter().enumerate() {
            cell_xml(&mut out, i + 1, c, cell, "");
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>";
const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
const BOOK_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs></styleSheet>";

fn workbook(name: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        xml(&sheet_name(name))
    )
}

/// A zip archive of stored (method 0) parts.
fn stored_zip(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    // 1 January 1980, 00:00 in MS-DOS date/time: a valid, fixed stamp (exports are reproducible).
    const DOS_DATE: u16 = (1 << 5) | 1;
    let mut out = vec![];
    let mut central = vec![];
    for (name, body) in parts {
        let crc = crc32(body).to_le_bytes();
        let size = (body.len() as u32).to_le_bytes();
        let name_len = (name.len() as u16).to_le_bytes();
        let offset = (out.len() as u32).to_le_bytes();
        let common = |h: &mut Vec<u8>| {
            h.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0]); // version, flags, stored, time
            h.extend_from_slice(&DOS_DATE.to_le_bytes());
            h.extend_from_slice(&crc);
            h.extend_from_slice(&size);
            h.extend_from_slice(&size);
            h.extend_from_slice(&name_len);
            h.extend_from_slice(&[0, 0]); // extra length
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&[20, 0]); // version made by
        common(&mut central);
        central.extend_from_slice(&[0; 10]); // comment length, disk, internal and external attributes
        central.extend_from_slice(&offset);
        central.extend_from_slice(name.as_bytes());
    }
    let start = (out.len() as u32).to_le_bytes();
    let n = (parts.len() as u16).to_le_bytes();
    let central_len = (central.len() as u32).to_le_bytes();
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&[n[0], n[1], n[0], n[1]]);
    out.extend_from_slice(&central_len);
    out.extend_from_slice(&start);
    out.extend_from_slice(&[0, 0]);
    out
}

/// The sheet as an .xlsx book (see the module's notes).
pub fn to_xlsx(sheet: &Sheet) -> Vec<u8> {
    stored_zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
        ("xl/workbook.xml", workbook(&sheet.name).into_bytes()),
        ("xl/_rels/workbook.xml.rels", BOOK_RELS.as_bytes().to_vec()),
        ("xl/styles.xml", STYLES.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", worksheet(sheet).into_bytes()),
    ])
}

/// A file name for an export of `stem` with `ext`: characters file systems refuse are replaced.
pub fn file_name(stem: &str, ext: &str) -> String {
    safe_file_name(stem, "table", ext)
}

/// `stem.ext` with the characters file systems refuse replaced by `_`; `fallback` for a stem
/// that is empty once trimmed. (Exports of tables and project files name themselves so.)
pub fn safe_file_name(stem: &str, fallback: &str, ext: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim();
    format!("{}.{ext}", if s.is_empty() { fallback } else { s })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::table::parse_csv;
    use crate::persist::xlsx::parse_xlsx;

    /// What the app's readers give back for a sheet: the header and the cells as text.
    pub(crate) fn expected(sheet: &Sheet) -> (Vec<String>, Vec<Vec<String>>) {
        (
            sheet.head.clone(),
            sheet
                .rows
                .iter()
                .map(|r| r.iter().map(Cell::text).collect())
                .collect(),
        )
    }

    /// Exports `sheet` both ways and reads both files back with the app's own readers.
    pub(crate) fn round_trip(sheet: &Sheet) {
        let want = expected(sheet);
        let csv = to_csv(sheet);
        assert!(csv.starts_with('\u{feff}'), "CSV has a BOM");
        let t = parse_csv(csv.as_bytes()).unwrap_or_default();
        assert_eq!(t.separator, ';');
        let got = |t: &crate::persist::table::Table| {
            let w = t.headers.len();
            let rows: Vec<Vec<String>> = t
                .rows
                .iter()
                .map(|r| (0..w).map(|i| r.cell(i).to_string()).collect())
                .collect();
            (t.headers.clone(), rows)
        };
        // Readers skip blank rows and trim cells: compare with what they keep.
        let keep = |(h, rows): (Vec<String>, Vec<Vec<String>>)| {
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|c| c.trim().to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|r| r.iter().any(|c| !c.is_empty()))
                .map(|mut r: Vec<String>| {
                    r.resize(h.len(), String::new());
                    r
                })
                .collect();
            (h, rows)
        };
        assert_eq!(got(&t), keep(want.clone()), "CSV of «{}»", sheet.name);
        let book = to_xlsx(sheet);
        let t = match parse_xlsx(&book, None) {
            Ok(t) => t,
            Err(e) => panic!("XLSX of «{}» does not read back: {e:?}", sheet.name),
        };
        assert_eq!(got(&t), keep(want), "XLSX of «{}»", sheet.name);
    }

    #[test]
    fn a_sheet_reads_back_the_same_from_csv_and_xlsx() {
        let sheet = Sheet {
            name: "Клиенты: A/B [2025]".into(),
            head: vec!["Клиент".into(), "Выручка, тыс. ₽".into(), "Доля, %".into()],
            rows: vec![
                vec![
                    "ООО «Ромашка»; филиал".into(),
                    1_234_567.89.into(),
                    12.5.into(),
                ],
                vec!["Кавычки \"и\"\nперенос".into(), (-0.1).into(), 0.0.into()],
                vec!["<script>&".into(), f64::NAN.into(), 3usize.into()],
            ],
        };
        round_trip(&sheet);
        let csv = to_csv(&sheet);
        assert!(
            csv.contains("1234567,89"),
            "numbers as Russian Excel reads them: {csv}"
        );
        assert!(csv.contains("\"ООО «Ромашка»; филиал\""));
        assert!(csv.ends_with("\r\n"));
    }

    #[test]
    fn shown_numbers_become_numbers_codes_and_dates_stay_text() {
        assert_eq!(
            Cell::from_shown("1\u{a0}234\u{a0}567,89"),
            Cell::Number(1_234_567.89)
        );
        assert_eq!(Cell::from_shown(" \u{2212}5 "), Cell::Number(-5.0));
        assert_eq!(Cell::from_shown("0"), Cell::Number(0.0));
        assert_eq!(Cell::from_shown("-0,5"), Cell::Number(-0.5));
        for text in [
            "2.1",
            "K05",
            "31.03.2025",
            "82 %",
            "1,2,3",
            "",
            "—",
            "5-6",
            ",5",
            "5,",
        ] {
            assert_eq!(
                Cell::from_shown(text),
                Cell::Text(text.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn edge_cases_empty_wide_and_odd_names() {
        // An empty sheet still makes files (a book with an empty header row).
        assert!(to_csv(&Sheet::default()).starts_with('\u{feff}'));
        assert!(to_xlsx(&Sheet::default()).starts_with(b"PK"));
        let wide = Sheet {
            name: String::new(),
            head: (0..30).map(|i| format!("К{i}")).collect(),
            rows: vec![(0..30).map(|i| Cell::Number(i as f64)).collect()],
        };
        round_trip(&wide);
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
        assert_eq!(sheet_name("a/b:c*?[]"), "abc");
        assert_eq!(sheet_name(""), "Лист1");
        assert_eq!(sheet_name(&"я".repeat(40)).chars().count(), 31);
        assert_eq!(
            file_name("ABC: клиенты/2025", "csv"),
            "ABC_ клиенты_2025.csv"
        );
        assert_eq!(file_name("  ", "xlsx"), "table.xlsx");
    }
}
