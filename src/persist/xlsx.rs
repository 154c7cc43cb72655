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
//!
//! The reader is small and hand-made to keep the wasm bundle small: the zip central directory
//! is read by hand (stored or deflated parts, inflated by miniz_oxide with the declared size as
//! the limit and a cap against zip bombs, CRC-checked), and the SpreadsheetML parts (workbook,
//! its relationships, shared strings, styles for telling date cells, the worksheet) with
//! quick-xml.

use super::table::{Row, Table, TableError};
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeMap, HashMap};

/// The zip signature every .xlsx starts with.
const ZIP_MAGIC: &[u8] = b"PK";
/// The OLE compound-file signature: old .xls books and password-protected (encrypted) .xlsx.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The largest unpacked part of a book read (a zip bomb guard): 256 MiB of sheet XML is
/// some millions of cells, more than the import handles anyway.
const MAX_PART: usize = 256 << 20;

/// True when the bytes are a zip archive (an .xlsx is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// True when the bytes are an OLE compound file (.xls, or an encrypted .xlsx).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC)
}

// ---- Zip: the central directory read by hand, entries stored or deflated ----

/// One file of the archive, as the central directory describes it.
struct ZipEntry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    packed: usize,
    size: usize,
    offset: usize,
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The entries of a zip archive; `None` when there is no readable central directory.
fn zip_entries(bytes: &[u8]) -> Option<Vec<ZipEntry>> {
    // The end-of-central-directory record: 22 bytes plus a comment of at most 64 KiB.
    let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
    let eocd = (lowest..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let count = usize::from(le16(bytes, eocd + 10)?);
    let mut at = le32(bytes, eocd + 16)? as usize;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        if !bytes.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = usize::from(le16(bytes, at + 28)?);
        let extra_len = usize::from(le16(bytes, at + 30)?);
        let comment_len = usize::from(le16(bytes, at + 32)?);
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        entries.push(ZipEntry {
            name: String::from_utf8_lossy(name).replace('\\', "/"),
            flags: le16(bytes, at + 8)?,
            method: le16(bytes, at + 10)?,
            crc: le32(bytes, at + 16)?,
            packed: le32(bytes, at + 20)? as usize,
            size: le32(bytes, at + 24)? as usize,
            offset: le32(bytes, at + 42)? as usize,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(entries)
}

/// CRC-32 (IEEE) of `data`, to tell a damaged entry.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    !data.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// The unpacked bytes of one entry, with its size capped and its checksum verified.
fn unpack(bytes: &[u8], e: &ZipEntry) -> Result<Vec<u8>, TableError> {
    if e.flags & 1 == 1 {
        return Err(TableError::OldOrEncrypted);
    }
    if e.size > MAX_PART {
        return Err(TableError::PartTooBig {
            part: short(&e.name).into_owned(),
            max_mb: MAX_PART >> 20,
        });
    }
    let damaged = || TableError::Damaged;
    let local = bytes.get(e.offset..).ok_or_else(damaged)?;
    if !local.starts_with(b"PK\x03\x04") {
        return Err(damaged());
    }
    let start = 30
        + usize::from(le16(local, 26).ok_or_else(damaged)?)
        + usize::from(le16(local, 28).ok_or_else(damaged)?);
    let data = local.get(start..start + e.packed).ok_or_else(damaged)?;
    let out = match e.method {
        0 => data.to_vec(),
        // The declared size is the limit: a part that unpacks to more is refused.
        8 => decompress_to_vec_with_limit(data, e.size).map_err(|_| damaged())?,
        m => {
            return Err(TableError::UnknownCompression {
                part: short(&e.name).into_owned(),
                method: m,
            })
        }
    };
    if out.len() != e.size || crc32(&out) != e.crc {
        return Err(damaged());
    }
    Ok(out)
}

/// The archive of a book: its bytes and entries.
struct Book<'a> {
    bytes: &'a [u8],
    entries: Vec<ZipEntry>,
}

impl Book<'_> {
    /// The text of a part by its path (`xl/workbook.xml`), `None` when there is no such part.
    fn part(&self, path: &str) -> Result<Option<String>, TableError> {
        let entry = self.entries.iter().find(|e| e.name == path).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(path))
        });
        let Some(entry) = entry else {
            return Ok(None);
        };
        let raw = unpack(self.bytes, entry)?;
        let text = String::from_utf8(raw).map_err(|_| TableError::NotUtf8 {
            part: short(path).into_owned(),
        })?;
        Ok(Some(match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_string(),
            None => text,
        }))
    }
}

// ---- XML helpers ----

/// A name or detail from the file, shortened for a message: a message never carries an
/// unbounded text (fuzzing found a 200 000-character quick-xml error quoted whole).
fn short(s: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::format::shorten(s, 80)
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> TableError {
    TableError::Markup {
        part: short(part).into_owned(),
        detail: short(&e.to_string()).into_owned(),
    }
}

fn unterminated(part: &str, cell: bool) -> TableError {
    TableError::Unterminated {
        part: short(part).into_owned(),
        cell,
    }
}

/// An attribute's value by local name (`r:id` → `id`), entities unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.into_owned())
        })
    })
}

/// Appends the text an event carries (text, CDATA, an entity or character reference).
fn push_text(out: &mut String, ev: &Event) {
    match ev {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(t) => out.push_str(&t.xml10_content()),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            _ => {
                let name = r.xml10_content();
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(s) => out.push_str(s),
                    None => {
                        out.push('&');
                        out.push_str(&name);
                        out.push(';');
                    }
                }
            }
        },
        _ => {}
    }
}

/// Reads a string item (`<si>`, `<is>`) up to its end tag: the `<t>` texts concatenated,
/// rich-text runs included, phonetic hints (`<rPh>`) left out.
fn read_string_item(xml: &mut Reader<&[u8]>, end: &[u8], part: &str) -> Result<String, TableError> {
    let mut out = String::new();
    let (mut in_t, mut in_phonetic) = (false, false);
    loop {
        let ev = xml.read_event().map_err(|e| xml_error(part, e))?;
        match &ev {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                n if n.as_bytes() == end => return Ok(out),
                _ => {}
            },
            Event::Eof => return Err(unterminated(part, false)),
            _ if in_t && !in_phonetic => push_text(&mut out, &ev),
            _ => {}
        }
    }
}

// ---- The SpreadsheetML parts ----

/// How a number cell is shown: a plain number, a date/time, or an elapsed time (`[h]:mm`).
#[derive(Clone, Copy, PartialEq, Debug)]
enum NumKind {
    Plain,
    Date,
    Duration,
}

/// The kind of a built-in number format id.
fn builtin_kind(id: u32) -> NumKind {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => NumKind::Date,
        46 => NumKind::Duration,
        _ => NumKind::Plain,
    }
}

/// The kind of a custom format code: a date when its first section has d/m/y/h/s outside
/// quotes, escapes and `[...]` (colours, locales); a duration for `[h]`, `[mm]`, `[ss]`.
fn custom_kind(code: &str) -> NumKind {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inner: String = chars.by_ref().take_while(|&b| b != ']').collect();
                let lower = inner.to_ascii_lowercase();
                if !lower.is_empty()
                    && (lower.chars().all(|b| b == 'h')
                        || lower.chars().all(|b| b == 'm')
                        || lower.chars().all(|b| b == 's'))
                {
                    return NumKind::Duration;
                }
            }
            'd' | 'm' | 'y' | 'h' | 's' | 'D' | 'M' | 'Y' | 'H' | 'S' => return NumKind::Date,
            _ => {}
        }
    }
    NumKind::Plain
}

/// The kinds of the cell formats (`<cellXfs>`), indexed by a cell's `s`.
fn parse_styles(xml_text: &str) -> Result<Vec<NumKind>, TableError> {
    const PART: &str = "xl/styles.xml";
    let mut xml = Reader::from_str(xml_text);
    let mut custom: HashMap<u32, NumKind> = HashMap::new();
    let mut xfs: Vec<u32> = vec![];
    let mut in_cell_xfs = false;
    loop {
        match xml.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        if let Ok(id) = id.trim().parse() {
                            custom.insert(id, custom_kind(&code));
                        }
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => xfs.push(
                    attr(&e, "numFmtId")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0),
                ),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(xfs
        .into_iter()
        .map(|id| custom.get(&id).copied().unwrap_or_else(|| builtin_kind(id)))
        .collect())
}

fn parse_shared_strings(xml_text: &str) -> Result<Vec<String>, TableError> {
    const PART: &str = "xl/sharedStrings.xml";
    let mut xml = Reader::from_str(xml_text);
    let mut strings = vec![];
    loop {
        match xml.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                strings.push(read_string_item(&mut xml, b"si", PART)?)
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

/// The sheets of the book in order, as (name, relationship id), and the 1904 date system flag.
fn parse_workbook(xml_text: &str) -> Result<(Vec<(String, String)>, bool), TableError> {
    const PART: &str = "xl/workbook.xml";
    let mut xml = Reader::from_str(xml_text);
    let mut sheets = vec![];
    let mut date1904 = false;
    loop {
        match xml.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "workbookPr" => {
                    date1904 = matches!(attr(&e, "date1904").as_deref(), Some("1" | "true"))
                }
                "sheet" => {
                    if let Some(name) = attr(&e, "name") {
                        sheets.push((name, attr(&e, "id").unwrap_or_default()));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok((sheets, date1904)),
            _ => {}
        }
    }
}

/// Relationship id → part path inside the archive (targets are relative to `xl/` or absolute).
fn parse_rels(xml_text: &str) -> Result<HashMap<String, String>, TableError> {
    const PART: &str = "xl/_rels/workbook.xml.rels";
    let mut xml = Reader::from_str(xml_text);
    let mut rels = HashMap::new();
    loop {
        match xml.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    rels.insert(id, part_path(&target));
                }
            }
            Event::Eof => return Ok(rels),
            _ => {}
        }
    }
}

/// A relationship target of the workbook as a path in the archive.
fn part_path(target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let mut parts: Vec<&str> = vec![];
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `B3` → (row 3, column 1); `None` for anything else.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let digits = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = r.split_at(digits);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)
    })?;
    Some((number.parse().ok()?, col - 1))
}

/// An Excel serial date as `ДД.ММ.ГГГГ` (with `ЧЧ:ММ[:СС]` when it has a time of day).
fn date_text(serial: f64, date1904: bool) -> Option<String> {
    const DAY_MS: i64 = 86_400_000;
    if !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let ms = (serial * DAY_MS as f64).round() as i64;
    let (days, ms) = (ms / DAY_MS, ms % DAY_MS);
    let date = if date1904 {
        chrono::NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if days == 60 {
        // Excel's 29 February 1900, a day that never was.
        return Some("29.02.1900".to_string());
    } else if days < 61 {
        // Excel counts 1900 as a leap year: serials before the fake 29 February are a day off.
        chrono::NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let date = date.checked_add_days(chrono::Days::new(days as u64))?;
    use chrono::Datelike;
    let text = format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year());
    let secs = ms / 1000;
    let (h, mi, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    Some(match (h, mi, s) {
        (0, 0, 0) => text,
        (h, mi, 0) => format!("{text} {h:02}:{mi:02}"),
        (h, mi, s) => format!("{text} {h:02}:{mi:02}:{s:02}"),
    })
}

/// What the book's parts say about cells, shared by its sheets.
struct Context {
    strings: Vec<String>,
    kinds: Vec<NumKind>,
    date1904: bool,
}

/// A cell as text (see the module docs): `t` its type, `s` its style, `v` its value text.
fn cell_text(
    ctx: &Context,
    t: Option<&str>,
    s: Option<&str>,
    v: String,
) -> Result<String, TableError> {
    Ok(match t {
        Some("s") => {
            if v.trim().is_empty() {
                return Ok(String::new());
            }
            let i: usize = v.trim().parse().map_err(|_| TableError::Damaged)?;
            ctx.strings
                .get(i)
                .cloned()
                .ok_or(TableError::MissingString)?
        }
        Some("b") => match v.trim() {
            "1" | "true" => "ИСТИНА".to_string(),
            "0" | "false" => "ЛОЖЬ".to_string(),
            _ => v,
        },
        Some("n") | None => {
            let Ok(x) = v.trim().parse::<f64>() else {
                return Ok(v);
            };
            let kind = s
                .and_then(|s| s.trim().parse::<usize>().ok())
                .and_then(|i| ctx.kinds.get(i).copied())
                .unwrap_or(NumKind::Plain);
            match kind {
                NumKind::Date => date_text(x, ctx.date1904).unwrap_or_else(|| number_text(x)),
                NumKind::Plain | NumKind::Duration => number_text(x),
            }
        }
        // `str` (a formula's text), `inlineStr`, `e` (#N/A…), `d` (an ISO date): as written.
        Some(_) => v,
    })
}

/// The non-empty cells of a worksheet part: row (1-based, as Excel numbers it) → column → text.
fn read_cells(
    ctx: &Context,
    xml_text: &str,
    part: &str,
) -> Result<BTreeMap<u32, BTreeMap<u32, String>>, TableError> {
    let mut xml = Reader::from_str(xml_text);
    let mut cells: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        let ev = xml.read_event().map_err(|e| xml_error(part, e))?;
        let (e, has_body) = match ev {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::Eof => return Ok(cells),
            _ => continue,
        };
        match e.local_name().as_ref() {
            "row" => {
                row = attr(&e, "r")
                    .and_then(|r| r.trim().parse().ok())
                    .unwrap_or(row + 1);
                col = 0;
            }
            "c" => {
                // A cell without a reference is the next one in its row.
                let (r, c) = attr(&e, "r")
                    .and_then(|r| cell_ref(&r))
                    .unwrap_or((row.max(1), col));
                (row, col) = (r, c + 1);
                if !has_body {
                    continue;
                }
                let (t, s) = (attr(&e, "t"), attr(&e, "s"));
                let mut value: Option<String> = None;
                loop {
                    match xml.read_event().map_err(|e| xml_error(part, e))? {
                        Event::Start(child) => match child.local_name().as_ref() {
                            "v" => {
                                let mut v = String::new();
                                loop {
                                    let ev = xml.read_event().map_err(|e| xml_error(part, e))?;
                                    match &ev {
                                        Event::End(_) => break,
                                        Event::Eof => return Err(unterminated(part, true)),
                                        _ => push_text(&mut v, &ev),
                                    }
                                }
                                if t.as_deref() != Some("inlineStr") {
                                    value = Some(v);
                                }
                            }
                            "is" => value = Some(read_string_item(&mut xml, b"is", part)?),
                            _ => {
                                let end = child.to_end().into_owned();
                                xml.read_to_end(end.name())
                                    .map_err(|e| xml_error(part, e))?;
                            }
                        },
                        Event::End(end) if end.local_name().as_ref() == "c" => break,
                        Event::Eof => return Err(unterminated(part, true)),
                        _ => {}
                    }
                }
                let Some(v) = value else { continue };
                let text = cell_text(ctx, t.as_deref(), s.as_deref(), v)?;
                if !text.is_empty() {
                    cells.entry(r).or_default().insert(c, text);
                }
            }
            _ => {}
        }
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

/// The rows of one worksheet, numbered as in Excel; `None` when it has no non-empty row.
fn sheet_table(
    book: &Book,
    ctx: &Context,
    name: &str,
    path: &str,
) -> Result<Option<Table>, TableError> {
    let err = |e: TableError| TableError::Sheet {
        sheet: short(name).into_owned(),
        error: Box::new(e),
    };
    let xml_text = book
        .part(path)
        .map_err(err)?
        .ok_or_else(|| err(TableError::NotABook))?;
    let cells = read_cells(ctx, &xml_text, path).map_err(err)?;
    // Columns start at the first one with data, as Excel's used range does.
    let first_col = cells
        .values()
        .filter_map(|r| r.keys().next())
        .min()
        .copied()
        .unwrap_or(0);
    let mut read: Vec<(usize, Vec<String>)> = vec![];
    let mut width = 0;
    for (line, row) in cells {
        let last_col = row.keys().next_back().copied().unwrap_or(first_col);
        let mut texts = vec![String::new(); (last_col - first_col + 1) as usize];
        for (c, text) in row {
            texts[(c - first_col) as usize] = text;
        }
        let Some(last) = texts.iter().rposition(|c| !c.trim().is_empty()) else {
            continue;
        };
        width = width.max(last + 1);
        read.push((line as usize, texts));
    }
    let mut rows = read.into_iter().map(|(line, mut cells)| {
        // Rows are as wide as the widest row with text.
        cells.resize(width, String::new());
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
/// Errors say what is wrong with the file ([`TableError`]).
pub fn parse_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    if is_ole(bytes) {
        return Err(TableError::OldOrEncrypted);
    }
    let entries = zip_entries(bytes).ok_or(TableError::Damaged)?;
    let book = Book { bytes, entries };
    let workbook = book.part("xl/workbook.xml")?.ok_or(TableError::NotABook)?;
    let (list, date1904) = parse_workbook(&workbook)?;
    let rels = match book.part("xl/_rels/workbook.xml.rels")? {
        Some(text) => parse_rels(&text)?,
        None => HashMap::new(),
    };
    let ctx = Context {
        strings: match book.part("xl/sharedStrings.xml")? {
            Some(text) => parse_shared_strings(&text)?,
            None => vec![],
        },
        kinds: match book.part("xl/styles.xml")? {
            Some(text) => parse_styles(&text)?,
            None => vec![],
        },
        date1904,
    };
    let sheets: Vec<String> = list.iter().map(|(n, _)| n.clone()).collect();
    if sheets.is_empty() {
        return Err(TableError::NoSheets);
    }
    let path_of = |i: usize| -> String {
        rels.get(&list[i].1)
            .cloned()
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1))
    };
    let table = match sheet {
        Some(name) => {
            let Some(i) = sheets.iter().position(|s| s == name) else {
                return Err(TableError::NoSuchSheet(short(name).into_owned()));
            };
            sheet_table(&book, &ctx, name, &path_of(i))?
                .ok_or_else(|| TableError::SheetEmpty(short(name).into_owned()))?
        }
        None => {
            let mut found = None;
            for (i, name) in sheets.iter().enumerate() {
                if let Some(t) = sheet_table(&book, &ctx, name, &path_of(i))? {
                    found = Some(t);
                    break;
                }
            }
            found.ok_or(TableError::AllSheetsEmpty)?
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
        assert_eq!(e, TableError::NoSuchSheet("Нет такого".into()));
    }

    #[test]
    fn broken_books_say_what_is_wrong() {
        let good = fixture("clients.xlsx");
        let truncated = parse_xlsx(&good[..good.len() / 2], None).unwrap_err();
        assert_eq!(truncated, TableError::Damaged);
        // A zip that is no workbook: a stored zip with one text file.
        let e = parse_xlsx(&stored_zip("readme.txt", b"hello"), None).unwrap_err();
        assert_eq!(e, TableError::NotABook);
        // Old .xls and encrypted .xlsx are OLE compound files.
        let mut ole = OLE_MAGIC.to_vec();
        ole.resize(4096, 0);
        assert_eq!(
            parse_xlsx(&ole, None).unwrap_err(),
            TableError::OldOrEncrypted
        );
        assert_eq!(parse_xlsx(b"PK", None).unwrap_err(), TableError::Damaged);
        assert!(parse_xlsx(b"", None).is_err());
    }

    /// A zip archive of deflated parts (method 8), as Excel writes them.
    fn deflated_zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = vec![];
        let mut cd = vec![];
        for (name, body) in parts {
            let packed = miniz_oxide::deflate::compress_to_vec(body, 6);
            let header = |sig: &[u8], central: bool| {
                let mut h = sig.to_vec();
                if central {
                    h.extend_from_slice(&[20, 0]);
                }
                h.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
                h.extend_from_slice(&crc32(body).to_le_bytes());
                h.extend_from_slice(&(packed.len() as u32).to_le_bytes());
                h.extend_from_slice(&(body.len() as u32).to_le_bytes());
                h.extend_from_slice(&(name.len() as u16).to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes());
                h
            };
            let offset = out.len() as u32;
            out.extend(header(b"PK\x03\x04", false));
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&packed);
            cd.extend(header(b"PK\x01\x02", true));
            cd.extend_from_slice(&[0; 10]);
            cd.extend_from_slice(&offset.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_start = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        let n = (parts.len() as u16).to_le_bytes();
        out.extend_from_slice(&[n[0], n[1], n[0], n[1]]);
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_start.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Пустой" sheetId="2" r:id="rId7"/><sheet name="Сделки &amp; клиенты" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="…/worksheet" Target="/xl/worksheets/empty.xml"/></Relationships>"#;
    const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="4"><numFmt numFmtId="164" formatCode="[$-419]DD/MM/YYYY\ h:mm"/><numFmt numFmtId="165" formatCode="0&quot; days&quot;"/><numFmt numFmtId="166" formatCode="[Red]#,##0.00;[Blue]\-#,##0.00"/><numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
    const STRINGS: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Клиент</t></si><si><r><rPr><b/></rPr><t>ООО </t></r><r><t xml:space="preserve">«Рога &amp; копыта» </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t xml:space="preserve">  отступ  </t></si><si/></sst>"#;

    fn book(sheet: &str, workbook: &str) -> Vec<u8> {
        deflated_zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
            ("xl/sharedStrings.xml", STRINGS.as_bytes()),
            (
                "xl/worksheets/empty.xml",
                b"<worksheet><sheetData/></worksheet>",
            ),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ])
    }

    fn sheet(rows: &str) -> String {
        format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:Z99"/><sheetData>{rows}</sheetData></worksheet>"#
        )
    }

    #[test]
    fn hand_made_book_strings_refs_and_types() {
        let rows = sheet(concat!(
            // Column A is empty throughout: the table starts at B, as Excel's used range does.
            r#"<row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><t>Сумма</t></is></c>"#,
            r#"<c t="inlineStr"><is><r><t>Да</t></r><r><t>та</t></r></is></c><c r="F2" t="s"><v>2</v></c></row>"#,
            // No row or cell references at all: the next row, the next columns.
            r#"<row><c r="B3" t="s"><v>1</v></c><c><v>1234567.891</v></c><c s="1"><v>45366.5</v></c>"#,
            r#"<c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row>"#,
            r#"<row r="5" spans="2:6"><c r="B5" t="str"><f>A1&amp;"x"</f><v>a &lt;b&gt; &#1046;</v></c>"#,
            r#"<c r="C5" s="2"><v>7</v></c><c r="D5" s="3"><v>-0.5</v></c><c r="E5" s="4"><v>1.5</v></c>"#,
            r#"<c r="F5" s="5"/><c r="G5" t="s"><v>3</v></c></row>"#,
            r#"<row r="6"><c r="C6" s="5"><v>59</v></c><c r="D6" s="5"><v>60</v></c><c r="E6" s="5"><v>61</v></c></row>"#,
        ));
        let t = parse_xlsx(&book(&rows, WORKBOOK), None).unwrap();
        // The first sheet is empty: the first one with data is read; names unescaped.
        assert_eq!(t.sheets, vec!["Пустой", "Сделки & клиенты"]);
        assert_eq!(t.sheet.as_deref(), Some("Сделки & клиенты"));
        assert_eq!(t.headers, vec!["Клиент", "Сумма", "Дата", "", "отступ"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 5, 6]);
        // Rich-text runs concatenated, the phonetic hint left out, spaces kept.
        assert_eq!(
            t.rows[0].cells,
            vec![
                "ООО «Рога & копыта» ",
                "1234567,891",
                "15.03.2024 12:00",
                "ИСТИНА",
                "#N/A"
            ]
        );
        assert_eq!(t.rows[1].cells, vec!["a <b> Ж", "7", "-0,5", "1,5", ""]);
        assert_eq!(
            t.rows[2].cells,
            vec!["", "28.02.1900", "29.02.1900", "01.03.1900", ""]
        );
        // The other sheet by name; an empty one says so.
        let e = parse_xlsx(&book(&rows, WORKBOOK), Some("Пустой")).unwrap_err();
        assert_eq!(e, TableError::SheetEmpty("Пустой".into()));
    }

    #[test]
    fn the_1904_date_system_is_read() {
        let rows = sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Дата</t></is></c></row><row r="2"><c r="A2" s="5"><v>0</v></c></row><row r="3"><c r="A3" s="1"><v>43830.75</v></c></row>"#,
        );
        let wb = WORKBOOK.replace("<workbookPr/>", r#"<workbookPr date1904="1"/>"#);
        let t = parse_xlsx(&book(&rows, &wb), None).unwrap();
        assert_eq!(t.rows[0].cell(0), "01.01.1904");
        assert_eq!(t.rows[1].cell(0), "01.01.2024 18:00");
        let t = parse_xlsx(&book(&rows, WORKBOOK), None).unwrap();
        assert_eq!(t.rows[1].cell(0), "31.12.2019 18:00");
    }

    #[test]
    fn date_formats_are_told_from_number_formats() {
        assert_eq!(custom_kind("DD.MM.YYYY"), NumKind::Date);
        assert_eq!(custom_kind("[$-419]d mmmm yyyy"), NumKind::Date);
        assert_eq!(custom_kind("h:mm:ss;@"), NumKind::Date);
        assert_eq!(custom_kind("[h]:mm:ss"), NumKind::Duration);
        assert_eq!(custom_kind("General"), NumKind::Plain);
        assert_eq!(custom_kind("0\" days\""), NumKind::Plain);
        assert_eq!(
            custom_kind("#,##0\\ [$₽-419];[Red]\\-#,##0"),
            NumKind::Plain
        );
        assert_eq!(custom_kind("0.00_s"), NumKind::Plain);
        assert_eq!(builtin_kind(14), NumKind::Date);
        assert_eq!(builtin_kind(4), NumKind::Plain);
        assert_eq!(date_text(1.0, false).as_deref(), Some("01.01.1900"));
        assert_eq!(
            date_text(45366.0 + 1.0 / 86400.0 * 5.0, false).as_deref(),
            Some("15.03.2024 00:00:05")
        );
        // A time rounding up to midnight is the next day.
        assert_eq!(
            date_text(45_366.999_999_999, false).as_deref(),
            Some("16.03.2024")
        );
        assert_eq!(date_text(-1.0, false), None);
        assert_eq!(cell_ref("AB12"), Some((12, 27)));
        assert_eq!(cell_ref("12"), None);
        assert_eq!(part_path("../xl/./worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(part_path("/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
    }

    #[test]
    fn damaged_and_oversized_parts_are_refused() {
        let rows = sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Клиент</t></is></c></row>"#);
        let good = book(&rows, WORKBOOK);
        assert!(parse_xlsx(&good, None).is_ok());
        // A flipped byte inside the deflated sheet: the checksum or the inflate fails.
        let at = good
            .windows(24)
            .position(|w| w == b"xl/worksheets/sheet1.xml")
            .unwrap()
            + 24
            + 5;
        let mut bad = good.clone();
        bad[at] ^= 0x55;
        let e = parse_xlsx(&bad, None).unwrap_err();
        assert_eq!(inner(&e), &TableError::Damaged, "{e:?}");
        // A part that unpacks to more than its declared size is cut at that size and refused.
        let zeros = vec![b' '; 100_000];
        let mut bomb = deflated_zip(&[("xl/workbook.xml", &zeros)]);
        let cd = bomb.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        bomb[cd + 24..cd + 28].copy_from_slice(&1000u32.to_le_bytes());
        let e = parse_xlsx(&bomb, None).unwrap_err();
        assert_eq!(inner(&e), &TableError::Damaged, "{e:?}");
        // A part declaring more than the limit is not even unpacked.
        bomb[cd + 24..cd + 28].copy_from_slice(&(MAX_PART as u32 + 1).to_le_bytes());
        let e = parse_xlsx(&bomb, None).unwrap_err();
        assert!(
            matches!(inner(&e), TableError::PartTooBig { max_mb: 256, .. }),
            "{e:?}"
        );
        // A shared string index past the table.
        let rows = sheet(r#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#);
        let e = parse_xlsx(&book(&rows, WORKBOOK), None).unwrap_err();
        assert_eq!(inner(&e), &TableError::MissingString, "{e:?}");
    }

    /// The error itself, out of its worksheet's wrapper.
    fn inner(e: &TableError) -> &TableError {
        match e {
            TableError::Sheet { error, .. } => inner(error),
            e => e,
        }
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
