package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Bound;
import dev.roofline.analyzer.analysis.DeviceFigures;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.NodeTiming;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.Roofline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a roofline chart shows, in data units: the roof and the attainable roof, a point per
 * operator at (operational intensity, attainable performance) with its share of the step time and
 * its bound, the model's total, and the axes' ranges (around all of them and the ridges).
 *
 * <p>An operator's attainable performance is its FLOPs over its time per block, which the roofline
 * makes {@code min(P, intensity × W)} with the efficiencies applied; its share is blocks × time
 * over the step time. Operators that compute nothing or move nothing have no place on log axes
 * and are left out.
 */
record ChartData(
    Roof roof,
    Roof attainable,
    List<Point> operators,
    Point total,
    double xMin,
    double xMax,
    double yMin,
    double yMax) {

  /** Operators that take at least this share of the step time get a label. */
  static final double LABEL_SHARE = 0.02;

  /** A roof: peak FLOP/s and bandwidth in bytes/s; they meet at the ridge. */
  record Roof(double peak, double bandwidth) {
    double ridge() {
      return peak / bandwidth;
    }

    /** {@code min(peak, bandwidth × intensity)}. */
    double at(double intensity) {
      return Math.min(peak, bandwidth * intensity);
    }
  }

  /** A marker: what it stands for, where, its share of the step time and its bound. */
  record Point(String id, String label, double intensity, double performance, double share, Bound bound) {}

  ChartData {
    operators = List.copyOf(operators);
  }

  /** Whether the efficiencies lower the roof (then the chart draws both roofs). */
  boolean derated() {
    return attainable.peak() < roof.peak() || attainable.bandwidth() < roof.bandwidth();
  }

  /** The chart's data for {@code analysis}, which must have a roofline. */
  static ChartData of(Analysis analysis) {
    Roofline r = analysis.roofline();
    if (r == null) {
      throw new IllegalArgumentException("a roofline chart needs a device");
    }
    DeviceFigures d = r.device();
    Roof roof = new Roof(d.peakFlopsPerS().doubleValue(), d.memBandwidthBytesPerS().doubleValue());
    Roof attainable =
        new Roof(
            product(d.peakFlopsPerS(), d.flopsEfficiency()), product(d.memBandwidthBytesPerS(), d.memEfficiency()));
    double stepTime = r.step().timeS().toDouble();
    List<Point> points = new ArrayList<>(analysis.rows().size());
    for (int i = 0; i < analysis.rows().size(); i++) {
      OperatorRow row = analysis.rows().get(i);
      NodeTiming t = r.nodes().get(i);
      Figures f = row.perBlock();
      if (f.intensity() == null || f.flops().signum() == 0 || t.timeS().isZero()) {
        continue;
      }
      double time = t.timeS().toDouble();
      double share = row.blocks() * time / stepTime;
      points.add(
          new Point(row.id(), row.label(), f.intensity().toDouble(), f.flops().doubleValue() / time, share, t.bound()));
    }
    Figures all = analysis.total().figures();
    Point total =
        new Point(
            "total", "Model total", all.intensity().toDouble(), all.flops().doubleValue() / stepTime, 1.0, r.total().bound());

    double xLo = Math.min(total.intensity(), Math.min(roof.ridge(), attainable.ridge()));
    double xHi = Math.max(total.intensity(), Math.max(roof.ridge(), attainable.ridge()));
    double yLo = total.performance();
    for (Point p : points) {
      xLo = Math.min(xLo, p.intensity());
      xHi = Math.max(xHi, p.intensity());
      yLo = Math.min(yLo, p.performance());
    }
    // Room around the points for the largest markers and the labels beside them (more on the
    // right, where labels go first), and at least two decades on each axis.
    double[] x = span(xLo / Math.pow(10, 0.4), xHi * Math.pow(10, 0.8));
    double[] y = span(yLo / Math.pow(10, 0.4), roof.peak() * Math.pow(10, 0.35));
    return new ChartData(roof, attainable, points, total, x[0], x[1], y[0], y[1]);
  }

  /** {@code [lo, hi]}, widened evenly in log scale to two decades if narrower. */
  static double[] span(double lo, double hi) {
    double decades = Math.log10(hi / lo);
    if (decades >= 2) {
      return new double[] {lo, hi};
    }
    double widen = Math.pow(10, (2 - decades) / 2);
    return new double[] {lo / widen, hi * widen};
  }

  private static double product(BigDecimal a, BigDecimal b) {
    return a.multiply(b).doubleValue();
  }
}
