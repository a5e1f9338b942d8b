package dev.roofline.analyzer.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact non-negative fraction: the roofline's times, rates, shares and intensities, carried
 * exactly to the outputs, which round them once as they print them. However large or small, it has
 * a value; only its nearest double may be infinite or zero.
 *
 * <p>Its terms are not kept in lowest terms: reducing costs a greatest common divisor, which is
 * most of the work of a sweep's row, and nothing but equality needs it. A result whose terms pass
 * {@link #REDUCE_AT} bits together is reduced, so that chains of operations stay small; equal
 * values are equal, and hash alike, whatever their terms.
 */
public final class Rational implements Comparable<Rational> {

  private static final double LOG10_2 = Math.log10(2);

  /** Bits of numerator and denominator together beyond which a new fraction is reduced. */
  private static final int REDUCE_AT = 384;

  private final BigInteger num;
  private final BigInteger den;

  /** This value in lowest terms, once asked for. */
  private Rational lowest;

  /** {@code num / den}, with {@code num ≥ 0} and {@code den > 0}. */
  public Rational(BigInteger num, BigInteger den) {
    if (num.signum() < 0 || den.signum() <= 0) {
      throw new IllegalArgumentException("need num >= 0 and den > 0");
    }
    if (num.bitLength() + den.bitLength() > REDUCE_AT) {
      BigInteger gcd = gcd(num, den);
      if (!gcd.equals(BigInteger.ONE)) {
        num = num.divide(gcd);
        den = den.divide(gcd);
      }
    }
    this.num = num;
    this.den = den;
  }

  private Rational(BigInteger num, BigInteger den, boolean lowestTerms) {
    this.num = num;
    this.den = den;
    this.lowest = this;
  }

  /** The numerator, over {@link #den()}: not necessarily in lowest terms. */
  public BigInteger num() {
    return num;
  }

  /** The denominator, positive. */
  public BigInteger den() {
    return den;
  }

  /** This value in lowest terms. */
  public Rational lowestTerms() {
    Rational l = lowest;
    if (l == null) {
      BigInteger gcd = num.signum() == 0 ? den : gcd(num, den);
      l = gcd.equals(BigInteger.ONE) ? new Rational(num, den, true) : new Rational(num.divide(gcd), den.divide(gcd), true);
      lowest = l;
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rational r && (r == this || num.multiply(r.den).equals(r.num.multiply(den)));
  }

  @Override
  public int hashCode() {
    Rational l = lowestTerms();
    return 31 * l.num.hashCode() + l.den.hashCode();
  }

  @Override
  public String toString() {
    Rational l = lowestTerms();
    return l.num + "/" + l.den;
  }

  /** Words of the magnitudes {@link #gcd} handles itself: 256 bits. */
  private static final int WORDS = 4;

  /**
   * The greatest common divisor of two non-negative numbers: for those of up to 256 bits (every
   * figure of a step or a sweep's row on real devices) by the binary algorithm on arrays of longs,
   * several times faster than {@link BigInteger#gcd} on such magnitudes; beyond, by it.
   */
  static BigInteger gcd(BigInteger a, BigInteger b) {
    if (a.signum() == 0) {
      return b;
    }
    if (b.signum() == 0) {
      return a;
    }
    if (a.bitLength() > 64 * WORDS - 1 || b.bitLength() > 64 * WORDS - 1) {
      return a.gcd(b);
    }
    long[] u = words(a);
    long[] v = words(b);
    int zu = trailingZeros(u);
    int zv = trailingZeros(v);
    shiftRight(u, zu);
    shiftRight(v, zv);
    // Both odd: subtract the smaller from the larger, drop the difference's factors of two.
    while (true) {
      int c = compare(u, v);
      if (c == 0) {
        break;
      }
      if (c > 0) {
        long[] t = u;
        u = v;
        v = t;
      }
      subtract(v, u);
      shiftRight(v, trailingZeros(v));
    }
    BigInteger g = BigInteger.ZERO;
    for (int i = WORDS - 1; i >= 0; i--) {
      g = g.shiftLeft(64).or(unsigned(u[i]));
    }
    return g.shiftLeft(Math.min(zu, zv));
  }

  /** The magnitude's 64-bit words, least significant first. */
  private static long[] words(BigInteger n) {
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = n.shiftRight(64 * i).longValue();
    }
    return w;
  }

  private static int trailingZeros(long[] w) {
    for (int i = 0; i < WORDS; i++) {
      if (w[i] != 0) {
        return 64 * i + Long.numberOfTrailingZeros(w[i]);
      }
    }
    throw new IllegalArgumentException("zero has no lowest bit");
  }

  private static void shiftRight(long[] w, int bits) {
    int words = bits >>> 6;
    int shift = bits & 63;
    for (int i = 0; i < WORDS; i++) {
      int from = i + words;
      long lo = from < WORDS ? w[from] : 0;
      long hi = from + 1 < WORDS ? w[from + 1] : 0;
      w[i] = shift == 0 ? lo : (lo >>> shift) | (hi << (64 - shift));
    }
  }

  private static int compare(long[] u, long[] v) {
    for (int i = WORDS - 1; i >= 0; i--) {
      if (u[i] != v[i]) {
        return Long.compareUnsigned(u[i], v[i]);
      }
    }
    return 0;
  }

  /** {@code v −= u}, where {@code v ≥ u}. */
  private static void subtract(long[] v, long[] u) {
    long borrow = 0;
    for (int i = 0; i < WORDS; i++) {
      long d = v[i] - u[i] - borrow;
      borrow = (Long.compareUnsigned(v[i], u[i]) < 0 || (borrow != 0 && v[i] == u[i])) ? 1 : 0;
      v[i] = d;
    }
  }

  private static BigInteger unsigned(long v) {
    return v >= 0 ? BigInteger.valueOf(v) : BigInteger.valueOf(v >>> 1).shiftLeft(1).or(BigInteger.valueOf(v & 1));
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
