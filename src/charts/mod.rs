//! Every chart of the app, each drawn by one `draw_*` function generic over plotters'
//! `DrawingBackend`: the app draws on a canvas ([`crate::components::chart::Chart`]), native
//! tests draw the same function into an SVG string and check what it contains. One function per
//! chart, so the same chart never exists twice.

use plotters::prelude::*;
use plotters::style::TextStyle;

/// The chart font: the system sans-serif at `size` pixels.
pub fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// The palette (matches style/main.css).
pub const INK: RGBColor = RGBColor(0x1d, 0x23, 0x30);
pub const ACCENT: RGBColor = RGBColor(0x1f, 0x5f, 0xbf);
pub const SECOND: RGBColor = RGBColor(0x86, 0xae, 0xe6);
pub const OK: RGBColor = RGBColor(0x1d, 0x7a, 0x46);
pub const WARN: RGBColor = RGBColor(0xc2, 0x7c, 0x00);
pub const BAD: RGBColor = RGBColor(0xb4, 0x23, 0x18);
pub const MUTED: RGBColor = RGBColor(0x5c, 0x66, 0x78);
pub const GRID: RGBColor = RGBColor(0xdd, 0xe2, 0xea);

/// Draws `draw` into an SVG string of `w`×`h` (transparent background, for slides): the native
/// tests of the chart functions and the charts' «SVG» download (`components::export`).
pub fn to_svg(
    w: u32,
    h: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>),
) -> String {
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
        draw(&root);
        let _ = root.present();
    }
    s
}
pub mod funnel;
pub mod mini_funnel;
pub mod pareto;
pub mod plan_fact;
