package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatioTest {

  @ParameterizedTest
  @CsvSource({"1, 3", "2, 3", "10, 4", "0, 7", "123456789, 1000"})
  void smallOperandsDivideAsDoubles(long a, long b) {
    assertThat(Ratio.of(BigInteger.valueOf(a), BigInteger.valueOf(b))).isEqualTo((double) a / b);
  }

  @Test
  void hugeOperandsAreRoundedOnceFromTheExactQuotient() {
    // 2^60+1 over 3 cannot be had by dividing the two rounded doubles.
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      BigInteger a = new BigInteger(40 + random.nextInt(200), random).add(BigInteger.ONE);
      BigInteger b = new BigInteger(40 + random.nextInt(200), random).add(BigInteger.ONE);
      assertThat(Ratio.of(a, b)).as("%s / %s", a, b).isEqualTo(reference(a, b));
    }
  }

  @Test
  void tieBetweenTwoDoublesGoesToEven() {
    // (2^53 + 1) / 1 lies halfway between 2^53 and 2^53 + 2: even is 2^53.
    BigInteger a = BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE);
    assertThat(Ratio.of(a, BigInteger.ONE)).isEqualTo(0x1p53);
    BigInteger b = BigInteger.ONE.shiftLeft(53).add(BigInteger.valueOf(3));
    assertThat(Ratio.of(b, BigInteger.ONE)).isEqualTo(0x1p53 + 4);
  }

  /**
   * Quotients exactly halfway between two doubles, and one part in a divisor above and below that,
   * at magnitudes from 2^-300 to 2^300 and with operands of up to some 400 bits: ties go to the
   * even neighbour, the others to the nearer one.
   */
  @Test
  void midpointsAndTheirNeighbours() {
    Random random = new Random(7);
    for (int i = 0; i < 5000; i++) {
      long m = (1L << 52) | (random.nextLong() & ((1L << 52) - 1));
      int e = random.nextInt(601) - 300;
      BigInteger c = new BigInteger(1 + random.nextInt(300), random).add(BigInteger.ONE);
      // a / b = (2m + 1)·2^(e − 1): halfway between m·2^e and (m + 1)·2^e.
      BigInteger a = BigInteger.valueOf(2 * m + 1).multiply(c).shiftLeft(Math.max(0, e - 1));
      BigInteger b = c.shiftLeft(Math.max(0, 1 - e));
      double low = Math.scalb((double) m, e);
      double high = Math.scalb((double) (m + 1), e);
      assertThat(Ratio.of(a, b)).as("tie %s / %s", a, b).isEqualTo((m & 1) == 0 ? low : high);
      assertThat(Ratio.of(a.add(BigInteger.ONE), b)).as("above %s / %s", a, b).isEqualTo(high);
      assertThat(Ratio.of(a.subtract(BigInteger.ONE), b)).as("below %s / %s", a, b).isEqualTo(low);
    }
  }

  /** Quotients just below and above powers of two, where the doubles below are twice as dense. */
  @Test
  void aroundPowersOfTwo() {
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      int e = random.nextInt(401) - 200;
      BigInteger b = new BigInteger(60 + random.nextInt(200), random).add(BigInteger.ONE);
      // 2^e·b, and one part in b (and 2^(e+k)) below and above it.
      BigInteger exact = e >= 0 ? b.shiftLeft(e) : b;
      BigInteger divisor = e >= 0 ? b : b.shiftLeft(-e);
      double power = Math.scalb(1.0, e);
      assertThat(Ratio.of(exact, divisor)).isEqualTo(power);
      assertThat(Ratio.of(exact.subtract(BigInteger.ONE), divisor)).isEqualTo(reference(exact.subtract(BigInteger.ONE), divisor));
      assertThat(Ratio.of(exact.add(BigInteger.ONE), divisor)).isEqualTo(reference(exact.add(BigInteger.ONE), divisor));
    }
  }

  /** The exact quotient to 60 significant digits, then rounded to the nearest double. */
  private static double reference(BigInteger a, BigInteger b) {
    BigDecimal q = new BigDecimal(a).divide(new BigDecimal(b), new MathContext(60));
    return q.doubleValue();
  }
}
