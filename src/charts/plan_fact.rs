//! Plan vs fact of the plan year by month, cumulative: the cumulative plan as a line with dots,
//! the cumulative fact as bars for the months that have started; a legend drawn with
//! rectangles and text (not plotters' series legend, see `components::chart`).

use super::{font, ACCENT, GRID, INK, MUTED, SECOND};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the chart shows, formatted by the caller (numbers from
/// `domain::layer1::monthly_plan_fact`).
#[derive(Clone, Debug)]
pub struct PlanFactData {
    /// Month labels («янв», …), one per month.
    pub months: Vec<String>,
    /// Cumulative plan per month.
    pub cum_plan: Vec<f64>,
    /// Cumulative fact per month (`None`: the month has not started).
    pub cum_fact: Vec<Option<f64>>,
    /// Text of the last fact bar («148 000»), drawn above it (or beside its top when the plan dot
    /// is in the way).
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
    // The legend: its two entries side by side, or one under the other on a narrow chart.
    let left = 84;
    let legend_font = font(12);
    let text_w = |s: &str| {
        area.estimate_text_size(s, &legend_font)
            .map(|(tw, _)| tw as i32)
            .unwrap_or(s.chars().count() as i32 * 7)
    };
    let first_end = left + 26 + text_w(&d.legend[0]);
    let (lx, ly) = if first_end + 24 + 26 + text_w(&d.legend[1]) <= w - 4 {
        (first_end + 24, 12)
    } else {
        (left, 30)
    };
    let (right, top, bottom) = (w - 12, ly + 22, h - 28);
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
            last_bar = Some((i, x, y_of(*f)));
        }
    }
    let pts: Vec<(i32, i32)> = d
        .cum_plan
        .iter()
        .enumerate()
        .map(|(i, p)| (x_mid(i), y_of(*p)))
        .collect();
    let _ = area.draw(&PathElement::new(pts.clone(), ACCENT.stroke_width(2)));
    for p in &pts {
        let _ = area.draw(&Circle::new(*p, 3, ACCENT.filled()));
    }
    // The last fact's figure goes above its bar, unless the plan dot sits just there: then to
    // the right of the bar's top (the plan line runs higher there), or for December inside the
    // bar's top, or above the dot when the bar is too short.
    if let Some((i, x, bar_top)) = last_bar {
        const TEXT_H: i32 = 13;
        let dot = pts.get(i).map_or(bar_top, |p| p.1);
        let clear_above = dot >= bar_top || dot + 4 + TEXT_H < bar_top - 4;
        let (at, pos) = if clear_above {
            ((x, bar_top - 4), centre_bottom)
        } else if i + 1 < n {
            ((x + half + 4, bar_top + 1), Pos::new(HPos::Left, VPos::Top))
        } else if bottom - bar_top >= TEXT_H + 6 {
            ((x, bar_top + 3), centre_top)
        } else {
            ((x, dot - 6), centre_bottom)
        };
        let _ = area.draw(&Text::new(
            d.last_fact_text.clone(),
            at,
            font(11).color(&INK).pos(pos),
        ));
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
        legend_font.clone().color(&INK).pos(left_mid),
    ));
    let _ = area.draw(&Rectangle::new(
        [(lx, ly - 6), (lx + 20, ly + 6)],
        SECOND.filled(),
    ));
    let _ = area.draw(&Text::new(
        d.legend[1].clone(),
        (lx + 26, ly),
        legend_font.color(&INK).pos(left_mid),
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
    fn the_legend_goes_on_two_lines_when_the_chart_is_narrow() {
        let wide = to_svg(720, 300, |a| draw_plan_fact(a, &data()));
        assert_eq!(
            text_y(&wide, "Факт нарастающим"),
            text_y(&wide, "План нарастающим")
        );
        let narrow = to_svg(360, 300, |a| draw_plan_fact(a, &data()));
        assert!(
            text_y(&narrow, "Факт нарастающим") > text_y(&narrow, "План нарастающим") + 10,
            "the second entry under the first"
        );
        assert!(
            text_attr(&narrow, "Факт нарастающим", "x") < 360 / 2,
            "and at the left"
        );
    }

    /// `y` of the `<text>` holding `needle`, and `y` of the `n`-th `<rect>` (the legend swatch
    /// is drawn last).
    fn text_y(svg: &str, needle: &str) -> i32 {
        text_attr(svg, needle, "y")
    }

    fn text_attr(svg: &str, needle: &str, name: &str) -> i32 {
        let at = svg.find(needle).expect("text drawn");
        let open = svg[..at].rfind("<text").expect("in a <text>");
        attr(&svg[open..at], name)
    }

    fn rect_y(svg: &str, n: usize) -> i32 {
        rect_attr(svg, n, "y")
    }

    fn rect_attr(svg: &str, n: usize, name: &str) -> i32 {
        let open = svg.match_indices("<rect").nth(n).expect("rect").0;
        attr(&svg[open..], name)
    }

    fn attr(tag: &str, name: &str) -> i32 {
        let key = format!(" {name}=\"");
        let from = tag.find(&key).expect("attribute") + key.len();
        let to = from + tag[from..].find('"').expect("closing quote");
        tag[from..to].parse::<f64>().expect("number") as i32
    }

    #[test]
    fn the_last_fact_figure_keeps_clear_of_the_plan_dot() {
        // 148 000 against a plan of 180 000 on a scale up to 1 000 000 (the demo): the dot is
        // just above the bar, so the figure goes beside the bar's top.
        let mut d = data();
        d.cum_plan[3] = 1_000_000.0;
        let svg = to_svg(720, 240, |a| draw_plan_fact(a, &d));
        assert!(
            text_y(&svg, "148 000") >= rect_y(&svg, 2),
            "level with the bar's top"
        );
        assert!(
            text_attr(&svg, "148 000", "x") > rect_attr(&svg, 2, "x") + rect_attr(&svg, 2, "width"),
            "right of the bar"
        );
        // In the last month there is nothing to the right: inside the bar's top.
        let mut dec = d.clone();
        dec.cum_fact[3] = Some(950_000.0);
        let svg = to_svg(720, 240, |a| draw_plan_fact(a, &dec));
        assert!(text_y(&svg, "148 000") >= rect_y(&svg, 3), "inside the bar");
        assert!(
            text_attr(&svg, "148 000", "x") < rect_attr(&svg, 3, "x") + rect_attr(&svg, 3, "width")
        );
        // On a larger scale there is room between the bar and the dot: above the bar.
        let svg = to_svg(720, 300, |a| draw_plan_fact(a, &data()));
        assert!(text_y(&svg, "148 000") < rect_y(&svg, 2), "above the bar");
        // Over the plan: above the bar.
        d.cum_fact[2] = Some(200_000.0);
        let svg = to_svg(720, 240, |a| draw_plan_fact(a, &d));
        assert!(text_y(&svg, "148 000") < rect_y(&svg, 2), "above the bar");
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
