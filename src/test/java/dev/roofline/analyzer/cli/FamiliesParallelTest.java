package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tensor parallelism over the parts the newer families add (families2.md, parallel.md): the LM
 * head's soft-capping, attention sinks, linear attention's convolution and delta rule and its
 * recurrent state, each over a device's share, against figures worked out by hand.
 */
class FamiliesParallelTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--offline", "--format", "json", "--device", "h100-sxm"));
    all.addAll(List.of(args));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return JSON.readTree(run.out());
  }

  private static JsonNode node(JsonNode result, String name) {
    for (JsonNode n : result.get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no row " + name);
  }

  private static BigInteger big(JsonNode n, String field) {
    return n.get(field).bigIntegerValue();
  }

  /**
   * gemma-2-9b, refined, tp 2, one query of one token: each device computes the logits of V/2 =
   * 128,000 words of H = 3584 and soft-caps them, 2·V/2·H + 3·V/2 FLOPs.
   */
  @Test
  void gemma2LogitSoftCappingIsSplitWithTheHead() throws Exception {
    JsonNode split = json("--refined", "--tp", "2", "--", "google/gemma-2-9b");
    assertThat(big(node(split, "Model - LM_Head"), "flops")).isEqualTo(BigInteger.valueOf(2L * 128000 * 3584 + 3L * 128000));
  }

  /**
   * gpt-oss-20b, refined, tp 4: every term of attention (scores over the sliding and full layers,
   * the sinks' max, exp and add) is per head, so a device of 16 of the 64 heads and 2 of the 8
   * key/value heads does a quarter of each row, and reads a quarter of the sinks.
   */
  @Test
  void gptOssSinksAreSplitByHeads() throws Exception {
    String[] query = {"--refined", "--cached-tokens", "1000", "--input-tokens", "16", "--batch-size", "2"};
    JsonNode single = json(concat(query, "--", "openai/gpt-oss-20b"));
    JsonNode split = json(concat(query, "--tp", "4", "--", "openai/gpt-oss-20b"));
    for (String row : List.of("Attn - SDPA (Full)", "Attn - SDPA (Sliding)")) {
      JsonNode one = node(single, row);
      JsonNode four = node(split, row);
      assertThat(big(one, "flops").mod(BigInteger.valueOf(4))).as(row).isZero();
      assertThat(big(four, "flops")).as(row).isEqualTo(big(one, "flops").divide(BigInteger.valueOf(4)));
      // The sinks: 64 parameters of 2 bytes on one device, 16 on each of four.
      assertThat(big(one, "weight_bytes")).as(row).isEqualTo(BigInteger.valueOf(128));
      assertThat(big(four, "weight_bytes")).as(row).isEqualTo(BigInteger.valueOf(32));
    }
  }

  /**
   * Qwen3-Next-80B-A3B, tp 4, 8 queries after 4096 tokens: the 12 full layers cache 2 key/value
   * heads of 256, which 4 devices replicate (one head each), 12·8·4097·(2·1·256)·2 B; the 36 linear
   * layers keep per query a float32 state of 32 value heads of 128 × 128 and the last 3 inputs of
   * 2·16·128 + 32·128 channels in bf16, a quarter of each on a device.
   */
  @Test
  void qwen3NextRecurrentStateIsItsOwnTerm() throws Exception {
    String[] query = {"--cached-tokens", "4096", "--batch-size", "8"};
    JsonNode split = json(concat(query, "--tp", "4", "--", "Qwen/Qwen3-Next-80B-A3B-Instruct"));
    JsonNode m = split.get("memory_per_device");
    assertThat(big(m, "kv_cache_bytes")).isEqualTo(BigInteger.valueOf(12L * 8 * 4097 * (2 * 256) * 2));
    long state = 36L * 8 * (8L * 128 * 128 * 4 + 3L * (2 * 4 * 128 + 8 * 128) * 2);
    assertThat(big(m, "recurrent_state_bytes")).isEqualTo(BigInteger.valueOf(state));
    BigInteger sum =
        big(m, "weight_bytes")
            .add(big(m, "kv_cache_bytes"))
            .add(big(m, "recurrent_state_bytes"))
            .add(big(m, "additional_experts_bytes"))
            .add(big(m, "embedding_table_bytes"));
    assertThat(big(m, "total_bytes")).isEqualTo(sum);
    // A dense model has no such term.
    JsonNode llama = json("--tp", "2", "--", "meta-llama/Llama-3.1-8B");
    assertThat(llama.get("memory_per_device").has("recurrent_state_bytes")).isFalse();
  }

  private static String[] concat(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }
}
