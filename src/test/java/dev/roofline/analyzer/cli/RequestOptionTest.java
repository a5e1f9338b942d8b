package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --output-tokens} through the command: its lines, its JSON object, its errors and its note. */
class RequestOptionTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String LLAMA = "meta-llama/Llama-3.1-8B";

  private static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("--offline"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void theTableAddsTheRequestsLines() {
    CliRun r = run("--device", "h100-sxm", "--input-tokens", "2048", "--output-tokens", "256", "--", LLAMA);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).anyMatch(l -> l.matches("Request: TTFT .+, TPOT .+ \\(first .+, last .+\\), end-to-end .+ for 256 output tokens"));
    assertThat(lines).anyMatch(l -> l.matches("Output throughput: [0-9.]+ tokens/s, [0-9.]+ per device, [0-9.]+ per query"));
    assertThat(lines).anyMatch(l -> l.startsWith("Request memory: ") && l.contains("(decode step 255): fits"));
  }

  @Test
  void jsonHasTheRequestObject() throws Exception {
    CliRun r = run("--format", "json", "--device", "h100-sxm", "--input-tokens", "2048", "--batch-size", "4", "--output-tokens", "3", "--", LLAMA);
    JsonNode root = JSON.readTree(r.out());
    JsonNode request = root.get("request");
    List<String> keys = new ArrayList<>();
    request.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("output_tokens", "ttft_s", "tpot_s", "tpot_first_s", "tpot_last_s", "e2e_s", "output_tokens_per_s",
            "output_tokens_per_s_per_device", "output_tokens_per_s_per_query", "needed_bytes", "needed_at_step", "fits");
    // TTFT is the first step's time; end to end adds the two decode steps, whose mean is TPOT.
    assertThat(request.get("ttft_s").decimalValue()).isEqualTo(root.get("step").get("time_s").decimalValue());
    double e2e = request.get("ttft_s").doubleValue() + 2 * request.get("tpot_s").doubleValue();
    assertThat(request.get("e2e_s").doubleValue()).isCloseTo(e2e, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(request.get("output_tokens_per_s").doubleValue())
        .isCloseTo(4 * 3 / request.get("e2e_s").doubleValue(), org.assertj.core.api.Assertions.withinPercentage(1e-9));
  }

  @Test
  void oneTokenHasNoDecodeStep() throws Exception {
    JsonNode request =
        JSON.readTree(run("--format", "json", "--device", "h100-sxm", "--output-tokens", "1", "--", LLAMA).out()).get("request");
    assertThat(request.get("tpot_s").isNull()).isTrue();
    assertThat(request.get("output_tokens_per_s_per_query").isNull()).isTrue();
    assertThat(request.get("e2e_s").decimalValue()).isEqualTo(request.get("ttft_s").decimalValue());
    assertThat(run("--device", "h100-sxm", "--output-tokens", "1", "--", LLAMA).out()).contains(", TPOT N/A, ").contains(", N/A per query");
  }

  /** The chart draws the last decode step's operators as hollow markers beside the first step's. */
  @Test
  void theChartShowsTheLastDecodeStep(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path request = dir.resolve("request.svg");
    java.nio.file.Path step = dir.resolve("step.svg");
    assertThat(run("--device", "h100-sxm", "--input-tokens", "2048", "--output-tokens", "256", "--plot", request.toString(), "--", LLAMA)
        .exitCode()).isZero();
    assertThat(run("--device", "h100-sxm", "--input-tokens", "2048", "--plot", step.toString(), "--", LLAMA).exitCode()).isZero();
    String withRequest = java.nio.file.Files.readString(request);
    String single = java.nio.file.Files.readString(step);
    java.util.regex.Matcher decodes = java.util.regex.Pattern.compile("id=\"decode-([a-z_]+)\"").matcher(withRequest);
    List<String> ids = new ArrayList<>();
    while (decodes.find()) {
      ids.add(decodes.group(1));
    }
    // One hollow marker per operator that computes and moves something in a decode step.
    assertThat(ids).contains("attn_sdpa", "ffn_gate_up_proj", "attn_qkv_proj").doesNotHaveDuplicates();
    assertThat(single).doesNotContain("id=\"decode-");
    assertThat(withRequest).contains("Last decode step (hollow)").contains("256 output tokens: TTFT");
  }

  @Test
  void theCsvIsUnchanged() {
    assertThat(run("--format", "csv", "--device", "h100-sxm", "--output-tokens", "5", "--", LLAMA).out())
        .isEqualTo(run("--format", "csv", "--device", "h100-sxm", "--", LLAMA).out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --output-tokens 0 --device h100-sxm | --output-tokens must be at least 1 (got 0)
          --output-tokens 5                   | --output-tokens needs a device
          --output-tokens -3 --device h100-sxm | --output-tokens
          """)
  void errorsAreOneLine(String args, String message) {
    List<String> all = new ArrayList<>(List.of(args.split(" ")));
    all.addAll(List.of("--", LLAMA));
    CliRun r = run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: ").contains(message);
    assertThat(r.err().lines()).hasSize(1);
  }

  /** Past max_position_embeddings (131,072 for Llama 3.1) is no error: a note says so. */
  @Test
  void aRequestPastTheModelsContextIsANote() {
    CliRun r = run("--device", "h100-sxm", "--cached-tokens", "131000", "--output-tokens", "100", "--", LLAMA);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).contains("note: the request reaches 131100 tokens of context, past the 131072 the model was made for");
    CliRun within = run("--device", "h100-sxm", "--cached-tokens", "131000", "--output-tokens", "72", "--", LLAMA);
    assertThat(within.err()).doesNotContain("max_position_embeddings");
  }
}
