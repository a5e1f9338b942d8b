package dev.roofline.analyzer.analysis;

import java.math.BigInteger;

/** Exact integer quotients rounded once to the nearest double, as Python's {@code int / int} is. */
public final class Ratio {
  private Ratio() {}

  /**
   * {@code a / b} correctly rounded (half to even) to a double; {@code b} must be positive and
   * {@code a} non-negative.
   */
  public static double of(BigInteger a, BigInteger b) {
    if (b.signum() <= 0 || a.signum() < 0) {
      throw new IllegalArgumentException("need a >= 0 and b > 0");
    }
    if (a.signum() == 0) {
      return 0.0;
    }
    if (a.bitLength() <= 53 && b.bitLength() <= 53) {
      // Both are exact doubles, and IEEE division rounds the exact quotient once.
      return a.doubleValue() / b.doubleValue();
    }
    double near = near(a, b);
    if (!Double.isNaN(near)) {
      return near;
    }
    // Scale so the integer quotient has at least 55 significant bits, then fold the remainder
    // into a sticky bit: rounding that integer to 53 bits is rounding the exact quotient.
    int shift = 55 - (a.bitLength() - b.bitLength());
    BigInteger num = shift > 0 ? a.shiftLeft(shift) : a;
    BigInteger den = shift < 0 ? b.shiftLeft(-shift) : b;
    BigInteger[] qr = num.divideAndRemainder(den);
    BigInteger q = qr[0].shiftLeft(1);
    if (qr[1].signum() != 0) {
      q = q.setBit(0);
    }
    return Math.scalb(q.doubleValue(), -shift - 1);
  }

  /**
   * {@code a / b} correctly rounded, found from the quotient of the two rounded doubles (within a
   * few units in the last place of it) and checked exactly against the midpoints around it: two
   * multiplications by a 55-bit number instead of a long division. NaN where the quotient or the
   * operands are out of the range of normal doubles, or the check does not settle.
   */
  private static double near(BigInteger a, BigInteger b) {
    int la = a.bitLength();
    int lb = b.bitLength();
    if (la > 1000 || lb > 1000 || Math.abs(la - lb) > 900) {
      return Double.NaN;
    }
    double q = a.doubleValue() / b.doubleValue();
    for (int step = 0; step < 8; step++) {
      long bits = Double.doubleToRawLongBits(q);
      int exponent = (int) (bits >>> 52) & 0x7ff;
      if (exponent <= 1 || exponent >= 0x7fe) {
        return Double.NaN;
      }
      long m = (bits & 0xfffffffffffffL) | (1L << 52);
      int e = exponent - 1075;
      // q = m·2^e; above it the midpoint (2m + 1)·2^(e−1), below it (2m − 1)·2^(e−1), or
      // (4m − 1)·2^(e−2) when q is a power of two (the doubles below are twice as dense).
      int up = compare(a, b, 2 * m + 1, e - 1);
      if (up > 0) {
        q = Math.nextUp(q);
        continue;
      }
      boolean power = m == 1L << 52;
      int down = power ? compare(a, b, 4 * m - 1, e - 2) : compare(a, b, 2 * m - 1, e - 1);
      if (down < 0) {
        q = Math.nextDown(q);
        continue;
      }
      // A tie goes to the even neighbour: q's mantissa is odd exactly when the other's is even.
      if (up == 0) {
        return (m & 1) == 0 ? q : Math.nextUp(q);
      }
      if (down == 0) {
        return (m & 1) == 0 ? q : Math.nextDown(q);
      }
      return q;
    }
    return Double.NaN;
  }

  /** The sign of {@code a / b − mid·2^shift}, exactly. */
  private static int compare(BigInteger a, BigInteger b, long mid, int shift) {
    BigInteger right = b.multiply(BigInteger.valueOf(mid));
    return shift >= 0 ? a.compareTo(right.shiftLeft(shift)) : a.shiftLeft(-shift).compareTo(right);
  }
}
