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
}
