package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spec's second table: each {@code quant_method} read from a {@code quantization_config} and
 * the bytes of one {@code [N, K]} weight in its format, worked out by hand in each row's comment
 * ({@code s}: the config dtype's width, 2 for bfloat16).
 */
class QuantizationConfigTest {

  static Object json(String text) {
    return ConfigReader.parse(text.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  static Precision auto(String quantizationConfig, String dtype, String modelType) {
    return Precision.resolve(
        QuantizationMode.AUTO,
        json(quantizationConfig),
        PrecisionOptions.NONE,
        DType.of(dtype),
        modelType,
        "test.json");
  }

  /** A compressed-tensors config with one group over every linear layer. */
  static String compressedTensors(String format, String weights, String inputs) {
    return "{\"quant_method\": \"compressed-tensors\", \"format\": \""
        + format
        + "\", \"config_groups\": {\"group_0\": {\"targets\": [\"Linear\"], \"weights\": "
        + weights
        + ", \"input_activations\": "
        + inputs
        + "}}, \"ignore\": [\"lm_head\"]}";
  }

  @ParameterizedTest(name = "{3} [{4}, {5}]: {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # quantization_config | model_type | dtype | N | K | bytes | weights | activations
          # fp8: N·K + ⌈N/bn⌉·⌈K/bk⌉·c; c = s = 2 (Qwen3 FP8 stores bf16 scales): 60000 + 3·2·2
          {"quant_method": "fp8", "weight_block_size": [128, 128]} | qwen3 | bfloat16 | 300 | 200 | 60012 | fp8 | fp8
          # c = 4 for deepseek_v3 and kimi_k2: 60000 + 3·2·4
          {"quant_method": "fp8", "weight_block_size": [128, 128]} | deepseek_v3 | bfloat16 | 300 | 200 | 60024 | fp8 | fp8
          {"quant_method": "fp8", "weight_block_size": [128, 128]} | kimi_k2 | bfloat16 | 300 | 200 | 60024 | fp8 | fp8
          # [bn, bk] = [64, 256]: 60000 + ⌈300/64⌉·⌈200/256⌉·2 = 60000 + 5·1·2
          {"quant_method": "fp8", "weight_block_size": [64, 256]} | qwen3 | bfloat16 | 300 | 200 | 60010 | fp8 | fp8
          # no weight_block_size: transformers' 128×128; c = 4 for a float32 config: 60000 + 3·2·4
          {"quant_method": "fp8"} | llama | float32 | 300 | 200 | 60024 | fp8 | fp8
          # awq: N·K/2 + ⌈K/g⌉·N·2 + ⌈K/g⌉·N/2 = 30000 + 2·300·2 + 2·300/2
          {"quant_method": "awq", "bits": 4, "group_size": 128, "zero_point": true} | qwen2 | bfloat16 | 300 | 200 | 31500 | int4 | bfloat16
          # no zeros without zero_point: 30000 + 1200
          {"quant_method": "awq", "bits": 4, "group_size": 128, "zero_point": false} | qwen2 | bfloat16 | 300 | 200 | 31200 | int4 | bfloat16
          # g = 64: 131072/2 + 8·256·2 + 8·256/2 = 65536 + 4096 + 1024; fp16 scales whatever the dtype
          {"quant_method": "awq", "bits": 4, "group_size": 64} | llama | float32 | 256 | 512 | 70656 | int4 | float32
          # gptq: N·K·b/8 + ⌈K/g⌉·N·2 + ⌈K/g⌉·N·b/8 + 4·K = 30000 + 1200 + 300 + 800
          {"quant_method": "gptq", "bits": 4, "group_size": 128, "desc_act": false} | qwen2 | bfloat16 | 300 | 200 | 32300 | int4 | bfloat16
          # g = -1, one group: 60000 + 1·300·2 + 1·300·1 + 800
          {"quant_method": "gptq", "bits": 8, "group_size": -1} | qwen2 | bfloat16 | 300 | 200 | 61700 | int8 | bfloat16
          # b = 3: ⌈301·100·3/8⌉ + 1·301·2 + ⌈301·3/8⌉ + 400 = 11288 + 602 + 113 + 400
          {"quant_method": "gptq", "bits": 3, "group_size": 128} | qwen2 | bfloat16 | 301 | 100 | 12403 | int3 | bfloat16
          """)
  void methodsCountTheirCheckpointTensors(
      String config,
      String modelType,
      String dtype,
      long n,
      long k,
      long bytes,
      String weights,
      String activations) {
    Precision p = auto(config, dtype, modelType);
    assertThat(p.weightBytes("model.layers.0.self_attn.q_proj", BigInteger.valueOf(n), BigInteger.valueOf(k)))
        .isEqualTo(BigInteger.valueOf(bytes));
    assertThat(p.weights()).isEqualTo(weights);
    assertThat(p.activations().name()).isEqualTo(activations);
    assertThat(p.kv()).isEqualTo(p.configType());
    assertThat(p.source()).isEqualTo(PrecisionSource.QUANTIZATION_CONFIG);
  }

  @ParameterizedTest(name = "{0} {1} [{3}, {4}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # format | weights | input_activations | N | K | bytes | weights name | activations
          # float 8-bit, tensor: N·K + s = 60000 + 2
          float-quantized | {"num_bits": 8, "type": "float", "strategy": "tensor"} | {"num_bits": 8, "type": "float", "dynamic": true} | 300 | 200 | 60002 | fp8 | fp8
          # channel: N·K + N·s = 60000 + 600
          float-quantized | {"num_bits": 8, "type": "float", "strategy": "channel"} | {"num_bits": 8, "type": "float", "dynamic": true, "strategy": "token"} | 300 | 200 | 60600 | fp8 | fp8
          # block [128, 128]: N·K + ⌈N/128⌉·⌈K/128⌉·s = 60000 + 3·2·2
          float-quantized | {"num_bits": 8, "type": "float", "strategy": "block", "block_structure": [128, 128]} | {"num_bits": 8, "type": "float", "dynamic": true, "strategy": "group", "group_size": 128} | 300 | 200 | 60012 | fp8 | fp8
          # static activations add an input_scale of s bytes: 60000 + 600 + 2
          float-quantized | {"num_bits": 8, "type": "float", "strategy": "channel"} | {"num_bits": 8, "type": "float", "dynamic": false, "strategy": "tensor"} | 300 | 200 | 60602 | fp8 | fp8
          # no input_activations: weight-only, the inputs stay at the dtype
          float-quantized | {"num_bits": 8, "type": "float", "strategy": "channel"} | null | 300 | 200 | 60600 | fp8 | bfloat16
          # int 8-bit: N·K + N·s = 60000 + 600
          int-quantized | {"num_bits": 8, "type": "int", "strategy": "channel", "symmetric": true} | {"num_bits": 8, "type": "int", "dynamic": true} | 300 | 200 | 60600 | int8 | int8
          # + N·s zero points when not symmetric: 60000 + 600 + 600
          int-quantized | {"num_bits": 8, "type": "int", "strategy": "channel", "symmetric": false} | {"num_bits": 8, "type": "int", "dynamic": true} | 300 | 200 | 61200 | int8 | int8
          # pack-quantized, b = 4, g = 128: N·⌈K·b/32⌉·4 + N·⌈K/g⌉·s + 16 = 300·25·4 + 300·2·2 + 16
          pack-quantized | {"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128, "symmetric": true} | null | 300 | 200 | 31216 | int4 | bfloat16
          # + ⌈N·b/32⌉·⌈K/g⌉·4 zero points when not symmetric: 31216 + ⌈37.5⌉·2·4 = 31216 + 304
          pack-quantized | {"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128, "symmetric": false} | null | 300 | 200 | 31520 | int4 | bfloat16
          # + 4·K for actorder group: 31216 + 800
          pack-quantized | {"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128, "actorder": "group"} | null | 300 | 200 | 32016 | int4 | bfloat16
          # actorder weight stores no g_idx
          pack-quantized | {"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128, "actorder": "weight"} | null | 300 | 200 | 31216 | int4 | bfloat16
          # K = 100 under one group of 128: 300·⌈400/32⌉·4 + 300·1·2 + 16 = 300·13·4 + 600 + 16
          pack-quantized | {"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128} | null | 300 | 100 | 16216 | int4 | bfloat16
          # no strategy: group_size infers group
          pack-quantized | {"num_bits": 4, "type": "int", "group_size": 128} | null | 300 | 100 | 16216 | int4 | bfloat16
          # packed 8-bit per channel (W8A16): 300·⌈1600/32⌉·4 + 300·2 + 16
          pack-quantized | {"num_bits": 8, "type": "int", "strategy": "channel"} | null | 300 | 200 | 60616 | int8 | bfloat16
          # nvfp4: ⌈N·K/2⌉ + N·⌈K/16⌉ + 4 + 4 = 30000 + 300·13 + 8
          nvfp4-pack-quantized | {"num_bits": 4, "type": "float", "strategy": "tensor_group", "group_size": 16} | {"num_bits": 4, "type": "float", "strategy": "tensor_group", "group_size": 16, "dynamic": "local"} | 300 | 200 | 33908 | fp4 | fp4
          # weight-only NVFP4 has no input global scale: 30000 + 3900 + 4
          nvfp4-pack-quantized | {"num_bits": 4, "type": "float", "strategy": "tensor_group", "group_size": 16} | null | 300 | 200 | 33904 | fp4 | bfloat16
          """)
  void compressedTensorsFormats(
      String format,
      String weights,
      String inputs,
      long n,
      long k,
      long bytes,
      String weightsName,
      String activations) {
    Precision p = auto(compressedTensors(format, weights, inputs), "bfloat16", "llama");
    assertThat(p.weightBytes("model.layers.5.mlp.down_proj", BigInteger.valueOf(n), BigInteger.valueOf(k)))
        .isEqualTo(BigInteger.valueOf(bytes));
    assertThat(p.weights()).isEqualTo(weightsName);
    assertThat(p.activations().name()).isEqualTo(activations);
    assertThat(p.inputType("model.layers.5.mlp.down_proj").name()).isEqualTo(activations);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          # quantization_config | message after "test.json: "
          {"bits": 4} | 'quantization_config.quant_method' is required (supported: awq, compressed-tensors, fp8, gptq)
          {"quant_method": "awq", "group_size": 128} | 'quantization_config.bits' is required for awq
          {"quant_method": "gptq"} | 'quantization_config.bits' is required for gptq
          {"quant_method": "awq", "bits": 8} | 'quantization_config.bits' must be 4 for awq, got 8
          {"quant_method": "gptq", "bits": "4"} | 'quantization_config.bits' must be an integer, got "4"
          {"quant_method": "gptq", "bits": 4.5} | 'quantization_config.bits' must be an integer, got 4.5
          {"quant_method": "gptq", "bits": 5} | 'quantization_config.bits' must be 2, 3, 4 or 8 for gptq, got 5
          {"quant_method": "awq", "bits": 4, "group_size": 0} | 'quantization_config.group_size' must be a positive integer, got 0
          {"quant_method": "gptq", "bits": 4, "group_size": 0} | 'quantization_config.group_size' must be a positive integer or -1, got 0
          {"quant_method": "gptq", "bits": 4, "group_size": -2} | 'quantization_config.group_size' must be a positive integer or -1, got -2
          {"quant_method": "awq", "bits": 4, "zero_point": "yes"} | 'quantization_config.zero_point' must be true or false, got "yes"
          {"quant_method": "fp8", "weight_block_size": [128]} | 'quantization_config.weight_block_size' must be a list of two positive integers, got a list
          {"quant_method": "fp8", "weight_block_size": [128, 0]} | 'quantization_config.weight_block_size' must be a list of two positive integers, got a list
          {"quant_method": "fp8", "modules_to_not_convert": "lm_head"} | 'quantization_config.modules_to_not_convert' must be a list of strings, got "lm_head"
          {"quant_method": "fp8", "modules_to_not_convert": ["lm_head", 3]} | 'quantization_config.modules_to_not_convert[1]' must be a string, got 3
          {"quant_method": "awq", "bits": 4, "modules_to_not_convert": ["layers.(1"]} | 'quantization_config.modules_to_not_convert[0]' "layers.(1" is not a valid regular expression: missing closing )
          {"quant_method": 7} | 'quantization_config.quant_method' must be a string, got 7
          {"quant_method": "compressed-tensors"} | 'quantization_config.config_groups' must hold at least one group
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": 3}} | 'quantization_config.config_groups.group_0' must be an object, got 3
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": "Linear"}}} | 'quantization_config.config_groups.group_0.targets' must be a list of strings, got "Linear"
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"weights": {"num_bits": 8}}}} | 'quantization_config.config_groups.group_0.targets' must list at least one target
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"type": "int"}}}} | 'quantization_config.config_groups.group_0.weights.num_bits' is required
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8, "type": "fp"}}}} | 'quantization_config.config_groups.group_0.weights.type' must be "int" or "float", got "fp"
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8, "strategy": "row"}}}} | 'quantization_config.config_groups.group_0.weights.strategy' must be one of tensor, channel, group, block, tensor_group, got "row"
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 4, "strategy": "group"}}}} | 'quantization_config.config_groups.group_0.weights.group_size' is required, a positive integer, for strategy group
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 4, "group_size": 0}}}} | 'quantization_config.config_groups.group_0.weights.group_size' must be a positive integer or -1, got 0
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8, "strategy": "block"}}}} | 'quantization_config.config_groups.group_0.weights.block_structure' is required for strategy block
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 16, "type": "float"}}}} | 'quantization_config.config_groups.group_0.weights.num_bits' must be 8 or 4 for float weights, got 16
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8}, "input_activations": {"num_bits": 16}}}} | 'quantization_config.config_groups.group_0.input_activations.num_bits' must be 8, or 4 with type float, got 16
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8}, "input_activations": {"num_bits": 8, "dynamic": "always"}}}} | 'quantization_config.config_groups.group_0.input_activations.dynamic' must be true, false or "local", got "always"
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8}}}, "ignore": ["re:(unclosed"]} | 'quantization_config.ignore[0]' "re:(unclosed" is not a valid regular expression: missing closing )
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8}}}, "kv_cache_scheme": {"num_bits": 4}} | 'quantization_config.kv_cache_scheme.num_bits' must be 8, got 4
          {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 8}}}, "kv_cache_scheme": {"num_bits": 8, "type": "weird"}} | 'quantization_config.kv_cache_scheme.type' must be "int" or "float", got "weird"
          "fp8" | 'quantization_config' must be an object, got "fp8"
          """)
  void malformedConfigsNameTheKey(String config, String message) {
    assertThatThrownBy(() -> auto(config, "bfloat16", "llama"))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("test.json: " + message);
  }

  /** compressed-tensors' {@code kv_cache_scheme}: int → int8; float, or no type → fp8. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"num_bits": 8, "type": "int"} | int8
          {"num_bits": 8, "type": "float"} | fp8
          {"num_bits": 8} | fp8
          """)
  void theKvCacheSchemeNamesTheKvType(String scheme, String kv) {
    String config =
        "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": {\"targets\": [\"Linear\"],"
            + " \"weights\": {\"num_bits\": 8}}}, \"kv_cache_scheme\": "
            + scheme
            + "}";
    assertThat(auto(config, "bfloat16", "llama").kv().name()).isEqualTo(kv);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          bitsandbytes
          mxfp4
          hqq
          """)
  void otherMethodsAreNamedWithTheSupportedOnes(String method) {
    assertThatThrownBy(() -> auto("{\"quant_method\": \"" + method + "\"}", "bfloat16", "llama"))
        .isInstanceOfSatisfying(
            UnsupportedQuantizationException.class,
            e -> {
              assertThat(e.method()).isEqualTo(method);
              assertThat(e.supported()).containsExactly("awq", "compressed-tensors", "fp8", "gptq");
            })
        .hasMessage(
            "test.json: unsupported quant_method '"
                + method
                + "' in 'quantization_config' (supported: awq, compressed-tensors, fp8, gptq)");
  }
}
