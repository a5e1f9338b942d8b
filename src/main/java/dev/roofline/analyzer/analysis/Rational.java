package dev.roofline.analyzer.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact non-negative fraction, so that a figure made of several quotients is rounded once, at
 * the end, by {@link Ratio#of}. Not reduced: the roofline builds few, of modest size.
 */
record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

  Rational {
    if (num.signum() < 0 || den.signum() <= 0) {
      throw new IllegalArgumentException("need num >= 0 and den > 0");
    }
  }

  static Rational of(BigInteger n) {
    return new Rational(n, BigInteger.ONE);
  }

  /** The exact value of a decimal: its unscaled value over ten to its scale. */
  static Rational of(BigDecimal d) {
    int scale = d.scale();
    return scale >= 0
        ? new Rational(d.unscaledValue(), BigInteger.TEN.pow(scale))
        : new Rational(d.unscaledValue().multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
  }

  Rational plus(Rational o) {
    return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  /** This over {@code o}, which must not be zero. */
  Rational over(Rational o) {
    return new Rational(num.multiply(o.den), den.multiply(o.num));
  }

  boolean isZero() {
    return num.signum() == 0;
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  /** The nearest double, rounded once from the exact value. */
  double toDouble() {
    return Ratio.of(num, den);
  }
}
