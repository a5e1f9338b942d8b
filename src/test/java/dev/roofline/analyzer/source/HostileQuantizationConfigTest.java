package dev.roofline.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roofline.analyzer.cli.CliRun;
import dev.roofline.analyzer.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hostile {@code quantization_config}, read with {@code --quantization auto}: each case is one way
 * such a config once broke the tool. A config the tool cannot use is one clean {@code error:} line
 * and exit 1, nothing on stdout.
 */
class HostileQuantizationConfigTest extends HubTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LLAMA_8B = "meta-llama/Llama-3.1-8B";

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
}
