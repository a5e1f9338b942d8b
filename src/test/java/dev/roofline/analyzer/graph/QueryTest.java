package dev.roofline.analyzer.graph;

import static dev.roofline.analyzer.graph.OpsTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Batch expansion: the typed lists repeated to the batch size, never materialised. */
class QueryTest {

  @ParameterizedTest(name = "cached [{0}], input [{1}], --batch-size {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # cached | input | batch | repeat | queries | Σ input (T) | Σ cached+input
          0        | 1     | -     | 1      | 1       | 1           | 1
          0        | 2048  | 100   | 100    | 100     | 204800      | 204800
          1 2      | 3 4   | 4     | 2      | 4       | 14          | 20
          1 2      | 3 4   | -     | 1      | 2       | 7           | 10
          1048576  | 1     | 1     | 1      | 1       | 1           | 1048577
          1000000 3 | 1 7  | 2000000000 | 1000000000 | 2000000000 | 8000000000 | 1000011000000000
          """)
  void expandsByRepeatingThePattern(
      String cached,
      String input,
      BigInteger batch,
      long repeat,
      long queries,
      long totalInput,
      long totalContext) {
    Query q = Query.of(list(cached), list(input), batch);
    assertThat(q.repeat()).isEqualTo(repeat);
    assertThat(q.batchSize()).isEqualTo(queries);
    assertThat(q.totalInputTokens()).isEqualTo(totalInput);
    assertThat(q.totalContextTokens()).isEqualTo(totalContext);
  }

  @ParameterizedTest(name = "cached [{0}], input [{1}], --batch-size {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          0 0  | 1     | -  | LENGTHS_DIFFER       | 1
          0 0  | 1 1   | 3  | BATCH_NOT_A_MULTIPLE | 3
          0    | 1     | 0  | BATCH_NOT_A_MULTIPLE | 0
          0    | 1     | -2 | BATCH_NOT_A_MULTIPLE | -2
          -1   | 1     | -  | NEGATIVE_CACHED      | -1
          0    | -1    | -  | NEGATIVE_INPUT       | -1
          5 5  | 0 0   | 4  | NO_INPUT_TOKENS      | 0
          """)
  void rejectsWhatMakesNoBatch(
      String cached, String input, BigInteger batch, Query.Invalid.Problem problem, BigInteger value) {
    assertThatThrownBy(() -> Query.of(list(cached), list(input), batch))
        .isInstanceOfSatisfying(
            Query.Invalid.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.value()).isEqualTo(value);
            });
  }

  @ParameterizedTest(name = "cached [{0}] through a window of {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # cached       | input   | window | repeat | capped cached (at window − 1) | Σ cached+input
          10000          | 1       | 4096   | 1      | 4095                          | 4096
          100            | 5000    | 4096   | 1      | 100                           | 5100
          0 4095 4096    | 1 1 1   | 4096   | 3      | 0 4095 4095                   | 24579
          7              | 2       | 1      | 1      | 0                             | 2
          """)
  void aWindowCapsTheCachedTokensOfThePattern(
      String cached, String input, long window, long repeat, String capped, long totalContext) {
    Query q = new Query(list(cached), list(input), BigInteger.valueOf(repeat)).window(window);
    assertThat(q.cached()).isEqualTo(list(capped));
    assertThat(q.input()).isEqualTo(list(input));
    assertThat(q.repeat()).isEqualTo(repeat);
    assertThat(q.totalContextTokens()).isEqualTo(totalContext);
  }
}
