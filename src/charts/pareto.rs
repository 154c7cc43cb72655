//! The Pareto chart of the ABC analysis: clients ranked by revenue as bars (each client's share
//! of revenue), the cumulative share as a line, and the class boundaries (A | B, B | C) marked
//! with their cumulative share. Everything is on one 0–100 % axis.

use super::{font, ACCENT, GRID, INK, MUTED, SECOND, WARN};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the Pareto chart shows, formatted by the caller (the numbers come from
/// `domain::layer1::abc::abc_analysis`).
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoData {
    /// Share of revenue of each ranked client, %, best first.
    pub shares: Vec<f64>,
    /// Cumulative share after each client, %.
    pub cumulative: Vec<f64>,
    /// Class boundaries: (rank of the last client of the upper class, label such as
    /// «A | B · 81,8 %»).
    pub boundaries: Vec<(usize, String)>,
    /// Class letters with the ranks they span: (letter, first rank, last rank).
    pub classes: Vec<(String, usize, usize)>,
    /// Y tick labels for 0, 20, …, 100 % («0 %», «20 %», …).
    pub y_ticks: Vec<String>,
    /// Axis titles.
    pub x_title: String,
    /// Axis titles.
    pub y_title: String,
}

/// Draws the Pareto chart on `area`.
pub fn draw_pareto<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &ParetoData) {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let n = d.shares.len();
    if n == 0 {
        let _ = area.draw(&Text::new("—", (w / 2, h / 2), font(14).color(&MUTED)));
        return;
    }
    // Two rows above the plot: the y-axis title, then the class letters (on one row they can
    // overlap when class A is narrow).
    let (left, right, top, bottom) = (56, w - 16, 46, h - 44);
    let pw = (right - left).max(10) as f64;
    let ph = (bottom - top).max(10) as f64;
    let x_of = |rank: f64| left + (pw * rank / n as f64).round() as i32;
    let y_of = |pct: f64| bottom - (ph * pct.clamp(0.0, 100.0) / 100.0).round() as i32;
    let right_mid = Pos::new(HPos::Right, VPos::Center);
    let centre_top = Pos::new(HPos::Center, VPos::Top);
    let centre = Pos::new(HPos::Center, VPos::Center);
    // Grid and y ticks.
    for (i, label) in d.y_ticks.iter().enumerate() {
        let y = y_of(i as f64 * 20.0);
        let _ = area.draw(&PathElement::new(vec![(left, y), (right, y)], GRID));
        let _ = area.draw(&Text::new(
            label.clone(),
            (left - 6, y),
            font(11).color(&MUTED).pos(right_mid),
        ));
    }
    // Bars.
    for (i, s) in d.shares.iter().enumerate() {
        let x0 = x_of(i as f64);
        let x1 = (x_of(i as f64 + 1.0) - 1).max(x0 + 1);
        let _ = area.draw(&Rectangle::new(
            [(x0, y_of(*s)), (x1, bottom)],
            SECOND.filled(),
        ));
    }
    // Cumulative line from (0, 0 %).
    let mut pts = vec![(left, bottom)];
    pts.extend(
        d.cumulative
            .iter()
            .enumerate()
            .map(|(i, c)| (x_of(i as f64 + 1.0), y_of(*c))),
    );
    let _ = area.draw(&PathElement::new(pts, ACCENT.stroke_width(2)));
    // Class letters over their zones.
    for (letter, from, to) in &d.classes {
        let x = (x_of(*from as f64 - 1.0) + x_of(*to as f64)) / 2;
        let _ = area.draw(&Text::new(
            letter.clone(),
            (x, 22),
            font(14).color(&INK).pos(centre_top),
        ));
    }
    // Boundaries: a vertical line after the rank with its label.
    for (rank, label) in &d.boundaries {
        let x = x_of(*rank as f64);
        let _ = area.draw(&PathElement::new(
            vec![(x, top - 6), (x, bottom)],
            WARN.stroke_width(2),
        ));
        let y = y_of(
            d.cumulative
                .get(rank.saturating_sub(1))
                .copied()
                .unwrap_or(0.0),
        );
        let _ = area.draw(&Circle::new((x, y), 4, WARN.filled()));
        let _ = area.draw(&Text::new(
            label.clone(),
            (x + 6, (y + 16).min(bottom - 8)),
            font(12).color(&INK).pos(Pos::new(HPos::Left, VPos::Center)),
        ));
    }
    // Axes and titles.
    let _ = area.draw(&PathElement::new(
        vec![(left, top - 6), (left, bottom), (right, bottom)],
        INK,
    ));
    let ticks = [1, n.div_ceil(4), n.div_ceil(2), (3 * n).div_ceil(4), n];
    let mut last = 0;
    for r in ticks {
        if r <= last {
            continue;
        }
        last = r;
        let x = x_of(r as f64 - 0.5);
        let _ = area.draw(&Text::new(
            r.to_string(),
            (x, bottom + 4),
            font(11).color(&MUTED).pos(centre_top),
        ));
    }
    let _ = area.draw(&Text::new(
        d.x_title.clone(),
        ((left + right) / 2, h - 10),
        font(12).color(&INK).pos(centre),
    ));
    let _ = area.draw(&Text::new(
        d.y_title.clone(),
        (8, 10),
        font(12).color(&INK).pos(Pos::new(HPos::Left, VPos::Center)),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;

    fn data() -> ParetoData {
        ParetoData {
            shares: vec![50.0, 30.0, 15.0, 5.0],
            cumulative: vec![50.0, 80.0, 95.0, 100.0],
            boundaries: vec![(2, "A | B · 80,0 %".into()), (3, "B | C · 95,0 %".into())],
            classes: vec![("A".into(), 1, 2), ("B".into(), 3, 3), ("C".into(), 4, 4)],
            y_ticks: (0..=5).map(|i| format!("{} %", i * 20)).collect(),
            x_title: "Клиенты по убыванию выручки".into(),
            y_title: "Доля выручки, %".into(),
        }
    }

    #[test]
    fn bars_line_boundaries_and_labels() {
        let svg = to_svg(720, 320, |a| draw_pareto(a, &data()));
        for s in [
            "A | B · 80,0 %",
            "B | C · 95,0 %",
            "100 %",
            "Клиенты по убыванию выручки",
            "Доля выручки, %",
            "\nA\n",
            "\nC\n",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        // One bar per client.
        assert_eq!(svg.matches("<rect").count(), 4);
        // Two boundary markers.
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    #[test]
    fn empty_data_draws_a_dash() {
        let mut d = data();
        d.shares.clear();
        d.cumulative.clear();
        let svg = to_svg(400, 200, |a| draw_pareto(a, &d));
        assert!(svg.contains('—'));
        assert!(!svg.contains("<rect"));
    }

    #[test]
    fn many_clients_keep_every_bar_at_least_a_pixel() {
        let n = 2000;
        let d = ParetoData {
            shares: vec![100.0 / n as f64; n],
            cumulative: (1..=n).map(|i| i as f64 * 100.0 / n as f64).collect(),
            boundaries: vec![],
            classes: vec![],
            y_ticks: vec![],
            x_title: String::new(),
            y_title: String::new(),
        };
        let svg = to_svg(720, 320, |a| draw_pareto(a, &d));
        assert_eq!(svg.matches("<rect").count(), n);
        assert!(svg.contains("\n2000\n"), "last rank is an x tick");
    }
}
