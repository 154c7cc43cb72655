//! The dashboard's small funnel: one bar per funnel stage, its length the number of deals that
//! reached the stage, with the stage code on the left and the count on the right. Steps below
//! their target conversion are drawn in the warning colour and marked «✗».

use super::{font, ACCENT, BAD, GRID, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar, formatted by the caller from `domain::layer2::conversion::reached_counts` and
/// `domain::layer2::conversion::step_conversions`.
#[derive(Clone, Debug, PartialEq)]
pub struct MiniBar {
    /// The stage code («2.1»).
    pub code: String,
    /// Deals that reached the stage.
    pub count: usize,
    /// The step into this stage is below its target.
    pub below_target: bool,
}

/// Draws the bars top to bottom on `area`.
pub fn draw_mini_funnel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, bars: &[MiniBar]) {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if bars.is_empty() {
        let _ = area.draw(&Text::new("—", (w / 2, h / 2), font(12).color(&MUTED)));
        return;
    }
    let label_w = 40;
    let right_w = 48;
    let zone = (w - label_w - right_w).max(10);
    let row_h = (h / bars.len() as i32).max(6);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let left = Pos::new(HPos::Left, VPos::Center);
    let size = (row_h * 7 / 10).clamp(8, 13) as u32;
    for (i, b) in bars.iter().enumerate() {
        let top = i as i32 * row_h + 1;
        let bottom = top + row_h - 2;
        let mid = (top + bottom) / 2;
        let len = ((b.count as f64 / max) * zone as f64).round() as i32;
        let x0 = label_w + (zone - len) / 2;
        let _ = area.draw(&Rectangle::new(
            [(label_w, mid), (label_w + zone, mid)],
            ShapeStyle::from(&GRID).stroke_width(1),
        ));
        let colour = if b.below_target { BAD } else { ACCENT };
        if len > 0 {
            let _ = area.draw(&Rectangle::new(
                [(x0, top), (x0 + len, bottom)],
                colour.filled(),
            ));
        }
        let _ = area.draw(&Text::new(
            b.code.clone(),
            (2, mid),
            font(size).color(&INK).pos(left),
        ));
        let mark = if b.below_target { " ✗" } else { "" };
        let _ = area.draw(&Text::new(
            format!("{}{mark}", b.count),
            (label_w + zone + 6, mid),
            font(size).color(&INK).pos(left),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;

    #[test]
    fn draws_codes_counts_and_marks() {
        let bars = vec![
            MiniBar {
                code: "1".into(),
                count: 25,
                below_target: false,
            },
            MiniBar {
                code: "2.1".into(),
                count: 19,
                below_target: false,
            },
            MiniBar {
                code: "7".into(),
                count: 3,
                below_target: true,
            },
        ];
        let svg = to_svg(240, 120, |a| draw_mini_funnel(a, &bars));
        assert!(svg.contains("2.1"), "{svg}");
        assert!(svg.contains("25"));
        assert!(svg.contains("3 ✗"));
        assert!(!svg.contains("25 ✗"), "only steps below target are marked");
        assert!(svg.matches("<rect").count() >= 3);
    }

    #[test]
    fn empty_data_draws_a_dash() {
        let svg = to_svg(240, 120, |a| draw_mini_funnel(a, &[]));
        assert!(svg.contains('—'));
        assert!(!svg.contains("<rect"));
    }
}
