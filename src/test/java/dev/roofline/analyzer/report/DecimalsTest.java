package dev.roofline.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roofline.analyzer.analysis.Rational;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ratios as machine-readable text: their double's shortest decimal, or, beyond it, 17 exact digits. */
class DecimalsTest {

  private static Rational fraction(String num, String den) {
    return new Rational(new BigInteger(num), new BigInteger(den));
  }

  /** Within a double's normal range, the text is the shortest decimal of the nearest double, as before. */
  @ParameterizedTest
  @CsvSource({"1, 3, 0.3333333333333333", "2, 3, 0.6666666666666666", "0, 7, 0.0", "5, 2, 2.5",
      "1, 100000000000, 1.0E-11", "123456789012345678901234567890, 1, 1.2345678901234568E29"})
  void withinADoubleTheShortestDecimalOfItsDouble(String num, String den, String want) {
    assertThat(Decimals.of(fraction(num, den))).isEqualTo(want);
    assertThat(Decimals.of(fraction(num, den))).isEqualTo(Decimals.shortest(Double.parseDouble(want)));
  }

  @Test
  void beyondADoubleSeventeenDigitsInScientificForm() {
    BigInteger e400 = BigInteger.TEN.pow(400);
    // 10^400 exactly; 10^400 / 3 = 3.33…×10^399, 17 digits, the last rounded down; 2·10^400 / 3
    // = 6.66…×10^399, the last rounded up.
    assertThat(Decimals.of(Rational.of(e400))).isEqualTo("1.0E400");
    assertThat(Decimals.of(new Rational(e400, BigInteger.valueOf(3)))).isEqualTo("3.3333333333333333E399");
    assertThat(Decimals.of(new Rational(e400.shiftLeft(1), BigInteger.valueOf(3)))).isEqualTo("6.6666666666666667E399");
    // 10^400 bytes over 3.35 TB/s: 2.98507462686567164179…×10^387 s.
    assertThat(Decimals.of(Rational.of(e400).over(Rational.of(new BigDecimal("3.35e12")))))
        .isEqualTo("2.9850746268656716E387");
    // Below a double's normal range (2.2e-308), too: 1 / (3 × 10^400) and 1 / 10^310 (a subnormal double).
    assertThat(Decimals.of(new Rational(BigInteger.ONE, e400.multiply(BigInteger.valueOf(3)))))
        .isEqualTo("3.3333333333333333E-401");
    assertThat(Decimals.of(new Rational(BigInteger.ONE, BigInteger.TEN.pow(310)))).isEqualTo("1.0E-310");
  }

  /** The text is a JSON number a strict parser takes, and a decimal reader gets the value written. */
  @Test
  void strictJsonParsersReadItAndDecimalReadersKeepIt() throws Exception {
    Rational huge = new Rational(BigInteger.TEN.pow(400), BigInteger.valueOf(7));
    String text = Decimals.of(huge);
    ObjectMapper decimals = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    BigDecimal read = decimals.readTree("{\"x\": " + text + "}").get("x").decimalValue();
    assertThat(read).isEqualByComparingTo(new BigDecimal("1.4285714285714286E399"));
    assertThat(new ObjectMapper().readTree("[" + text + "]").get(0).isNumber()).isTrue();
  }
}
