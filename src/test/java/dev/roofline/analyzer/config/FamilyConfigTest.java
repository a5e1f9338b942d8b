package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.graph.Graphs;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grouped-query families' keys: transformers' defaults (families.md §1), aliases, flags. */
class FamilyConfigTest {

  private static final DType FLOAT16 = new DType("float16", 2);

  private static GqaConfig read(String keys) {
    return (GqaConfig) Graphs.readConfig(("{\"model_type\": " + keys + "}").getBytes(StandardCharsets.UTF_8), "t.json");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # type,    vocab,  H,    I,     L,  nh, nkv, d,   window, sliding
          mistral,   32000,  4096, 14336, 32, 32, 8,   128, 4096,   32
          qwen2,     151936, 4096, 22016, 32, 32, 32,  128, 0,      0
          qwen3,     151936, 4096, 22016, 32, 32, 32,  128, 0,      0
          mixtral,   32000,  4096, 14336, 32, 32, 8,   128, 0,      0
          qwen2_moe, 151936, 2048, 5632,  24, 16, 16,  128, 0,      0
          qwen3_moe, 151936, 2048, 6144,  24, 32, 4,   64,  0,      0
          """)
  void absentKeysTakeTransformersDefaults(
      String type, long vocab, long h, long i, long layers, long heads, long kvHeads, long d, long window, long sliding) {
    GqaConfig c = read("\"" + type + "\"");
    assertThat(c.modelType()).isEqualTo(type);
    assertThat(c.decoder()).isEqualTo(new Decoder(type, vocab, h, i, layers, heads, kvHeads, d, Activation.SILU, FLOAT16, false));
    assertThat(c.slidingWindow().window()).isEqualTo(window);
    assertThat(c.slidingWindow().layers()).isEqualTo(sliding);
    // Mistral slides in every layer when its window is set; the others not without use_sliding_window.
    assertThat(c.slidingWindow().where()).isEqualTo(sliding == 0 ? Layers.NONE : Layers.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # type,    E,   k, Ie,    layers, shared, gate
          mixtral,   8,   2, 14336, 32,     0,      false
          qwen2_moe, 60,  4, 1408,  24,     5632,   true
          qwen3_moe, 128, 8, 768,   24,     0,      false
          """)
  void expertDefaults(String type, long count, long k, long size, long layers, long shared, boolean gate) {
    Experts e = read("\"" + type + "\"").experts().orElseThrow();
    assertThat(e).isEqualTo(new Experts(count, k, size, layers, shared, gate, false, e.where()));
    // Every layer has experts by default: mixtral always, the qwen families at decoder_sparse_step 1.
    assertThat(e.where().count(0, layers)).isEqualTo(layers);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # keys after model_type                    | q/k/v bias | o bias | q/k norm
          "mistral", "attention_bias": true          | false      | false  | false
          "mixtral"                                  | false      | false  | false
          "qwen2"                                    | true       | false  | false
          "qwen2_moe"                                | true       | false  | false
          "qwen2_moe", "qkv_bias": false             | false      | false  | false
          "qwen3"                                    | false      | false  | true
          "qwen3", "attention_bias": true            | true       | true   | true
          "qwen3_moe", "attention_bias": true        | true       | true   | true
          """)
  void attentionParts(String keys, boolean qkvBias, boolean outputBias, boolean qkNorm) {
    assertThat(read(keys).attentionParts()).isEqualTo(new AttentionParts(qkvBias, outputBias, qkNorm));
  }

  @Test
  void denseFamiliesHaveNoExperts() {
    assertThat(read("\"qwen3\"").experts()).isEqualTo(Optional.empty());
  }

  @Test
  void mixtralReadsNumExpertsAsAnAliasOfNumLocalExperts() {
    assertThat(read("\"mixtral\", \"num_experts\": 16").experts().orElseThrow().count()).isEqualTo(16);
    assertThat(read("\"mixtral\", \"num_experts\": 4, \"num_local_experts\": 4").experts().orElseThrow().count())
        .isEqualTo(4);
  }

  @Test
  void nullKeysMeanWhatTransformersMakesOfThem() {
    GqaConfig c = read("\"qwen3_moe\", \"num_key_value_heads\": null, \"head_dim\": null, \"mlp_only_layers\": null");
    assertThat(c.decoder().numKeyValueHeads()).isEqualTo(32);
    assertThat(c.decoder().headDim()).isEqualTo(64);
    assertThat(c.experts().orElseThrow().layers()).isEqualTo(24);
  }

  @Test
  void qwen3MoeWithTheWindowOnSlidesEveryLayerAndKeepsTheRealCheckpointsWindow() {
    GqaConfig c = read("\"qwen3_moe\", \"use_sliding_window\": true, \"sliding_window\": 32768, \"max_window_layers\": 3.0");
    assertThat(c.slidingWindow()).isEqualTo(new SlidingWindow(32768, 24, Layers.ALL));
  }
}
