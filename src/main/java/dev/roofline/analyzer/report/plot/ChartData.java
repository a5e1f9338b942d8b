package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Bound;
import dev.roofline.analyzer.analysis.DeviceFigures;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.NodeTiming;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.Roofline;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What a roofline chart shows, in decades (the decimal logarithms of the values, which the log
 * axes lay out evenly): the roof and the attainable roof, a point per operator at (operational
 * intensity, attainable performance) with its share of the step time and its bound, the model's
 * total, and the axes' ranges (around all of them and the ridges).
 *
 * <p>Positions are the logarithms of the exact values, so that a value beyond the range of a
 * double (an intensity of 10^399 FLOPs per byte, with 10^400 input tokens) still has its place.
 * An operator's attainable performance is its FLOPs over its time per block, which the roofline
 * makes {@code min(P, intensity × W)} with the efficiencies applied; its share is blocks × time
 * over the step time. Operators that compute nothing or move nothing have no place on log axes
 * and are left out.
 */
record ChartData(
    Roof roof,
    Roof attainable,
    List<Point> operators,
    Point total,
    List<Point> decode,
    double xMin,
    double xMax,
    double yMin,
    double yMax) {

  /** Operators that take at least this share of the step time get a label. */
  static final double LABEL_SHARE = 0.02;

  /** A roof: peak FLOP/s and bandwidth in bytes/s (a device's figures, within a double); they meet at the ridge. */
  record Roof(double peak, double bandwidth) {
    /** The ridge's intensity in FLOPs per byte. */
    double ridge() {
      return peak / bandwidth;
    }

    /** The ridge's intensity, in decades. */
    double ridgeX() {
      return Math.log10(peak) - Math.log10(bandwidth);
    }

    /** The peak, in decades. */
    double peakY() {
      return Math.log10(peak);
    }

    /** {@code min(peak, bandwidth × intensity)} at an intensity of {@code x} decades, in decades. */
    double y(double x) {
      return Math.min(peakY(), Math.log10(bandwidth) + x);
    }
  }

  /**
   * A marker: what it stands for, where ({@code x} and {@code y} in decades of FLOPs/byte and
   * FLOP/s), its share of the step time and its bound.
   */
  record Point(String id, String label, double x, double y, double share, Bound bound) {}

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
    Rational stepTime = r.step().timeS();
    List<Point> points = points(analysis);
    // A request's last decode step: its operators too, drawn hollow beside the first step's.
    List<Point> decode =
        analysis.request() == null || analysis.request().lastStep() == null
            ? List.of()
            : points(analysis.request().lastStep());
    Figures all = analysis.total().figures();
    Point total =
        new Point(
            "total",
            "Model total",
            all.intensity().log10(),
            Rational.of(all.flops()).over(stepTime).log10(),
            1.0,
            r.total().bound());

    double xLo = Math.min(total.x(), Math.min(roof.ridgeX(), attainable.ridgeX()));
    double xHi = Math.max(total.x(), Math.max(roof.ridgeX(), attainable.ridgeX()));
    double yLo = total.y();
    List<Point> marked = new ArrayList<>(points);
    marked.addAll(decode);
    for (Point p : marked) {
      xLo = Math.min(xLo, p.x());
      xHi = Math.max(xHi, p.x());
      yLo = Math.min(yLo, p.y());
    }
    // Room around the points for the largest markers and the labels beside them (more on the
    // right, where labels go first): some tenths of a decade, or, on an axis of many decades, as
    // large a part of it; and at least two decades on each axis.
    double xSpan = xHi - xLo;
    double ySpan = roof.peakY() - yLo;
    double[] x = span(xLo - Math.max(0.4, 0.035 * xSpan), xHi + Math.max(0.8, 0.07 * xSpan));
    double[] y = span(yLo - Math.max(0.4, 0.035 * ySpan), roof.peakY() + Math.max(0.35, 0.03 * ySpan));
    return new ChartData(roof, attainable, points, total, decode, x[0], x[1], y[0], y[1]);
  }

  /** A point per operator of {@code analysis}'s step that computes and moves something. */
  private static List<Point> points(Analysis analysis) {
    Roofline r = analysis.roofline();
    Rational stepTime = r.step().timeS();
    List<Point> points = new ArrayList<>(analysis.rows().size());
    for (int i = 0; i < analysis.rows().size(); i++) {
      OperatorRow row = analysis.rows().get(i);
      NodeTiming t = r.nodes().get(i);
      Figures f = row.perBlock();
      Rational intensity = f.intensity();
      if (intensity == null || f.flops().signum() == 0 || t.timeS().isZero()) {
        continue;
      }
      double share = t.timeS().times(BigInteger.valueOf(row.blocks())).over(stepTime).toDouble();
      double performance = Rational.of(f.flops()).over(t.timeS()).log10();
      points.add(new Point(row.id(), row.label(), intensity.log10(), performance, share, t.bound()));
    }
    return points;
  }

  /** {@code [lo, hi]} (in decades), widened evenly to two decades if narrower. */
  static double[] span(double lo, double hi) {
    double decades = hi - lo;
    if (decades >= 2) {
      return new double[] {lo, hi};
    }
    double widen = (2 - decades) / 2;
    return new double[] {lo - widen, hi + widen};
  }

  /**
   * The value {@code 10^decades} as a decimal: Java's text of its double within a double's range
   * (as axes' bounds were always written), else a mantissa of double precision and the power of
   * ten, in the same form ({@code 3.1622776601683795E400}).
   */
  static String value(double decades) {
    if (Math.abs(decades) < 300) {
      return Double.toString(Math.pow(10, decades));
    }
    double power = Math.floor(decades);
    double mantissa = Math.pow(10, decades - power);
    // The mantissa may round up to 10.
    if (mantissa >= 10) {
      mantissa /= 10;
      power += 1;
    }
    return mantissa + "E" + (long) power;
  }

  private static double product(BigDecimal a, BigDecimal b) {
    return a.multiply(b).doubleValue();
  }
}
