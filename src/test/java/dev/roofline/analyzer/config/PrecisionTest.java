package dev.roofline.analyzer.config;

import static dev.roofline.analyzer.config.QuantizationConfigTest.auto;
import static dev.roofline.analyzer.config.QuantizationConfigTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which module takes which format (ignore lists, {@code modules_to_not_convert}, routers), and how
 * the options and {@code --quantization} combine with {@code quantization_config}. Bytes are of a
 * [300, 200] weight: 120000 at bfloat16 (N·K·2).
 */
class PrecisionTest {
  private static final BigInteger N = BigInteger.valueOf(300);
  private static final BigInteger K = BigInteger.valueOf(200);
  private static final DType BF16 = DType.of("bfloat16");
  private static final String FP8_BLOCK = "{\"quant_method\": \"fp8\", \"weight_block_size\": [128, 128]}";

  private static Precision resolve(QuantizationMode mode, String config, PrecisionOptions options) {
    return Precision.resolve(
        mode, config == null ? null : json(config), options, BF16, "qwen3", "test.json");
  }

  /**
   * W8A8 FP8 per channel over every linear layer, with an ignore list: a name, a pattern of a whole
   * module, the router pattern real checkpoints use, and a pattern that matches only inside names.
   */
  private static final String CT_IGNORE =
      """
      {"quant_method": "compressed-tensors", "format": "float-quantized",
       "config_groups": {"group_0": {"targets": ["Linear"],
         "weights": {"num_bits": 8, "type": "float", "strategy": "channel"},
         "input_activations": {"num_bits": 8, "type": "float", "dynamic": true}}},
       "ignore": ["lm_head", "model.layers.2.mlp.down_proj", "re:.*mlp[.]gate$",
                  "re:model[.]layers[.]0[.]self_attn[.]o_proj$", "re:self_attn"]}
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # module                                 | bytes  | input
          # ignored by the pattern of its full name: N·K·2
          model.layers.0.self_attn.o_proj          | 120000 | bfloat16
          # the pattern ends in $ and names layer 0 only: N·K + N·2 = 60000 + 600
          model.layers.1.self_attn.o_proj          | 60600  | fp8
          model.layers.10.self_attn.o_proj         | 60600  | fp8
          # 're:self_attn' must match from the start of the name, as Python's re.match
          model.layers.1.self_attn.q_proj          | 60600  | fp8
          # ignored by its exact name; the same projection of another layer is not
          model.layers.2.mlp.down_proj             | 120000 | bfloat16
          model.layers.3.mlp.down_proj             | 60600  | fp8
          # an exact name does not reach the experts under it
          model.layers.2.mlp.experts.7.down_proj   | 60600  | fp8
          # routers, norms and embeddings stay at the dtype
          model.layers.2.mlp.gate                  | 120000 | bfloat16
          model.layers.2.input_layernorm           | 120000 | bfloat16
          model.embed_tokens                       | 120000 | bfloat16
          """)
  void anIgnoreListKeepsModulesAtTheDtype(String module, long bytes, String input) {
    Precision p = auto(CT_IGNORE, "bfloat16", "qwen3_moe");
    assertThat(p.weightBytes(module, N, K)).isEqualTo(BigInteger.valueOf(bytes));
    assertThat(p.inputType(module).name()).isEqualTo(input);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # module                                       | format
          # group_1's pattern beats group_0's class Linear, although group_0 comes first
          model.layers.0.self_attn.k_proj                | int8
          # group_2's exact name beats group_1's pattern
          model.layers.0.self_attn.q_proj                | fp4
          model.layers.1.self_attn.q_proj                | int8
          # only the class matches
          model.layers.0.mlp.up_proj                     | fp8
          model.layers.0.block_sparse_moe.experts.3.w2   | fp8
          # a router is no projection, whatever the targets say
          model.layers.0.block_sparse_moe.gate           | bfloat16
          language_model.model.layers.0.feed_forward.router | bfloat16
          """)
  void theMostSpecificConfigGroupWins(String module, String format) {
    Precision p =
        auto(
            """
            {"quant_method": "compressed-tensors", "config_groups": {
              "group_0": {"targets": ["Linear"], "weights": {"num_bits": 8, "type": "float"}},
              "group_1": {"targets": ["re:.*self_attn.*"], "weights": {"num_bits": 8, "type": "int", "strategy": "channel"}},
              "group_2": {"targets": ["model.layers.0.self_attn.q_proj"],
                          "weights": {"num_bits": 4, "type": "float", "strategy": "tensor_group", "group_size": 16}}}}
            """,
            "bfloat16",
            "mixtral");
    assertThat(p.weightFormat(module).name()).isEqualTo(format);
    assertThat(p.weights()).isEqualTo("fp8");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # module                                 | bytes
          # 'model.layers.1' matches the start of the name: layer 1 ...
          model.layers.1.mlp.gate_proj             | 120000
          # ... and, as in transformers, layers 10 to 19
          model.layers.12.mlp.gate_proj            | 120000
          # fp8 with bf16 scales: N·K + ⌈N/128⌉·⌈K/128⌉·2 = 60000 + 3·2·2
          model.layers.2.mlp.gate_proj             | 60012
          # 'down_proj': names that end with it
          model.layers.2.mlp.experts.5.down_proj   | 120000
          model.layers.2.mlp.experts.5.up_proj     | 60012
          # a regular expression from the start of the name
          model.layers.3.self_attn.kv_b_proj       | 120000
          model.layers.3.self_attn.q_b_proj        | 60012
          model.layers.3.self_attn.kv_a_proj_with_mqa | 60012
          # neither a prefix nor a suffix: converted
          model.layers.4.self_attn.o_proj          | 60012
          """)
  void modulesToNotConvertMatchAsTransformersDoes(String module, long bytes) {
    Precision p =
        auto(
            """
            {"quant_method": "fp8", "weight_block_size": [128, 128],
             "modules_to_not_convert": ["model.layers.1", "down_proj", "model\\\\.layers\\\\.\\\\d+\\\\.self_attn\\\\.kv_b", "self_attn.o"]}
            """,
            "bfloat16",
            "qwen3");
    assertThat(p.weightBytes(module, N, K)).isEqualTo(BigInteger.valueOf(bytes));
  }

  @Test
  void awqLeavesOutModulesToNotConvertAndTheirInputs() {
    Precision p =
        auto(
            "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"modules_to_not_convert\": [\"self_attn.o_proj\"]}",
            "bfloat16",
            "qwen2");
    // N·K/2 + ⌈K/g⌉·N·2 + ⌈K/g⌉·N/2 = 30000 + 1200 + 300
    assertThat(p.weightBytes("model.layers.0.self_attn.q_proj", N, K)).isEqualTo(BigInteger.valueOf(31500));
    assertThat(p.weightBytes("model.layers.0.self_attn.o_proj", N, K)).isEqualTo(BigInteger.valueOf(120000));
  }

  @Test
  void modeNoneIgnoresEvenAMalformedQuantizationConfigAndSaysSo() {
    Precision p =
        resolve(QuantizationMode.NONE, "{\"quant_method\": \"bitsandbytes\"}", PrecisionOptions.NONE);
    assertThat(p.ignoresQuantizationConfig()).isTrue();
    assertThat(p.source()).isEqualTo(PrecisionSource.CONFIG);
    assertThat(p.weights()).isEqualTo("bfloat16");
    assertThat(p.kv()).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.activations()).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.differsFromConfig()).isFalse();
    assertThat(p.weightBytes("model.layers.0.self_attn.q_proj", N, K)).isEqualTo(BigInteger.valueOf(120000));
  }

  @Test
  void withoutQuantizationConfigBothModesAreTheConfigDtype() {
    for (QuantizationMode mode : QuantizationMode.values()) {
      Precision p = resolve(mode, null, PrecisionOptions.NONE);
      assertThat(p.ignoresQuantizationConfig()).isFalse();
      assertThat(p.source()).isEqualTo(PrecisionSource.CONFIG);
      assertThat(p.differsFromConfig()).isFalse();
      assertThat(p.weightFormat("model.layers.0.mlp.down_proj"))
          .isEqualTo(WeightFormat.Unquantized.of(BF16));
    }
    assertThat(Precision.of(DType.of("half")).activations().peakColumn()).contains("fp16");
  }

  @Test
  void autoReadsWeightsActivationsAndTheDevicePeak() {
    Precision p = resolve(QuantizationMode.AUTO, FP8_BLOCK, PrecisionOptions.NONE);
    assertThat(p.source()).isEqualTo(PrecisionSource.QUANTIZATION_CONFIG);
    assertThat(p.ignoresQuantizationConfig()).isFalse();
    assertThat(p.weights()).isEqualTo("fp8");
    assertThat(p.activations().peakColumn()).contains("fp8");
    assertThat(p.kv()).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.differsFromConfig()).isTrue();
    assertThat(p.inputType("model.layers.0.mlp.gate")).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.inputType("model.layers.0.mlp.gate_proj")).isEqualTo(ElementType.FP8);
  }

  @Test
  void aW4a16CheckpointComputesAtTheDtypePeak() {
    Precision p =
        resolve(QuantizationMode.AUTO, "{\"quant_method\": \"gptq\", \"bits\": 4}", PrecisionOptions.NONE);
    assertThat(p.weights()).isEqualTo("int4");
    assertThat(p.activations().peakColumn()).contains("bf16");
  }

  @Test
  void kvCacheSchemeOf8BitsIsAnFp8Cache() {
    Precision p =
        auto(
            """
            {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"],
              "weights": {"num_bits": 8, "type": "float", "strategy": "channel"}}},
             "kv_cache_scheme": {"num_bits": 8, "type": "float", "strategy": "tensor", "dynamic": false}}
            """,
            "bfloat16",
            "llama");
    assertThat(p.kv()).isEqualTo(ElementType.FP8);
    assertThat(p.kv().bytes(1000)).isEqualTo(BigInteger.valueOf(1000));
  }

  @Test
  void kvDtypeFp8HalvesTheKvCacheOfABf16Model() {
    Precision p = resolve(QuantizationMode.NONE, null, PrecisionOptions.parse(null, "fp8", null));
    BigInteger elements = new BigInteger("123456789012345");
    assertThat(p.kv().bytes(elements).multiply(BigInteger.TWO))
        .isEqualTo(p.configType().bytes(elements));
    assertThat(p.source()).isEqualTo(PrecisionSource.OPTIONS);
    assertThat(p.weights()).isEqualTo("bfloat16");
    assertThat(p.activations()).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.differsFromConfig()).isTrue();
  }

  @Test
  void actDtypeAloneSetsTheInputsOfEveryProjectionAndThePeak() {
    Precision p = resolve(QuantizationMode.NONE, null, PrecisionOptions.parse(null, null, "fp8"));
    assertThat(p.activations().peakColumn()).contains("fp8");
    assertThat(p.inputType("model.layers.0.self_attn.q_proj")).isEqualTo(ElementType.FP8);
    assertThat(p.inputType("model.layers.0.mlp.gate")).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.weightBytes("model.layers.0.self_attn.q_proj", N, K)).isEqualTo(BigInteger.valueOf(120000));
  }

  @Test
  void weightDtypeAloneKeepsTheInputsAtTheDtype() {
    Precision p = resolve(QuantizationMode.NONE, FP8_BLOCK, PrecisionOptions.parse("int4", null, null));
    // ⌈N·K/2⌉ + ⌈K/128⌉·N·2 + ⌈⌈K/128⌉·N/2⌉ = 30000 + 1200 + 300
    assertThat(p.weightBytes("model.layers.0.self_attn.q_proj", N, K)).isEqualTo(BigInteger.valueOf(31500));
    assertThat(p.weightBytes("model.layers.0.mlp.gate", N, K)).isEqualTo(BigInteger.valueOf(120000));
    assertThat(p.activations()).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.ignoresQuantizationConfig()).isTrue();
    assertThat(p.source()).isEqualTo(PrecisionSource.OPTIONS);
  }

  @Test
  void optionsOverrideTheirPartOfQuantizationConfigOnly() {
    Precision p =
        resolve(
            QuantizationMode.AUTO,
            "{\"quant_method\": \"fp8\", \"modules_to_not_convert\": [\"o_proj\"]}",
            PrecisionOptions.parse("int4", "fp8", null));
    // --weight-dtype covers every projection, modules_to_not_convert included: 31500 as above
    assertThat(p.weightBytes("model.layers.0.self_attn.q_proj", N, K)).isEqualTo(BigInteger.valueOf(31500));
    assertThat(p.weightBytes("model.layers.0.self_attn.o_proj", N, K)).isEqualTo(BigInteger.valueOf(31500));
    assertThat(p.weightBytes("model.layers.0.mlp.gate", N, K)).isEqualTo(BigInteger.valueOf(120000));
    assertThat(p.weights()).isEqualTo("int4");
    assertThat(p.kv()).isEqualTo(ElementType.FP8);
    // the activations still come from quantization_config
    assertThat(p.activations()).isEqualTo(ElementType.FP8);
    assertThat(p.source()).isEqualTo(PrecisionSource.OPTIONS);
  }

  @Test
  void actDtypeOverridesQuantizationConfigButNotItsExclusions() {
    Precision p =
        resolve(
            QuantizationMode.AUTO,
            "{\"quant_method\": \"awq\", \"bits\": 4, \"modules_to_not_convert\": [\"o_proj\"]}",
            PrecisionOptions.parse(null, null, "int8"));
    assertThat(p.activations()).isEqualTo(ElementType.INT8);
    assertThat(p.inputType("model.layers.0.self_attn.q_proj")).isEqualTo(ElementType.INT8);
    assertThat(p.inputType("model.layers.0.self_attn.o_proj")).isEqualTo(ElementType.BFLOAT16);
    assertThat(p.weights()).isEqualTo("int4");
  }
}
