package dev.roofline.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.analysis.Rational;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

  private static final Path VECTORS = Path.of("src/test/resources/golden/number-format.tsv");

  /** The value column as Python printed it: an integer (any size) or a float. */
  private static double value(String text) {
    if (text.matches("-?\\d+")) {
      return new BigInteger(text).doubleValue();
    }
    return Double.parseDouble(text);
  }

  @Test
  void allVectorsOfTheOriginal() throws IOException {
    List<String> lines = Files.readAllLines(VECTORS, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("value\tsi_flops\tiec_bytes");
    List<String> failures = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      double v = value(f[0]);
      String si = Quantities.si(v, "FLOPs");
      String iec = Quantities.iec(v, "B");
      if (!si.equals(f[1]) || !iec.equals(f[2])) {
        failures.add(f[0] + ": got [" + si + "] [" + iec + "], want [" + f[1] + "] [" + f[2] + "]");
      }
    }
    assertThat(lines).hasSize(3279);
    assertThat(failures).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          996      | 1.00 kFLOPs
          995      | 995.00 FLOPs
          0        | 0.00 FLOPs
          0.125    | 125.00 mFLOPs
          1e-31    | 0.10 qFLOPs
          2.675    | 2.67 FLOPs
          0.125e3  | 125.00 FLOPs
          """)
  void siExamplesOfTheSpec(double v, String want) {
    assertThat(Quantities.si(v, "FLOPs")).isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1000  | 1000.00 B
          1019  | 1.00 KiB
          1018  | 1018.00 B
          0.5   | 0.50 B
          1024  | 1.00 KiB
          """)
  void iecExamplesOfTheSpec(double v, String want) {
    assertThat(Quantities.iec(v, "B")).isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource({"0.125, 0.12", "0.375, 0.38", "2.675, 2.67", "1.005, 1.00", "1.015, 1.01"})
  void twoDecimalsRoundTheExactBinaryValueHalfToEven(double v, String want) {
    assertThat(Quantities.twoDecimals(v)).isEqualTo(want);
  }

  // --- beyond the range of a double: the exact value, never inf ---------------------------

  @Test
  void countsBeyondADoubleAreTheExactValueInTheLargestPrefix() {
    // 10^400 FLOPs = 10^370 QFLOPs (Q = 10^30); 2^1100 bytes = 2^1020 YiB (Yi = 2^80).
    assertThat(Quantities.si(BigInteger.TEN.pow(400), "FLOPs")).isEqualTo("1" + "0".repeat(370) + ".00 QFLOPs");
    assertThat(Quantities.iec(BigInteger.TWO.pow(1100), "B")).isEqualTo(BigInteger.TWO.pow(1020) + ".00 YiB");
    // Ties round half to even: 2^944 + 0.125 YiB prints .12, 2^944 + 0.375 YiB prints .38.
    BigInteger base = BigInteger.TWO.pow(1024);
    assertThat(Quantities.iec(base.add(BigInteger.TWO.pow(77)), "B")).isEqualTo(BigInteger.TWO.pow(944) + ".12 YiB");
    assertThat(Quantities.iec(base.add(BigInteger.TWO.pow(77).multiply(BigInteger.valueOf(3))), "B"))
        .isEqualTo(BigInteger.TWO.pow(944) + ".38 YiB");
    assertThat(Quantities.si(BigInteger.TEN.pow(400).negate(), "FLOPs")).isEqualTo("-1" + "0".repeat(370) + ".00 QFLOPs");
  }

  @Test
  void theLargestDoubleStillFormatsAsADouble() {
    BigInteger max = new java.math.BigDecimal(Double.MAX_VALUE).toBigIntegerExact();
    assertThat(Quantities.si(max, "FLOPs")).isEqualTo(Quantities.si(Double.MAX_VALUE, "FLOPs"));
    assertThat(Quantities.iec(max, "B")).isEqualTo(Quantities.iec(Double.MAX_VALUE, "B"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1     | 3 | 333.33 mFLOPs/Bytes
          2     | 3 | 666.67 mFLOPs/Bytes
          7     | 7 | 1.00 FLOPs/Bytes
          10000 | 3 | 3.33 kFLOPs/Bytes
          """)
  void quotientsWithinADoubleAreFormattedAsTheirCorrectlyRoundedDouble(long a, long b, String want) {
    assertThat(Quantities.si(BigInteger.valueOf(a), BigInteger.valueOf(b), "FLOPs/Bytes")).isEqualTo(want);
  }

  @Test
  void quotientsBeyondADoubleAreExact() {
    // 10^400 / 3 = 10^370 / 3 Q = 333…333.33 Q (370 threes before the point, .333… rounds to .33).
    assertThat(Quantities.si(BigInteger.TEN.pow(400), BigInteger.valueOf(3), "FLOPs/Bytes"))
        .isEqualTo("3".repeat(370) + ".33 QFLOPs/Bytes");
    // 2·10^400 / 3 = 666…666.67 Q.
    assertThat(Quantities.si(BigInteger.TEN.pow(400).shiftLeft(1), BigInteger.valueOf(3), "FLOPs/Bytes"))
        .isEqualTo("6".repeat(370) + ".67 QFLOPs/Bytes");
  }

  @Test
  void exactFractionsPrintAsTheirDoubleWithinItsRangeAndExactlyBeyond() {
    BigInteger e400 = BigInteger.TEN.pow(400);
    // 1/3 s within a double: as the double 0.333… prints.
    Rational third = new Rational(BigInteger.ONE, BigInteger.valueOf(3));
    assertThat(Quantities.si(third, "s")).isEqualTo(Quantities.si(1.0 / 3, "s")).isEqualTo("333.33 ms");
    assertThat(Quantities.fixed(third)).isEqualTo("0.33");
    // 10^400 / 3.35e12 s = 2.98507462686567164179…e387 s: in Q (10^30), the exact quotient
    // 10^400 / 3.35e42 to two decimals, 358 digits before the point.
    Rational seconds = Rational.of(e400).over(Rational.of(new BigDecimal("3.35e12")));
    String qs = new BigDecimal(e400).divide(new BigDecimal("3.35e42"), 2, RoundingMode.HALF_EVEN).toPlainString();
    assertThat(qs).hasSize(358 + 3).startsWith("29850746268656716417");
    assertThat(Quantities.si(seconds, "s")).isEqualTo(qs + " Qs");
    assertThat(Quantities.fixed(Rational.of(e400))).isEqualTo(e400 + ".00");
  }

  /** For charts: three digits, and scientific notation far beyond the prefixes, exact past a double. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1       | 3      | s        | 333 ms
          1000000 | 3      | s        | 333 ks
          10^35   | 1      | s        | 100000 Qs
          10^36   | 1      | s        | 1e36 s
          10^400  | 335    | s        | 2.99e397 s
          1       | 10^400 | tokens/s | 1e-400 tokens/s
          1       | 10^33  | s        | 0.001 qs
          1       | 10^34  | s        | 1e-34 s
          """)
  void significantDigitsOfExactFractions(String num, String den, String unit, String want) {
    assertThat(Quantities.significant(new Rational(integer(num), integer(den)), unit)).isEqualTo(want);
  }

  private static BigInteger integer(String text) {
    return text.startsWith("10^") ? BigInteger.TEN.pow(Integer.parseInt(text.substring(3))) : new BigInteger(text);
  }

  /** Three significant digits, no trailing zeros; the prefix chosen after rounding (999.6 → 1 k). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          989.4e12  | FLOP/s     | 989 TFLOP/s
          3.35e12   | B/s        | 3.35 TB/s
          295.34    | FLOPs/byte | 295 FLOPs/byte
          2.5       | FLOPs/byte | 2.5 FLOPs/byte
          1000      | FLOP/s     | 1 kFLOP/s
          999.6     | FLOP/s     | 1 kFLOP/s
          999.4     | FLOP/s     | 999 FLOP/s
          0.0706    | s          | 70.6 ms
          1e-4      | s          | 100 μs
          0.1       | x          | 100 mx
          19300     | tokens/s   | 19.3 ktokens/s
          0         | s          | 0 s
          1e33      | B          | 1000 QB
          """)
  void significantDigitsForCharts(double v, String unit, String want) {
    assertThat(Quantities.significant(v, unit)).isEqualTo(want);
  }
}
