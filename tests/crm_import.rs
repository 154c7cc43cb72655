//! The real CRM export (../shared/data/crm-sales-opportunities) imports as one project, and the
//! funnel, the scoreboard and the ABC analysis agree with a direct count of the raw files. The
//! same export saved as .xlsx (tests/fixtures/import/sales_pipeline.xlsx, made by
//! make_xlsx.py) imports to the same deals, and a client base in Excel gives the same report
//! as in CSV.
#![cfg(not(target_arch = "wasm32"))]

use sloy::domain::import::*;
use sloy::domain::layer1::abc::abc_analysis;
use sloy::domain::layer2::{conversion::reached_counts, scoreboard::scoreboard};
use sloy::domain::{DealStatus, Money, Project};
use sloy::persist::table::{parse_csv, parse_file, Table};
use std::collections::HashMap;

const DIR: &str = "../shared/data/crm-sales-opportunities";

fn raw(name: &str) -> String {
    let path = format!("{}/{DIR}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .or_else(|_| {
            std::fs::read_to_string(format!("/work/shared/data/crm-sales-opportunities/{name}"))
        })
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn table(name: &str) -> Table {
    parse_csv(raw(name).as_bytes()).unwrap()
}

/// Direct count of the raw pipeline file: rows per deal_stage, rows with an engage date,
/// rows without an account (plain split: the file has no quotes).
fn direct_counts() -> (HashMap<String, usize>, usize, usize, usize) {
    let text = raw("sales_pipeline.csv");
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (st, en, ac) = (at("deal_stage"), at("engage_date"), at("account"));
    let mut by_stage = HashMap::new();
    let (mut rows, mut engaged, mut no_account) = (0, 0, 0);
    for l in lines {
        let c: Vec<&str> = l.split(',').collect();
        rows += 1;
        *by_stage.entry(c[st].to_string()).or_insert(0) += 1;
        engaged += usize::from(!c[en].is_empty());
        no_account += usize::from(c[ac].is_empty());
    }
    (by_stage, rows, engaged, no_account)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import_all() -> (Project, [Report; 3]) {
    import_deals(table("sales_pipeline.csv"))
}

fn import_deals(deals: Table) -> (Project, [Report; 3]) {
    let teams = table("sales_teams.csv");
    let accounts = table("accounts.csv");
    let m = guess_mapping(Kind::Deals, &deals.headers);
    let today = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    let mut p = new_crm_project("CRM", &deals, &m, today);
    let stage_map: Vec<_> = stage_names(&deals, &m)
        .into_iter()
        .map(|(n, _)| {
            let t = guess_stage(&p, &n);
            (n, t)
        })
        .collect();
    assert!(stage_map.iter().all(|(_, t)| t.is_some()), "{stage_map:?}");
    let reps = import_crm(
        &mut p,
        &CrmImport {
            deals: &deals,
            deal_mapping: &m,
            stage_map: &stage_map,
            teams: Some(&teams),
            accounts: Some(&accounts),
        },
        today,
    );
    (p, reps)
}

#[test]
fn crm_export_imports_as_one_project() {
    let (p, [deals, teams, accounts]) = import_all();
    let (by_stage, rows, _, no_account) = direct_counts();
    assert_eq!(rows, 8800);
    assert_eq!(deals.rows_read, 8800);
    assert_eq!(deals.imported, 8800);
    assert!(deals.rejected.is_empty(), "{:?}", deals.rejected.first());
    assert_eq!(p.deals.len(), 8800);
    assert_eq!(teams.imported, 35);
    assert_eq!(
        p.managers.len(),
        35,
        "every sales agent of the pipeline is in the team file"
    );
    assert_eq!(accounts.imported, 85);
    assert_eq!(
        p.clients.len(),
        85,
        "every account of the pipeline is in the accounts file"
    );
    let flagged = p.deals.iter().filter(|d| d.client_id.is_none()).count();
    assert_eq!(flagged, no_account);
    assert_eq!(flagged, 1425);
    assert!(p
        .deals
        .iter()
        .filter(|d| d.client_id.is_none())
        .all(|d| d.status == DealStatus::Open));
    let won = p
        .deals
        .iter()
        .filter(|d| d.status == DealStatus::Won)
        .count();
    let lost = p
        .deals
        .iter()
        .filter(|d| d.status == DealStatus::Lost)
        .count();
    assert_eq!(won, by_stage["Won"]);
    assert_eq!(lost, by_stage["Lost"]);
    assert!(p
        .deals
        .iter()
        .all(|d| sloy::domain::layer2::moves::history_problems(d).is_empty()));
}

#[test]
fn funnel_and_scoreboard_match_a_direct_count() {
    let (p, _) = import_all();
    let (by_stage, rows, engaged, _) = direct_counts();
    let deals: Vec<_> = p.deals.iter().collect();
    let reached = reached_counts(&p, &deals);
    // Stage 1: every deal; 2.1: every deal that was engaged; from 2.2 up to the won stage:
    // the won deals (they skipped the stages between).
    assert_eq!(reached[0].count, rows);
    assert_eq!(reached[1].count, engaged);
    assert_eq!(engaged, rows - by_stage["Prospecting"]);
    let won_pos = p.stages.iter().position(|s| s.is_won).unwrap();
    for r in reached.iter().skip(2) {
        assert!(r.stage <= won_pos);
        assert_eq!(r.count, by_stage["Won"], "stage {}", r.stage);
    }
    let board = scoreboard(&p, &deals, p.company.as_of.unwrap());
    assert_eq!(
        board.total.count,
        by_stage["Prospecting"] + by_stage["Engaging"]
    );
    let col = |s: usize| board.columns.iter().position(|&c| c == s).unwrap();
    assert_eq!(board.column_totals[col(0)].count, by_stage["Prospecting"]);
    assert_eq!(board.column_totals[col(1)].count, by_stage["Engaging"]);
    assert!(board.unplaced.is_empty());
}

#[test]
fn accounts_alone_import_as_a_client_base_and_abc_matches_the_file() {
    let t = table("accounts.csv");
    let m = guess_mapping(Kind::Clients, &t.headers);
    let mut p = Project::new_empty(
        "Accounts",
        chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
    );
    let unit = p.company.money_unit;
    let plan = plan_clients(&t, &m, unit, unit);
    let year = p.company.base_year;
    let rep = apply_clients(&mut p, &plan, settings(year, unit));
    assert_eq!((rep.rows_read, rep.imported), (85, 85));
    let added = names(&rep.added);
    assert!(added.contains(&"Направление: technolgy".to_string()));
    assert!(added.contains(&"Регион: United States".to_string()));

    // Direct ABC from the raw file: sort by revenue, A while the cumulative share before the
    // client is below 80 %, B below 95 %, C after (the default rule).
    let text = raw("accounts.csv");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (ai, ri) = (
        head.iter().position(|h| *h == "account").unwrap(),
        head.iter().position(|h| *h == "revenue").unwrap(),
    );
    let mut rows: Vec<(String, i64)> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let cents = (c[ri].parse::<f64>().unwrap() * 100.0).round() as i64;
            (c[ai].to_string(), cents)
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total: i64 = rows.iter().map(|r| r.1).sum();
    let mut before = 0i64;
    let mut direct: HashMap<String, char> = HashMap::new();
    for (name, cents) in &rows {
        let pct = before as f64 * 100.0 / total as f64;
        let cat = if pct < 80.0 {
            'A'
        } else if pct < 95.0 {
            'B'
        } else {
            'C'
        };
        direct.insert(name.clone(), cat);
        before += cents;
    }
    let res = abc_analysis(&p, year, &p.layer1.abc);
    assert_eq!(res.total, Money::from_f64(total as f64 / 100.0));
    assert_eq!(res.rows.len(), 85);
    for r in &res.rows {
        let name = &p.clients[r.client_index].name;
        assert_eq!(
            r.category.letter().chars().next().unwrap(),
            direct[name],
            "{name}"
        );
    }
}

/// What a user sees of an imported deal (ids differ between two imports).
fn deal_view(p: &Project, d: &sloy::domain::Deal) -> String {
    let client = d
        .client_id
        .and_then(|c| p.client(c))
        .map(|c| c.name.clone());
    let manager = d
        .manager_id
        .and_then(|m| p.manager(m))
        .map(|m| m.name.clone());
    let history: Vec<String> = d
        .history
        .iter()
        .map(|h| {
            format!(
                "{}@{}",
                p.stage(h.stage_id).map_or("?", |s| &s.code),
                h.entered
            )
        })
        .collect();
    format!(
        "{} {} {:?} {:?} {} {} {:?} {:?} {:?}",
        d.code, d.title, client, manager, d.amount.0, d.created, d.closed, d.status, history
    )
}

#[test]
fn the_crm_export_as_xlsx_imports_the_same_deals_as_the_csv() {
    let xlsx = parse_file("sales_pipeline.xlsx", &fixture("sales_pipeline.xlsx"), None).unwrap();
    let csv = table("sales_pipeline.csv");
    assert_eq!(xlsx.headers, csv.headers);
    assert_eq!(xlsx.rows.len(), 8800);
    // Date cells read as ДД.ММ.ГГГГ, numbers as numbers.
    assert_eq!(xlsx.rows[0].cell(5), "20.10.2016");
    assert_eq!(xlsx.rows[0].cell(7), "1054");
    assert_eq!(xlsx.rows.last().unwrap().line, 8801);
    let (px, [dx, tx, ax]) = import_deals(xlsx);
    let (pc, [dc, _, _]) = import_all();
    assert_eq!((dx.rows_read, dx.imported), (8800, 8800));
    assert!(dx.rejected.is_empty(), "{:?}", dx.rejected.first());
    assert_eq!((tx.imported, ax.imported), (35, 85));
    assert_eq!(names(&dx.added), names(&dc.added));
    assert_eq!(px.deals.len(), pc.deals.len());
    for (a, b) in px.deals.iter().zip(&pc.deals) {
        assert_eq!(deal_view(&px, a), deal_view(&pc, b));
    }
    assert_eq!(px.company.as_of, pc.company.as_of);
}

#[test]
fn a_client_base_in_excel_gives_the_same_report_as_in_csv() {
    let xlsx = parse_file("clients.xlsx", &fixture("clients.xlsx"), None).unwrap();
    let csv = parse_file("clients-cp1251.csv", &fixture("clients-cp1251.csv"), None).unwrap();
    let (mx, mc) = (
        guess_mapping(Kind::Clients, &xlsx.headers),
        guess_mapping(Kind::Clients, &csv.headers),
    );
    // The extra date column of the book is not mapped; the others map alike.
    assert_eq!(mx[..mc.len()], mc[..]);
    assert!(mx[mc.len()..].iter().all(Option::is_none));
    let u = sloy::domain::model::MoneyUnit::ThousandRub;
    let (px, pc) = (
        plan_clients(&xlsx, &mx, u, u),
        plan_clients(&csv, &mc, u, u),
    );
    assert_eq!(px.rows_read, 5);
    assert_eq!(px.ok, pc.ok);
    // «АО Дельта» with «(1 000)», a negative amount in accounting notation, is refused too.
    assert_eq!(px.ok.len(), 1);
    assert_eq!(px.ok[0].revenue, Some(Money(123_456_789)));
    // The same problem at the same place (the cell's text may differ: «(1 000)» vs −1000).
    let reasons = |r: &[Rejected]| -> Vec<(usize, String, std::mem::Discriminant<Problem>)> {
        r.iter()
            .map(|x| (x.line, x.column.clone(), std::mem::discriminant(&x.problem)))
            .collect()
    };
    assert_eq!(reasons(&px.rejected), reasons(&pc.rejected));
    assert_eq!(
        px.rejected.iter().map(|r| r.line).collect::<Vec<_>>(),
        vec![4, 5, 6, 7]
    );
    assert_eq!(pc.rejected[3].problem, Problem::Negative("(1 000)".into()));
    let mut p = Project::new_empty("X", chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
    let rep = apply_clients(&mut p, &px, settings(2024, u));
    assert_eq!((rep.rows_read, rep.imported, rep.rejected.len()), (5, 1, 4));
}

/// A client import that adds everyone, amounts in the project's unit.
fn settings(year: i32, unit: sloy::domain::model::MoneyUnit) -> ClientSettings {
    ClientSettings {
        year,
        mode: Mode::AddNew,
        file_unit: unit,
        project_unit: unit,
    }
}

/// What an import added, as the report words it in Russian.
fn names(added: &[Added]) -> Vec<String> {
    added
        .iter()
        .map(|a| sloy::i18n::import::added_text(a, sloy::i18n::Lang::Ru))
        .collect()
}
