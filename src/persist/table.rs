//! Reading tables (CSV as consultants get them from 1C, Excel and CRMs) into rows of text.
//!
//! bytes → text (UTF-8 with or without BOM; Windows-1251 when the bytes are not valid UTF-8)
//! → separator sniffed (`;`, `,` or tab) → records via the `csv` crate (quoted fields with
//! separators and line breaks inside) → the first non-empty row is the header. Rows whose cells
//! are all blank are skipped. Pure and native-tested; the browser only hands over the bytes.

/// Why a file was not read as a table; `i18n::table::table_error_text` words it. Names and
/// details taken from the file are shortened to at most 80 characters (120 for a CSV error).
#[derive(Debug, Clone, PartialEq)]
pub enum TableError {
    /// The browser could not read the file (no access, or it is damaged).
    Unreadable,
    /// The CSV reader failed; its own message, shortened.
    Csv(String),
    /// The file has no non-empty line (the first one must be the header row).
    Empty,
    /// The file is named as an Excel book but is none.
    NamedExcelNotExcel,
    /// An old-format (.xls) or password-protected book.
    OldOrEncrypted,
    /// The .xlsx archive does not unpack (damaged or loaded partly).
    Damaged,
    /// A zip archive without a book's parts.
    NotABook,
    /// A part of the book unpacks to more than `max_mb` MB.
    PartTooBig { part: String, max_mb: usize },
    /// A part is packed by an unknown method.
    UnknownCompression { part: String, method: u16 },
    /// A part is not UTF-8 text.
    NotUtf8 { part: String },
    /// A part's XML is broken; the reader's detail.
    Markup { part: String, detail: String },
    /// A part's XML ends inside a cell (`cell`) or a string item.
    Unterminated { part: String, cell: bool },
    /// A cell refers to a shared string that is not in the book.
    MissingString,
    /// The book has no worksheets.
    NoSheets,
    /// The book has no worksheet of this name.
    NoSuchSheet(String),
    /// The worksheet has no header row.
    SheetEmpty(String),
    /// All worksheets are empty.
    AllSheetsEmpty,
    /// Worksheet `sheet` is not readable because of `error`.
    Sheet {
        sheet: String,
        error: Box<TableError>,
    },
}

/// A row of the file with its line number (1-based, as an editor shows it).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell of column `i`, trimmed; empty when the row is short.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |s| s.trim())
    }
}

/// A table read from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// "UTF-8" or "windows-1251" (CSV only).
    pub encoding: &'static str,
    /// The separator found (CSV only).
    pub separator: char,
    /// The worksheet read, for an Excel book.
    pub sheet: Option<String>,
    /// All worksheets of an Excel book, in order (empty for CSV).
    pub sheets: Vec<String>,
}

/// Windows-1251 bytes 0x80…0xFF as Unicode (as the WHATWG index: 0x98 → U+0098).
const CP1251_HIGH: [char; 128] = [
    '\u{0402}', '\u{0403}', '\u{201a}', '\u{0453}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{20ac}', '\u{2030}', '\u{0409}', '\u{2039}', '\u{040a}', '\u{040c}', '\u{040b}', '\u{040f}',
    '\u{0452}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{0098}', '\u{2122}', '\u{0459}', '\u{203a}', '\u{045a}', '\u{045c}', '\u{045b}', '\u{045f}',
    '\u{00a0}', '\u{040e}', '\u{045e}', '\u{0408}', '\u{00a4}', '\u{0490}', '\u{00a6}', '\u{00a7}',
    '\u{0401}', '\u{00a9}', '\u{0404}', '\u{00ab}', '\u{00ac}', '\u{00ad}', '\u{00ae}', '\u{0407}',
    '\u{00b0}', '\u{00b1}', '\u{0406}', '\u{0456}', '\u{0491}', '\u{00b5}', '\u{00b6}', '\u{00b7}',
    '\u{0451}', '\u{2116}', '\u{0454}', '\u{00bb}', '\u{0458}', '\u{0405}', '\u{0455}', '\u{0457}',
    '\u{0410}', '\u{0411}', '\u{0412}', '\u{0413}', '\u{0414}', '\u{0415}', '\u{0416}', '\u{0417}',
    '\u{0418}', '\u{0419}', '\u{041a}', '\u{041b}', '\u{041c}', '\u{041d}', '\u{041e}', '\u{041f}',
    '\u{0420}', '\u{0421}', '\u{0422}', '\u{0423}', '\u{0424}', '\u{0425}', '\u{0426}', '\u{0427}',
    '\u{0428}', '\u{0429}', '\u{042a}', '\u{042b}', '\u{042c}', '\u{042d}', '\u{042e}', '\u{042f}',
    '\u{0430}', '\u{0431}', '\u{0432}', '\u{0433}', '\u{0434}', '\u{0435}', '\u{0436}', '\u{0437}',
    '\u{0438}', '\u{0439}', '\u{043a}', '\u{043b}', '\u{043c}', '\u{043d}', '\u{043e}', '\u{043f}',
    '\u{0440}', '\u{0441}', '\u{0442}', '\u{0443}', '\u{0444}', '\u{0445}', '\u{0446}', '\u{0447}',
    '\u{0448}', '\u{0449}', '\u{044a}', '\u{044b}', '\u{044c}', '\u{044d}', '\u{044e}', '\u{044f}',
];

/// Decodes file bytes: UTF-8 (a BOM is dropped) or, when not valid UTF-8, Windows-1251.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(b) {
        Ok(s) => (s.to_string(), "UTF-8"),
        // A small table instead of `encoding_rs`: its decoder dispatch pulls every encoding's
        // tables (CJK included) into the wasm bundle.
        Err(_) => (
            b.iter()
                .map(|&x| match x.checked_sub(0x80) {
                    None => char::from(x),
                    Some(i) => CP1251_HIGH
                        .get(usize::from(i))
                        .copied()
                        .unwrap_or('\u{fffd}'),
                })
                .collect(),
            "windows-1251",
        ),
    }
}

/// The separator of the first non-empty line outside quotes: the most frequent of `;`, tab
/// and `,` (`;` wins ties, as Russian Excel writes it; `,` when none is found).
pub fn sniff_separator(text: &str) -> char {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut seen = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes && seen => break,
            ';' if !in_quotes => counts[0] += 1,
            '\t' if !in_quotes => counts[1] += 1,
            ',' if !in_quotes => counts[2] += 1,
            _ => {}
        }
        if !c.is_whitespace() {
            seen = true;
        }
    }
    let seps = [';', '\t', ','];
    let best = (0..3).max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)));
    match best {
        Some(i) if counts[i] > 0 => seps[i],
        _ => ',',
    }
}

/// Reads a CSV file. Errors only for a file with no header row or one the reader refuses.
pub fn parse_csv(bytes: &[u8]) -> Result<Table, TableError> {
    let (text, encoding) = decode(bytes);
    // Windows line ends: the csv crate counts lines off by one on them.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let separator = sniff_separator(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator as u8)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = vec![];
    let bytes_len = text.len();
    let (mut newlines, mut counted_to) = (0usize, 0usize);
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                return Err(TableError::Csv(
                    crate::i18n::format::shorten(&e.to_string(), 120).into_owned(),
                ))
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The crate's own line count is off around empty lines: count from the byte offset,
        // past the empty lines the record starts with.
        let mut start = rec
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes_len);
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        if start >= counted_to {
            newlines += text.as_bytes()[counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = start;
        }
        let line = newlines + 1;
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        if headers.is_none() {
            headers = Some(cells.iter().map(|h| h.trim().to_string()).collect());
        } else {
            rows.push(Row { line, cells });
        }
    }
    let Some(headers) = headers else {
        return Err(TableError::Empty);
    };
    Ok(Table {
        headers,
        rows,
        encoding,
        separator,
        sheet: None,
        sheets: vec![],
    })
}

/// Reads a chosen file by its bytes: an Excel book (zip signature; `sheet` picks a worksheet)
/// or CSV. A file named .xls/.xlsx that is no zip is refused rather than read as text.
pub fn parse_file(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    use super::xlsx;
    if xlsx::is_zip(bytes) || xlsx::is_ole(bytes) {
        return xlsx::parse_xlsx(bytes, sheet);
    }
    let lower = name.to_lowercase();
    if [".xlsx", ".xlsm", ".xls"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Err(TableError::NamedExcelNotExcel);
    }
    parse_csv(bytes)
}

/// Writes rows as CSV for Excel: UTF-8 with BOM, `;` separated, quoted where needed.
pub fn to_excel_csv(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let quote = |s: &str| {
        if s.contains([';', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    for r in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        let line: Vec<String> = r.iter().map(|c| quote(c)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let t = parse_csv("\u{feff}Клиент;Выручка\nАльфа;1 200,50\n".as_bytes()).unwrap();
        assert_eq!(t.headers, vec!["Клиент", "Выручка"]);
        assert_eq!(t.encoding, "UTF-8");
        assert_eq!(t.separator, ';');
        assert_eq!(t.rows[0].cells, vec!["Альфа", "1 200,50"]);
        assert_eq!(t.rows[0].line, 2);
        let t = parse_csv(b"name,revenue\nA,1\n").unwrap();
        assert_eq!(t.headers[0], "name");
        assert_eq!(t.separator, ',');
    }

    #[test]
    fn windows_1251_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Контрагент;Сумма\nООО «Ромашка»;5\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let t = parse_csv(&bytes).unwrap();
        assert_eq!(t.encoding, "windows-1251");
        assert_eq!(t.headers, vec!["Контрагент", "Сумма"]);
        assert_eq!(t.rows[0].cell(0), "ООО «Ромашка»");
    }

    #[test]
    fn crlf_line_numbers() {
        let t = parse_csv(b"a;b\r\n1;2\r\n\r\n;3\r\n\"x\r\ny\";4\r\n5;6\r\n").unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 5, 7]);
        assert_eq!(t.rows[2].cell(0), "x\ny");
    }

    #[test]
    fn cp1251_table_matches_encoding_rs() {
        let all: Vec<u8> = (0u8..=255).collect();
        let (want, _, _) = encoding_rs::WINDOWS_1251.decode(&all);
        let (got, enc) = decode(&all);
        assert_eq!(enc, "windows-1251");
        assert_eq!(got, want);
    }

    #[test]
    fn tab_separator_and_empty_lines() {
        let t = parse_csv(b"a\tb\n\n1\t2\n\t\n3\t4\n\n").unwrap();
        assert_eq!(t.separator, '\t');
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.rows[1].cells, vec!["3", "4"]);
    }

    #[test]
    fn quoted_fields_keep_separators_and_newlines() {
        let t = parse_csv(
            "Клиент;Выручка\n\"Альфа; филиал\";10\n\"Бета\nСевер\";\"1;5\"\nГамма;3\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].cell(0), "Альфа; филиал");
        assert_eq!(t.rows[1].cell(0), "Бета\nСевер");
        assert_eq!(t.rows[1].cell(1), "1;5");
        assert_eq!(t.rows[2].line, 5);
    }

    #[test]
    fn sniffing_ignores_quoted_separators() {
        assert_eq!(sniff_separator("\"a,b,c\";d\n"), ';');
        assert_eq!(sniff_separator("a,b,c\n1;2"), ',');
        assert_eq!(sniff_separator("single"), ',');
        assert_eq!(sniff_separator("\n\na;b\n"), ';');
    }

    #[test]
    fn short_rows_read_as_empty_cells_and_no_header_is_an_error() {
        let t = parse_csv(b"a;b;c\n1\n").unwrap();
        assert_eq!(t.rows[0].cell(2), "");
        assert!(parse_csv(b"\n\n").is_err());
        assert_eq!(parse_csv(b"").unwrap_err(), TableError::Empty);
    }

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        let csv = parse_file("clients.xlsx.csv", "a;b\n1;2\n".as_bytes(), None).unwrap();
        assert_eq!(csv.sheet, None);
        assert_eq!(csv.rows[0].cells, vec!["1", "2"]);
        // An .xlsx saved with a .csv name is still read as a book.
        let book = std::fs::read(format!(
            "{}/tests/fixtures/import/clients.xlsx",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let t = parse_file("export.csv", &book, None).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("Клиенты"));
        // A text file renamed to .xlsx is refused, not read as CSV.
        let e = parse_file("clients.xlsx", b"a;b\n1;2\n", None).unwrap_err();
        assert_eq!(e, TableError::NamedExcelNotExcel);
        assert!(parse_file("OLD.XLS", b"a;b\n", None).is_err());
    }

    #[test]
    fn excel_csv_has_bom_semicolons_and_quotes() {
        let s = to_excel_csv(
            &["Строка".into(), "Причина".into()],
            &[vec!["3".into(), "нет; имени \"x\"".into()]],
        );
        assert!(s.starts_with('\u{feff}'));
        assert!(s.contains("Строка;Причина\r\n"));
        assert!(s.contains("3;\"нет; имени \"\"x\"\"\"\r\n"));
    }
}
