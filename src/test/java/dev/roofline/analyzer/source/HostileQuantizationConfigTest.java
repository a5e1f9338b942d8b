package dev.roofline.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roofline.analyzer.cli.CliRun;
import dev.roofline.analyzer.cli.Main;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hostile {@code quantization_config}, read with {@code --quantization auto}: each case is one way
 * such a config once broke the tool. A config the tool cannot use is one clean {@code error:} line
 * and exit 1, nothing on stdout.
 */
class HostileQuantizationConfigTest extends HubTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LLAMA_8B = "meta-llama/Llama-3.1-8B";
  private static final String DEEPSEEK_V3 = "deepseek-ai/DeepSeek-V3";

  /** A bundled config with {@code changes} made to its keys, as JSON text. */
  static String bundled(String id, Map<String, Object> changes) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> config = JSON.readValue(Catalog.read(id), LinkedHashMap.class);
    config.putAll(changes);
    return JSON.writeValueAsString(config);
  }

  /** Llama 3.1 8B with {@code quantizationConfig} (JSON text) as its quantization_config. */
  static String llama(String quantizationConfig) throws IOException {
    return bundled(LLAMA_8B, Map.of("quantization_config", JSON.readValue(quantizationConfig, Map.class)));
  }

  /** FP8 weights and activations for every linear module, with {@code extra} keys (JSON members). */
  static String compressedTensors(String targets, String extra) {
    return "{\"quant_method\": \"compressed-tensors\", \"format\": \"float-quantized\", \"config_groups\":"
        + " {\"group_0\": {\"targets\": "
        + targets
        + ", \"weights\": {\"num_bits\": 8, \"type\": \"float\", \"strategy\": \"channel\"},"
        + " \"input_activations\": {\"num_bits\": 8, \"type\": \"float\", \"dynamic\": true}}}"
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
  }

  private Path file(String name, String json) throws IOException {
    return Files.writeString(home.resolve(name), json, StandardCharsets.UTF_8);
  }

  /** Exit 1, nothing on stdout, and {@code line} as the one line on stderr. */
  static void assertConfigError(CliRun run, String line) {
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(run.out()).as(run.describe()).isEmpty();
    assertThat(run.err()).as(run.describe()).isEqualTo(line + "\n");
  }

  // --- a kv_cache_scheme type that is neither int nor float -------------------------------------

  @Test
  void aKvCacheTypeThatIsNeitherIntNorFloatIsRefusedAsAWeightTypeIs() throws IOException {
    Path kv = file("kv.json", llama(compressedTensors("[\"Linear\"]", "\"kv_cache_scheme\": {\"num_bits\": 8, \"type\": \"weird\"}")));
    assertConfigError(
        hub.run("--quantization", "auto", "--", kv.toString()),
        "error: " + kv + ": 'quantization_config.kv_cache_scheme.type' must be \"int\" or \"float\", got \"weird\"");

    // The same words and exit code as for the weights' type.
    Path weights = file("weights.json", llama(compressedTensors("[\"Linear\"]", "").replace("\"type\": \"float\", \"strategy\"", "\"type\": \"weird\", \"strategy\"")));
    assertConfigError(
        hub.run("--quantization", "auto", "--", weights.toString()),
        "error: " + weights + ": 'quantization_config.config_groups.group_0.weights.type' must be \"int\" or \"float\", got \"weird\"");
  }

  // --- patterns that a backtracking matcher takes exponential time over ---------------------------

  /** Runs the tool, failing the test if the run takes more than 5 s. */
  private CliRun quickly(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> hub.run(args));
  }

  /**
   * Patterns with nested repetitions, which backtracking takes exponential time to find match
   * nothing, in every list that holds patterns: matched in linear time, they change nothing. The
   * expected reports are of the same configs without the pattern (targets that match nothing:
   * every weight at the config's bfloat16, as without a quantization_config).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # quantization_config with the pattern | the same without it
          `CT:["Linear"]|"ignore": ["re:(?:.*?){30}!"]` | `CT:["Linear"]|"ignore": []`
          `CT:["Linear"]|"ignore": ["lm_head", "re:((((.*)*)*)*)*Z"]` | `CT:["Linear"]|"ignore": ["lm_head"]`
          `CT:["re:((((.*)*)*)*)*Z", "Linear"]|` | `CT:["Linear"]|`
          `{"quant_method": "fp8", "modules_to_not_convert": ["((((.*)*)*)*)*Z"]}` | `{"quant_method": "fp8"}`
          `{"quant_method": "fp8", "modules_to_not_convert": ["lm_head", "(?:.*?){30}!"]}` | `{"quant_method": "fp8", "modules_to_not_convert": ["lm_head"]}`
          `{"quant_method": "awq", "bits": 4, "modules_to_not_convert": ["(?:.*?){30}!"]}` | `{"quant_method": "awq", "bits": 4}`
          """)
  void nestedRepetitionsAreMatchedInLinearTime(String hostile, String plain) throws IOException {
    Path config = file("hostile.json", llama(expand(hostile)));
    CliRun run = quickly("--quantization", "auto", "--", config.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(hub.runLocal(llama(expand(plain)), "--quantization", "auto").out());
  }

  /** {@code CT:targets|extra} as a compressed-tensors config, other text as it is. */
  private static String expand(String config) {
    if (!config.startsWith("CT:")) {
      return config;
    }
    String[] parts = config.substring(3).split("\\|", 2);
    return compressedTensors(parts[0], parts[1]);
  }

  @Test
  void targetsThatMatchNothingInLinearTimeLeaveEveryWeightAtTheConfigsType() throws IOException {
    Path config = file("hostile.json", llama(compressedTensors("[\"re:(?:.*?){30}!\"]", "")));
    CliRun run = quickly("--quantization", "auto", "--", config.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    // The storage line of the same model with no quantization_config read: every weight bfloat16.
    String storage = storageLine(hub.runLocal(bundled(LLAMA_8B, Map.of())).out());
    assertThat(storage).contains("(Weights) 13.00 GiB");
    assertThat(storageLine(run.out())).isEqualTo(storage);
  }

  private static String storageLine(String report) {
    return report.lines().filter(l -> l.startsWith("Minimum Storage Requirement:")).findFirst().orElseThrow();
  }

  /** The same config served by a Hub: read once, matched as quickly. */
  @Test
  void nestedRepetitionsFromAHubAreMatchedInLinearTime() throws IOException {
    String hostile = llama(compressedTensors("[\"Linear\"]", "\"ignore\": [\"lm_head\", \"re:(?:.*?){30}!\", \"re:((((.*)*)*)*)*Z\"]"));
    hub.server.enqueue(HubFixture.ok(hostile));
    CliRun run = quickly("--quantization", "auto", "acme/llama-8b-fp8");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    String plain = llama(compressedTensors("[\"Linear\"]", "\"ignore\": [\"lm_head\"]"));
    assertThat(run.out()).isEqualTo(hub.runLocal(plain, "--quantization", "auto").out());
  }

  /** What RE2 cannot match is refused: one line naming the list entry and what it uses. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          re:(a)\\1 | "re:(a)\\1" uses a backreference (\\1), which patterns matched in linear time cannot express
          re:.*(?<!lm_)head | "re:.*(?<!lm_)head" uses lookbehind ((?<!), which patterns matched in linear time cannot express
          """)
  void backreferencesAndLookaroundAreRefused(String entry, String message) throws IOException {
    Path config = file("refused.json", llama(compressedTensors("[\"Linear\"]", "\"ignore\": [" + JSON.writeValueAsString(entry) + "]")));
    assertConfigError(
        quickly("--quantization", "auto", "--", config.toString()),
        "error: " + config + ": 'quantization_config.ignore[0]' " + message);
  }

  // --- unbounded matching work --------------------------------------------------------------------

  /**
   * DeepSeek-V3 with 65,535 experts a layer, 20,000 of whose down projections (experts 0 to
   * 19,999 of layer 3, its first with experts) the ignore list names: each name is looked up, not
   * compared with the whole list. Bytes by hand (fp8 per channel: N·K + N·2; bfloat16: N·K·2):
   * gate and up [2048, 7168] 14,684,160 each; down [7168, 2048] 14,694,400, ignored 29,360,128.
   * The idle experts are 8 to 65,534: 65,527, of which 8 to 19,999 (19,992) ignored, in 58
   * layers.
   */
  @Test
  void twentyThousandNamesAreLookedUpForSixtyFiveThousandExperts() throws IOException {
    List<String> names = new ArrayList<>();
    for (int e = 0; e < 20_000; e++) {
      names.add("\"model.layers.3.mlp.experts." + e + ".down_proj\"");
    }
    String qc = compressedTensors("[\"Linear\"]", "\"ignore\": [" + String.join(", ", names) + "]");
    Path config =
        file("experts.json", bundled(DEEPSEEK_V3, Map.of("n_routed_experts", 65_535, "quantization_config", JSON.readValue(qc, Map.class))));
    CliRun run = quickly("--quantization", "auto", "--format", "json", "--", config.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    long perLayer = 65_527L * 2 * 14_684_160 + 19_992L * 29_360_128 + 45_535L * 14_694_400;
    assertThat(storage(run.out(), "additional_experts")).isEqualTo(BigInteger.valueOf(perLayer).multiply(BigInteger.valueOf(58)));
  }

  private static BigInteger storage(String json, String key) throws IOException {
    for (JsonNode term : JSON.readTree(json).path("storage").path("terms")) {
      if (term.path("key").asText().equals(key)) {
        return term.path("bytes").bigIntegerValue();
      }
    }
    throw new AssertionError("no storage term " + key + " in " + json);
  }

  /** One pattern of 100,000 characters: refused at once, before anything is compiled. */
  @Test
  void aPatternOfAHundredThousandCharactersIsRefusedAtOnce() throws IOException {
    String entry = "re:" + "a".repeat(100_000);
    Path config = file("long.json", llama(compressedTensors("[\"Linear\"]", "\"ignore\": [\"" + entry + "\"]")));
    assertConfigError(
        quickly("--quantization", "auto", "--", config.toString()),
        "error: " + config + ": 'quantization_config.ignore[0]' \"re:" + "a".repeat(37)
            + "…\" is a pattern of 100000 characters; at most 1000 are matched");
  }

  /**
   * Patterns matched against the names of 65,535 experts would take minutes: the number of experts
   * named one by one is bounded by what matching a name costs. {@code (?:.*?){30}!} compiles to 63
   * instructions, so at most 2^20 / (3 · 63) = 5548 experts.
   */
  @Test
  void patternsAreMatchedAgainstOnlySoManyExperts() throws IOException {
    String qc = compressedTensors("[\"Linear\"]", "\"ignore\": [\"re:(?:.*?){30}!\"]");
    Path config =
        file("experts.json", bundled(DEEPSEEK_V3, Map.of("n_routed_experts", 65_535, "quantization_config", JSON.readValue(qc, Map.class))));
    assertConfigError(
        quickly("--quantization", "auto", "--", config.toString()),
        "error: the quantization_config is applied expert by expert, by module name, to at most 5548 experts a"
            + " layer with lists as costly to match as these; this model has 65535");
  }

  // --- a pattern that is not one ------------------------------------------------------------------

  @Test
  void anInvalidPatternIsNamedWithWhereItIs() throws IOException {
    Path config = file("backslash.json", llama(compressedTensors("[\"re:\\\\\"]", "")));
    assertConfigError(
        quickly("--quantization", "auto", "--", config.toString()),
        "error: " + config + ": 'quantization_config.config_groups.group_0.targets[0]' \"re:\\\" is not a valid regular"
            + " expression: trailing backslash at end of expression");
  }
}
