package dev.roofline.analyzer.graph;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How many distinct routed experts a step reads. With {@code T} tokens each choosing {@code k} of
 * {@code E} experts uniformly, a given expert is chosen by none of them with probability {@code
 * ((E−k)/E)^T}; of {@code N} experts (a layer's {@code E}, or a device's share), the expected number
 * touched is {@code N·(1 − ((E−k)/E)^T)}, read as its ceiling: {@code N − ⌊N·(E−k)^T / E^T⌋}.
 * Computed exactly, never with a floating-point {@code pow} near an integer boundary, and in time
 * that does not grow with {@code T}.
 */
final class Routing {
  /** Results of more bits than this are not computed exactly with integers. */
  private static final long EXACT_BITS = 1L << 20;

  /** Expert counts every double holds exactly, as their quotients' error bound assumes. */
  private static final long EXACT_DOUBLES = 1L << 52;

  private Routing() {}

  /**
   * The experts of {@code held} (of the layer's {@code experts}) that {@code tokens} tokens choosing
   * {@code perToken} each touch: {@code ⌈held·(1 − ((E−k)/E)^T)⌉}. {@code T = 1} gives {@code k}
   * of a whole layer; no token or {@code k = 0} gives 0.
   */
  static long touched(long held, long experts, long perToken, BigInteger tokens) {
    if (held < 0 || experts <= 0 || perToken < 0 || held > experts || perToken > experts || tokens.signum() < 0) {
      throw new IllegalArgumentException("bad routing: " + held + " of " + experts + ", " + perToken + ", " + tokens);
    }
    if (held == 0 || perToken == 0 || tokens.signum() == 0) {
      return 0;
    }
    if (perToken == experts) {
      return held;
    }
    // ⌊x⌋ = 0, hence every expert, once T·ln(E/(E−k)) > ln N; a wide margin keeps the estimate safe.
    double share = (double) perToken / experts;
    double perTokenLog = -Math.log1p(-share);
    double threshold = Math.log(held) / perTokenLog;
    double t = tokens.doubleValue();
    if (t > threshold * (1 + 1e-6) + 2) {
      return held;
    }
    if (experts <= EXACT_DOUBLES) {
      // x = exp(ln N − T·l) in doubles, with a bound on its error: k/E is rounded once, and a
      // rounded k/E moves ln(1 − k/E) by up to k/E·2^-52/(1 − k/E); logs, product and exp add a
      // few units in the last place. The floor is certain when the bound keeps clear of integers.
      double logError = share * 0x1p-52 / (1 - share) + perTokenLog * 0x1p-51;
      double exponent = Math.log(held) - t * perTokenLog;
      double error = t * logError + Math.abs(exponent) * 0x1p-51 + 0x1p-50;
      double x = Math.exp(exponent);
      double margin = x * Math.expm1(8 * error);
      double low = Math.floor(x - margin);
      if (low == Math.floor(x + margin) && low >= 0) {
        return held - (long) low;
      }
    }
    return held - floorOfUntouched(held, experts, perToken, tokens);
  }

  /** ⌊N·(E−k)^T / E^T⌋, for T below the threshold (so T·log2 E is what the numbers cost). */
  private static long floorOfUntouched(long held, long experts, long perToken, BigInteger tokens) {
    BigInteger e = BigInteger.valueOf(experts);
    BigInteger rest = BigInteger.valueOf(experts - perToken);
    BigInteger n = BigInteger.valueOf(held);
    if (tokens.bitLength() < 31 && tokens.longValue() * (long) e.bitLength() <= EXACT_BITS) {
      int t = tokens.intValue();
      return n.multiply(rest.pow(t)).divide(e.pow(t)).longValueExact();
    }
    // Too many bits for integers: N·r^T with r = (E−k)/E to P digits. Each of the ≤ 2·log2 T
    // roundings errs by at most one unit in the P-th digit, so the value is within N·10^(4−P) of
    // the truth; the floor is certain once that margin stays clear of an integer, else P doubles.
    for (int digits = 48; ; digits *= 2) {
      MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
      BigDecimal x = new BigDecimal(n).multiply(power(new BigDecimal(rest).divide(new BigDecimal(e), mc), tokens, mc), mc);
      BigDecimal margin = new BigDecimal(n).movePointLeft(digits - 4);
      BigInteger low = x.subtract(margin).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      BigInteger high = x.add(margin).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      if (low.equals(high) || digits >= 6144) {
        return low.max(BigInteger.ZERO).longValueExact();
      }
    }
  }

  /** {@code base^exponent} by squaring, every product rounded to {@code mc}. */
  private static BigDecimal power(BigDecimal base, BigInteger exponent, MathContext mc) {
    BigDecimal result = BigDecimal.ONE;
    BigDecimal square = base;
    for (int bit = 0; bit < exponent.bitLength(); bit++) {
      if (exponent.testBit(bit)) {
        result = result.multiply(square, mc);
      }
      square = square.multiply(square, mc);
    }
    return result;
  }
}
