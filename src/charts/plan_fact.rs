//! Plan vs fact of the plan year by month, cumulative: the cumulative plan as a line with dots,
//! the cumulative fact as bars for the months that have started; a legend drawn with
//! rectangles and text (not plotters' series legend, see `components::chart`).

use super::{font, ACCENT, GRID, INK, MUTED, SECOND};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the chart shows, formatted by the caller (numbers from
/// `domain::plan::monthly_plan_fact`).
#[derive(Clone, Debug)]
pub struct PlanFactData {
    /// Month labels («янв», …), one per month.
    pub months: Vec<String>,
    /// Cumulative plan per month.
    pub cum_plan: Vec<f64>,
    /// Cumulative fact per month (`None`: the month has not started).
    pub cum_fact: Vec<Option<f64>>,
    /// Text of the last fact bar («148 000»), drawn above it.
    pub last_fact_text: String,
    /// Legend: plan, fact.
    pub legend: [String; 2],
    /// Formats a y tick value.
    pub y_tick: fn(f64) -> String,
}

/// Draws the plan/fact chart on `area`.
pub fn draw_plan_fact<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &PlanFactData) {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let n = d.months.len();
    if n == 0 {
        let _ = area.draw(&Text::new("—", (w / 2, h / 2), font(14).color(&MUTED)));
        return;
    }
    let max = d
        .cum_plan
        .iter()
        .copied()
        .chain(d.cum_fact.iter().flatten().copied())
        .filter(|x| x.is_finite())
        .fold(0.0_f64, f64::max);
    let step = nice_step(max / 5.0);
    let top_value = (max / step).ceil().max(1.0) * step;
    let (left, right, top, bottom) = (84, w - 12, 34, h - 28);
    let pw = (right - left).max(10) as f64;
    let ph = (bottom - top).max(10) as f64;
    let slot = pw / n as f64;
    let x_mid = |i: usize| left + (slot * (i as f64 + 0.5)).round() as i32;
    let y_of = |v: f64| bottom - (ph * (v / top_value).clamp(0.0, 1.0)).round() as i32;
    let right_mid = Pos::new(HPos::Right, VPos::Center);
    let left_mid = Pos::new(HPos::Left, VPos::Center);
    let centre_top = Pos::new(HPos::Center, VPos::Top);
    let centre_bottom = Pos::new(HPos::Center, VPos::Bottom);
    let mut v = 0.0;
    while v <= top_value + step / 2.0 {
        let y = y_of(v);
        let _ = area.draw(&PathElement::new(vec![(left, y), (right, y)], GRID));
        let _ = area.draw(&Text::new(
            (d.y_tick)(v),
            (left - 6, y),
            font(11).color(&MUTED).pos(right_mid),
        ));
        v += step;
    }
    let half = ((slot * 0.3).round() as i32).max(1);
    let mut last_bar = None;
    for (i, f) in d.cum_fact.iter().enumerate() {
        if let Some(f) = f {
            let x = x_mid(i);
            let _ = area.draw(&Rectangle::new(
                [(x - half, y_of(*f)), (x + half, bottom)],
                SECOND.filled(),
            ));
            last_bar = Some((x, y_of(*f)));
        }
    }
    if let Some((x, y)) = last_bar {
        let _ = area.draw(&Text::new(
            d.last_fact_text.clone(),
            (x, y - 4),
            font(11).color(&INK).pos(centre_bottom),
        ));
    }
    let pts: Vec<(i32, i32)> = d
        .cum_plan
        .iter()
        .enumerate()
        .map(|(i, p)| (x_mid(i), y_of(*p)))
        .collect();
    let _ = area.draw(&PathElement::new(pts.clone(), ACCENT.stroke_width(2)));
    for p in pts {
        let _ = area.draw(&Circle::new(p, 3, ACCENT.filled()));
    }
    for (i, m) in d.months.iter().enumerate() {
        let _ = area.draw(&Text::new(
            m.clone(),
            (x_mid(i), bottom + 6),
            font(11).color(&MUTED).pos(centre_top),
        ));
    }
    let _ = area.draw(&PathElement::new(
        vec![(left, top - 4), (left, bottom), (right, bottom)],
        INK,
    ));
    // Legend.
    let _ = area.draw(&PathElement::new(
        vec![(left, 12), (left + 20, 12)],
        ACCENT.stroke_width(2),
    ));
    let _ = area.draw(&Text::new(
        d.legend[0].clone(),
        (left + 26, 12),
        font(12).color(&INK).pos(left_mid),
    ));
    let lx = left + 220;
    let _ = area.draw(&Rectangle::new([(lx, 6), (lx + 20, 18)], SECOND.filled()));
    let _ = area.draw(&Text::new(
        d.legend[1].clone(),
        (lx + 26, 12),
        font(12).color(&INK).pos(left_mid),
    ));
}

/// A round tick step (1, 2 or 5 × 10ⁿ) at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::to_svg;

    fn tick(v: f64) -> String {
        format!("{v:.0}")
    }

    fn data() -> PlanFactData {
        let months = ["янв", "фев", "мар", "апр"].map(String::from).to_vec();
        PlanFactData {
            months,
            cum_plan: vec![54_000.0, 117_000.0, 180_000.0, 252_000.0],
            cum_fact: vec![Some(49_000.0), Some(98_000.0), Some(148_000.0), None],
            last_fact_text: "148 000".into(),
            legend: [
                "План нарастающим итогом".into(),
                "Факт нарастающим итогом".into(),
            ],
            y_tick: tick,
        }
    }

    #[test]
    fn bars_for_started_months_line_for_the_plan() {
        let svg = to_svg(720, 300, |a| draw_plan_fact(a, &data()));
        for s in [
            "янв",
            "апр",
            "148 000",
            "План нарастающим итогом",
            "Факт нарастающим итогом",
            "\n0\n",
            "\n200000\n",
        ] {
            assert!(svg.contains(s), "missing {s}");
        }
        // Three fact bars + the legend swatch.
        assert_eq!(svg.matches("<rect").count(), 4);
        // A dot per month on the plan line.
        assert_eq!(svg.matches("<circle").count(), 4);
    }

    #[test]
    fn zero_plan_and_no_months() {
        let mut d = data();
        d.cum_plan = vec![0.0; 4];
        d.cum_fact = vec![None; 4];
        let svg = to_svg(400, 200, |a| draw_plan_fact(a, &d));
        assert_eq!(svg.matches("<rect").count(), 1, "legend only");
        d.months.clear();
        let svg = to_svg(400, 200, |a| draw_plan_fact(a, &d));
        assert!(svg.contains('—'));
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(36_000.0), 50_000.0);
        assert_eq!(nice_step(180_000.0), 200_000.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(1.0), 1.0);
    }
}
