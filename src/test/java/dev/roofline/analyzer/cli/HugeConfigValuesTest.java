package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Config values at the top of the range a config may hold (a {@code long}): sums and products of
 * them are exact, or the config is refused with one line naming a key; never a wrapped value
 * taken for a bug (exit 70).
 */
class HugeConfigValuesTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Long.MAX_VALUE, and 2^62, whose double is 2^63, one past the range. */
  private static final List<String> VALUES = List.of(MAX.toString(), BigInteger.TWO.pow(62).toString());

  /** As {@link #VALUES}, and one below Long.MAX_VALUE (an even number, where the maximum is odd). */
  private static final List<String> EVERY_KEY_VALUES =
      List.of(MAX.toString(), MAX.subtract(BigInteger.ONE).toString(), BigInteger.TWO.pow(62).toString());

  @TempDir Path dir;

  /**
   * A family, the JSON its keys are put in ({@code %s}: the keys) and the numeric keys it reads
   * (its record's {@code FORMAT}): llama4's are in {@code text_config}; the qwen families'
   * sliding-window keys count only with {@code use_sliding_window}.
   */
  private record Family(String name, String template, List<String> keys) {
    Family(String name, String template, String... keys) {
      this(name, template, List.of(keys));
    }

    String config(String... keysAndValues) {
      StringBuilder keys = new StringBuilder();
      for (int i = 0; i < keysAndValues.length; i += 2) {
        keys.append(", \"").append(keysAndValues[i]).append("\": ").append(keysAndValues[i + 1]);
      }
      return String.format(template, keys);
    }
  }

  private static final String[] DECODER = {
    "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim",
    "vocab_size", "sliding_window"
  };

  private static String[] decoderAnd(String... keys) {
    return Stream.concat(Stream.of(DECODER), Stream.of(keys)).toArray(String[]::new);
  }

  private static final Family LLAMA =
      new Family("llama", "{\"model_type\": \"llama\"%s}", "hidden_size", "intermediate_size", "num_hidden_layers",
          "num_attention_heads", "num_key_value_heads", "vocab_size");
  private static final Family LLAMA4 =
      new Family("llama4", "{\"model_type\": \"llama4\", \"text_config\": {\"model_type\": \"llama4_text\"%s}}",
          "hidden_size", "intermediate_size", "intermediate_size_mlp", "num_hidden_layers", "num_attention_heads",
          "num_key_value_heads", "head_dim", "vocab_size", "num_local_experts", "num_experts_per_tok",
          "interleave_moe_layer_step");
  private static final Family QWEN2_MOE =
      new Family("qwen2_moe", "{\"model_type\": \"qwen2_moe\", \"use_sliding_window\": true%s}",
          decoderAnd("max_window_layers", "num_experts", "num_experts_per_tok", "moe_intermediate_size",
              "decoder_sparse_step", "shared_expert_intermediate_size"));
  private static final Family QWEN3_MOE =
      new Family("qwen3_moe", "{\"model_type\": \"qwen3_moe\", \"use_sliding_window\": true%s}",
          decoderAnd("max_window_layers", "num_experts", "num_experts_per_tok", "moe_intermediate_size",
              "decoder_sparse_step"));
  private static final String[] LATENT = {
    "q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim"
  };
  private static final Family DEEPSEEK_V3 =
      new Family("deepseek_v3", "{\"model_type\": \"deepseek_v3\"%s}",
          Stream.concat(
                  Stream.of("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "vocab_size",
                      "n_routed_experts", "num_local_experts", "num_experts_per_tok", "moe_intermediate_size",
                      "n_shared_experts", "first_k_dense_replace"),
                  Stream.of(LATENT))
              .toArray(String[]::new));

  private static final List<Family> FAMILIES =
      List.of(
          LLAMA,
          LLAMA4,
          new Family("mistral", "{\"model_type\": \"mistral\"%s}", DECODER),
          new Family("qwen2", "{\"model_type\": \"qwen2\", \"use_sliding_window\": true%s}",
              decoderAnd("max_window_layers")),
          new Family("qwen3", "{\"model_type\": \"qwen3\", \"use_sliding_window\": true%s}",
              decoderAnd("max_window_layers")),
          new Family("mixtral", "{\"model_type\": \"mixtral\"%s}",
              decoderAnd("num_local_experts", "num_experts", "num_experts_per_tok")),
          QWEN2_MOE,
          QWEN3_MOE,
          DEEPSEEK_V3,
          new Family("kimi_k2", "{\"model_type\": \"kimi_k2\"%s}", LATENT));

  /** Each key alone at each value; every key of a family at once; the pairs whose sum or product is a size. */
  static Stream<Arguments> configs() {
    List<Arguments> all = new ArrayList<>();
    for (Family f : FAMILIES) {
      for (String key : f.keys()) {
        for (String value : VALUES) {
          all.add(Arguments.of(f.name() + " " + key + "=" + value, f.config(key, value)));
        }
      }
      for (String value : EVERY_KEY_VALUES) {
        List<String> every = new ArrayList<>();
        for (String key : f.keys()) {
          every.add(key);
          every.add(value);
        }
        all.add(Arguments.of(f.name() + " every key=" + value, f.config(every.toArray(String[]::new))));
      }
    }
    String max = MAX.toString();
    for (String[] pair : List.of(
        new String[] {"kv_lora_rank", "qk_rope_head_dim"},
        new String[] {"qk_nope_head_dim", "qk_rope_head_dim"},
        new String[] {"qk_nope_head_dim", "v_head_dim"},
        new String[] {"moe_intermediate_size", "n_shared_experts"},
        new String[] {"num_hidden_layers", "first_k_dense_replace"})) {
      all.add(Arguments.of("deepseek_v3 " + pair[0] + " and " + pair[1], DEEPSEEK_V3.config(pair[0], max, pair[1], max)));
    }
    all.add(Arguments.of("qwen2_moe every layer below max_window_layers",
        QWEN2_MOE.config("num_hidden_layers", max, "max_window_layers", max)));
    all.add(Arguments.of("qwen2_moe a dense last layer",
        QWEN2_MOE.config("num_hidden_layers", max, "mlp_only_layers", "[" + MAX.subtract(BigInteger.ONE) + "]")));
    all.add(Arguments.of("qwen3_moe a sparse step of the whole model",
        QWEN3_MOE.config("num_hidden_layers", max, "decoder_sparse_step", max)));
    all.add(Arguments.of("llama4 a step of the whole model",
        LLAMA4.config("num_hidden_layers", max, "interleave_moe_layer_step", max)));
    all.add(Arguments.of("llama heads of the whole hidden size",
        LLAMA.config("hidden_size", max, "num_attention_heads", max, "num_key_value_heads", max)));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void exactOrOneErrorLineNeverABug(String name, String json) throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), json);
    CliRun run = CliRun.of("--format", "json", "--cached-tokens", "1", "--", file.toString());
    assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);
    assertThat(run.err()).as(run.describe()).doesNotContain("\tat ", "internal error");
    if (run.exitCode() == 0) {
      assertThat(run.err()).as(run.describe()).isEmpty();
      assertNoNegativeNumber(JSON.readTree(run.out()));
    } else {
      assertThat(run.out()).as(run.describe()).isEmpty();
      assertThat(run.err()).as(run.describe()).startsWith("error: " + file + ": ").contains("'");
      assertThat(run.err().lines()).as(run.describe()).hasSize(1);
    }
  }

  /** Every number in {@code node}, exact and never below zero: a wrapped value shows as negative. */
  private static void assertNoNegativeNumber(JsonNode node) {
    if (node.isNumber()) {
      assertThat(node.decimalValue().signum()).as(node.toString()).isNotNegative();
    }
    node.elements().forEachRemaining(HugeConfigValuesTest::assertNoNegativeNumber);
  }

  private JsonNode json(String config) throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), config);
    CliRun run = CliRun.of("--format", "json", "--", file.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).as(run.describe()).isEmpty();
    return JSON.readTree(run.out());
  }

  private static BigInteger storage(JsonNode root, String key) {
    for (JsonNode t : root.get("storage").get("terms")) {
      if (t.get("key").asText().equals(key)) {
        return t.get("bytes").bigIntegerValue();
      }
    }
    throw new AssertionError("no storage term " + key);
  }

  /**
   * DeepSeek-V3's defaults (61 layers, a rotary key of 64, float16) with a latent of 2^63 − 1: the
   * cache holds (2^63 − 1 + 64) values per token and layer, 61 layers × 1 token × that × 2 bytes.
   */
  @Test
  void aLatentRankAtTheTopOfTheRangeIsCountedExactly() throws IOException {
    JsonNode root = json("{\"model_type\":\"deepseek_v3\",\"kv_lora_rank\":9223372036854775807}");
    BigInteger perToken = MAX.add(BigInteger.valueOf(64));
    assertThat(storage(root, "kv_cache")).isEqualTo(BigInteger.valueOf(61 * 2).multiply(perToken));
  }

  /**
   * qwen2_moe slides layers 0, 2, 4, … below max_window_layers: of 2^63 − 1 layers, all below
   * the limit, the even ones, 2^62, slide and the other 2^62 − 1 attend to every token.
   */
  @Test
  void slidingLayersOfTheWholeRangeAreCountedExactly() throws IOException {
    JsonNode root = json(QWEN2_MOE.config("num_hidden_layers", MAX.toString(), "max_window_layers", MAX.toString()));
    BigInteger half = BigInteger.TWO.pow(62);
    assertThat(node(root, "Attn - SDPA (Sliding)").get("blocks").bigIntegerValue()).isEqualTo(half);
    assertThat(node(root, "Attn - SDPA (Full)").get("blocks").bigIntegerValue()).isEqualTo(half.subtract(BigInteger.ONE));
  }

  private static JsonNode node(JsonNode root, String name) {
    for (JsonNode n : root.get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name + " in " + root);
  }

  /**
   * A key head of 2^63 − 1 position-free plus 64 rotary values, 128 heads, the query rank 1536:
   * q_b_proj is a [128 · (2^63 − 1 + 64), 1536] weight of 2 bytes an element.
   */
  @Test
  void aKeyHeadWiderThanALongIsCountedExactly() throws IOException {
    JsonNode root = json("{\"model_type\":\"deepseek_v3\",\"qk_nope_head_dim\":9223372036854775807}");
    JsonNode qb = node(root, "Attn - Q_B_Proj");
    BigInteger rows = BigInteger.valueOf(128).multiply(MAX.add(BigInteger.valueOf(64)));
    assertThat(qb.get("weight_bytes").bigIntegerValue()).isEqualTo(rows.multiply(BigInteger.valueOf(1536 * 2)));
  }
}
