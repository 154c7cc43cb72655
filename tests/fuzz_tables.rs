//! Fuzzing the table readers and the import planning on stable Rust: property tests feed
//! mutated CSV files (the real CRM export in ../shared/data and the 1C client base in
//! tests/fixtures: byte edits, separators, quotes, encodings, line ends, long cells, odd
//! numbers and dates) and mutated Excel books (a small book made here: XML edits of its
//! parts, then zip damage) to `persist::table::parse_file` and then to
//! `domain::import::plan_clients` / `plan_deals` and the apply step. Each case must not panic
//! and must either give a table whose import leaves a project that passes validation, or a
//! named error told in Russian.
//!
//! 10 000 cases in all: 6 000 CSV and 4 000 XLSX, in three tests that run side by side.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use sloy::domain::import::*;
use sloy::domain::Project;
use sloy::i18n::table::table_error_text;
use sloy::i18n::{app_russian, Lang};
use sloy::persist::table::{parse_file, Table, TableError};
use sloy::persist::validate::validate;
use std::sync::OnceLock;

/// A small deterministic generator (splitmix64) driven by the case's seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn one<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn shared(name: &str) -> String {
    let local = format!(
        "{}/../shared/data/crm-sales-opportunities/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&local)
        .or_else(|_| {
            std::fs::read_to_string(format!("/work/shared/data/crm-sales-opportunities/{name}"))
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The first lines of a real file: enough rows for every shape, small enough to be quick.
fn head(text: &str, lines: usize) -> Vec<u8> {
    text.lines()
        .take(lines)
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

/// CSV seeds: real exports.
fn csv_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let cp1251 = std::fs::read(format!(
            "{}/tests/fixtures/import/clients-cp1251.csv",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("clients-cp1251.csv");
        let clients_utf8 =
            "\u{feff}Клиент;Код;Выручка 2024, тыс. руб.;Канал;Регион;Категория;Менеджер\n\
            \"ООО «Альфа; Север»\";K01;1 234 567,89;Дилеры;Москва;A;Иванов\n\
            АО «Минус»;K02;−5 000,00;Прямые;Казань;;Петров\n\
            ЗАО Бета;K03;12,5 млн;Прямые;;С;\n";
        vec![
            head(&shared("sales_pipeline.csv"), 40),
            head(&shared("accounts.csv"), 30),
            head(&shared("sales_teams.csv"), 20),
            cp1251,
            clients_utf8.as_bytes().to_vec(),
        ]
    })
}

const SNIPPETS: &[&str] = &[
    ";",
    ",",
    "\t",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\u{0}",
    "\u{feff}",
    "-",
    "−",
    "-5 000,00",
    "1e308",
    "-1e308",
    "99999999999999999999",
    "NaN",
    "inf",
    "31.02.2025",
    "2025-13-45",
    "0000-00-00",
    "29.02.2023",
    "1 234,56 р.",
    "₽",
    "тыс.",
    "<script>",
    "=HYPERLINK(\"x\")",
    "ё",
    "\u{202e}",
    "\u{fffd}",
    "A",
    "Won",
    "Lost",
    "Prospecting",
];

fn mutate_csv(bytes: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(10) {
        0 => {
            // Flip a byte.
            if !bytes.is_empty() {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        1 | 2 => {
            let at = rng.below(bytes.len() + 1);
            let s = rng.one(SNIPPETS).as_bytes().to_vec();
            bytes.splice(at..at, s);
        }
        3 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
        }
        4 => {
            // Delete a range.
            let a = rng.below(bytes.len() + 1);
            let b = (a + rng.below(200)).min(bytes.len());
            bytes.drain(a..b);
        }
        5 => {
            // Duplicate a line.
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let i = rng.below(lines.len());
            let l = lines[i];
            lines.insert(i, l);
            *bytes = lines.join("\n").into_bytes();
        }
        6 => {
            // Another encoding or line ends.
            let text = String::from_utf8_lossy(bytes).into_owned();
            *bytes = match rng.below(4) {
                0 => encoding_rs::WINDOWS_1251.encode(&text).0.into_owned(),
                1 => text.replace('\n', "\r\n").into_bytes(),
                2 => {
                    let mut b = vec![0xFF, 0xFE];
                    b.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
                    b
                }
                _ => text.replace(',', ";").into_bytes(),
            };
        }
        7 => {
            // A long cell.
            let at = rng.below(bytes.len() + 1);
            let len = *rng.one(&[1_000usize, 20_000]);
            bytes.splice(at..at, "Ж".repeat(len).into_bytes());
        }
        8 => {
            // Many columns on one line.
            let at = rng.below(bytes.len() + 1);
            bytes.splice(at..at, ";".repeat(rng.below(3_000)).into_bytes());
        }
        _ => {
            // Random bytes.
            let at = rng.below(bytes.len() + 1);
            let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
            bytes.splice(at..at, junk);
        }
    }
}

// ---- A small Excel book, made here ----

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of `parts`, each stored (method 0) or deflated (method 8).
fn zip(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let mut out = vec![];
    let mut cd = vec![];
    for (name, body) in parts {
        let (method, packed) = if deflate {
            (8u8, miniz_oxide::deflate::compress_to_vec(body, 6))
        } else {
            (0u8, body.clone())
        };
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&[20, 0]);
            }
            h.extend_from_slice(&[20, 0, 0, 0, method, 0, 0, 0, 0, 0]);
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
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Клиенты" sheetId="1" r:id="rId1"/><sheet name="Сделки" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="…/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#;
const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
const STRINGS: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>Клиент</t></si><si><t>Код</t></si><si><t>Выручка 2024</t></si><si><t>Категория</t></si><si><r><t>ООО </t></r><r><t xml:space="preserve">«Рога &amp; копыта»</t></r></si><si><t>K01</t></si><si><t>Сделка</t></si><si><t>Этап</t></si><si><t>Won</t></si></sst>"#;
const SHEET1: &str = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>Дата</t></is></c></row><row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2"><v>1234567.89</v></c><c r="D2" t="str"><v>A</v></c><c r="E2" s="1"><v>45382</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>АО «Минус»</t></is></c><c r="B3" t="str"><v>K02</v></c><c r="C3"><v>-5000</v></c><c r="D3" t="str"><v>Б</v></c><c r="E3" s="2"><v>45000.5</v></c></row><row r="5"><c r="A5" t="str"><v>ЗАО Бета</v></c><c r="C5" t="e"><v>#DIV/0!</v></c><c r="D5" t="b"><v>1</v></c></row></sheetData></worksheet>"#;
const SHEET2: &str = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>6</v></c><c r="B1" t="s"><v>7</v></c><c r="C1" t="s"><v>0</v></c><c r="D1" t="inlineStr"><is><t>Сумма</t></is></c><c r="E1" t="inlineStr"><is><t>Дата создания</t></is></c></row><row r="2"><c r="A2" t="str"><v>D1</v></c><c r="B2" t="s"><v>8</v></c><c r="C2" t="s"><v>4</v></c><c r="D2"><v>100</v></c><c r="E2" s="1"><v>45300</v></c></row><row r="3"><c r="A3" t="str"><v>D2</v></c><c r="B3" t="str"><v>Prospecting</v></c><c r="C3" t="str"><v>АО «Минус»</v></c><c r="D3"><v>-1e308</v></c><c r="E3" s="1"><v>-5</v></c></row></sheetData></worksheet>"#;

fn book_parts() -> Vec<(String, Vec<u8>)> {
    [
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", STRINGS),
        ("xl/worksheets/sheet1.xml", SHEET1),
        ("xl/worksheets/sheet2.xml", SHEET2),
    ]
    .iter()
    .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
    .collect()
}

const XML_SNIPPETS: &[&str] = &[
    r#"<c r="XFD1048577" t="s"><v>99999</v></c>"#,
    r#"<c r="A1" t="s"><v>-1</v></c>"#,
    r#"<c r="ZZZZZZZZ9" t="n"><v>abc</v></c>"#,
    r#"<c r="B2"><v>1e308</v></c>"#,
    r#"<c r="B2" s="1"><v>-1e20</v></c>"#,
    r#"<c r="B2" s="99999"><v>1</v></c>"#,
    r#"<c r="C2" s="2"><v>2958466</v></c>"#,
    r#"<row r="0">"#,
    r#"<row r="4294967296">"#,
    r#"<row r="1048576"><c r="A1048576" t="str"><v>last</v></c></row>"#,
    "&bogus;",
    "&#0;",
    "&#xFFFFFFFF;",
    "<![CDATA[",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "</sheetData>",
    "<sheetData>",
    "<",
    "\"",
    "\u{0}",
    r#"<si><t>"#,
    r#"<c t="inlineStr"><is><t>без ссылки</t></is></c>"#,
];

fn mutate_xml(xml: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(7) {
        0 | 1 => {
            let at = rng.below(xml.len() + 1);
            let s = rng.one(XML_SNIPPETS).as_bytes().to_vec();
            xml.splice(at..at, s);
        }
        2 => {
            let a = rng.below(xml.len() + 1);
            let b = (a + rng.below(80)).min(xml.len());
            xml.drain(a..b);
        }
        3 => {
            // Type swaps of cells.
            let text = String::from_utf8_lossy(xml).into_owned();
            let from = *rng.one(&[r#"t="s""#, r#"t="str""#, r#"t="inlineStr""#, r#"s="1""#]);
            let to = *rng.one(&[
                r#"t="s""#, r#"t="b""#, r#"t="e""#, r#"t="d""#, r#"t="n""#, r#"s="2""#, "",
            ]);
            *xml = text.replacen(from, to, 1 + rng.below(3)).into_bytes();
        }
        4 => {
            // Deep nesting.
            let at = rng.below(xml.len() + 1);
            let depth = *rng.one(&[50usize, 2_000]);
            let s = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
            xml.splice(at..at, s.into_bytes());
        }
        5 => {
            // A long string.
            let at = rng.below(xml.len() + 1);
            xml.splice(
                at..at,
                "Щ".repeat(*rng.one(&[1_000usize, 50_000])).into_bytes(),
            );
        }
        _ => {
            let at = rng.below(xml.len().max(1));
            if let Some(b) = xml.get_mut(at) {
                *b ^= 1 << rng.below(8);
            }
        }
    }
}

fn mutate_zip(zip: &mut Vec<u8>, rng: &mut Rng) {
    match rng.below(5) {
        0 => {
            let at = rng.below(zip.len() + 1);
            zip.truncate(at);
        }
        1 => {
            let at = rng.below(zip.len().max(1));
            if let Some(b) = zip.get_mut(at) {
                *b ^= 1 << rng.below(8);
            }
        }
        2 => {
            // A huge declared size or offset somewhere in a header.
            let at = rng.below(zip.len().saturating_sub(4).max(1));
            if zip.len() >= at + 4 {
                zip[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
            }
        }
        3 => {
            let at = rng.below(zip.len() + 1);
            let junk: Vec<u8> = (0..rng.below(32)).map(|_| rng.next() as u8).collect();
            zip.splice(at..at, junk);
        }
        _ => {
            // The OLE signature of an old .xls.
            zip.splice(0..0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        }
    }
}

fn xlsx_case(rng: &mut Rng, xml_edits: usize, zip_edit: bool) -> Vec<u8> {
    let mut parts = book_parts();
    for _ in 0..xml_edits {
        match rng.below(8) {
            // Drop a part.
            0 => {
                let i = rng.below(parts.len());
                parts.remove(i);
            }
            // Duplicate a part (two entries of one name).
            1 => {
                let i = rng.below(parts.len());
                let p = parts[i].clone();
                parts.push(p);
            }
            _ => {
                let i = rng.below(parts.len());
                mutate_xml(&mut parts[i].1, rng);
            }
        }
    }
    let mut bytes = zip(&parts, rng.below(2) == 0);
    if zip_edit {
        mutate_zip(&mut bytes, rng);
    }
    bytes
}

// ---- The property ----

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 31).unwrap_or_default()
}

/// Whether two checked rows name the same client (then a second import may legitimately move
/// values between them, e.g. the later row's name wins each time).
fn has_duplicate_keys(plan: &ClientPlan) -> bool {
    let mut seen = std::collections::HashSet::new();
    plan.ok.iter().any(|r| {
        let key = if r.code.is_empty() {
            format!("n:{}", r.name.to_lowercase())
        } else {
            format!("c:{}", r.code.to_lowercase())
        };
        !seen.insert(key)
    })
}

/// Plans and applies a table as clients and as deals; the projects must stay valid.
fn import_table(t: &Table) -> Result<(), TestCaseError> {
    let m = guess_mapping(Kind::Clients, &t.headers);
    let _ = mapping_problems(Kind::Clients, &m);
    let u = sloy::domain::model::MoneyUnit::ThousandRub;
    let plan = plan_clients(t, &m, sloy::domain::model::MoneyUnit::Rub, u);
    prop_assert_eq!(plan.rows_read, t.rows.len());
    // Every row is either taken or refused, once.
    prop_assert_eq!(plan.ok.len() + plan.rejected.len(), t.rows.len());
    // Nothing negative gets through.
    for r in &plan.ok {
        prop_assert!(r.revenue.is_none_or(|m| m.0 >= 0));
        prop_assert!(r.avg_cycle_days.is_none_or(|d| d >= 0.0));
    }
    let mut p = Project::new_empty("Импорт", today());
    for mode in [Mode::AddNew, Mode::UpdateExisting] {
        let s = ClientSettings {
            year: 2024,
            mode,
            file_unit: sloy::domain::model::MoneyUnit::Rub,
            project_unit: u,
        };
        let pv = preview_clients(&p, &plan, s);
        apply_preview(&mut p, &pv);
        prop_assert!(validate(&p).is_ok(), "clients: {:?}", validate(&p));
        // The same rows again change nothing.
        let again = preview_clients(
            &p,
            &plan,
            ClientSettings {
                mode: Mode::UpdateExisting,
                ..s
            },
        );
        if mode == Mode::UpdateExisting {
            prop_assert!(!again.changes_anything() || has_duplicate_keys(&plan));
        }
    }
    let _ = rejected_rows(&plan.rejected, |p| {
        sloy::i18n::import::problem_text(p, sloy::i18n::Lang::Ru)
    });

    let m = guess_mapping(Kind::Deals, &t.headers);
    let mut p = new_crm_project("CRM", t, &m, today());
    let stages: Vec<_> = stage_names(t, &m)
        .into_iter()
        .map(|(n, _)| {
            let target = guess_stage(&p, &n);
            (n, target)
        })
        .collect();
    let plan = plan_deals(t, &m, &stages);
    prop_assert_eq!(plan.rows_read, t.rows.len());
    let _ = latest_date(&plan);
    apply_deals(&mut p, &plan, today());
    prop_assert!(validate(&p).is_ok(), "deals: {:?}", validate(&p));

    let m = guess_mapping(Kind::Managers, &t.headers);
    apply_managers(&mut p, t, &m);
    prop_assert!(validate(&p).is_ok(), "managers: {:?}", validate(&p));
    Ok(())
}

/// The error with every text taken from the file (sheet and part names, the readers' details)
/// replaced, so what is left is the app's own words.
fn without_file_text(e: TableError) -> TableError {
    let x = || "x".to_string();
    match e {
        TableError::Csv(_) => TableError::Csv(x()),
        TableError::PartTooBig { max_mb, .. } => TableError::PartTooBig { part: x(), max_mb },
        TableError::UnknownCompression { method, .. } => {
            TableError::UnknownCompression { part: x(), method }
        }
        TableError::NotUtf8 { .. } => TableError::NotUtf8 { part: x() },
        TableError::Markup { .. } => TableError::Markup {
            part: x(),
            detail: x(),
        },
        TableError::Unterminated { cell, .. } => TableError::Unterminated { part: x(), cell },
        TableError::NoSuchSheet(_) => TableError::NoSuchSheet(x()),
        TableError::SheetEmpty(_) => TableError::SheetEmpty(x()),
        TableError::Sheet { error, .. } => TableError::Sheet {
            sheet: x(),
            error: Box::new(without_file_text(*error)),
        },
        e => e,
    }
}

/// A file either reads into a table that imports into a valid project or is refused with a
/// message of reasonable length, Russian in the Russian UI and without Russian in the English.
fn check_file(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_file(name, bytes, None) {
        Ok(t) => {
            for r in &t.rows {
                let _ = r.cell(usize::MAX);
            }
            import_table(&t)?;
            // Every other sheet of a book too.
            for s in t.sheets.clone() {
                if let Ok(t2) = parse_file(name, bytes, Some(&s)) {
                    import_table(&t2)?;
                }
            }
        }
        Err(e) => {
            let msg = table_error_text(&e, Lang::Ru);
            let en = table_error_text(&e, Lang::En);
            let app_en = table_error_text(&without_file_text(e.clone()), Lang::En);
            prop_assert!(!app_russian(&app_en), "Russian in English: {}", en);
            prop_assert!(en.chars().count() < 1_000, "{}", en);
            prop_assert!(!msg.trim().is_empty());
            prop_assert!(
                msg.chars()
                    .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
                "not Russian: {}",
                msg
            );
            prop_assert!(
                msg.chars().count() < 1_000,
                "a message of {} chars",
                msg.chars().count()
            );
        }
    }
    Ok(())
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(6_000))]

    #[test]
    fn mutated_csv_files_import_or_fail_by_name(
        seed_pick in 0usize..5,
        rng_seed in any::<u64>(),
        edits in 1usize..6,
    ) {
        let mut rng = Rng(rng_seed);
        let mut bytes = csv_seeds()[seed_pick].clone();
        for _ in 0..edits {
            mutate_csv(&mut bytes, &mut rng);
        }
        check_file("clients.csv", &bytes)?;
    }
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn mutated_xlsx_xml_imports_or_fails_by_name(rng_seed in any::<u64>(), edits in 1usize..4) {
        let mut rng = Rng(rng_seed);
        check_file("book.xlsx", &xlsx_case(&mut rng, edits, false))?;
    }
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn damaged_xlsx_zips_import_or_fail_by_name(rng_seed in any::<u64>(), edits in 0usize..3) {
        let mut rng = Rng(rng_seed);
        check_file("book.xlsx", &xlsx_case(&mut rng, edits, true))?;
    }
}

/// The book made here reads as Excel shows it (so the mutations start from a good book).
#[test]
fn the_hand_made_book_reads() {
    let t = parse_file("book.xlsx", &zip(&book_parts(), true), None).expect("reads");
    assert_eq!(t.headers[0], "Клиент");
    assert_eq!(t.rows[0].cells[0], "ООО «Рога & копыта»");
    assert_eq!(t.sheets.len(), 2);
    let stored = parse_file("book.xlsx", &zip(&book_parts(), false), None).expect("reads");
    assert_eq!(stored.rows, t.rows);
}

// ---- Seeds that once failed, kept as regression cases ----

/// Found by the fuzzer: a quick-xml error quoted a 200 000-character run of the damaged part
/// whole in the message (an unbounded text in a dialog). Replayed explicitly.
#[test]
fn xml_errors_in_messages_are_bounded() {
    for (seed, edits, zip_edit) in [
        (1432022562376418790u64, 1usize, false),
        (12505670292092590545, 2, true),
    ] {
        let mut rng = Rng(seed);
        let bytes = xlsx_case(&mut rng, edits, zip_edit);
        let e = parse_file("book.xlsx", &bytes, None).expect_err("damaged");
        let msg = table_error_text(&e, Lang::Ru);
        assert!(msg.chars().count() < 400, "{msg}");
        if let Err(e) = check_file("book.xlsx", &bytes) {
            panic!("{e}");
        }
    }
}
