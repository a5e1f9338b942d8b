package dev.roofline.analyzer.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart of a sweep: tokens/s per query across, tokens/s per device up, both over decades
 * ({@link DecadeAxis}); each series of markers in its own colour and shape (filled where the
 * scenario fits, hollow where it does not), the Pareto front over them as a dark line, the legend
 * and a note below. Colours from Paul Tol's and Okabe and Ito's palettes for colour-blind readers;
 * the shapes tell the series apart too.
 */
final class SweepChart {
  private SweepChart() {}

  static final String X_AXIS = "Tokens/s per query (interactivity)";
  static final String Y_AXIS = "Tokens/s per device (throughput)";
  static final String NOTE =
      "Each marker is one scenario; hollow: its memory does not fit on its devices; the line joins the Pareto front,"
          + " the scenarios no other beats on both rates.";

  private static final Color[] COLORS = {
    new Color(0x00, 0x72, 0xB2),
    new Color(0xD5, 0x5E, 0x00),
    new Color(0x00, 0x9E, 0x73),
    new Color(0xCC, 0x79, 0xA7),
    new Color(0xE6, 0x9F, 0x00),
    new Color(0x56, 0xB4, 0xE9),
    new Color(0x88, 0x22, 0x55),
    new Color(0x99, 0x99, 0x33),
    new Color(0x33, 0x22, 0x88),
    new Color(0x44, 0xAA, 0x99),
  };
  private static final double SIZE = 8;
  private static final Shape[] SHAPES = {
    new Ellipse2D.Double(-SIZE / 2, -SIZE / 2, SIZE, SIZE),
    new Rectangle2D.Double(-SIZE / 2 + 0.5, -SIZE / 2 + 0.5, SIZE - 1, SIZE - 1),
    polygon(0, -5.2, 4.6, 3, -4.6, 3),
    polygon(0, -5.2, 5.2, 0, 0, 5.2, -5.2, 0),
    polygon(0, 5.2, 4.6, -3, -4.6, -3),
  };
  /** A device's colour in the legend. */
  private static final Shape LEGEND_SWATCH = new Rectangle2D.Double(-6, -6, 12, 12);
  private static final Stroke MARKER_STROKE = new BasicStroke(1.3f);
  private static final Stroke FRONT_STROKE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Color FRONT = new Color(0x22, 0x22, 0x22, 200);

  static JFreeChart of(SweepPlot.Points points, String model, String sweep) {
    List<SweepPlot.Points.Series> series = points.series();
    double[] range = range(series);
    DecadeAxis x = ChartFrame.axis(X_AXIS, new DecadeFormat(""), range[0], range[1], true);
    DecadeAxis y = ChartFrame.axis(Y_AXIS, new DecadeFormat(""), range[2], range[3], true);

    XYSeriesCollection markers = new XYSeriesCollection();
    XYLineAndShapeRenderer shapes = new XYLineAndShapeRenderer(false, true);
    shapes.setUseFillPaint(true);
    shapes.setUseOutlinePaint(true);
    shapes.setDrawOutlines(true);
    shapes.setDefaultOutlineStroke(MARKER_STROKE);
    Styles styles = new Styles(series);
    boolean anyHollow = false;
    int n = 0;
    for (int i = 0; i < series.size(); i++) {
      SweepPlot.Points.Series s = series.get(i);
      Color color = styles.color(i);
      Shape shape = styles.shape(i);
      // Two series each: the scenarios that fit, filled, and those that do not, hollow.
      for (boolean fits : new boolean[] {true, false}) {
        XYSeries xy = new XYSeries(s.name + (fits ? "" : " (does not fit)"), false, true);
        for (double[] p : fits ? s.fitting : s.notFitting) {
          xy.add(p[0], p[1], false);
        }
        anyHollow |= !fits && !s.notFitting.isEmpty();
        markers.addSeries(xy);
        shapes.setSeriesShape(n, shape);
        shapes.setSeriesPaint(n, color);
        shapes.setSeriesOutlinePaint(n, fits ? color.darker() : color);
        shapes.setSeriesFillPaint(n, fits ? color : Color.WHITE);
        shapes.setSeriesOutlineStroke(n, MARKER_STROKE);
        n++;
      }
    }
    XYSeriesCollection frontData = new XYSeriesCollection();
    XYSeries line = new XYSeries("Pareto front", false, true);
    for (double[] p : points.front()) {
      line.add(p[0], p[1], false);
    }
    frontData.addSeries(line);
    XYLineAndShapeRenderer frontRenderer = new XYLineAndShapeRenderer(true, false);
    frontRenderer.setSeriesPaint(0, FRONT);
    frontRenderer.setSeriesStroke(0, FRONT_STROKE);

    XYPlot plot = ChartFrame.plot(markers, x, y, shapes);
    plot.setDataset(1, frontData);
    plot.setRenderer(1, frontRenderer);
    // The front over the markers.
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    JFreeChart chart =
        ChartFrame.chart(model + ": tokens/s per device against tokens/s per query", plot, sweep, NOTE);
    chart.addSubtitle(legend(styles, anyHollow, !points.front().isEmpty()));
    return chart;
  }

  /** The axes' ranges in decades, x then y, lower then upper: the points with a margin, a decade at least. */
  private static double[] range(List<SweepPlot.Points.Series> series) {
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (SweepPlot.Points.Series s : series) {
      for (List<double[]> points : List.of(s.fitting, s.notFitting)) {
        for (double[] p : points) {
          r[0] = Math.min(r[0], p[0]);
          r[1] = Math.max(r[1], p[0]);
          r[2] = Math.min(r[2], p[1]);
          r[3] = Math.max(r[3], p[1]);
        }
      }
    }
    if (r[0] > r[1]) {
      // No point: one decade from 1.
      return new double[] {0, 1, 0, 1};
    }
    return new double[] {lower(r[0], r[1]), upper(r[0], r[1]), lower(r[2], r[3]), upper(r[2], r[3])};
  }

  /** A twentieth of the span (of a decade at least) below {@code min}, so that a power of ten is labelled. */
  private static double lower(double min, double max) {
    double span = Math.max(max - min, 1);
    return min - (span - (max - min)) / 2 - span / 20;
  }

  private static double upper(double min, double max) {
    double span = Math.max(max - min, 1);
    return max + (span - (max - min)) / 2 + span / 20;
  }

  /**
   * Each series' colour and shape. With several devices and several layouts, few enough of each,
   * the colour says the device and the shape the layout, and the legend names each once; else
   * each series has a colour of its own, and a shape that tells apart the series a second round of
   * colours would confuse.
   */
  private static final class Styles {
    final List<SweepPlot.Points.Series> series;
    final List<String> devices = new ArrayList<>();
    final List<String> layouts = new ArrayList<>();
    final boolean crossed;

    Styles(List<SweepPlot.Points.Series> series) {
      this.series = series;
      for (SweepPlot.Points.Series s : series) {
        if (!devices.contains(s.device)) {
          devices.add(s.device);
        }
        if (!layouts.contains(s.layout)) {
          layouts.add(s.layout);
        }
      }
      crossed =
          devices.size() > 1 && layouts.size() > 1 && devices.size() <= COLORS.length && layouts.size() <= SHAPES.length;
    }

    Color color(int i) {
      return COLORS[(crossed ? devices.indexOf(series.get(i).device) : i) % COLORS.length];
    }

    Shape shape(int i) {
      return SHAPES[(crossed ? layouts.indexOf(series.get(i).layout) : i + i / COLORS.length) % SHAPES.length];
    }
  }

  private static LegendTitle legend(Styles styles, boolean hollow, boolean front) {
    LegendItemCollection items = new LegendItemCollection();
    if (styles.crossed) {
      for (int d = 0; d < styles.devices.size(); d++) {
        Color color = COLORS[d];
        items.add(item(styles.devices.get(d), LEGEND_SWATCH, color, color.darker()));
      }
      for (int l = 0; l < styles.layouts.size(); l++) {
        items.add(item(styles.layouts.get(l), SHAPES[l], Style.MUTED, Style.INK));
      }
    } else {
      for (int i = 0; i < styles.series.size(); i++) {
        Color color = styles.color(i);
        items.add(item(styles.series.get(i).name, styles.shape(i), color, color.darker()));
      }
    }
    if (hollow) {
      items.add(item("does not fit (hollow)", SHAPES[0], Color.WHITE, Style.MUTED));
    }
    if (front) {
      LegendItem item = new LegendItem("Pareto front", null, null, null, new Line2D.Double(-12, 0, 12, 0), FRONT_STROKE, FRONT);
      item.setLabelPaint(Style.INK);
      items.add(item);
    }
    return ChartFrame.legend(() -> items, 8);
  }

  private static LegendItem item(String label, Shape shape, Color fill, Color outline) {
    LegendItem item = new LegendItem(label, null, null, null, shape, fill, MARKER_STROKE, outline);
    item.setLabelPaint(Style.INK);
    return item;
  }

  private static Shape polygon(double... xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    return p;
  }
}
