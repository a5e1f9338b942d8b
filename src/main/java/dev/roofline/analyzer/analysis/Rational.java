package dev.roofline.analyzer.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact non-negative fraction in lowest terms: the roofline's times, rates, shares and
 * intensities, carried exactly to the outputs, which round them once as they print them. However
 * large or small, it has a value; only its nearest double may be infinite or zero.
 */
public record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

  private static final double LOG10_2 = Math.log10(2);

  /** Reduced to lowest terms, so that equal values are equal records. */
  public Rational {
    if (num.signum() < 0 || den.signum() <= 0) {
      throw new IllegalArgumentException("need num >= 0 and den > 0");
    }
    BigInteger gcd = num.gcd(den);
    if (gcd.signum() > 0 && !gcd.equals(BigInteger.ONE)) {
      num = num.divide(gcd);
      den = den.divide(gcd);
    }
  }

  public static Rational of(BigInteger n) {
    return new Rational(n, BigInteger.ONE);
  }

  /** The exact value of a decimal: its unscaled value over ten to its scale. */
  public static Rational of(BigDecimal d) {
    int scale = d.scale();
    return scale >= 0
        ? new Rational(d.unscaledValue(), BigInteger.TEN.pow(scale))
        : new Rational(d.unscaledValue().multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
  }

  public Rational plus(Rational o) {
    return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  public Rational times(Rational o) {
    return new Rational(num.multiply(o.num), den.multiply(o.den));
  }

  public Rational times(BigInteger n) {
    return new Rational(num.multiply(n), den);
  }

  /** This over {@code o}, which must not be zero. */
  public Rational over(Rational o) {
    return new Rational(num.multiply(o.den), den.multiply(o.num));
  }

  public boolean isZero() {
    return num.signum() == 0;
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  /**
   * The nearest double, rounded once from the exact value: infinite beyond the range of a double,
   * and zero or subnormal below it.
   */
  public double toDouble() {
    return Ratio.of(num, den);
  }

  /** The decimal logarithm of this positive value, finite however large or small the value. */
  public double log10() {
    if (isZero()) {
      throw new ArithmeticException("the logarithm of zero");
    }
    return log10(num) - log10(den);
  }

  private static double log10(BigInteger n) {
    // Beyond a double's range, the leading 1000 bits carry the logarithm to a double's precision.
    int excess = n.bitLength() - 1000;
    return excess <= 0
        ? Math.log10(n.doubleValue())
        : Math.log10(n.shiftRight(excess).doubleValue()) + excess * LOG10_2;
  }
}
