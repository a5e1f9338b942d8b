package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.report.Quantities;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Tick labels of a log axis: with a unit, SI-prefixed ({@code 100 GFLOP/s}, {@code 1 TFLOP/s});
 * without one, plain decimals from 0.001 to 100 and SI prefixes beyond ({@code 0.1}, {@code 10},
 * {@code 1k}); far beyond the prefixes, powers of ten ({@code 1e50}). Locale-free. Formatting
 * only: the axis never parses.
 */
final class DecadeFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  private final String unit;

  /** @param unit the unit after the prefix, or empty for plain numbers */
  DecadeFormat(String unit) {
    this.unit = unit;
  }

  String text(double value) {
    if (!unit.isEmpty()) {
      return Quantities.significant(value, unit);
    }
    if (value >= 1e-3 && value < 1e3) {
      return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
    return Quantities.significant(value, "").replace(" ", "");
  }

  /**
   * The label of {@code 10^k}: as {@link #text} of its double within a double's range, else the
   * power written out ({@code 1e400}, {@code 1e400 FLOP/s}), as {@link #text} writes powers beyond
   * the SI prefixes.
   */
  String decade(long k) {
    if (Math.abs(k) < 300) {
      return text(Double.parseDouble("1e" + k));
    }
    return unit.isEmpty() ? "1e" + k : "1e" + k + " " + unit;
  }

  @Override
  public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
    return toAppendTo.append(text(number));
  }

  @Override
  public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
    return toAppendTo.append(text(number));
  }

  @Override
  public Number parse(String source, ParsePosition parsePosition) {
    throw new UnsupportedOperationException("tick labels are not parsed");
  }
}
