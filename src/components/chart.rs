//! A chart drawn with plotters on a `<canvas>`. The drawing closure reads signals, so the
//! chart redraws when they change. Charts carry an `aria-label` and, as children, the same
//! figures as a table or text for screen readers and for tests. What is drawn comes from a
//! `crate::charts::draw_*` function.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

/// The drawing area handed to a chart's `draw` closure.
pub type Area = DrawingArea<Canvas, Shift>;

/// The canvas backend of plotters-canvas, except that text is measured with the canvas's own
/// `measureText`. plotters measures web fonts by inserting a `<span>` with a `style`
/// attribute, which the app's Content-Security-Policy (no inline styles) refuses: every chart
/// with axis labels would log a CSP violation and get wrong label sizes.
///
/// Do not use plotters' built-in series legend (`configure_series_labels`): it measures text
/// through the font, not the backend. Draw legends with `Text` elements instead.
pub struct Canvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
}

impl Canvas {
    fn new(el: web_sys::HtmlCanvasElement) -> Option<Self> {
        let ctx = el.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas {
            inner: CanvasBackend::with_canvas_object(el)?,
            ctx,
        })
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
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
        self.ctx.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        Ok((
            width.ceil().max(0.0) as u32,
            style.size().ceil().max(0.0) as u32,
        ))
    }
}

/// A canvas of `width`×`height` pixels (scaled down by CSS on narrow screens).
#[component]
pub fn Chart<F>(
    #[prop(into)] label: Signal<String>,
    #[prop(default = 720)] width: u32,
    #[prop(default = 320)] height: u32,
    draw: F,
    #[prop(optional, into)] testid: String,
    #[prop(optional)] children: Option<Children>,
    /// Its download buttons (`components::export::chart_export`), from the page that wants
    /// them, so that a chart without them does not link the writers.
    #[prop(optional)]
    export: Option<super::export::ExportOf>,
) -> impl IntoView
where
    F: Fn(&Area) + 'static,
{
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        if let Some(backend) = Canvas::new(el) {
            let root = backend.into_drawing_area();
            let _ = root.fill(&WHITE);
            draw(&root);
            let _ = root.present();
        }
    });
    view! {
        <figure class="chart" data-testid=testid>
            <canvas node_ref=canvas width=width height=height role="img" aria-label=move || label.get()></canvas>
            {export.map(|f| f(canvas))}
            {children.map(|c| view! { <figcaption class="chart-data">{c()}</figcaption> })}
        </figure>
    }
}
