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

  /** The exact quotient to 60 significant digits, then rounded to the nearest double. */
  private static double reference(BigInteger a, BigInteger b) {
    BigDecimal q = new BigDecimal(a).divide(new BigDecimal(b), new MathContext(60));
    return q.doubleValue();
  }
}
