//! Every chart of the app, each drawn by one `draw_*` function generic over plotters'
//! `DrawingBackend`: the app draws on a canvas ([`crate::components::chart::Chart`]), native
//! tests draw the same function into an SVG string and check what it contains. One function per
//! chart, so the same chart never exists twice.

use plotters::prelude::*;
use plotters::style::TextStyle;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

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
    draw: impl FnOnce(&DrawingArea<Svg, plotters::coord::Shift>),
) -> String {
    let mut s = String::new();
    {
        let root = svg(SVGBackend::with_string(&mut s, (w, h))).into_drawing_area();
        draw(&root);
        let _ = root.present();
    }
    s
}

/// A plotters backend whose text is measured on a canvas context in the browser: plotters
/// measures web fonts by inserting a `<span>` with a `style` attribute, which the app's
/// Content-Security-Policy (no inline styles) refuses. Everything else is `inner`'s; `size`,
/// when given, is the size the drawing functions see (a canvas drawn at the device pixel ratio
/// is drawn in CSS pixels). Without a context (natively) text is measured as `inner` measures it.
/// The SVG of the tests and downloads ([`Svg`]) and the canvas of the screens
/// (`components::chart`) are both this.
pub struct Measured<B> {
    inner: B,
    size: Option<(u32, u32)>,
    #[cfg(target_arch = "wasm32")]
    ctx: Option<web_sys::CanvasRenderingContext2d>,
}

impl<B> Measured<B> {
    /// `inner` measuring text on `ctx` and seen as `size` (when given).
    #[cfg(target_arch = "wasm32")]
    pub fn new(
        inner: B,
        size: Option<(u32, u32)>,
        ctx: Option<web_sys::CanvasRenderingContext2d>,
    ) -> Self {
        Measured { inner, size, ctx }
    }
}

/// plotters' SVG backend, measuring text on an offscreen canvas in the browser.
pub type Svg<'a> = Measured<SVGBackend<'a>>;

fn svg(inner: SVGBackend<'_>) -> Svg<'_> {
    Measured {
        inner,
        size: None,
        #[cfg(target_arch = "wasm32")]
        ctx: {
            use wasm_bindgen::JsCast;
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
                .and_then(|c| c.get_context("2d").ok().flatten())
                .and_then(|c| c.dyn_into().ok())
        },
    }
}

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size.unwrap_or_else(|| self.inner.get_size())
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        #[cfg(target_arch = "wasm32")]
        if let Some(ctx) = &self.ctx {
            ctx.set_font(&format!(
                "{} {}px {}",
                style.style().as_str(),
                style.size(),
                style.family().as_str()
            ));
            let width = ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
            return Ok((
                width.ceil().max(0.0) as u32,
                style.size().ceil().max(0.0) as u32,
            ));
        }
        self.inner.estimate_text_size(text, style)
    }
}

pub mod funnel;
pub mod mini_funnel;
pub mod pareto;
pub mod plan_fact;
