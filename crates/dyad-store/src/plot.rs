//! Timeline charts with `plotters`: one panel per direction, QuadClass counts as stacked bars
//! and the mean Goldstein score as a line on a second axis (−10 … +10).
//!
//! SVG charts carry their text as SVG `<text>` elements, so they need no font on the machine
//! that draws them. PNG charts are drawn without any text: plotters can rasterise text only
//! with a font file, and dyad neither ships one nor depends on system fonts. Their colours,
//! bars, line and grid are the same as the SVG's; use SVG for a labelled chart.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::timeline::{TimelineRow, UNDATED};
use crate::StoreError;

/// Colours of QuadClass 1–4: verbal and material cooperation (greens), verbal and material
/// conflict (orange, red).
const QUAD_COLOURS: [RGBColor; 4] = [
    RGBColor(152, 214, 142),
    RGBColor(44, 140, 62),
    RGBColor(246, 168, 80),
    RGBColor(200, 40, 40),
];
const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];
const GOLDSTEIN_COLOUR: RGBColor = RGBColor(30, 60, 200);

/// Draws `rows` to `path` (`.svg`, or `.png` without text). `title` heads the chart;
/// `directions` are the panels in order.
pub fn draw(
    rows: &[TimelineRow],
    directions: &[String],
    title: &str,
    path: &Path,
) -> Result<(), StoreError> {
    let fail = |message: String| StoreError::Plot {
        path: path.to_path_buf(),
        message,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let height = 300 + 260 * directions.len().max(1) as u32;
    match ext.as_deref() {
        Some("svg") => {
            let root = SVGBackend::new(path, (1000, height)).into_drawing_area();
            render(&root, rows, directions, title, true).map_err(fail)?;
            root.present().map_err(|e| fail(e.to_string()))
        }
        Some("png") => {
            // Bitmap text needs a font; `render` draws none with `text = false`. The guard
            // turns any text drawing plotters might still attempt into an error, not a crash.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let root = BitMapBackend::new(path, (1000, height)).into_drawing_area();
                render(&root, rows, directions, title, false)?;
                root.present().map_err(|e| e.to_string())
            }));
            match result {
                Ok(r) => r.map_err(fail),
                Err(_) => Err(fail("drawing failed (text in a PNG needs a font)".into())),
            }
        }
        _ => Err(fail("the plot file must end in .svg or .png".into())),
    }
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rows: &[TimelineRow],
    directions: &[String],
    title: &str,
    text: bool,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let area = if text {
        root.titled(title, ("sans-serif", 26))
            .map_err(|e| e.to_string())?
    } else {
        root.clone()
    };
    // The periods, in the rows' order (chronological, `undated` last), shared by all panels.
    let mut periods: Vec<&str> = Vec::new();
    for r in rows {
        if !periods.contains(&r.period.as_str()) {
            periods.push(&r.period);
        }
    }
    let n = periods.len().max(1);
    let max_events = rows.iter().map(|r| r.events).max().unwrap_or(0).max(1);
    let panels = area.split_evenly((directions.len().max(1), 1));
    for (panel, direction) in panels.iter().zip(directions) {
        let mut builder = ChartBuilder::on(panel);
        builder.margin(12);
        if text {
            builder
                .caption(direction, ("sans-serif", 18))
                .x_label_area_size(40)
                .y_label_area_size(55)
                .right_y_label_area_size(55);
        }
        // Headroom above the tallest bar keeps the legend off the bars.
        let y_top = max_events as f64 * 1.6;
        // One segment per period: labels sit at segment centres, bars fill segments.
        // plotters' segmented range includes its end: 0..n-1 gives n segments.
        let last = (n as u32).saturating_sub(1).max(1);
        let xs = || (0u32..last).into_segmented();
        let mut chart = builder
            .build_cartesian_2d(xs(), 0f64..y_top)
            .map_err(|e| e.to_string())?
            .set_secondary_coord(xs(), -10f64..10f64);
        if text {
            chart
                .configure_mesh()
                .disable_x_mesh()
                .max_light_lines(1)
                .y_label_formatter(&|y| format!("{y:.0}"))
                .x_labels(n.min(40))
                .x_label_formatter(&|x| match x {
                    SegmentValue::CenterOf(i) => periods
                        .get(*i as usize)
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                })
                .x_desc("period")
                .y_desc("events")
                .draw()
                .map_err(|e| e.to_string())?;
            chart
                .configure_secondary_axes()
                .y_desc("mean Goldstein")
                .draw()
                .map_err(|e| e.to_string())?;
        } else {
            // Text-free grid: horizontal lines at quarters of the event axis, and the base.
            for k in 0..=4 {
                let y = y_top * f64::from(k) / 4.0;
                let colour = if k == 0 {
                    BLACK
                } else {
                    RGBColor(225, 225, 225)
                };
                chart
                    .draw_series(LineSeries::new(
                        [
                            (SegmentValue::Exact(0), y),
                            (SegmentValue::Exact(last + 1), y),
                        ],
                        colour,
                    ))
                    .map_err(|e| e.to_string())?;
            }
        }
        let mine: Vec<&TimelineRow> = rows.iter().filter(|r| &r.direction == direction).collect();
        let at = |r: &TimelineRow| {
            periods
                .iter()
                .position(|p| *p == r.period)
                .map(|i| i as u32)
        };
        for (q, colour) in QUAD_COLOURS.iter().enumerate() {
            let bars = mine.iter().filter_map(|r| {
                let i = at(r)?;
                let below: u64 = r.quad[..q].iter().sum();
                let top = below + r.quad[q];
                (top > below).then(|| {
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), below as f64),
                            (SegmentValue::Exact(i + 1), top as f64),
                        ],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, 8, 8);
                    bar
                })
            });
            let series = chart.draw_series(bars).map_err(|e| e.to_string())?;
            if text {
                let c = *colour;
                series.label(QUAD_NAMES[q]).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled())
                });
            }
        }
        // The line joins dated periods only: `undated` is no point in time; it gets a dot.
        let line: Vec<(SegmentValue<u32>, f64)> = mine
            .iter()
            .filter(|r| r.period != UNDATED)
            .filter_map(|r| Some((SegmentValue::CenterOf(at(r)?), r.goldstein_mean)))
            .collect();
        let style = ShapeStyle::from(&GOLDSTEIN_COLOUR).stroke_width(2);
        let series = chart
            .draw_secondary_series(LineSeries::new(line, style))
            .map_err(|e| e.to_string())?;
        if text {
            series
                .label("mean Goldstein (right axis)")
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 12, y)], style));
        }
        chart
            .draw_secondary_series(mine.iter().filter_map(|r| {
                Some(Circle::new(
                    (SegmentValue::CenterOf(at(r)?), r.goldstein_mean),
                    3,
                    GOLDSTEIN_COLOUR.filled(),
                ))
            }))
            .map_err(|e| e.to_string())?;
        if text {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
