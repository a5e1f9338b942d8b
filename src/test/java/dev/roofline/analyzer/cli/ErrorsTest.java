package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Every row of the error table: one {@code error:} line on stderr, nothing on stdout, and the
 * documented exit code (1: the config cannot be had or used; 2: usage).
 */
class ErrorsTest {

  @TempDir Path dir;

  private static final String LLAMA = "{\"model_type\": \"llama\", \"hidden_size\": 64, \"num_attention_heads\": 4}";

  /** {@code config}: the file's content, or null for no file; {@code CONFIG} in args is its path. */
  static Stream<Arguments> cases() {
    return Stream.of(
        row("missing file", null, "CONFIG", 1, "no such file"),
        row("missing json path", null, "nowhere/else/config.json", 1, "no such file"),
        row("folder without config.json", null, "DIR", 1, "holds no config.json"),
        row("malformed JSON", "{\n  \"model_type\": \"llama\",\n  \"hidden_size\": ,\n}", "CONFIG", 1,
            "malformed JSON at line 3, column 18"),
        row("empty file", "", "CONFIG", 1, "malformed JSON: the file is empty"),
        row("extra data", "{\"model_type\": \"llama\"} {}", "CONFIG", 1, "extra data after the JSON value"),
        row("not an object", "[1, 2]", "CONFIG", 1, "must be a JSON object, got a list"),
        row("unsupported model_type", "{\"model_type\": \"gpt2\"}", "CONFIG", 1,
            "unsupported model_type 'gpt2'; supported: deepseek_v3, gemma2, gemma3, gemma3_text, glm4_moe, gpt_oss, kimi_k2, llama, llama4, mistral, mixtral, phi3, phimoe, qwen2, qwen2_moe, qwen3, qwen3_moe, qwen3_next"),
        row("missing model_type", "{\"hidden_size\": 4096}", "CONFIG", 1, "no 'model_type' key"),
        row("model_type not a string", "{\"model_type\": 7}", "CONFIG", 1, "'model_type' must be a string, got 7"),
        row("string for a number", "{\"model_type\": \"llama\", \"hidden_size\": \"4096\"}", "CONFIG", 1,
            "'hidden_size' must be a positive integer, got \"4096\""),
        row("zero layers", "{\"model_type\": \"llama4\", \"text_config\": {\"num_hidden_layers\": 0}}", "CONFIG", 1,
            "'text_config.num_hidden_layers' must be a positive integer, got 0"),
        row("fraction", "{\"model_type\": \"llama\", \"intermediate_size\": 1.5}", "CONFIG", 1,
            "'intermediate_size' must be a positive integer, got 1.5"),
        row("text_config not an object", "{\"model_type\": \"llama4\", \"text_config\": []}", "CONFIG", 1,
            "'text_config' must be an object, got a list"),
        row("heads do not divide hidden size", "{\"model_type\": \"llama\", \"hidden_size\": 100, \"num_attention_heads\": 3}",
            "CONFIG", 1, "'hidden_size' (100) must be a multiple of 'num_attention_heads' (3)"),
        row("unknown dtype", "{\"model_type\": \"llama\", \"torch_dtype\": \"float17\"}", "CONFIG", 1,
            "'torch_dtype': unsupported data type 'float17'"),
        row("unknown activation", "{\"model_type\": \"llama\", \"hidden_act\": \"gelu\"}", "CONFIG", 1,
            "'hidden_act': unsupported activation 'gelu' (known: silu, gelu_pytorch_tanh)"),
        row("list lengths differ", LLAMA, "--cached-tokens 0 0 --input-tokens 1 -- CONFIG", 2,
            "must have the same number of values (got 2 and 1)"),
        row("batch size not a multiple", LLAMA, "--cached-tokens 0 0 --input-tokens 1 1 --batch-size 3 -- CONFIG", 2,
            "--batch-size must be a positive multiple"),
        row("batch size zero", LLAMA, "--batch-size 0 -- CONFIG", 2, "--batch-size must be a positive multiple"),
        row("negative tokens", LLAMA, "--cached-tokens=-5 -- CONFIG", 2, "--cached-tokens must not be negative (got -5)"),
        row("no input tokens", LLAMA, "--input-tokens 0 0 --cached-tokens 3 3 -- CONFIG", 2,
            "--input-tokens must add up to at least 1 token"),
        row("non-integer token", LLAMA, "--input-tokens 1.5 -- CONFIG", 2, "'1.5' is not an integer"),
        row("word for a token", LLAMA, "--cached-tokens many -- CONFIG", 2, "'many' is not an integer"),
        row("unknown option", LLAMA, "--frobnicate -- CONFIG", 2, "Unknown option: '--frobnicate'"),
        row("missing positional", null, "--input-tokens 3", 2, "Missing required parameter"),
        row("two positionals", LLAMA, "CONFIG CONFIG", 2, "Unmatched argument"));
  }

  /** The config errors of the grouped-query families: each names its key. */
  static Stream<Arguments> familyCases() {
    return Stream.of(
        row("wrong-typed flag", "{\"model_type\": \"qwen2\", \"use_sliding_window\": \"yes\"}", "CONFIG", 1,
            "'use_sliding_window' must be true or false, got \"yes\""),
        row("negative max_window_layers", "{\"model_type\": \"qwen3\", \"max_window_layers\": -1}", "CONFIG", 1,
            "'max_window_layers' must be a non-negative integer, got -1"),
        row("zero window", "{\"model_type\": \"mistral\", \"sliding_window\": 0}", "CONFIG", 1,
            "'sliding_window' must be a positive integer, got 0"),
        row("more experts per token than experts", "{\"model_type\": \"qwen3_moe\", \"num_experts_per_tok\": 129}",
            "CONFIG", 1, "'num_experts_per_tok' (129) must not exceed 'num_experts' (128)"),
        row("more experts per token than local experts", "{\"model_type\": \"mixtral\", \"num_experts_per_tok\": 9}",
            "CONFIG", 1, "'num_experts_per_tok' (9) must not exceed 'num_local_experts' (8)"),
        row("expert alias disagrees", "{\"model_type\": \"mixtral\", \"num_local_experts\": 8, \"num_experts\": 16}",
            "CONFIG", 1, "'num_local_experts' (8) and its alias 'num_experts' (16) differ"),
        row("bad layer_types value",
            "{\"model_type\": \"mistral\", \"num_hidden_layers\": 2, \"layer_types\": [\"full_attention\", \"chunked_attention\"]}",
            "CONFIG", 1,
            "'layer_types' must be a list of \"full_attention\" and \"sliding_attention\", got \"chunked_attention\""),
        row("layer_types of the wrong length", "{\"model_type\": \"qwen2\", \"layer_types\": [\"full_attention\"]}",
            "CONFIG", 1, "'layer_types' must have one entry per layer ('num_hidden_layers' = 32), got 1"),
        row("layer_types not a list", "{\"model_type\": \"qwen3\", \"layer_types\": \"full_attention\"}", "CONFIG", 1,
            "'layer_types' must be a list, got \"full_attention\""),
        row("sliding layers without a window",
            "{\"model_type\": \"mixtral\", \"num_hidden_layers\": 1, \"layer_types\": [\"sliding_attention\"]}",
            "CONFIG", 1, "'layer_types' has sliding_attention layers but 'sliding_window' is null"),
        row("mlp_only_layers out of range", "{\"model_type\": \"qwen2_moe\", \"mlp_only_layers\": [24]}", "CONFIG", 1,
            "'mlp_only_layers' must be a list of layer indices from 0 to 23, got 24"),
        row("head_dim null and heads not dividing", "{\"model_type\": \"qwen3\", \"num_attention_heads\": 3, \"head_dim\": null}",
            "CONFIG", 1, "'hidden_size' (4096) must be a multiple of 'num_attention_heads' (3) when 'head_dim' is not set"),
        row("zero decoder_sparse_step", "{\"model_type\": \"qwen2_moe\", \"decoder_sparse_step\": 0}", "CONFIG", 1,
            "'decoder_sparse_step' must be a positive integer, got 0"),
        row("wrong-typed qkv_bias", "{\"model_type\": \"qwen2_moe\", \"qkv_bias\": 1}", "CONFIG", 1,
            "'qkv_bias' must be true or false, got 1"),
        row("wrong-typed MLA key", "{\"model_type\": \"deepseek_v3\", \"qk_rope_head_dim\": \"64\"}", "CONFIG", 1,
            "'qk_rope_head_dim' must be a positive integer, got \"64\""),
        row("zero latent rank", "{\"model_type\": \"kimi_k2\", \"kv_lora_rank\": 0}", "CONFIG", 1,
            "'kv_lora_rank' must be a positive integer, got 0"),
        row("more experts per token than routed experts",
            "{\"model_type\": \"deepseek_v3\", \"n_routed_experts\": 8, \"num_experts_per_tok\": 9}", "CONFIG", 1,
            "'num_experts_per_tok' (9) must not exceed 'n_routed_experts' (8)"),
        row("negative first_k_dense_replace", "{\"model_type\": \"deepseek_v3\", \"first_k_dense_replace\": -3}",
            "CONFIG", 1, "'first_k_dense_replace' must be a non-negative integer, got -3"));
  }

  private static Arguments row(String name, String config, String args, int exit, String fragment) {
    return Arguments.of(name, config, args, exit, fragment);
  }

  /** Every case again in the machine-readable formats: the same exit code and line, nothing on stdout. */
  static Stream<Arguments> casesInEveryFormat() {
    List<Arguments> all = new ArrayList<>();
    for (String format : List.of("table", "json", "csv")) {
      Stream.concat(cases(), familyCases())
          .forEach(
              a -> {
                Object[] v = a.get();
                all.add(Arguments.of(v[0] + " (" + format + ")", v[1], "--format " + format + " " + v[2], v[3], v[4]));
              });
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casesInEveryFormat")
  void oneLineOnStderrAndTheDocumentedExitCode(
      String name, String config, String args, int exit, String fragment) throws IOException {
    Path file = dir.resolve("config.json");
    Path folder = Files.createDirectories(dir.resolve("empty-folder"));
    if (config != null) {
      Files.writeString(file, config);
    }
    List<String> argv = new ArrayList<>();
    for (String a : args.split(" ")) {
      argv.add(a.equals("CONFIG") ? file.toString() : a.equals("DIR") ? folder.toString() : a);
    }
    CliRun run = CliRun.of(argv.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(exit);
    assertThat(run.out()).as(run.describe()).isEmpty();
    assertThat(run.err()).as(run.describe()).startsWith("error: ").contains(fragment).doesNotContain("\tat ");
    assertThat(run.err().lines()).as(run.describe()).hasSize(1);
  }

  @Test
  void configErrorsNameTheFile() throws IOException {
    Path file = dir.resolve("my-model.json");
    Files.writeString(file, "{\"model_type\": \"llama\", \"vocab_size\": -1}");
    CliRun run = CliRun.of(file.toString());
    assertThat(run.err()).startsWith("error: " + file + ": 'vocab_size'");
  }

  @Test
  void aFolderHoldingConfigJsonIsReadLikeTheFile() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("config.json"), LLAMA);
    CliRun viaFolder = CliRun.of(model.toString());
    CliRun viaFile = CliRun.of(model.resolve("config.json").toString());
    assertThat(viaFolder.exitCode()).as(viaFolder.describe()).isZero();
    assertThat(viaFolder.out()).isEqualTo(viaFile.out()).startsWith("| Node");
  }

  @Test
  void helpVersionAndListingsExitZeroOnStdout() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--cached-tokens", "--input-tokens", "--batch-size", "Exit codes");
    assertThat(help.out()).containsPattern("\\n  74 +the report could not be written").containsPattern("\\n  141 +");
    assertThat(help.out()).containsPattern("\\n  0 +success; also --help, --version, --list-devices and --list-models\\n");
    assertThat(help.err()).isEmpty();
    for (String list : List.of("--list-devices", "--list-models")) {
      CliRun listing = CliRun.of(list);
      assertThat(listing.exitCode()).as(listing.describe()).isZero();
      assertThat(listing.out()).isNotEmpty();
      assertThat(listing.err()).isEmpty();
    }
    CliRun version = CliRun.of("-V");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith(Main.NAME + " ").doesNotContain("unknown");
  }
}
