#![cfg(not(target_arch = "wasm32"))]
//! Every Markdown file the code cites exists in the repository, and every section it cites
//! (`docs/METHOD.md §3.2`, `… §3.4, §4.1`) is a heading of that file.
//!
//! Scanned: `src/`, `tests/`, `style/`, `docs/` and `README.md`. Golden project files
//! (`tests/fixtures/*.sloy.json`) are frozen data, not citations, and are skipped. A path is
//! resolved from the repository root, then from the citing file's folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text files under `dir`, skipping build output, npm packages and test artefacts.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if !matches!(name.as_str(), "node_modules" | "target" | ".artifacts") {
                files(&p, out);
            }
        } else if !name.ends_with(".sloy.json") {
            out.push(p);
        }
    }
}

/// A cited Markdown file with the sections cited after it.
#[derive(Debug, PartialEq)]
struct Citation {
    path: String,
    sections: Vec<String>,
    line: usize,
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
}

/// Section numbers right after a citation: `§3.2`, `§ 3.2`, `§3.4, §4.1`, `§5.1 and §5.2`.
fn sections_after(rest: &str) -> Vec<String> {
    let mut out = vec![];
    let mut s = rest;
    loop {
        let t = s.trim_start();
        let Some(after) = t.strip_prefix('§') else {
            break;
        };
        let after = after.trim_start();
        let num: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let clean = num.trim_end_matches('.').to_string();
        if clean.is_empty() {
            break;
        }
        out.push(clean);
        s = &after[num.len()..];
        // Another section of the same file follows after a separator.
        let t = s.trim_start();
        if let Some(r) = t.strip_prefix(',').or_else(|| t.strip_prefix(';')) {
            s = r;
        } else if let Some(r) = t.strip_prefix("and ").or_else(|| t.strip_prefix("и ")) {
            s = r;
        } else {
            break;
        }
    }
    out
}

/// Every `*.md` path in `text` with the sections cited after it.
fn citations(text: &str) -> Vec<Citation> {
    let mut out = vec![];
    for (n, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(i) = line[from..].find(".md") {
            let end = from + i + 3;
            from = end;
            // A whole extension: not `.mdx`, not `.mdash`.
            if line[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                continue;
            }
            let start = line[..end]
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_path_char(*c))
                .last()
                .map(|(i, _)| i)
                .unwrap_or(end);
            let path = line[start..end].trim_start_matches("./").to_string();
            if path == ".md" || path.starts_with('.') && !path.starts_with("../") {
                continue;
            }
            out.push(Citation {
                path,
                sections: sections_after(&line[end..]),
                line: n + 1,
            });
        }
    }
    out
}

/// The section numbers of a Markdown file's headings: `## 3. Layers` → `3`,
/// `### 3.1 Layer 1` → `3.1`, `## §2 …` → `2`.
fn headings(md: &str) -> BTreeSet<String> {
    md.lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| {
            let t = l.trim_start_matches('#').trim_start();
            let t = t.strip_prefix('§').unwrap_or(t).trim_start();
            let num: String = t
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let num = num.trim_end_matches('.').to_string();
            (!num.is_empty()).then_some(num)
        })
        .collect()
}

/// Problems of the citations in `text` (a file at `from`), resolved against `root`.
fn problems(root: &Path, from: &Path, text: &str) -> Vec<String> {
    let mut out = vec![];
    let shown = from
        .strip_prefix(root)
        .unwrap_or(from)
        .display()
        .to_string();
    for c in citations(text) {
        let candidates = [
            root.join(&c.path),
            from.parent().unwrap_or(root).join(&c.path),
        ];
        let Some(target) = candidates.iter().find(|p| p.is_file()) else {
            out.push(format!(
                "{shown}:{}: cites {} — no such file in the repository",
                c.line, c.path
            ));
            continue;
        };
        if c.sections.is_empty() {
            continue;
        }
        let md = std::fs::read_to_string(target).unwrap_or_default();
        let have = headings(&md);
        for s in &c.sections {
            if !have.contains(s) {
                out.push(format!(
                    "{shown}:{}: cites {} §{s} — {} has no heading numbered {s}",
                    c.line, c.path, c.path
                ));
            }
        }
    }
    out
}

#[test]
fn every_cited_markdown_file_and_section_exists() {
    let root = root();
    let mut all = vec![root.join("README.md")];
    for d in ["src", "tests", "style", "docs"] {
        files(&root.join(d), &mut all);
    }
    let mut found = 0;
    let mut bad = vec![];
    for f in &all {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        found += citations(&text).len();
        bad.extend(problems(&root, f, &text));
    }
    assert!(
        found >= 50,
        "expected the code to cite the method often, found {found} citations"
    );
    assert!(bad.is_empty(), "broken citations:\n{}", bad.join("\n"));
}

#[test]
fn the_method_has_the_sections_the_code_relies_on() {
    let md = std::fs::read_to_string(root().join("docs/METHOD.md")).expect("docs/METHOD.md");
    let h = headings(&md);
    for s in [
        "0", "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "3.4", "3.5",
        "4", "4.1", "4.2", "5", "5.1", "5.2", "6", "6.1", "6.2", "6.3", "6.4", "6.5", "7",
    ] {
        assert!(h.contains(s), "docs/METHOD.md has no §{s}");
    }
}

// The checker itself must be able to fail. The cited names are built at run time so that the
// scan of this file does not see them.

#[test]
fn a_missing_file_is_reported() {
    let root = root();
    let text = format!("// see {}.md §1", "docs/NO_SUCH_FILE");
    let p = problems(&root, &root.join("src/lib.rs"), &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("no such file"), "{p:?}");
}

#[test]
fn a_missing_section_is_reported() {
    let root = root();
    let text = format!("/// ({}.md §3.4, §9.9; §4.1)", "docs/METHOD");
    let p = problems(&root, &root.join("src/lib.rs"), &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("§9.9"), "{p:?}");
}

#[test]
fn citations_are_parsed() {
    let m = format!("{}.md", "docs/METHOD");
    let c = citations(&format!(
        "a ({m} §3.1, §6.3) b; {m} §4.2. c \"{m} §3.4 gives\" and README.md, x.mdx"
    ));
    let got: Vec<(&str, Vec<&str>)> = c
        .iter()
        .map(|c| {
            (
                c.path.as_str(),
                c.sections.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (m.as_str(), vec!["3.1", "6.3"]),
            (m.as_str(), vec!["4.2"]),
            (m.as_str(), vec!["3.4"]),
            ("README.md", vec![]),
        ]
    );
    let h = headings("# Title\n## 0. One\n### 3.1 Layer\n## §7 Sources\n#### Notes\n");
    assert_eq!(
        h.into_iter().collect::<Vec<_>>(),
        vec!["0".to_string(), "3.1".into(), "7".into()]
    );
}
