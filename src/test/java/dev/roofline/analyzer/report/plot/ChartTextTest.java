package dev.roofline.analyzer.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart's words: numbers grouped by thousands (long ones by their power of ten), long token lists cut short. */
class ChartTextTest {

  @ParameterizedTest
  @CsvSource({"0, 0", "999, 999", "1000, '1,000'", "1048576, '1,048,576'", "2000000000, '2,000,000,000'",
      "999999999999999, '999,999,999,999,999'", "1000000000000000, 1e15", "1230000000000000000000, 1.23e21",
      "1234500000000000000000, ≈1.23e21", "1235500000000000000000, ≈1.24e21"})
  void digitsInGroupsOfThree(String n, String want) {
    assertThat(ChartText.grouped(new BigInteger(n))).isEqualTo(want);
  }

  private static List<BigInteger> values(int n) {
    List<BigInteger> values = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      values.add(BigInteger.valueOf(1000L * i));
    }
    return values;
  }

  @Test
  void tokenListsUpToFourAreShownWholeLongerOnesCutShort() {
    assertThat(ChartText.tokens(values(1))).isEqualTo("1,000");
    assertThat(ChartText.tokens(values(4))).isEqualTo("[1,000, 2,000, 3,000, 4,000]");
    assertThat(ChartText.tokens(values(9))).isEqualTo("[1,000, 2,000, 3,000, … (9 values)]");
  }

  @Test
  void theNoteStatesTheLabelThreshold() {
    assertThat(ChartText.NOTE).endsWith("Labelled: operators with 2% of it or more.");
  }
}
