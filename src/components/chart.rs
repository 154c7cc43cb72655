//! A chart drawn with plotters on a `<canvas>`. The drawing closure reads signals, so the
//! chart redraws when they change. Charts carry an `aria-label` and, as children, the same
//! figures as a table or text for screen readers and for tests. What is drawn comes from a
//! `crate::charts::draw_*` function.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// The drawing area handed to a chart's `draw` closure.
pub type Area = DrawingArea<CanvasBackend, Shift>;

/// A canvas of `width`×`height` pixels (scaled down by CSS on narrow screens).
#[component]
pub fn Chart<F>(
    #[prop(into)] label: Signal<String>,
    #[prop(default = 720)] width: u32,
    #[prop(default = 320)] height: u32,
    draw: F,
    #[prop(optional, into)] testid: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    F: Fn(&Area) + 'static,
{
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        if let Some(backend) = CanvasBackend::with_canvas_object(el) {
            let root = backend.into_drawing_area();
            let _ = root.fill(&WHITE);
            draw(&root);
            let _ = root.present();
        }
    });
    view! {
        <figure class="chart" data-testid=testid>
            <canvas node_ref=canvas width=width height=height role="img" aria-label=move || label.get()></canvas>
            {children.map(|c| view! { <figcaption class="chart-data">{c()}</figcaption> })}
        </figure>
    }
}
