package dev.roofline.analyzer.report;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.roofline.analyzer.analysis.Rational;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number text for machine-readable outputs, locale-free. */
final class Decimals {
  private Decimals() {}

  /** The most significant digits a double's shortest decimal needs: kept beyond its range too. */
  private static final int DOUBLE_DIGITS = 17;

  /**
   * The shortest decimal that reads back to {@code x} (Schubfach, as {@code Double.toString} of
   * Java 19 and later; Java 17's is not always the shortest).
   */
  static String shortest(double x) {
    return NumberOutput.toString(x, true);
  }

  /**
   * An exact fraction as a JSON number: the shortest decimal of its nearest double when that is a
   * normal double (or the value is zero); beyond a double's range, or below its normal range, the
   * exact value rounded half-to-even to 17 significant digits, in the same scientific form ({@code
   * 2.9850746268656716E387}), which no double can hold but a decimal reader reads as written.
   * Never {@code Infinity} or {@code NaN}.
   */
  static String of(Rational r) {
    double d = r.toDouble();
    if (r.isZero() || (d >= Double.MIN_NORMAL && d <= Double.MAX_VALUE)) {
      return shortest(d);
    }
    // Made here, not held: ordinary runs never get this far, and need not load the classes.
    MathContext precision = new MathContext(DOUBLE_DIGITS, RoundingMode.HALF_EVEN);
    BigDecimal v = new BigDecimal(r.num()).divide(new BigDecimal(r.den()), precision).stripTrailingZeros();
    String digits = v.unscaledValue().toString();
    int exponent = digits.length() - 1 - v.scale();
    return digits.charAt(0) + "." + (digits.length() == 1 ? "0" : digits.substring(1)) + "E" + exponent;
  }
}
