package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --quantization}, {@code --weight-dtype}, {@code --kv-dtype} and {@code --act-dtype}
 * through the command (precision.md): their usage errors, the default output left as it was for
 * a quantized config, the precision in each output, the device peak the activations select, and
 * the errors of a {@code quantization_config} that cannot be read.
 */
class PrecisionOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final String QWEN3_32B = "src/test/resources/precision/Qwen--Qwen3-32B.json";
  private static final String LLAMA_8B = "src/test/resources/precision/meta-llama--Llama-3.1-8B.json";
  private static final String DEEPSEEK = "src/test/resources/precision/deepseek-ai--DeepSeek-V3.json";
  private static final String QWEN3_FP8 =
      "{\"activation_scheme\": \"dynamic\", \"fmt\": \"e4m3\", \"quant_method\": \"fp8\","
          + " \"weight_block_size\": [128, 128]}";
  private static final String HELP = " (see 'transformer-roofline-analyzer --help')\n";

  @TempDir Path dir;

  /** Qwen3-32B's config with {@code quantizationConfig} added, as {@code name} in the temporary folder. */
  private String quantized(String name, String quantizationConfig) throws IOException {
    String json = Files.readString(Path.of(QWEN3_32B), StandardCharsets.UTF_8);
    int end = json.lastIndexOf('}');
    String with = json.substring(0, end).stripTrailing() + ",\n  \"quantization_config\": " + quantizationConfig + "\n}\n";
    Path file = dir.resolve(name);
    Files.writeString(file, with, StandardCharsets.UTF_8);
    return file.toString();
  }

  private static CliRun ok(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  private static String[] args(String first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first.split(" ")));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --quantization yes  | --quantization: unknown mode 'yes' (choose from: none, auto)
          --quantization AUTOMATIC | --quantization: unknown mode 'AUTOMATIC' (choose from: none, auto)
          --weight-dtype INT3 | --weight-dtype: unknown weight format 'INT3' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn), int8, int4, fp4, mxfp4)
          --weight-dtype int3 | --weight-dtype: unknown weight format 'int3' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn), int8, int4, fp4, mxfp4)
          --kv-dtype fp4      | --kv-dtype: unknown KV cache type 'fp4' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn), int8)
          --act-dtype int4    | --act-dtype: unknown activation type 'int4' (known: float32, bfloat16, float16, fp8 (float8_e4m3fn), int8, fp4)
          """)
  void aBadValueIsAUsageErrorNamingItsOptionBeforeTheConfigIsRead(String option, String message) {
    // The config does not exist: the option is checked first.
    CliRun run = CliRun.of(args(option, "--", "no/such/config.json"));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + message + HELP);
  }

  /** Modes and types are names in any case, as formats and device ids are. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --quantization AUTO                                 | --quantization auto
          --quantization None                                 | --quantization none
          --weight-dtype INT4 --kv-dtype FP8 --act-dtype BFloat16 | --weight-dtype int4 --kv-dtype fp8 --act-dtype bfloat16
          --weight-dtype Float8_E4M3FN --act-dtype FP4        | --weight-dtype fp8 --act-dtype fp4
          """)
  void modesAndTypesAreReadInAnyCase(String options, String lowerCase) {
    CliRun mixed = ok(args(options, "--format", "json", "--", DEEPSEEK));
    CliRun lower = ok(args(lowerCase, "--format", "json", "--", DEEPSEEK));
    assertThat(mixed.out()).isEqualTo(lower.out());
    assertThat(mixed.err()).isEqualTo(lower.err());
  }

  /**
   * Without options the output of a quantized config is that of the same config without its
   * quantization_config, in every format and on a device; one note says it was not read.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--format table", "--format json", "--format csv", "--device h100-sxm --format json"})
  void theDefaultOutputOfAQuantizedConfigIsThatOfTheConfigWithoutIt(String options) throws IOException {
    Path file = dir.resolve("config.json");
    Files.copy(Path.of(QWEN3_32B), file);
    CliRun plain = ok(args(options, "--cached-tokens", "4096", "--", file.toString()));
    assertThat(plain.err()).isEmpty();
    quantized("config.json", QWEN3_FP8);
    CliRun fp8 = ok(args(options, "--cached-tokens", "4096", "--", file.toString()));
    assertThat(fp8.out()).isEqualTo(plain.out());
    assertThat(fp8.err())
        .isEqualTo(
            "note: " + file + " has a quantization_config, not read without --quantization auto:"
                + " every tensor is counted at bfloat16\n");
  }

  @Test
  void theNoteSaysWhatTheOptionsLeaveAtTheDtype() throws IOException {
    String file = quantized("fp8.json", QWEN3_FP8);
    CliRun run = ok("--kv-dtype", "fp8", "--", file);
    assertThat(run.err())
        .isEqualTo(
            "note: " + file + " has a quantization_config, not read without --quantization auto:"
                + " every tensor the options do not set is counted at bfloat16\n");
    assertThat(ok("--quantization", "auto", "--", file).err()).isEmpty();
  }

  @Test
  void jsonNamesThePrecisionsAndWhereTheyCameFrom() throws IOException {
    assertThat(JSON.readTree(ok("--format", "json", "--", LLAMA_8B).out()).get("precision").toString())
        .isEqualTo("{\"weights\":\"bfloat16\",\"kv\":\"bfloat16\",\"activations\":\"bfloat16\",\"source\":\"config\"}");
    assertThat(JSON.readTree(ok("--format", "json", "--quantization", "auto", "--", DEEPSEEK).out()).get("precision").toString())
        .isEqualTo("{\"weights\":\"fp8\",\"kv\":\"bfloat16\",\"activations\":\"fp8\",\"source\":\"quantization_config\"}");
    String awq = quantized("awq.json", "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"zero_point\": true}");
    assertThat(JSON.readTree(ok("--format", "json", "--quantization", "auto", "--kv-dtype", "fp8", "--", awq).out())
            .get("precision").toString())
        .isEqualTo("{\"weights\":\"int4\",\"kv\":\"fp8\",\"activations\":\"bfloat16\",\"source\":\"options\"}");
  }

  @Test
  void theTableNamesThePrecisionsAfterTheStorageLineOnlyWhenTheyDiffer() {
    List<String> auto = ok("--quantization", "auto", "--", DEEPSEEK).out().lines().toList();
    int storage = auto.size() - 2;
    assertThat(auto.get(storage)).startsWith("Minimum Storage Requirement: ");
    assertThat(auto.get(storage + 1))
        .isEqualTo("Precision: weights fp8, KV-cache bfloat16, activations fp8 (from quantization_config)");
    List<String> kv = ok("--kv-dtype", "fp8", "--", LLAMA_8B).out().lines().toList();
    assertThat(kv.get(kv.size() - 1)).isEqualTo("Precision: weights bfloat16, KV-cache fp8, activations bfloat16 (from options)");
    // Options that repeat the dtype change nothing, and print no line.
    CliRun same = ok("--weight-dtype", "bfloat16", "--kv-dtype", "bfloat16", "--act-dtype", "bfloat16", "--", LLAMA_8B);
    assertThat(same.out()).isEqualTo(ok("--", LLAMA_8B).out()).doesNotContain("Precision");
  }

  @Test
  void csvKeepsItsColumns() {
    String csv = ok("--format", "csv", "--quantization", "auto", "--", DEEPSEEK).out();
    assertThat(csv.lines().findFirst())
        .contains("name,blocks,flops,weight_bytes,input_bytes,output_bytes,operational_intensity");
    // Q_A_Proj [1536, 7168] in fp8 with fp32 block scales: 11010048 + 12·56·4; its input 7168 at fp8
    assertThat(csv).contains("\nAttn - Q_A_Proj,61,22018560,11012736,7168,3072,");
  }

  /**
   * The activations' precision picks the peak: H100 SXM's dense fp8 peak is 1978.9 TFLOP/s
   * (ridge 1978.9e12 / 3.35e12 = 590.72), its bf16 peak 989.4; W4A16 (AWQ) computes at bf16.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --act-dtype fp8             | LLAMA | fp8  | 1.9789E15 | fp8 peak 1.98 PFLOP/s, memory bandwidth 3.35 TB/s, ridge 590.72 FLOPs/Bytes
          --quantization auto         | DEEPSEEK | fp8  | 1.9789E15 | fp8 peak 1.98 PFLOP/s, memory bandwidth 3.35 TB/s, ridge 590.72 FLOPs/Bytes
          --quantization auto         | AWQ   | bf16 | 9.894E14  | bf16 peak 989.40 TFLOP/s, memory bandwidth 3.35 TB/s, ridge 295.34 FLOPs/Bytes
          --weight-dtype int4         | LLAMA | bf16 | 9.894E14  | bf16 peak 989.40 TFLOP/s, memory bandwidth 3.35 TB/s, ridge 295.34 FLOPs/Bytes
          """)
  void theActivationsPickTheDevicePeak(String options, String model, String precision, String peak, String line)
      throws IOException {
    String config =
        switch (model) {
          case "LLAMA" -> LLAMA_8B;
          case "DEEPSEEK" -> DEEPSEEK;
          default -> quantized("awq.json", "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128}");
        };
    JsonNode device = JSON.readTree(ok(args(options, "--format", "json", "--device", "h100-sxm", "--", config)).out()).get("device");
    assertThat(device.get("precision").asText()).isEqualTo(precision);
    assertThat(device.get("peak_flops_per_s").asText()).isEqualTo(peak);
    assertThat(ok(args(options, "--device", "h100-sxm", "--", config)).out())
        .contains("\nDevice: h100-sxm (H100 SXM5 80GB), " + line + "\n");
  }

  @Test
  void fp8ActivationsOnADeviceWithoutAnFp8PeakFailClearly() {
    CliRun run = CliRun.of("--act-dtype", "fp8", "--device", "a100-sxm-80gb", "--", LLAMA_8B);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: a100-sxm-80gb has no fp8 peak, the precision of the activations' fp8 (it has fp32, tf32, bf16,"
                + " fp16, int8); give a peak with --peak-flops"
                + HELP);
    // A peak given is used as the fp8 one.
    String out = ok("--act-dtype", "fp8", "--device", "a100-sxm-80gb", "--peak-flops", "500T", "--", LLAMA_8B).out();
    assertThat(out).contains("\nDevice: a100-sxm-80gb (A100 SXM4 80GB), fp8 peak 500.00 TFLOP/s,");
  }

  @Test
  void anUnsupportedMethodIsAConfigErrorNamingTheSupportedOnesAndTheOptions() throws IOException {
    String file = quantized("bnb.json", "{\"quant_method\": \"bitsandbytes\", \"load_in_4bit\": true}");
    CliRun run = CliRun.of("--quantization", "auto", "--", file);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: " + file + ": unsupported quant_method 'bitsandbytes' in 'quantization_config' (supported: awq,"
                + " compressed-tensors, fp8, gptq); count without it with --quantization none (the default), or give"
                + " the precisions with --weight-dtype, --kv-dtype and --act-dtype\n");
    // The default mode does not read it.
    assertThat(ok("--", file).err()).startsWith("note: ");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"quant_method": "awq", "group_size": 128}                        | 'quantization_config.bits' is required for awq
          {"quant_method": "gptq", "bits": 4, "group_size": 0}               | 'quantization_config.group_size' must be a positive integer or -1, got 0
          {"quant_method": "compressed-tensors", "config_groups": {"g": {"targets": ["Linear"], "weights": {"num_bits": 8, "type": "float", "strategy": "rows"}}}} | 'quantization_config.config_groups.g.weights.strategy' must be one of tensor, channel, group, block, tensor_group, got "rows"
          {"quant_method": "fp8", "weight_block_size": [128]}                | 'quantization_config.weight_block_size' must be a list of two positive integers, got a list
          {"bits": 4}                                                        | 'quantization_config.quant_method' is required (supported: awq, compressed-tensors, fp8, gptq)
          "fp8"                                                              | 'quantization_config' must be an object, got "fp8"
          """)
  void aMalformedQuantizationConfigIsAConfigErrorNamingTheKey(String quantizationConfig, String message)
      throws IOException {
    String file = quantized("bad.json", quantizationConfig);
    CliRun run = CliRun.of("--quantization", "auto", "--", file);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + file + ": " + message + "\n");
  }
}
