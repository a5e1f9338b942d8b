package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invalid keys of gemma2, gemma3, phi3, phimoe, gpt_oss, glm4_moe and qwen3_next: one {@code
 * error:} line naming the key, nothing on stdout, exit 1.
 */
class FamilyErrorsTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # config | what the line says
          {"model_type": "gemma2", "attn_logit_softcapping": "50"} | 'attn_logit_softcapping' must be a positive number or null, got "50"
          {"model_type": "gemma2", "final_logit_softcapping": 0} | 'final_logit_softcapping' must be a positive number or null, got 0
          {"model_type": "gemma2", "hidden_activation": "gelu"} | 'hidden_activation': unsupported activation 'gelu' (known: silu, gelu_pytorch_tanh)
          {"model_type": "gemma2", "num_hidden_layers": 2, "layer_types": ["full_attention", "local"]} | 'layer_types' must be a list of "full_attention" and "sliding_attention", got "local"
          {"model_type": "gemma3_text", "sliding_window_pattern": 0} | 'sliding_window_pattern' must be a positive integer, got 0
          {"model_type": "gemma3", "text_config": {"num_key_value_heads": -4}} | 'text_config.num_key_value_heads' must be a positive integer, got -4
          {"model_type": "gemma3", "text_config": "gemma3_text"} | 'text_config' must be an object, got "gemma3_text"
          {"model_type": "gemma3", "text_config": {"torch_dtype": "float17"}} | 'text_config.torch_dtype': unsupported data type 'float17'
          {"model_type": "phi3", "partial_rotary_factor": 1.5} | 'partial_rotary_factor' must be a number above 0 and at most 1, got 1.5
          {"model_type": "phi3", "rope_parameters": {"partial_rotary_factor": "half"}} | 'rope_parameters.partial_rotary_factor' must be a number above 0 and at most 1, got "half"
          {"model_type": "phi3", "sliding_window": 0} | 'sliding_window' must be a positive integer, got 0
          {"model_type": "phimoe", "lm_head_bias": "yes"} | 'lm_head_bias' must be true or false, got "yes"
          {"model_type": "phimoe", "num_experts_per_tok": 17} | 'num_experts_per_tok' (17) must not exceed 'num_local_experts' (16)
          {"model_type": "phimoe", "num_local_experts": 16, "num_experts": 8} | 'num_local_experts' (16) and its alias 'num_experts' (8) differ
          {"model_type": "gpt_oss", "attention_bias": null} | 'attention_bias' must be true or false, got null
          {"model_type": "gpt_oss", "num_experts_per_tok": 129} | 'num_experts_per_tok' (129) must not exceed 'num_local_experts' (128)
          {"model_type": "gpt_oss", "num_hidden_layers": 2, "layer_types": ["sliding_attention", "linear_attention"]} | 'layer_types' must be a list of "full_attention" and "sliding_attention", got "linear_attention"
          {"model_type": "gpt_oss", "num_hidden_layers": 1, "layer_types": ["sliding_attention"], "sliding_window": null} | 'layer_types' has sliding_attention layers but 'sliding_window' is null
          {"model_type": "glm4_moe"} | 'hidden_size' (4096) must be a multiple of 'num_attention_heads' (96) when 'head_dim' is not set
          {"model_type": "glm4_moe", "head_dim": 128, "first_k_dense_replace": -1} | 'first_k_dense_replace' must be a non-negative integer, got -1
          {"model_type": "glm4_moe", "head_dim": 128, "use_qk_norm": "no"} | 'use_qk_norm' must be true or false, got "no"
          {"model_type": "glm4_moe", "head_dim": 128, "n_routed_experts": 4} | 'num_experts_per_tok' (8) must not exceed 'n_routed_experts' (4)
          {"model_type": "qwen3_next", "linear_num_value_heads": 24} | 'linear_num_value_heads' (24) must be a multiple of 'linear_num_key_heads' (16)
          {"model_type": "qwen3_next", "full_attention_interval": 0} | 'full_attention_interval' must be a positive integer, got 0
          {"model_type": "qwen3_next", "linear_conv_kernel_dim": 2.5} | 'linear_conv_kernel_dim' must be a positive integer, got 2.5
          {"model_type": "qwen3_next", "num_hidden_layers": 2, "layer_types": ["linear_attention", "sliding_attention"]} | 'layer_types' must be a list of "full_attention" and "linear_attention", got "sliding_attention"
          {"model_type": "qwen3_next", "layer_types": ["linear_attention"]} | 'layer_types' must have one entry per layer ('num_hidden_layers' = 48), got 1
          {"model_type": "qwen3_next", "partial_rotary_factor": 0} | 'partial_rotary_factor' must be a number above 0 and at most 1, got 0
          """)
  void oneLineNamingTheKey(String config, String fragment) throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), config);
    CliRun run = CliRun.of("--", file.toString());
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.out()).as(run.describe()).isEmpty();
    assertThat(run.err()).as(run.describe()).startsWith("error: " + file + ": " + fragment).doesNotContain("\tat ");
    assertThat(run.err().lines()).as(run.describe()).hasSize(1);
  }
}
