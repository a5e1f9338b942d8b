package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Ratio;
import dev.roofline.analyzer.analysis.Rational;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats counts with decimal (SI) prefixes and byte counts with binary (IEC) prefixes, with two
 * decimals: {@code 25.17 MFLOPs}, {@code 1.93 GiB}. The result never depends on the default locale.
 *
 * <p>The scale is the largest prefix at which the value, rounded to two decimals, is still at
 * least 1 (so 996 prints as {@code 1.00 k}); rounding is half-to-even on the exact binary value of
 * the double, as Python's {@code round} and {@code format(x, '.2f')} do.
 */
public final class Quantities {

  private static final String[] SI_UP = {"k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"};
  private static final double[] SI_UP_SCALE = {
    1e3, 1e6, 1e9, 1e12, 1e15, 1e18, 1e21, 1e24, 1e27, 1e30
  };
  private static final String[] SI_DOWN = {"q", "r", "y", "z", "a", "f", "p", "n", "μ", "m"};
  private static final double[] SI_DOWN_SCALE = {
    1e-30, 1e-27, 1e-24, 1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3
  };
  private static final String[] IEC = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
  private static final double[] IEC_SCALE = new double[IEC.length];

  static {
    for (int i = 0; i < IEC.length; i++) {
      IEC_SCALE[i] = Math.scalb(1.0, 10 * (i + 1));
    }
  }

  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

  private Quantities() {}

  /** {@code value} with an SI prefix and {@code unit}: {@code 20.48 kFLOPs}. */
  public static String si(double value, String unit) {
    double abs = Math.abs(value);
    if (abs >= 1) {
      return scaled(value, SI_UP, SI_UP_SCALE, unit, 1, "");
    }
    if (abs > 0 && abs < SI_DOWN_SCALE[0]) {
      return scaled(value, SI_DOWN, SI_DOWN_SCALE, unit, SI_DOWN_SCALE[0], SI_DOWN[0]);
    }
    return scaled(value, SI_DOWN, SI_DOWN_SCALE, unit, 1, "");
  }

  /**
   * {@code value} (finite) rounded to three significant digits, half-to-even on its exact binary
   * value, with an SI prefix that leaves 1 to 999 before it and no trailing zeros: {@code 989
   * TFLOP/s}, {@code 3.35 TB/s}, {@code 2.5 FLOPs/byte}, {@code 1 k}. Beyond a thousand times the
   * largest prefix or below a thousandth of the smallest, in scientific notation: {@code 2.99e387
   * s}. For charts, where figures are read at a glance.
   */
  public static String significant(double value, String unit) {
    return value == 0 ? "0 " + unit : significant(new BigDecimal(value).round(THREE_DIGITS), unit);
  }

  /**
   * As {@link #significant(double, String)}, of the exact value {@code r}: of its nearest double
   * when that is a normal double, else of {@code r} itself rounded to three significant digits.
   */
  public static String significant(Rational r, String unit) {
    if (r.isZero()) {
      return "0 " + unit;
    }
    double d = r.toDouble();
    return withinDouble(d)
        ? significant(d, unit)
        : significant(new BigDecimal(r.num()).divide(new BigDecimal(r.den()), THREE_DIGITS), unit);
  }

  private static String significant(BigDecimal rounded, String unit) {
    // The decimal exponent of the leading digit, and the prefix's power of 1000 that covers it.
    int exponent = rounded.precision() - rounded.scale() - 1;
    int group = Math.floorDiv(exponent, 3);
    if (group > SI_UP.length + 1 || group < -SI_DOWN.length - 1) {
      return scientific(rounded) + " " + unit;
    }
    group = Math.max(-SI_DOWN.length, Math.min(SI_UP.length, group));
    String prefix = group > 0 ? SI_UP[group - 1] : group < 0 ? SI_DOWN[SI_DOWN.length + group] : "";
    return rounded.movePointLeft(3 * group).stripTrailingZeros().toPlainString() + " " + prefix + unit;
  }

  /**
   * {@code value} (non-zero) in scientific notation with the digits it has, no trailing zeros:
   * {@code 2.99e387}, {@code 1e-400}.
   */
  public static String scientific(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    String digits = v.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (v.signum() < 0 ? "-" : "") + mantissa + "e" + (v.precision() - v.scale() - 1);
  }

  /** Whether {@code d} is a normal double: finite, and not so small that it lost precision. */
  private static boolean withinDouble(double d) {
    return d >= Double.MIN_NORMAL && d <= Double.MAX_VALUE;
  }

  /** {@code value} with an IEC prefix and {@code unit}: {@code 1.93 GiB}. */
  public static String iec(double value, String unit) {
    if (Math.abs(value) >= 1) {
      return scaled(value, IEC, IEC_SCALE, unit, 1, "");
    }
    return twoDecimals(value) + " " + unit;
  }

  /**
   * As {@link #si(double, String)}, of {@code value} converted to the nearest double; beyond the
   * range of a double, of the exact value (never {@code inf}).
   */
  public static String si(BigInteger value, String unit) {
    return si(value, BigInteger.ONE, unit);
  }

  /**
   * {@code numerator / denominator} with an SI prefix: as {@link #si(double, String)} of the
   * quotient correctly rounded to a double, as Python's {@code int / int}; beyond the range of a
   * double, of the exact quotient. {@code denominator} must be positive.
   */
  public static String si(BigInteger numerator, BigInteger denominator, String unit) {
    double d = denominator.equals(BigInteger.ONE) ? numerator.doubleValue() : Ratio.of(numerator, denominator);
    return Double.isInfinite(d) ? beyondDouble(numerator, denominator, BigInteger.TEN.pow(30), SI_UP, unit) : si(d, unit);
  }

  /** As {@link #si(BigInteger, BigInteger, String)}, of an exact fraction: seconds, FLOPs/byte. */
  public static String si(Rational r, String unit) {
    return si(r.num(), r.den(), unit);
  }

  /**
   * {@code r} with exactly two decimals and no prefix: as {@link #fixed(double)} of its nearest
   * double; beyond the range of a double, of the exact value.
   */
  public static String fixed(Rational r) {
    double d = r.toDouble();
    return Double.isInfinite(d)
        ? new BigDecimal(r.num()).divide(new BigDecimal(r.den()), 2, RoundingMode.HALF_EVEN).toPlainString()
        : fixed(d);
  }

  /**
   * As {@link #iec(double, String)}, of {@code value} converted to the nearest double; beyond the
   * range of a double, of the exact value (never {@code inf}).
   */
  public static String iec(BigInteger value, String unit) {
    double d = value.doubleValue();
    return Double.isInfinite(d) ? beyondDouble(value, BigInteger.ONE, BigInteger.ONE.shiftLeft(80), IEC, unit) : iec(d, unit);
  }

  /**
   * {@code numerator / denominator}, too large for a double, with the largest prefix (every
   * smaller candidate passes the walk too): the exact quotient by that prefix's exact power,
   * rounded half-to-even to two decimals.
   */
  private static String beyondDouble(
      BigInteger numerator, BigInteger denominator, BigInteger prefixPower, String[] prefixes, String unit) {
    BigDecimal scaled =
        new BigDecimal(numerator).divide(new BigDecimal(denominator.multiply(prefixPower)), 2, RoundingMode.HALF_EVEN);
    return scaled.toPlainString() + " " + prefixes[prefixes.length - 1] + unit;
  }

  /**
   * Walks the candidate scales from the smallest, keeping the last at which |v| is still ≥ 1 after
   * rounding to two decimals; {@code scale}/{@code prefix} apply when none is accepted.
   */
  private static String scaled(
      double value, String[] prefixes, double[] scales, String unit, double scale, String prefix) {
    double abs = Math.abs(value);
    for (int i = 0; i < scales.length; i++) {
      if (!atLeastOne(abs / scales[i])) {
        break;
      }
      scale = scales[i];
      prefix = prefixes[i];
    }
    return twoDecimals(value / scale) + " " + prefix + unit;
  }

  private static boolean atLeastOne(double x) {
    // Cheap bounds first; only values near 0.995 need the exact decimal expansion.
    if (x >= 0.996) {
      return true;
    }
    if (x < 0.994) {
      return false;
    }
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).compareTo(BigDecimal.ONE) >= 0;
  }

  /** {@code x} with exactly two decimals and no prefix: {@code 115.21}. */
  public static String fixed(double x) {
    return twoDecimals(x);
  }

  /** {@code x} with exactly two decimals, half-to-even on its exact binary value. */
  static String twoDecimals(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
    }
    String s = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    // Python keeps the sign of a negative value that rounds to zero.
    return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
  }

  /** A share (at most 1, so within a double) in percent, two decimals. */
  public static String percent(Rational share) {
    return fixed(share.toDouble() * 100) + "%";
  }
}
