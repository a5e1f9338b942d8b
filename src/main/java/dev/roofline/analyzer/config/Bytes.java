package dev.roofline.analyzer.config;

import java.math.BigInteger;

/** Integer arithmetic of byte counts: the ceilings of the precision formulas, exactly. */
final class Bytes {
  private Bytes() {}

  /** ⌈a/b⌉ for a ≥ 0, b > 0. */
  static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  static BigInteger ceilDiv(BigInteger a, long b) {
    return ceilDiv(a, BigInteger.valueOf(b));
  }
}
