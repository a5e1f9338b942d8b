package dev.roofline.analyzer.report.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 log axis with a labelled tick at every power of ten in its range and minor ticks (for
 * grid lines) at 2 to 9 times each, also in the partial decades at either end. Unlike {@link
 * LogAxis}'s own, its labels are plain strings, which SVG keeps as text, and a power of ten at an
 * end of the range is not lost to rounding in the logarithm.
 */
final class DecadeAxis extends LogAxis {
  private static final long serialVersionUID = 1L;

  private final DecadeFormat format;

  DecadeAxis(String label, DecadeFormat format, double lower, double upper) {
    super(label);
    this.format = format;
    setBase(10);
    setRange(lower, upper);
  }

  @Override
  public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor =
        edge == RectangleEdge.BOTTOM
            ? TextAnchor.TOP_CENTER
            : edge == RectangleEdge.TOP
                ? TextAnchor.BOTTOM_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
    double lower = getLowerBound();
    double upper = getUpperBound();
    // A relative slack of 1e-9 keeps a bound that is a power of ten in its own decade.
    int first = (int) Math.floor(Math.log10(lower) + 1e-9);
    int last = (int) Math.floor(Math.log10(upper) + 1e-9);
    List<NumberTick> ticks = new ArrayList<>();
    for (int k = first; k <= last; k++) {
      for (int m = 1; m <= 9; m++) {
        // Parsed, the value is the double nearest to m·10^k, as its label says.
        double v = Double.parseDouble(m + "e" + k);
        if (v < lower * (1 - 1e-9) || v > upper * (1 + 1e-9)) {
          continue;
        }
        ticks.add(
            m == 1
                ? new NumberTick(TickType.MAJOR, v, format.text(v), anchor, anchor, 0)
                : new NumberTick(TickType.MINOR, v, "", anchor, anchor, 0));
      }
    }
    return ticks;
  }
}
