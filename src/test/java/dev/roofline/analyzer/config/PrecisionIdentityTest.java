package dev.roofline.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec's checking identity, from the formats alone: the bytes of every checkpoint tensor a
 * step's storage counts (Weights + Additional Experts + Embedding Table), module by module as the
 * graph will ask for them, against published checkpoint sizes less the LM head and the final norm.
 * Norms follow the graph's h+1 convention (one extra element per rmsnorm application), so each
 * total exceeds the checkpoint by 2 bytes per norm and layer; any other difference is explained
 * below. The acceptance bound is 64 KiB.
 */
class PrecisionIdentityTest {
  private static final long KIB_64 = 64 * 1024;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(String file) throws IOException {
    try (InputStream in = PrecisionIdentityTest.class.getResourceAsStream("/precision/" + file)) {
      assertThat(in).as(file).isNotNull();
      return (Map<String, Object>) ConfigReader.parse(in.readAllBytes(), file);
    }
  }

  /** The precisions of {@code config} with {@code quantizationConfig} read, as auto reads them. */
  private static Precision auto(Map<String, Object> config, Object quantizationConfig) {
    return Precision.resolve(
        QuantizationMode.AUTO,
        quantizationConfig,
        PrecisionOptions.NONE,
        DType.of((String) config.get("torch_dtype")),
        (String) config.get("model_type"),
        "test.json");
  }

  private static long key(Map<String, Object> config, String key) {
    return ((BigInteger) config.get(key)).longValueExact();
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /** The bytes of module {@code name}'s [n, k] weight. */
  private static BigInteger w(Precision p, String name, long n, long k) {
    return p.weightBytes(name, big(n), big(k));
  }

  /** Gate and up [i, h] and down [h, i] of a gated MLP under {@code prefix}. */
  private static BigInteger mlp(Precision p, String prefix, long h, long i) {
    return w(p, prefix + "gate_proj", i, h)
        .add(w(p, prefix + "up_proj", i, h))
        .add(w(p, prefix + "down_proj", h, i));
  }

  /** One rmsnorm of {@code hidden} features by the h+1 convention: (hidden+1)·w. */
  private static BigInteger norm(Precision p, long hidden) {
    return p.configType().bytes(hidden + 1);
  }

  /**
   * A grouped-query decoder (llama, qwen3) with head width {@code d}: the embedding table, and per
   * layer input_layernorm and post_attention_layernorm (H+1 each), with {@code qkNorm} q_norm and
   * k_norm (d+1 each), q_proj [nh·d, H], k_proj and v_proj [nkv·d, H] apart, o_proj [H, nh·d] and
   * the MLP.
   */
  private static BigInteger gqaModel(Precision p, Map<String, Object> c, long d, boolean qkNorm) {
    long h = key(c, "hidden_size");
    long q = key(c, "num_attention_heads") * d;
    long kv = key(c, "num_key_value_heads") * d;
    BigInteger total = w(p, "model.embed_tokens", key(c, "vocab_size"), h);
    for (long layer = 0; layer < key(c, "num_hidden_layers"); layer++) {
      String l = "model.layers." + layer + ".";
      String a = l + "self_attn.";
      BigInteger norms = norm(p, h).multiply(BigInteger.TWO);
      if (qkNorm) {
        norms = norms.add(norm(p, d).multiply(BigInteger.TWO));
      }
      total =
          total
              .add(norms)
              .add(w(p, a + "q_proj", q, h))
              .add(w(p, a + "k_proj", kv, h))
              .add(w(p, a + "v_proj", kv, h))
              .add(w(p, a + "o_proj", h, q))
              .add(mlp(p, l + "mlp.", h, key(c, "intermediate_size")));
    }
    return total;
  }

  private static void assertIdentity(BigInteger total, long published, long normConvention, long explained) {
    assertThat(total.subtract(big(published)).abs()).isLessThanOrEqualTo(big(KIB_64));
    assertThat(total).isEqualTo(big(published + normConvention + explained));
  }

  /**
   * DeepSeek-V3 (FP8 checkpoint, fp32 128×128 block scales: c = 4). Published: 688,574,839,360 B,
   * of which 673,150,611,808 without the MTP layer; less the LM head (129280·7168·2 =
   * 1,853,358,080) and the final norm (7168·2 = 14,336): 671,297,239,392.
   *
   * <p>Per layer (the MLA layout of deepseek_v3): input_layernorm and post_attention_layernorm (H+1 each),
   * q_a_layernorm (ql+1), kv_a_layernorm (kvl+1); q_a_proj [ql, H], q_b_proj [nh·qk, ql],
   * kv_a_proj_with_mqa [kvl+rope, H], kv_b_proj [nh·(nope+vd), kvl], o_proj [H, nh·vd]. The first
   * first_k_dense_replace layers: a dense MLP of intermediate_size; the others: E experts of
   * moe_intermediate_size, shared experts of Is = Ie·n_shared_experts, the router [E, H] and its
   * e_score_correction_bias (E), both at bf16. Plus the embedding table vocab·H·2.
   *
   * <p>Differences: +488 = 61 layers · 4 norms · 2 B (h+1); −29,696 = 58 MoE layers · 256 · 2 B,
   * because the checkpoint stores e_score_correction_bias in fp32 where the spec counts it at the
   * config dtype.
   */
  @Test
  void deepSeekV3Fp8() throws IOException {
    Map<String, Object> c = config("deepseek-ai--DeepSeek-V3.json");
    Precision p = auto(c, c.get("quantization_config"));
    long h = key(c, "hidden_size");
    long nh = key(c, "num_attention_heads");
    long ql = key(c, "q_lora_rank");
    long kvl = key(c, "kv_lora_rank");
    long rope = key(c, "qk_rope_head_dim");
    long nope = key(c, "qk_nope_head_dim");
    long vd = key(c, "v_head_dim");
    long experts = key(c, "n_routed_experts");
    long ie = key(c, "moe_intermediate_size");
    long is = ie * key(c, "n_shared_experts");
    long dense = key(c, "first_k_dense_replace");
    BigInteger total = w(p, "model.embed_tokens", key(c, "vocab_size"), h);
    for (long layer = 0; layer < key(c, "num_hidden_layers"); layer++) {
      String l = "model.layers." + layer + ".";
      String a = l + "self_attn.";
      total =
          total
              .add(norm(p, h).multiply(BigInteger.TWO))
              .add(norm(p, ql))
              .add(norm(p, kvl))
              .add(w(p, a + "q_a_proj", ql, h))
              .add(w(p, a + "q_b_proj", nh * (nope + rope), ql))
              .add(w(p, a + "kv_a_proj_with_mqa", kvl + rope, h))
              .add(w(p, a + "kv_b_proj", nh * (nope + vd), kvl))
              .add(w(p, a + "o_proj", h, nh * vd));
      if (layer < dense) {
        total = total.add(mlp(p, l + "mlp.", h, key(c, "intermediate_size")));
        continue;
      }
      for (long e = 0; e < experts; e++) {
        total = total.add(mlp(p, l + "mlp.experts." + e + ".", h, ie));
      }
      total =
          total
              .add(mlp(p, l + "mlp.shared_experts.", h, is))
              .add(w(p, l + "mlp.gate", experts, h))
              .add(p.configType().bytes(experts));
    }
    assertIdentity(total, 671_297_239_392L, 61 * 4 * 2, -58 * 256 * 2);
  }

  /**
   * Qwen/Qwen3-32B-FP8: Qwen3-32B's config plus its FP8 quantization_config (bf16 128×128 block
   * scales: c = 2). Published: 34,322,434,048 B, less the LM head (151936·5120·2 = 1,555,824,640)
   * and the final norm (5120·2 = 10,240): 32,766,599,168.
   *
   * <p>{@link #gqaModel} with q_norm and k_norm (the QK_Norm pair: rmsnorm(d, ·) for q and for k);
   * the only difference is the h+1 convention: 64 layers · 4 norms · 2 B.
   */
  @Test
  void qwen3With32BFp8() throws IOException {
    Map<String, Object> c = config("Qwen--Qwen3-32B.json");
    Precision p =
        auto(
            c,
            QuantizationConfigTest.json(
                "{\"activation_scheme\": \"dynamic\", \"fmt\": \"e4m3\", \"quant_method\": \"fp8\","
                    + " \"weight_block_size\": [128, 128]}"));
    BigInteger total = gqaModel(p, c, key(c, "head_dim"), true);
    assertIdentity(total, 32_766_599_168L, 64 * 4 * 2, 0);
  }

  /**
   * RedHatAI/Meta-Llama-3.1-8B-Instruct-FP8-dynamic (compressed-tensors, fp8 weights with one bf16
   * scale per output channel, dynamic per-token fp8 inputs, lm_head ignored). Published:
   * 9,083,953,152 B, less the LM head (128256·4096·2 = 1,050,673,152) and the final norm (4096·2 =
   * 8,192): 8,033,271,808. {@link #gqaModel} without q/k norms; the only difference is the h+1
   * convention: 32 layers · 2 norms · 2 B.
   */
  @Test
  void llama31With8BFp8Dynamic() throws IOException {
    Map<String, Object> c = config("meta-llama--Llama-3.1-8B.json");
    Precision p =
        auto(
            c,
            QuantizationConfigTest.json(
                """
                {"config_groups": {"group_0": {
                   "input_activations": {"block_structure": null, "dynamic": true, "group_size": null,
                     "num_bits": 8, "observer": null, "observer_kwargs": {}, "strategy": "token",
                     "symmetric": true, "type": "float"},
                   "output_activations": null, "targets": ["Linear"],
                   "weights": {"block_structure": null, "dynamic": false, "group_size": null,
                     "num_bits": 8, "observer": "minmax", "observer_kwargs": {}, "strategy": "channel",
                     "symmetric": true, "type": "float"}}},
                 "format": "float-quantized", "global_compression_ratio": 1.24, "ignore": ["lm_head"],
                 "kv_cache_scheme": null, "quant_method": "compressed-tensors",
                 "quantization_status": "compressed"}
                """));
    long h = key(c, "hidden_size");
    BigInteger total = gqaModel(p, c, h / key(c, "num_attention_heads"), false);
    assertIdentity(total, 8_033_271_808L, 32 * 2 * 2, 0);
    assertThat(p.activations().peakColumn()).contains("fp8");
  }
}
