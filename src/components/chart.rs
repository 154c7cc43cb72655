//! A chart drawn with plotters on a `<canvas>`. The drawing closure reads signals, so the
//! chart redraws when they change. Charts carry an `aria-label` and, as children, the same
//! figures as a table or text for screen readers and for tests. What is drawn comes from a
//! `crate::charts::draw_*` function.
//!
//! The chart takes the width of its box (a `ResizeObserver` redraws it when the box changes,
//! e.g. a phone turned sideways) and draws at the screen's device pixel ratio, so it is sharp on
//! high-DPI screens: the canvas has `ratio ×` as many pixels as CSS pixels, and the drawing is
//! scaled by the ratio, so the `draw_*` functions work in CSS pixels whatever the screen.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
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
pub type Canvas = crate::charts::Measured<CanvasBackend>;

/// Sizes `el` to `size` CSS pixels at `ratio` device pixels each and scales its context, so
/// that plotters draws in CSS pixels.
fn sized_canvas(el: web_sys::HtmlCanvasElement, size: (u32, u32), ratio: f64) -> Option<Canvas> {
    el.set_width(device_pixels(size.0, ratio));
    el.set_height(device_pixels(size.1, ratio));
    let ctx: CanvasRenderingContext2d = el.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok()?;
    let inner = CanvasBackend::with_canvas_object(el)?;
    Some(Canvas::new(inner, Some(size), Some(ctx)))
}

/// `css` CSS pixels in device pixels at `ratio` (at least 1).
fn device_pixels(css: u32, ratio: f64) -> u32 {
    (f64::from(css) * ratio).round().max(1.0) as u32
}

/// Keeps the chart's width in step with its box; disconnected when the chart goes.
struct BoxWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for BoxWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// A chart as wide as its box and `height` CSS pixels high. `width` is the width it is drawn at
/// until its box has been measured.
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
    let figure = NodeRef::<leptos::html::Figure>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    // The box's width in CSS pixels; 0 until measured.
    let box_width = RwSignal::new(0_u32);
    // Owned by the chart: dropped, and so disconnected, when the chart is removed.
    let watch = StoredValue::new_local(None::<BoxWatch>);
    Effect::new(move |_| {
        let Some(fig) = figure.get() else { return };
        let measure = {
            let fig = fig.clone();
            move || {
                let w = fig.client_width().max(0) as u32;
                if w > 0 && box_width.try_get_untracked() != Some(w) {
                    box_width.try_set(w);
                }
            }
        };
        measure();
        let callback = Closure::<dyn FnMut()>::new(measure);
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&fig);
            watch.set_value(Some(BoxWatch {
                observer,
                _callback: callback,
            }));
        }
    });
    Effect::new(move |_| {
        let measured = box_width.get();
        let Some(el) = canvas.get() else { return };
        let w = if measured > 0 { measured } else { width };
        let ratio = window().device_pixel_ratio().clamp(1.0, 4.0);
        if let Some(backend) = sized_canvas(el, (w, height), ratio) {
            let root = backend.into_drawing_area();
            let _ = root.fill(&WHITE);
            draw(&root);
            let _ = root.present();
        }
    });
    view! {
        <figure class="chart" data-testid=testid node_ref=figure>
            <canvas node_ref=canvas width=width height=height role="img" aria-label=move || label.get()></canvas>
            {export.map(|f| f(canvas))}
            {children.map(|c| view! { <figcaption class="chart-data">{c()}</figcaption> })}
        </figure>
    }
}
