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

/// `s` cut to `max` characters with an ellipsis (labels must not run into the bars).
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Draws the funnel bars top to bottom on `area`.
pub fn draw_funnel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, bars: &[FunnelBar]) {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if bars.is_empty() {
        let _ = area.draw(&Text::new("—", (w / 2, h / 2), font(14).color(&MUTED)));
        return;
    }
    let label_w = (w * 30 / 100).max(120);
    let right_w = (w * 22 / 100).max(110);
    let bar_zone = (w - label_w - right_w).max(20);
    let row_h = (h / bars.len() as i32).max(8);
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let left = Pos::new(HPos::Left, VPos::Center);
    let centre = Pos::new(HPos::Center, VPos::Center);
    for (i, b) in bars.iter().enumerate() {
        let top = i as i32 * row_h + 2;
        let bottom = top + row_h - 4;
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
        let _ = area.draw(&Text::new(
            clip(&b.label, (label_w as usize - 8) / 7),
            (4, mid),
            font(12).pos(left),
        ));
        let _ = area.draw(&Text::new(
            b.value_text.clone(),
            (label_w + bar_zone / 2, mid),
            font(12).color(&INK).pos(centre),
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
    fn long_labels_are_cut() {
        let long = "2.2 Выявление и формирование критериев принятия решения ЛФР и ЛПР";
        let svg = to_svg(720, 100, |a| draw_funnel(a, &[bar(long, 1.0, "", false)]));
        assert!(svg.contains("2.2 Выявление"));
        assert!(svg.contains('…'));
        assert!(!svg.contains(long));
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "ab…");
    }

    #[test]
    fn no_stages_draw_a_dash() {
        let svg = to_svg(400, 200, |a| draw_funnel(a, &[]));
        assert!(svg.contains('—'));
        assert!(!svg.contains("<rect"));
    }
}
