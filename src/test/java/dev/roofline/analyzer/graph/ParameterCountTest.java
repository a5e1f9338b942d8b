package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled configs against their checkpoints' parameter counts ({@code params.tsv}, bundled
 * with the tests in src/test/resources/model-configs: the models' published counts, checked
 * against the checkpoints' own {@code total_size}): the identity of families.md §6, exactly, and
 * the FLOPs of one token.
 */
class ParameterCountTest {

  /** {@code params.tsv}: a row per repo id, by column name. */
  private static Map<String, String> facts(String id) throws IOException {
    try (InputStream in = ParameterCountTest.class.getResourceAsStream("/model-configs/params.tsv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      String[] header = lines[0].split("\t");
      for (String line : lines) {
        String[] cells = line.split("\t");
        if (cells[0].equals(id)) {
          Map<String, String> row = new HashMap<>();
          for (int i = 0; i < header.length; i++) {
            row.put(header[i], cells[i]);
          }
          return row;
        }
      }
    }
    throw new AssertionError("no row for " + id + " in params.tsv");
  }

  private static BigInteger big(Map<String, String> row, String column) {
    return new BigInteger(row.get(column));
  }

  /**
   * (Weights + Additional Experts + Embedding Table) / w = parameters − LM head − final norm
   * (hidden_size elements) + one element per rmsnorm application per layer (the original's h+1
   * weights of a norm of h features). Norms per layer: attention and feed-forward, plus Qwen3's
   * query and key norms, or DeepSeek-V3's query and latent norms. (DeepSeek-V3's parameters
   * exclude its multi-token-prediction module, which a step does not run.)
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # repo id,                   rmsnorm applications per layer
          mistralai/Mistral-7B-v0.1,   2
          Qwen/Qwen2.5-7B,             2
          Qwen/Qwen3-8B,               4
          mistralai/Mixtral-8x7B-v0.1, 2
          Qwen/Qwen3-30B-A3B,          4
          deepseek-ai/DeepSeek-V3,     4
          """)
  void storedWeightsAreTheCheckpointsParameters(String id, long normsPerLayer) throws IOException {
    Map<String, String> row = facts(id);
    ModelConfig config = Fixtures.config(id);
    Graph graph = Fixtures.graph(id, 0, 1);
    BigInteger bytes =
        Fixtures.total(graph)
            .weight()
            .add(Fixtures.storage(graph, StorageKind.ADDITIONAL_EXPERTS))
            .add(Fixtures.storage(graph, StorageKind.EMBEDDING_TABLE));
    BigInteger expected =
        big(row, "parameters")
            .subtract(big(row, "lm_head"))
            .subtract(BigInteger.valueOf(config.hiddenSize()))
            .add(BigInteger.valueOf(normsPerLayer * config.numHiddenLayers()));
    BigInteger[] elements = bytes.divideAndRemainder(BigInteger.valueOf(config.dtype().bytes()));
    assertThat(elements[1]).isZero();
    assertThat(elements[0]).isEqualTo(expected);
  }

  /**
   * One token with nothing cached: about two FLOPs (a multiply and an add) per parameter it
   * touches, embedding and LM head aside; within 1%.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "mistralai/Mistral-7B-v0.1",
    "Qwen/Qwen2.5-7B",
    "Qwen/Qwen3-8B",
    "mistralai/Mixtral-8x7B-v0.1",
    "Qwen/Qwen3-30B-A3B",
    "deepseek-ai/DeepSeek-V3"
  })
  void oneTokenCostsTwoFlopsPerActiveParameter(String id) throws IOException {
    Map<String, String> row = facts(id);
    BigInteger active =
        big(row, "active_per_token").subtract(big(row, "embedding")).subtract(big(row, "lm_head"));
    BigDecimal ratio =
        new BigDecimal(Fixtures.total(Fixtures.graph(id, 0, 1)).flops())
            .divide(new BigDecimal(active.shiftLeft(1)), MathContext.DECIMAL64);
    assertThat(ratio).isBetween(new BigDecimal("0.99"), new BigDecimal("1.01"));
  }
  /**
   * The same for every bundled config, by the original's conventions: Total C within 1% of
   * 2 × (active − embedding − LM head), less the delta rule of linear attention, which no
   * parameter accounts for (per token and value head 7·dk·dv + 7·dk + 14, in each of its layers).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.roofline.analyzer.graph.RefinedCostsTest#bundled")
  void everyBundledConfigCostsTwoFlopsPerActiveParameter(String id) throws IOException {
    Map<String, String> row = facts(id);
    BigInteger active =
        big(row, "active_per_token").subtract(big(row, "embedding")).subtract(big(row, "lm_head"));
    BigInteger flops = Fixtures.total(Fixtures.graph(id, 0, 1)).flops().subtract(Fixtures.deltaRuleFlops(id));
    BigDecimal ratio = new BigDecimal(flops).divide(new BigDecimal(active.shiftLeft(1)), MathContext.DECIMAL64);
    assertThat(ratio).isBetween(new BigDecimal("0.99"), new BigDecimal("1.01"));
  }

}
