package dev.roofline.analyzer.analysis;

import java.math.BigInteger;

/** A signed exact fraction, for sums of lines whose differences may be negative. */
record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {

  static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

  Fraction {
    if (den.signum() == 0) {
      throw new ArithmeticException("a fraction over zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger gcd = num.gcd(den);
    if (gcd.signum() > 0 && !gcd.equals(BigInteger.ONE)) {
      num = num.divide(gcd);
      den = den.divide(gcd);
    }
  }

  static Fraction of(BigInteger n) {
    return new Fraction(n, BigInteger.ONE);
  }

  static Fraction of(Rational r) {
    return new Fraction(r.num(), r.den());
  }

  Fraction plus(Fraction o) {
    return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  Fraction minus(Fraction o) {
    return new Fraction(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
  }

  Fraction times(Fraction o) {
    return new Fraction(num.multiply(o.num), den.multiply(o.den));
  }

  Fraction times(BigInteger n) {
    return new Fraction(num.multiply(n), den);
  }

  Fraction over(Fraction o) {
    return new Fraction(num.multiply(o.den), den.multiply(o.num));
  }

  int signum() {
    return num.signum();
  }

  /** The largest integer at most this. */
  BigInteger floor() {
    BigInteger[] qr = num.divideAndRemainder(den);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /** This value, which must not be negative. */
  Rational toRational() {
    return new Rational(num, den);
  }

  @Override
  public int compareTo(Fraction o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }
}
