//! Documents that leave the app: printing (the browser's «Сохранить как PDF») and a
//! standalone HTML file. A document is an element with class `print-sheet` and an id; its look
//! is `style/document.css`, used both on screen and embedded in the exported file.

use super::download::download_text;

/// The stylesheet of documents, embedded in exported HTML files.
pub const DOCUMENT_CSS: &str = include_str!("../../style/document.css");

/// Opens the browser's print dialog (A4, the print stylesheet hides the app around the sheet).
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Downloads the element `id` as a standalone HTML file `file_name` titled `title`. The
/// element's markup is read back from the DOM (text was set as text, so it is escaped); the
/// file has no scripts. Returns false when the element is missing or the browser refused.
pub fn export_html(id: &str, title: &str, file_name: &str) -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    let html = standalone_html(title, &el.outer_html());
    download_text(file_name, &html, "text/html;charset=utf-8")
}

/// A complete HTML document around `body` (already escaped markup).
pub fn standalone_html(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body class=\"standalone\">\n{}\n</body>\n</html>\n",
        escape(title),
        DOCUMENT_CSS,
        body
    )
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
