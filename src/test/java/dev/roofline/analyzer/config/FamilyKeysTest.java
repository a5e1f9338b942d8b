package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.graph.Graphs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keys of gemma2, gemma3_text and gemma3, phi3, phimoe, gpt_oss, glm4_moe and qwen3_next:
 * transformers' defaults for absent keys (the config classes' signatures), gemma3's text config
 * filled with gemma3_text's defaults, and the parts each family has.
 */
class FamilyKeysTest {

  private static final DType FLOAT16 = new DType("float16", 2);
  private static final DType BFLOAT16 = new DType("bfloat16", 2);
  private static final DType FLOAT32 = new DType("float32", 4);

  private static GqaConfig read(String json) {
    return (GqaConfig) Graphs.readConfig(json.getBytes(StandardCharsets.UTF_8), "t.json");
  }

  @Test
  void gemma2Defaults() {
    GqaConfig c = read("{\"model_type\": \"gemma2\"}");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("gemma2", 256000, 2304, 9216, 26, 8, 4, 256, Activation.GELU_PYTORCH_TANH, FLOAT16, true));
    // Both capping values default to numbers (50.0 and 30.0); layers 0, 2, …, 24 slide.
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(false, false, false, 1.0, true, false, false));
    assertThat(c.slidingWindow()).isEqualTo(new SlidingWindow(4096, 13, new Layers.Not(new Layers.Every(2))));
    assertThat(c.ends()).isEqualTo(new ModelEnds(true, true, false));
    assertThat(c.norms()).isEqualTo(NormStyle.SANDWICH);
  }

  @Test
  void gemma2NullCappingAndWindow() {
    GqaConfig c =
        read(
            "{\"model_type\": \"gemma2\", \"attn_logit_softcapping\": null, \"final_logit_softcapping\": null,"
                + " \"sliding_window\": null, \"attention_bias\": true, \"hidden_act\": \"silu\"}");
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(true, true, false, 1.0, false, false, false));
    assertThat(c.slidingWindow()).isEqualTo(SlidingWindow.NONE);
    assertThat(c.ends()).isEqualTo(new ModelEnds(true, false, false));
    // hidden_act is not gemma's key: hidden_activation is.
    assertThat(c.hiddenAct()).isEqualTo(Activation.GELU_PYTORCH_TANH);
  }

  /** gemma3_text; gemma3 with no text config, and with a null one: the same defaults. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"model_type": "gemma3_text"}                       | gemma3_text
          {"model_type": "gemma3"}                            | gemma3
          {"model_type": "gemma3", "text_config": null}       | gemma3
          """)
  void gemma3Defaults(String json, String type) {
    GqaConfig c = read(json);
    assertThat(c.decoder())
        .isEqualTo(new Decoder(type, 262208, 2304, 9216, 26, 8, 4, 256, Activation.GELU_PYTORCH_TANH, FLOAT16, true));
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(false, false, true, 1.0, false, false, false));
    // (i + 1) % 6 != 0 slides: 26 − 4 = 22 layers.
    assertThat(c.slidingWindow()).isEqualTo(new SlidingWindow(4096, 22, new Layers.Not(new Layers.Every(6))));
    assertThat(c.ends()).isEqualTo(new ModelEnds(true, false, false));
  }

  /**
   * gemma3's text config takes gemma3_text's defaults for what it lacks, never a top-level value;
   * its dtype and tying fall back to the top level's.
   */
  @Test
  void gemma3TextConfigIsFilledWithGemma3TextDefaults() {
    GqaConfig c =
        read(
            "{\"model_type\": \"gemma3\", \"vocab_size\": 1000, \"num_hidden_layers\": 3, \"torch_dtype\": \"float32\","
                + " \"tie_word_embeddings\": false, \"text_config\": {\"hidden_size\": 1024, \"sliding_window_pattern\": 2,"
                + " \"final_logit_softcapping\": 30.0}}");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("gemma3", 262208, 1024, 9216, 26, 8, 4, 256, Activation.GELU_PYTORCH_TANH, FLOAT32, false));
    assertThat(c.slidingWindow()).isEqualTo(new SlidingWindow(4096, 13, new Layers.Not(new Layers.Every(2))));
    assertThat(c.ends()).isEqualTo(new ModelEnds(true, true, false));
  }

  @Test
  void gemma3TextConfigsOwnDtypeAndTyingWin() {
    GqaConfig c =
        read(
            "{\"model_type\": \"gemma3\", \"torch_dtype\": \"float32\", \"tie_word_embeddings\": true,"
                + " \"text_config\": {\"dtype\": \"bfloat16\", \"tie_word_embeddings\": false}}");
    assertThat(c.dtype()).isEqualTo(BFLOAT16);
    assertThat(c.tieWordEmbeddings()).isFalse();
  }

  /** google/gemma-3-27b-it's text config: its keys, and gemma3_text's defaults for the rest. */
  @Test
  void gemma3_27bReadsItsTextConfig() {
    GqaConfig c = (GqaConfig) Graphs.readConfig(bundled("google--gemma-3-27b-it"), "google/gemma-3-27b-it");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("gemma3", 262208, 5376, 21504, 62, 32, 16, 128, Activation.GELU_PYTORCH_TANH, BFLOAT16, true));
    assertThat(c.slidingWindow()).isEqualTo(new SlidingWindow(1024, 52, new Layers.Not(new Layers.Every(6))));
  }

  static byte[] bundled(String name) {
    try (var in = FamilyKeysTest.class.getResourceAsStream("/dev/roofline/analyzer/catalog/" + name + ".json")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void phi3Defaults() {
    GqaConfig c = read("{\"model_type\": \"phi3\"}");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("phi3", 32064, 3072, 8192, 32, 32, 32, 96, Activation.SILU, FLOAT16, false));
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(false, false, false));
    assertThat(c.slidingWindow()).isEqualTo(SlidingWindow.NONE);
    // Key/value heads default to the query heads, as many as they are.
    assertThat(read("{\"model_type\": \"phi3\", \"num_attention_heads\": 24}").decoder().numKeyValueHeads()).isEqualTo(24);
    // A window makes every layer slide; head_dim is honoured where present.
    GqaConfig mini = read("{\"model_type\": \"phi3\", \"sliding_window\": 2047, \"head_dim\": 128, \"partial_rotary_factor\": 0.75}");
    assertThat(mini.slidingWindow()).isEqualTo(new SlidingWindow(2047, 32, Layers.ALL));
    assertThat(mini.decoder().headDim()).isEqualTo(128);
    assertThat(mini.attentionParts().rotatedDims(128)).isEqualTo(96);
  }

  @Test
  void phimoeDefaults() {
    GqaConfig c = read("{\"model_type\": \"phimoe\"}");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("phimoe", 32064, 4096, 6400, 32, 32, 8, 128, Activation.SILU, FLOAT16, false));
    assertThat(c.experts()).contains(new Experts(16, 2, 6400, 32, 0, false, false, Layers.ALL));
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(false, false, false));
    assertThat(c.ends()).isEqualTo(ModelEnds.NONE);
    assertThat(c.norms()).isEqualTo(NormStyle.LAYER);
    GqaConfig biased = read("{\"model_type\": \"phimoe\", \"attention_bias\": true, \"lm_head_bias\": true, \"num_experts\": 8}");
    assertThat(biased.attentionParts()).isEqualTo(new AttentionParts(true, true, false));
    assertThat(biased.ends()).isEqualTo(new ModelEnds(false, false, true));
    assertThat(biased.experts().orElseThrow().count()).isEqualTo(8);
  }

  @Test
  void gptOssDefaults() {
    GqaConfig c = read("{\"model_type\": \"gpt_oss\", \"hidden_act\": \"gelu\", \"experts_per_token\": 2}");
    // hidden_act and experts_per_token are not GptOssConfig's keys: ignored.
    assertThat(c.decoder())
        .isEqualTo(new Decoder("gpt_oss", 201088, 2880, 2880, 36, 64, 8, 64, Activation.CLAMPED_SWIGLU, FLOAT16, false));
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(true, true, false, 1.0, false, true, false));
    assertThat(c.experts()).contains(new Experts(128, 4, 2880, 36, 0, false, false, true, Layers.ALL));
    assertThat(c.slidingWindow()).isEqualTo(new SlidingWindow(128, 18, new Layers.Not(new Layers.Every(2))));
    assertThat(read("{\"model_type\": \"gpt_oss\", \"attention_bias\": false, \"num_experts\": 32}").attentionParts().qkvBias())
        .isFalse();
  }

  @Test
  void glm4MoeDefaults() {
    GqaConfig c = read("{\"model_type\": \"glm4_moe\", \"head_dim\": 128}");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("glm4_moe", 151552, 4096, 10944, 46, 96, 8, 128, Activation.SILU, FLOAT16, false));
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(false, false, false, 0.5, false, false, false));
    assertThat(c.experts()).contains(new Experts(128, 8, 1408, 45, 1408, false, true, new Layers.From(1)));
    assertThat(c.firstLayers()).isEqualTo(new FirstLayers(1, 0));
    assertThat(c.slidingWindow()).isEqualTo(SlidingWindow.NONE);
    // attention_bias puts biases on q, k and v only; num_local_experts is n_routed_experts' alias.
    GqaConfig biased =
        read(
            "{\"model_type\": \"glm4_moe\", \"head_dim\": 128, \"attention_bias\": true, \"num_local_experts\": 64,"
                + " \"n_shared_experts\": 2, \"first_k_dense_replace\": 3, \"use_qk_norm\": true}");
    assertThat(biased.attentionParts()).isEqualTo(new AttentionParts(true, false, true, 0.5, false, false, false));
    assertThat(biased.experts()).contains(new Experts(64, 8, 1408, 43, 2816, false, true, new Layers.From(3)));
  }

  @Test
  void qwen3NextDefaults() {
    GqaConfig c = read("{\"model_type\": \"qwen3_next\"}");
    assertThat(c.decoder())
        .isEqualTo(new Decoder("qwen3_next", 151936, 2048, 5632, 48, 16, 2, 256, Activation.SILU, FLOAT16, false));
    assertThat(c.attentionParts()).isEqualTo(new AttentionParts(false, false, true, 0.25, false, false, true));
    assertThat(c.experts()).contains(new Experts(512, 10, 512, 48, 512, true, false, new Layers.Without(new Layers.Every(1), Layers.Listed.of(java.util.List.of()))));
    // (i + 1) % 4 == 0 is full attention: layers 3, 7, …, 47; the 36 others are linear.
    assertThat(c.linearAttention()).contains(new LinearAttention(36, 16, 32, 128, 128, 4, 0, 3, new Layers.Not(new Layers.Every(4))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # keys after model_type                                                                                          | linear | first linear | first full
          "num_hidden_layers": 4, "layer_types": ["full_attention", "linear_attention", "linear_attention", "full_attention"] | 2      | 1            | 0
          "num_hidden_layers": 3, "layer_types": ["linear_attention", "linear_attention", "linear_attention"]                | 3      | 0            | 0
          "full_attention_interval": 1                                                                                     | 0      | 0            | 0
          "full_attention_interval": 3, "num_hidden_layers": 7                                                             | 5      | 0            | 2
          "full_attention_interval": 64                                                                                    | 48     | 0            | 0
          """)
  void qwen3NextLayerKinds(String keys, long linear, long firstLinear, long firstFull) {
    LinearAttention l = read("{\"model_type\": \"qwen3_next\", " + keys + "}").linearAttention().orElseThrow();
    assertThat(l.layers()).isEqualTo(linear);
    assertThat(l.firstLayer()).isEqualTo(firstLinear);
    assertThat(l.firstAttentionLayer()).isEqualTo(firstFull);
  }
}
