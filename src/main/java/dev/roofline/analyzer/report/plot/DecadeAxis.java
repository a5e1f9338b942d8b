package dev.roofline.analyzer.report.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis over values given in decades (their decimal logarithms, laid out evenly, so
 * that any magnitude has a place, even one beyond a double): a labelled tick at every power of
 * ten in its range, with minor ticks (for grid lines) at 2 to 9 times each, also in the partial
 * decades at either end. A range of more than {@value #MAX_LABELS} decades is labelled every 2,
 * 5, 10, 20, 50, … decades instead, so that labels never crowd, with minor ticks at a tenth of
 * that step (at each decade for a step of 2 or 5). Labels are plain strings, which SVG keeps as
 * text.
 */
final class DecadeAxis extends NumberAxis {
  private static final long serialVersionUID = 1L;

  /** The most labelled ticks an axis gets. */
  static final int MAX_LABELS = 12;

  /** An axis shorter than this, in decades, labels 2 and 5 times each power of ten too, when asked. */
  static final double SHORT = 2.5;

  private final DecadeFormat format;
  private final boolean labelsShort;

  DecadeAxis(String label, DecadeFormat format, double lower, double upper) {
    this(label, format, lower, upper, false);
  }

  /**
   * With {@code labelsShort}, an axis of fewer than {@value #SHORT} decades also labels 2 and 5
   * times each power of ten, so that a short axis has labels to read values by.
   */
  DecadeAxis(String label, DecadeFormat format, double lower, double upper, boolean labelsShort) {
    super(label);
    this.format = format;
    this.labelsShort = labelsShort;
    setRange(lower, upper);
  }

  /** The decades between labelled ticks for an axis {@code decades} long: 1, 2, 5, 10, 20, 50, …. */
  static long step(double decades) {
    for (long power = 1; ; power *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        if (decades / (m * power) <= MAX_LABELS) {
          return m * power;
        }
      }
    }
  }

  @Override
  public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor =
        edge == RectangleEdge.BOTTOM
            ? TextAnchor.TOP_CENTER
            : edge == RectangleEdge.TOP
                ? TextAnchor.BOTTOM_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
    // A slack of 1e-9 decades keeps a bound that is a power of ten in its own decade.
    double lower = getLowerBound() - 1e-9;
    double upper = getUpperBound() + 1e-9;
    long step = step(upper - lower);
    List<NumberTick> ticks = new ArrayList<>();
    if (step == 1) {
      boolean dense = labelsShort && upper - lower < SHORT;
      for (long k = (long) Math.floor(lower); k <= (long) Math.floor(upper); k++) {
        for (int m = 1; m <= 9; m++) {
          double v = k + Math.log10(m);
          if (v >= lower && v <= upper) {
            ticks.add(dense && (m == 2 || m == 5) ? multiple(m, v, k, anchor) : tick(m == 1, v, k, anchor));
          }
        }
      }
      return ticks;
    }
    long minor = step < 10 ? 1 : step / 10;
    for (long k = (long) Math.ceil(lower / minor) * minor; k <= upper; k += minor) {
      ticks.add(tick(k % step == 0, k, k, anchor));
    }
    return ticks;
  }

  /** A labelled tick at {@code m} times {@code 10^decade}. */
  private NumberTick multiple(int m, double at, long decade, TextAnchor anchor) {
    return new NumberTick(TickType.MAJOR, at, format.text(m * Math.pow(10, decade)), anchor, anchor, 0);
  }

  private NumberTick tick(boolean major, double at, long decade, TextAnchor anchor) {
    return major
        ? new NumberTick(TickType.MAJOR, at, format.decade(decade), anchor, anchor, 0)
        : new NumberTick(TickType.MINOR, at, "", anchor, anchor, 0);
  }
}
