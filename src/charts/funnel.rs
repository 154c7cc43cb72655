//! The layer-2 funnel: one horizontal bar per funnel stage, centred, its width the count or
//! the money that reached the stage; labels give the value, % of the previous stage and % of
//! the first.

use super::{font, ACCENT, BAD, GRID, INK, MUTED, SECOND};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar of the funnel, already formatted by the caller (numbers come from
/// `domain::layer2::conversion::funnel_snapshot`).
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelBar {
    /// Stage code and name, e.g. «2.1 Выявление потребностей».
    pub label: String,
    /// The bar's size (count or money).
    pub value: f64,
    /// The value as shown («19» or «187 650 тыс. ₽»).
    pub value_text: String,
    /// «% от предыдущего · % от первого» line, e.g. «79 % · 60 %».
    pub pct_text: String,
    /// The step into this stage is below its target.
    pub below_target: bool,
}

/// Height of a line of label text.
const LINE_H: i32 = 14;
/// Below this width the labels go above their bars instead of beside them.
const STACKED_BELOW: i32 = 600;
/// Most lines a label wraps into; a longer one ends in «…» (not for any stage name in use).
const MAX_LINES: usize = 3;

/// Height in pixels the funnel needs for `bars` bars: room for a label of two lines and its bar
/// per stage, at any width.
pub fn funnel_height(bars: usize) -> u32 {
    (bars as u32 * 46).max(120)
}

/// `text` broken at spaces into lines no wider than `max` pixels (as `width` measures them), at
/// most [`MAX_LINES`]; a word wider than a line stands alone, and only text beyond the last line
/// is cut, with «…».
fn wrap(text: &str, max: i32, width: impl Fn(&str) -> i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || width(&candidate) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        let rest = lines.split_off(MAX_LINES - 1).join(" ");
        let mut last = String::new();
        for c in rest.chars() {
            if width(&format!("{last}{c}…")) > max {
                break;
            }
            last.push(c);
        }
        last.push('…');
        lines.push(last);
    }
    lines
}

/// Draws the funnel bars top to bottom on `area`. Stage names are never cut: beside the bars
/// they wrap within a label column; on a narrow chart they stand above their bars, full width.
pub fn draw_funnel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, bars: &[FunnelBar]) {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if bars.is_empty() {
        let _ = area.draw(&Text::new("—", (w / 2, h / 2), font(14).color(&MUTED)));
        return;
    }
    let stacked = w < STACKED_BELOW;
    let label_w = if stacked {
        0
    } else {
        (w * 32 / 100).clamp(150, 320)
    };
    let right_w = (w * 22 / 100).clamp(96, 180);
    let bar_zone = (w - label_w - right_w).max(20);
    let row_h = (h / bars.len() as i32).max(8);
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let left = Pos::new(HPos::Left, VPos::Center);
    let top_left = Pos::new(HPos::Left, VPos::Top);
    let centre = Pos::new(HPos::Center, VPos::Center);
    let label_font = font(12);
    let measure = |s: &str| {
        area.estimate_text_size(s, &label_font)
            .map(|(tw, _)| tw as i32)
            .unwrap_or(s.chars().count() as i32 * 7)
    };
    for (i, b) in bars.iter().enumerate() {
        let row_top = i as i32 * row_h;
        let lines = wrap(&b.label, if stacked { w - 8 } else { label_w - 8 }, measure);
        let text_h = lines.len() as i32 * LINE_H;
        // Beside the bars the label is centred on its row; above them it takes the row's top.
        let (label_top, top, bottom) = if stacked {
            let top = (row_top + 2 + text_h).min(row_top + row_h - 10);
            (row_top + 2, top, row_top + row_h - 4)
        } else {
            (
                row_top + (row_h - text_h) / 2,
                row_top + 2,
                row_top + row_h - 2,
            )
        };
        let mid = (top + bottom) / 2;
        let frac = if max > 0.0 && b.value.is_finite() {
            (b.value / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let bw = ((bar_zone as f64 * frac).round() as i32).max(2);
        let x0 = label_w + (bar_zone - bw) / 2;
        let _ = area.draw(&Rectangle::new(
            [(label_w, top), (label_w + bar_zone, bottom)],
            GRID.mix(0.35).filled(),
        ));
        let colour = if i == 0 { ACCENT } else { SECOND };
        let _ = area.draw(&Rectangle::new(
            [(x0, top), (x0 + bw, bottom)],
            colour.filled(),
        ));
        for (n, line) in lines.into_iter().enumerate() {
            let _ = area.draw(&Text::new(
                line,
                (4, label_top + n as i32 * LINE_H),
                label_font.clone().pos(top_left),
            ));
        }
        // On the dark first bar the figure is white, where the bar is wide enough to hold it.
        let on_dark = i == 0 && bw > measure(&b.value_text) + 8;
        let _ = area.draw(&Text::new(
            b.value_text.clone(),
            (label_w + bar_zone / 2, mid),
            font(12)
                .color(if on_dark { &WHITE } else { &INK })
                .pos(centre),
        ));
        let mark = if b.below_target {
            format!("▼ {}", b.pct_text)
        } else {
            b.pct_text.clone()
        };
        let pct_colour = if b.below_target { BAD } else { MUTED };
        let _ = area.draw(&Text::new(
            mark,
            (label_w + bar_zone + 6, mid),
            font(12).color(&pct_colour).pos(left),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;

    fn bar(label: &str, value: f64, pct: &str, below: bool) -> FunnelBar {
        FunnelBar {
            label: label.to_string(),
            value,
            value_text: format!("{value}"),
            pct_text: pct.to_string(),
            below_target: below,
        }
    }

    #[test]
    fn draws_every_stage_with_its_labels() {
        let bars = vec![
            bar("1 Лид", 25.0, "100 %", false),
            bar("2.1 Потребности", 19.0, "76 % · 76 %", false),
            bar("7 Оплата", 3.0, "60 % · 12 %", true),
        ];
        let svg = to_svg(720, 300, |a| draw_funnel(a, &bars));
        for s in [
            "1 Лид",
            "2.1 Потребности",
            "25",
            "19",
            "76 % · 76 %",
            "▼ 60 % · 12 %",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        // Only the failing step is marked.
        assert_eq!(svg.matches('▼').count(), 1);
        // Bars: a background and a bar per row.
        assert_eq!(svg.matches("<rect").count(), 6);
    }

    #[test]
    fn the_widest_bar_is_the_largest_value_and_zero_is_drawn_thin() {
        let bars = vec![bar("a", 10.0, "", false), bar("b", 0.0, "", false)];
        let svg = to_svg(600, 200, |a| draw_funnel(a, &bars));
        assert!(svg.contains("width=\"2\""), "a zero bar is a thin line");
    }

    #[test]
    fn long_labels_wrap_instead_of_being_cut() {
        let long = "2.2 Выявление и формирование критериев принятия решения ЛФР и ЛПР";
        // The SVG backend estimates text by its bytes, so Cyrillic comes out about twice as
        // wide as the browser draws it: these widths leave room even so (a phone, a desktop).
        for width in [360, 1100] {
            let svg = to_svg(width, funnel_height(1), |a| {
                draw_funnel(a, &[bar(long, 1.0, "", false)])
            });
            for word in long.split(' ') {
                assert!(svg.contains(word), "{word} missing at {width} px");
            }
            assert!(!svg.contains('…'), "cut at {width} px");
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        let chars = |s: &str| s.chars().count() as i32;
        assert_eq!(wrap("abc def ghi", 7, chars), vec!["abc def", "ghi"]);
        assert_eq!(
            wrap("abc", 1, chars),
            vec!["abc"],
            "a long word stands alone"
        );
        assert_eq!(wrap("", 5, chars), Vec::<String>::new());
        assert_eq!(
            wrap("aa bb cc dd ee", 2, chars),
            vec!["aa", "bb", "c…"],
            "beyond the last line only"
        );
    }

    #[test]
    fn no_stages_draw_a_dash() {
        let svg = to_svg(400, 200, |a| draw_funnel(a, &[]));
        assert!(svg.contains('—'));
        assert!(!svg.contains("<rect"));
    }
}
