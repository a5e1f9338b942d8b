package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --refined} through the command, in every output: the model-level rows (in 1 of 1 block),
 * the cost model named, and the figures of refined.md worked out by hand for Llama-3.1-8B
 * (bfloat16, H = 4096, V = 128256, 32 layers; 8,030,261,248 parameters).
 */
class RefinedOptionTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final String LLAMA = "meta-llama/Llama-3.1-8B";

  @TempDir Path dir;

  private static CliRun run(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  @Test
  void theTableAddsTheModelRowsAndNamesTheCostModel() {
    List<String> lines = run("--offline", "--refined", "--cached-tokens", "8192", "--", LLAMA).out().lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("| Model - LM_Head ") && l.contains(" 1 / 1 "));
    assertThat(lines).anyMatch(l -> l.startsWith("| Model - Embedding ") && l.contains(" 1 / 1 "));
    assertThat(lines).anyMatch(l -> l.startsWith("| Model - Final_RMSNorm ") && l.contains(" 1 / 1 "));
    int storage = lines.indexOf(lines.stream().filter(l -> l.startsWith("Minimum Storage Requirement:")).findFirst().orElseThrow());
    assertThat(lines.get(storage + 1)).startsWith("Cost model: refined (");
    // Untied: the LM head's 1002 MiB are in the Weights term, beside the embedding table's.
    assertThat(lines.get(storage)).contains("(Embedding Table) 1002.00 MiB");
  }

  @Test
  void withoutTheOptionNothingChanges() {
    String out = run("--offline", "--cached-tokens", "8192", "--", LLAMA).out();
    assertThat(out).doesNotContain("Model - ").doesNotContain("Cost model");
  }

  @Test
  void jsonNamesTheCostModelAndGivesTheRowsExactly() throws Exception {
    JsonNode root = JSON.readTree(run("--offline", "--refined", "--format", "json", "--batch-size", "4", "--", LLAMA).out());
    assertThat(root.get("cost_model").asText()).isEqualTo("refined");
    JsonNode head = null;
    for (JsonNode n : root.get("nodes")) {
      if (n.get("name").asText().equals("Model - LM_Head")) {
        head = n;
      }
    }
    assertThat(head).isNotNull();
    assertThat(head.get("blocks").asLong()).isEqualTo(1);
    // proj(4, 128256, 4096): 2·4·V·H FLOPs, V·H·2 weight bytes.
    assertThat(head.get("flops").bigIntegerValue()).isEqualTo(BigInteger.valueOf(2L * 4 * 128256 * 4096));
    assertThat(head.get("weight_bytes").bigIntegerValue()).isEqualTo(BigInteger.valueOf(128256L * 4096 * 2));
    // Weights + Embedding Table = the checkpoint's parameters × 2 bytes.
    BigInteger sum = BigInteger.ZERO;
    for (JsonNode t : root.get("storage").get("terms")) {
      if (!t.get("key").asText().equals("kv_cache")) {
        sum = sum.add(t.get("bytes").bigIntegerValue());
      }
    }
    assertThat(sum).isEqualTo(BigInteger.valueOf(8030261248L * 2));
  }

  @Test
  void csvListsTheModelRowsLast() {
    List<String> lines = run("--offline", "--refined", "--format", "csv", "--", LLAMA).out().lines().toList();
    assertThat(lines.get(lines.size() - 4)).startsWith("Model - Embedding,1,0,");
    assertThat(lines.get(lines.size() - 3)).startsWith("Model - Final_RMSNorm,1,");
    assertThat(lines.get(lines.size() - 2)).startsWith("Model - LM_Head,1," + 2L * 128256 * 4096 + ",");
    assertThat(lines.get(lines.size() - 1)).startsWith("Total,32,");
  }

  @ParameterizedTest
  @ValueSource(strings = {"svg", "png"})
  void aDeviceAndAChartWork(String type) throws Exception {
    Path chart = dir.resolve("chart." + type);
    CliRun r =
        run("--offline", "--refined", "--device", "h100-sxm", "--batch-size", "64", "--cached-tokens", "8192",
            "--plot", chart.toString(), "--", LLAMA);
    assertThat(r.out()).contains("| Model - LM_Head ").contains("Step time: ");
    assertThat(Files.size(chart)).isPositive();
  }

  @Test
  void theRefinedStepIsLongerForABatchOfMixtral() throws Exception {
    // 64 tokens touch all 8 experts: the refined step reads 4× the routed weights of the original's 2.
    String[] args = {"--offline", "--format", "json", "--device", "h100-sxm", "--batch-size", "64", "--cached-tokens", "4096", "--",
        "mistralai/Mixtral-8x7B-v0.1"};
    JsonNode original = JSON.readTree(run(args).out());
    String[] refinedArgs = new String[args.length + 1];
    refinedArgs[0] = "--refined";
    System.arraycopy(args, 0, refinedArgs, 1, args.length);
    JsonNode refined = JSON.readTree(run(refinedArgs).out());
    assertThat(weight(refined, "Ffn - RoutedExp_GateUp_Proj")).isEqualTo(weight(original, "Ffn - RoutedExp_GateUp_Proj").shiftLeft(2));
    assertThat(refined.get("step").get("time_s").asDouble())
        .isGreaterThan(original.get("step").get("time_s").asDouble());
  }

  private static BigInteger weight(JsonNode root, String name) {
    for (JsonNode n : root.get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n.get("weight_bytes").bigIntegerValue();
      }
    }
    throw new AssertionError("no " + name);
  }
}
