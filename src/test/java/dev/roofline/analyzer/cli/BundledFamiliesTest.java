package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled configs of the families beyond llama: listed, and analysed offline by name. */
class BundledFamiliesTest {

  /** DeepSeek-V3's config carries its FP8 checkpoint's quantization_config, which --quantization none ignores. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "mistralai/Mistral-7B-v0.1, Attn - SDPA, 32 / 32, false",
    "Qwen/Qwen2.5-7B, Attn - QKV_Proj, 28 / 28, false",
    "Qwen/Qwen3-8B, Attn - QK_Norm, 36 / 36, false",
    "mistralai/Mixtral-8x7B-v0.1, Ffn - Router, 32 / 32, false",
    "Qwen/Qwen3-30B-A3B, Ffn - RoutedExp_GateUp_Proj, 48 / 48, false",
    "deepseek-ai/DeepSeek-V3, Attn - Q_Absorb, 61 / 61, true",
    "google/gemma-2-9b, Attn - Post_RMSNorm, 42 / 42, false",
    "google/gemma-3-1b-it, Attn - QK_Norm, 26 / 26, false",
    "google/gemma-3-27b-it, Ffn - Post_RMSNorm, 62 / 62, false",
    "microsoft/Phi-3-mini-4k-instruct, Attn - SDPA, 32 / 32, false",
    "zai-org/GLM-4.5-Air, Ffn - NonMoE_GateUp_Proj, 1 / 46, false",
    "Qwen/Qwen3-Next-80B-A3B-Instruct, Attn - Lin_DeltaRule, 36 / 48, false"
  })
  void runsOfflineByName(String id, String row, String blocks, boolean quantized) {
    CliRun run = CliRun.of("--offline", "--cached-tokens", "8192", "--", id);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    String ignored =
        quantized
            ? "note: " + id + " has a quantization_config, not read without --quantization auto:"
                + " every tensor is counted at bfloat16\n"
            : "";
    assertThat(run.err()).isEqualTo("note: using the bundled snapshot of " + id + " (offline)\n" + ignored);
    assertThat(run.out()).containsPattern("\\| " + row + " +\\| +" + blocks + " +\\|");
  }

  @Test
  void listModelsShowsTheNewIds() {
    CliRun run = CliRun.of("--list-models");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .contains(
            "mistralai/Mistral-7B-v0.1",
            "Qwen/Qwen2.5-7B",
            "Qwen/Qwen3-8B",
            "mistralai/Mixtral-8x7B-v0.1",
            "Qwen/Qwen3-30B-A3B",
            "deepseek-ai/DeepSeek-V3",
            "google/gemma-2-9b",
            "google/gemma-3-1b-it",
            "google/gemma-3-27b-it",
            "microsoft/Phi-3-mini-4k-instruct",
            "openai/gpt-oss-20b",
            "zai-org/GLM-4.5-Air",
            "Qwen/Qwen3-Next-80B-A3B-Instruct");
  }
}
