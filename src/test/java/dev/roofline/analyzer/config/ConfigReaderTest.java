package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roofline.analyzer.graph.Graphs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Config keys, transformers' defaults, and the data type keys. */
class ConfigReaderTest {

  private static ModelConfig read(String json) {
    return Graphs.readConfig(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  @Test
  void llamaDefaultsAreTransformers() {
    assertThat(read("{\"model_type\": \"llama\"}"))
        .isEqualTo(
            new LlamaConfig(4096, 11008, 32, 32, 32, 32000, Activation.SILU, new DType("float16", 2), 128, false));
  }

  @Test
  void llama4WithoutTextConfigTakesAllDefaults() {
    assertThat(read("{\"model_type\": \"LLAMA4\"}"))
        .isEqualTo(
            new Llama4Config(
                5120, 8192, 16384, 48, 40, 8, 128, 202048, 16, 1, 1, Activation.SILU, new DType("float16", 2),
                new Layers.Every(4), 8192, true, false));
  }

  @Test
  void llama4ReadsTextConfigAndIgnoresTopLevelKeys() {
    Llama4Config c =
        (Llama4Config)
            read(
                "{\"model_type\": \"llama4\", \"hidden_size\": 1, \"text_config\": {\"hidden_size\": 64,"
                    + " \"num_attention_heads\": 4, \"head_dim\": null, \"num_key_value_heads\": null,"
                    + " \"interleave_moe_layer_step\": 4, \"num_hidden_layers\": 10, \"torch_dtype\": \"float32\"}}");
    assertThat(c.hiddenSize()).isEqualTo(64);
    assertThat(c.headDim()).isEqualTo(16);
    assertThat(c.numKeyValueHeads()).isEqualTo(4);
    assertThat(c.moeBlocks()).isEqualTo(2);
    assertThat(c.denseBlocks()).isEqualTo(8);
    assertThat(c.dtype().bytes()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "torch_dtype": "bfloat16"                     | 2
          "dtype": "float32"                            | 4
          "dtype": "int8", "torch_dtype": "float64"     | 1
          "dtype": null, "torch_dtype": "float64"       | 8
          "torch_dtype": null                           | 2
          "torch_dtype": "double"                       | 8
          "torch_dtype": "float8_e4m3fn"                | 1
          """)
  void dtypeWinsOverTorchDtypeAndNullMeansFloat16(String keys, int bytes) {
    assertThat(read("{\"model_type\": \"llama\", " + keys + "}").dtype().bytes()).isEqualTo(bytes);
  }

  @Test
  void integralFloatsAreWholeNumbersAndUnknownKeysAreIgnored() {
    LlamaConfig c =
        (LlamaConfig)
            read("{\"model_type\": \"llama\", \"hidden_size\": 2048.0, \"rope_theta\": NaN, \"x\": [1, {}]}");
    assertThat(c.hiddenSize()).isEqualTo(2048);
    assertThat(c.headDim()).isEqualTo(64);
  }

  @Test
  void tooManyExpertsPerTokenIsAnError() {
    assertThatThrownBy(
            () -> read("{\"model_type\": \"llama4\", \"text_config\": {\"num_experts_per_tok\": 17}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.json: in 'text_config': 'num_experts_per_tok' (17) must not exceed 'num_local_experts' (16)");
  }

  @Test
  void hugeNumbersAreRejectedNotWrapped() {
    assertThatThrownBy(() -> read("{\"model_type\": \"llama\", \"vocab_size\": 99999999999999999999999}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'vocab_size' must be a positive integer, got 99999999999999999999999");
  }
}
