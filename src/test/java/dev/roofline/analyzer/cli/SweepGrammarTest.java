package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roofline.analyzer.analysis.ScenarioSpace;
import dev.roofline.analyzer.analysis.SweepKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The values of {@code --sweep KEY=VALUES}: lists and ranges, expanded by hand here, and the malformed ones. */
class SweepGrammarTest {

  private static List<String> values(ScenarioSpace.Axis axis) {
    List<String> text = new ArrayList<>();
    for (Object v : axis.values()) {
      text.add(v.toString());
    }
    return text;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          batch=1,8,64            | batch  | 1 8 64
          BATCH=7                 | batch  | 7
          batch=64,8,1,8          | batch  | 64 8 1 8
          batch=1..512:x2         | batch  | 1 2 4 8 16 32 64 128 256 512
          batch=1..500:x2         | batch  | 1 2 4 8 16 32 64 128 256
          batch=3..100:x3         | batch  | 3 9 27 81
          cached=1024..131072:x2  | cached | 1024 2048 4096 8192 16384 32768 65536 131072
          cached=0..8192:+2048    | cached | 0 2048 4096 6144 8192
          cached=0..8000:+2048    | cached | 0 2048 4096 6144
          input=1..5              | input  | 1 2 3 4 5
          input=5..5              | input  | 5
          output=512..512:x2      | output | 512
          tp=0,1,2                | tp     | 0 1 2
          pp=1..4:+3              | pp     | 1 4
          dp=2..9:+3              | dp     | 2 5 8
          ep=1..8:x8              | ep     | 1 8
          device=h100-sxm,mi300x  | device | h100-sxm mi300x
          """)
  void listsAndRangesExpandInOrder(String arg, String key, String expected) {
    ScenarioSpace.Axis axis = SweepGrammar.parse("--sweep", arg);
    assertThat(axis.key()).isEqualTo(SweepKey.named(key));
    assertThat(values(axis)).containsExactly(expected.split(" "));
  }

  @Test
  void aLongArithmeticRangeIsMadeWhenAskedFor() {
    ScenarioSpace.Axis axis = SweepGrammar.parse("--sweep", "cached=0..2000000000:+1");
    assertThat(axis.values()).hasSize(2_000_000_001);
    assertThat(axis.values().get(1_999_999_999)).isEqualTo(BigInteger.valueOf(1_999_999_999));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          batch                   | must be KEY=VALUES, such as batch=1..256:x2
          size=1,2                | unknown key 'size' in 'size=1,2' (keys: batch, cached, input, output, tp, dp, ep, pp, device)
          batch=8..1              | --sweep batch=8..1: the range is empty (8 is above 1)
          batch=8..1:x2           | the range is empty (8 is above 1)
          batch=                  | --sweep batch=: VALUES must be a list of whole numbers
          batch=1,,2              | VALUES must be a list of whole numbers
          batch=-1                | VALUES must be a list of whole numbers
          batch=1.5               | VALUES must be a list of whole numbers
          batch=1..               | VALUES must be a list of whole numbers
          batch=..8               | VALUES must be a list of whole numbers
          batch=1..8:2            | VALUES must be a list of whole numbers
          batch=1..8:*2           | VALUES must be a list of whole numbers
          batch=1..8:x            | VALUES must be a list of whole numbers
          batch=1...8             | VALUES must be a list of whole numbers
          batch=1..8:x1           | a geometric factor must be a whole number of at least 2
          batch=0..8:x2           | a geometric range must start at 1 or more
          batch=1..8:+0           | an arithmetic step must be at least 1
          cached=0..9999999999:+1 | 10000000000 values, more than one key can take
          tp=1,99999999999999999999 | 99999999999999999999 devices is more than any instance has
          device=h100-sxm,        | a device id is missing
          """)
  void malformedValuesAreUsageErrors(String arg, String message) {
    assertThatThrownBy(() -> SweepGrammar.parse("--sweep", arg)).isInstanceOf(UsageException.class).hasMessageContaining(message);
  }
}
