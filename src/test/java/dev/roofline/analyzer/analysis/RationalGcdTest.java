package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fraction's greatest common divisor against {@link BigInteger#gcd}, on each side of 64, 128 and 256 bits. */
class RationalGcdTest {

  @ParameterizedTest(name = "{0} and {1} bits, a common factor of {2}")
  @CsvSource({
    "1, 1, 0", "63, 64, 0", "64, 64, 20", "65, 90, 30", "100, 126, 40", "126, 126, 60", "126, 10, 5", "200, 255, 70", "255, 255, 0", "256, 100, 30", "300, 255, 40",
    "120, 126, 0", "127, 126, 30", "200, 150, 50",
  })
  void agreesWithBigInteger(int aBits, int bBits, int commonBits) {
    Random r = new Random(aBits * 1000L + bBits * 10L + commonBits);
    for (int k = 0; k < 2000; k++) {
      BigInteger g = commonBits == 0 ? BigInteger.ONE : new BigInteger(commonBits, r).setBit(0);
      BigInteger a = trim(new BigInteger(aBits, r).multiply(g).shiftLeft(r.nextInt(4)), aBits);
      BigInteger b = trim(new BigInteger(bBits, r).multiply(g).shiftLeft(r.nextInt(4)), bBits);
      assertThat(Rational.gcd(a, b)).as("%s, %s", a, b).isEqualTo(a.gcd(b));
    }
  }

  /** Powers of two, zeros, ones and equal values. */
  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({
    "0, 0", "0, 7", "7, 0", "1, 1", "18446744073709551616, 36893488147419103232",
    "85070591730234615865843651857942052864, 3", "340282366920938463463374607431768211455, 255",
    "170141183460469231731687303715884105727, 170141183460469231731687303715884105727",
    "36893488147419103231, 18446744073709551615",
  })
  void edges(String a, String b) {
    BigInteger x = new BigInteger(a);
    BigInteger y = new BigInteger(b);
    assertThat(Rational.gcd(x, y)).isEqualTo(x.gcd(y));
  }

  /** At most {@code bits} bits: the value's low bits. */
  private static BigInteger trim(BigInteger v, int bits) {
    return v.bitLength() <= bits ? v : v.shiftRight(v.bitLength() - bits);
  }
}
