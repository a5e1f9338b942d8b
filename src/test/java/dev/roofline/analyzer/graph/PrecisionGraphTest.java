package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roofline.analyzer.config.ConfigException;
import dev.roofline.analyzer.config.ParsedConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Precision through the real graph (precision.md): configs read as the command reads them, their
 * {@code quantization_config} resolved, the graph built, and its rows and storage terms checked
 * against checkpoint sizes and bytes worked out by hand. {@code fp8(N, K, c)} below is the fp8
 * block format's N·K + ⌈N/128⌉·⌈K/128⌉·c.
 */
class PrecisionGraphTest {

  private static final long KIB_64 = 64 * 1024;
  private static final String DEEPSEEK = "deepseek-ai--DeepSeek-V3.json";
  private static final String QWEN3_32B = "Qwen--Qwen3-32B.json";
  private static final String LLAMA_8B = "meta-llama--Llama-3.1-8B.json";
  private static final String QWEN3_FP8 =
      "{\"activation_scheme\": \"dynamic\", \"fmt\": \"e4m3\", \"quant_method\": \"fp8\","
          + " \"weight_block_size\": [128, 128]}";

  private static String resource(String file) {
    try (InputStream in = PrecisionGraphTest.class.getResourceAsStream("/precision/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code json} with a top-level {@code quantization_config} added. */
  static String withQuantizationConfig(String json, String quantizationConfig) {
    int end = json.lastIndexOf('}');
    return json.substring(0, end).stripTrailing() + ",\n  \"quantization_config\": " + quantizationConfig + "\n}\n";
  }

  private static ParsedConfig parse(String json) {
    return Graphs.parseConfig(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  private static Query query(long cached, long input) {
    return new Query(List.of(BigInteger.valueOf(cached)), List.of(BigInteger.valueOf(input)), BigInteger.ONE);
  }

  private static Graph graph(String json, QuantizationMode mode, PrecisionOptions options, long cached, long input) {
    ParsedConfig c = parse(json);
    Precision p = c.precision(mode, options, "test.json");
    return Graphs.build(c.model(), query(cached, input), p);
  }

  private static Graph auto(String json) {
    return graph(json, QuantizationMode.AUTO, PrecisionOptions.NONE, 0, 1);
  }

  /** Weights (the Total row's weight bytes) + Additional Experts + Embedding Table. */
  private static BigInteger checkpointBytes(Graph g) {
    return Fixtures.total(g)
        .weight()
        .add(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS))
        .add(Fixtures.storage(g, StorageKind.EMBEDDING_TABLE));
  }

  /**
   * DeepSeek-V3's FP8 checkpoint holds 688,574,839,360 bytes, of which 673,150,611,808 without the
   * MTP layer; less the LM head (129280·7168·2 = 1,853,358,080) and the final norm (7168·2 =
   * 14,336): 671,297,239,392 bytes for Weights + Additional Experts + Embedding Table.
   *
   * <p>The graph counts, with fp32 128×128 block scales (c = 4): per layer q_a_proj, q_b_proj,
   * kv_a_proj_with_mqa, kv_b_proj (split between Q_Absorb and V_Absorb), o_proj; four norms of
   * h+1 bf16 values; in the 58 expert layers 256 experts (8 in the routed rows, 248 in
   * Additional Experts) and the shared expert, each gate, up and down apart, and the router with
   * its correction bias at bf16; in the 3 dense layers a dense MLP; and the embedding table at
   * bf16 (the row values are in {@link #deepSeekV3Fp8Rows}). Differences from the checkpoint:
   * +488 = 61 layers · 4 norms · 2 B (the h+1 convention), and −29,696 = 58 layers · 256 · 2 B
   * because the checkpoint stores e_score_correction_bias in fp32 and the graph at the config
   * dtype. Total: 671,297,239,392 + 488 − 29,696 = 671,297,210,184.
   */
  @Test
  void deepSeekV3Fp8MatchesItsCheckpoint() {
    BigInteger bytes = checkpointBytes(auto(resource(DEEPSEEK)));
    BigInteger published = BigInteger.valueOf(671_297_239_392L);
    assertThat(bytes.subtract(published).abs()).isLessThanOrEqualTo(BigInteger.valueOf(KIB_64));
    assertThat(bytes).isEqualTo(BigInteger.valueOf(671_297_239_392L + 61 * 4 * 2 - 58 * 256 * 2));
  }

  /**
   * Qwen/Qwen3-32B-FP8 is Qwen3-32B's config plus its FP8 quantization_config (bf16 block
   * scales, c = 2). Its checkpoint holds 34,322,434,048 bytes; less the LM head (151936·5120·2 =
   * 1,555,824,640) and the final norm (5120·2 = 10,240): 32,766,599,168 bytes.
   *
   * <p>Per layer (H 5120, 64 heads, 8 KV heads, d 128, I 25600): q [8192, 5120] fp8 = 41,943,040 +
   * 64·40·2 = 41,948,160; k and v [1024, 5120] = 5,242,880 + 8·40·2 = 5,243,520 each; o [5120,
   * 8192] = 41,948,160; gate and up [25600, 5120] = 131,072,000 + 200·40·2 = 131,088,000 each;
   * down [5120, 25600] = 131,088,000; norms 2·5121·2 + 2·129·2 (QK_Norm) = 21,000. A layer:
   * 487,668,360; 64 layers: 31,210,775,040; with the embedding table (151936·5120·2 =
   * 1,555,824,640): 32,766,599,680. Difference: +512 = 64 layers · 4 norms · 2 B (h+1).
   */
  @Test
  void qwen3With32BFp8MatchesItsCheckpoint() {
    BigInteger bytes = checkpointBytes(auto(withQuantizationConfig(resource(QWEN3_32B), QWEN3_FP8)));
    BigInteger published = BigInteger.valueOf(32_766_599_168L);
    assertThat(bytes.subtract(published).abs()).isLessThanOrEqualTo(BigInteger.valueOf(KIB_64));
    assertThat(bytes).isEqualTo(BigInteger.valueOf(32_766_599_168L + 64 * 4 * 2));
  }

  /**
   * DeepSeek-V3 with its FP8 quantization_config, one token (T = 1), per block: H 7168, 128 heads,
   * q rank 1536, latent 512, rope 64, nope 128, v 128, 256 experts of 2048, 8 per token, dense
   * MLP 18432. Projections fp8(N, K, 4), their inputs at fp8 (1 byte each); norms, router (with
   * its 256 correction biases) and the other activations at bf16 (2 bytes); the KV cache at
   * bf16, as its quantization_config says nothing of it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # node                        | weight    | input
          # (7168 + 1)·2; input 7168·2
          ATTN_RMSNORM                    | 14338     | 14336
          # [1536, 7168]: 11010048 + 12·56·4; input 7168 at fp8
          ATTN_Q_A_PROJ                   | 11012736  | 7168
          ATTN_Q_A_RMSNORM                | 3074      | 3072
          # [128·192, 1536]: 37748736 + 192·12·4
          ATTN_Q_B_PROJ                   | 37757952  | 1536
          # [576, 7168]: 4128768 + 5·56·4
          ATTN_KV_A_PROJ                  | 4129888   | 7168
          ATTN_KV_A_RMSNORM               | 1026      | 1024
          # kv_b_proj [128·256, 512]: 16777216 + 256·4·4 = 16781312; Q_Absorb ⌊·128/256⌋, V_Absorb the rest
          # Q_Absorb reads 128 heads × 128 at fp8, V_Absorb 128 heads × 512
          ATTN_Q_ABSORB                   | 8390656   | 16384
          ATTN_V_ABSORB                   | 8390656   | 65536
          # queries 128·576·2 and one cached latent 576·2, at bf16
          ATTN_SDPA                       | 0         | 148608
          # [7168, 16384]: 117440512 + 56·128·4; input 128·128
          ATTN_O_PROJ                     | 117469184 | 16384
          # [256, 7168]·2 + 256·2 bias, at bf16
          FFN_ROUTER                      | 3670528   | 14336
          # 8 experts × (gate + up) [2048, 7168]: 8·2·(14680064 + 16·56·4); 8 inputs of 7168
          FFN_ROUTED_EXP_GATE_UP_PROJ     | 234938368 | 57344
          # 8 × down [7168, 2048]: 8·(14680064 + 56·16·4); 8 inputs of 2048
          FFN_ROUTED_EXP_DOWN_PROJ        | 117469184 | 16384
          FFN_SHARED_EXP_GATE_UP_PROJ     | 29367296  | 7168
          FFN_SHARED_EXP_DOWN_PROJ        | 14683648  | 2048
          # 2 × [18432, 7168]: 2·(132120576 + 144·56·4)
          FFN_NON_MOE_GATE_UP_PROJ        | 264305664 | 7168
          # [7168, 18432]: 132120576 + 56·144·4
          FFN_NON_MOE_DOWN_PROJ           | 132152832 | 18432
          """)
  void deepSeekV3Fp8Rows(Operator op, long weight, long input) {
    Node n = Fixtures.node(auto(resource(DEEPSEEK)), op);
    assertThat(n.cost().weight()).isEqualTo(BigInteger.valueOf(weight));
    assertThat(n.cost().input()).isEqualTo(BigInteger.valueOf(input));
  }

  @Test
  void deepSeekV3Fp8Storage() {
    Graph g = auto(resource(DEEPSEEK));
    // 248 idle experts × (gate + up + down = 3·14683648) × 58 layers.
    assertThat(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(BigInteger.valueOf(633_628_778_496L));
    // 129280 · 7168 · 2: the embedding table stays at bf16.
    assertThat(Fixtures.storage(g, StorageKind.EMBEDDING_TABLE)).isEqualTo(BigInteger.valueOf(1_853_358_080L));
    // 61 layers × 1 token × 576 latent values × 2 bytes.
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(70_272));
  }

  @Test
  void precisionChangesNoFlopsAndNoOutputs() {
    String json = resource(DEEPSEEK);
    Graph plain = graph(json, QuantizationMode.NONE, PrecisionOptions.NONE, 100, 7);
    Graph fp8 = graph(json, QuantizationMode.AUTO, PrecisionOptions.parse("int4", "fp8", "fp4"), 100, 7);
    assertThat(fp8.nodes()).hasSameSizeAs(plain.nodes());
    for (int i = 0; i < plain.nodes().size(); i++) {
      Node a = plain.nodes().get(i);
      Node b = fp8.nodes().get(i);
      assertThat(b.operator()).isEqualTo(a.operator());
      assertThat(b.cost().flops()).as(a.operator().label()).isEqualTo(a.cost().flops());
      assertThat(b.cost().output()).as(a.operator().label()).isEqualTo(a.cost().output());
    }
    assertThat(Fixtures.total(fp8).weight()).isLessThan(Fixtures.total(plain).weight());
  }

  /**
   * kv_b_proj is one tensor split between Q_Absorb and V_Absorb in proportion to nope and vd:
   * Q_Absorb takes ⌊bytes·nope/(nope + vd)⌋, V_Absorb the rest. Two heads, nope 3, vd 2, latent
   * 100: kv_b_proj is [2·5, 100]; fp8 with fp32 block scales: 1000 + 1·1·4 = 1004, so 602 and 402
   * (602.4 rounded down); at bf16 2000, so exactly 2·3·100·2 = 1200 and 2·2·100·2 = 800.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"AUTO, 602, 402", "NONE, 1200, 800"})
  void kvBProjIsSplitBetweenTheAbsorbedProducts(QuantizationMode mode, long keys, long values) {
    String json =
        """
        {"model_type": "deepseek_v3", "torch_dtype": "bfloat16", "hidden_size": 64, "num_attention_heads": 2,
         "q_lora_rank": 32, "kv_lora_rank": 100, "qk_nope_head_dim": 3, "qk_rope_head_dim": 2, "v_head_dim": 2,
         "num_hidden_layers": 2, "first_k_dense_replace": 1, "n_routed_experts": 4, "num_experts_per_tok": 2,
         "moe_intermediate_size": 16, "intermediate_size": 32, "vocab_size": 10,
         "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128]}}
        """;
    Graph g = graph(json, mode, PrecisionOptions.NONE, 0, 1);
    assertThat(Fixtures.node(g, Operator.ATTN_Q_ABSORB).cost().weight()).isEqualTo(BigInteger.valueOf(keys));
    assertThat(Fixtures.node(g, Operator.ATTN_V_ABSORB).cost().weight()).isEqualTo(BigInteger.valueOf(values));
  }

  /**
   * Llama-3.1-8B (H 4096, 32 heads, 8 KV heads, d 128) as a compressed-tensors W8A8 FP8
   * checkpoint with one bf16 scale per output channel, and one module kept at bf16 by an ignore
   * pattern. q [4096, 4096] fp8: 16777216 + 4096·2 = 16785408; k and v [1024, 4096] fp8: 4194304 +
   * 1024·2 = 4196352; at bf16 q is 33554432 and k 8388608. The fused row reads its input once, at
   * q's input type: fp8 (4096 bytes) or, with q kept, bf16 (8192).
   */
  @ParameterizedTest(name = "ignore {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # ignore                    | QKV weight | QKV input | O weight
          "lm_head"                     | 25178112   | 4096      | 16785408
          # 16785408 + 8388608 + 4196352
          "lm_head", "re:.*self_attn[.]k_proj$" | 29370368 | 4096  | 16785408
          # 33554432 + 4196352 + 4196352
          "re:.*self_attn[.]q_proj$"    | 41947136   | 8192      | 16785408
          # 4096·4096·2 for o_proj alone
          "re:.*o_proj"                 | 25178112   | 4096      | 33554432
          """)
  void anIgnorePatternKeepsItsModuleAtTheDtype(String ignore, long qkv, long qkvInput, long o) {
    String ct =
        """
        {"quant_method": "compressed-tensors", "format": "float-quantized",
         "config_groups": {"group_0": {"targets": ["Linear"],
           "weights": {"num_bits": 8, "type": "float", "strategy": "channel", "symmetric": true, "dynamic": false},
           "input_activations": {"num_bits": 8, "type": "float", "strategy": "token", "dynamic": true}}},
         "ignore": [%s]}
        """
            .formatted(ignore);
    Graph g = auto(withQuantizationConfig(resource(LLAMA_8B), ct));
    Node qkvNode = Fixtures.node(g, Operator.ATTN_QKV_PROJ);
    assertThat(qkvNode.cost().weight()).isEqualTo(BigInteger.valueOf(qkv));
    assertThat(qkvNode.cost().input()).isEqualTo(BigInteger.valueOf(qkvInput));
    assertThat(Fixtures.node(g, Operator.ATTN_O_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(o));
  }

  /**
   * Mixtral-8x7B (H 4096, I 14336, 8 experts, 2 per token, 32 layers, bf16) as an FP8 checkpoint
   * (bf16 scales: fp8(N, K, 2) = 58720256 + 32·112·2 = 58727424 for every expert tensor) whose
   * modules_to_not_convert keeps one expert's down projection (w2) at bf16 in every layer
   * (117440512 bytes). Each expert is its own tensor: expert 1 is one of the two the routed rows
   * read (0 and 1), expert 5 one of the six in Additional Experts.
   */
  @ParameterizedTest(name = "expert {0} kept")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # expert | down weight | down input | additional experts
          # 58727424 + 117440512; inputs 14336 at fp8 + 14336·2 at bf16; 32 · 6 · 3 · 58727424
          1        | 176167936   | 43008      | 33826996224
          # 2 · 58727424, 2 · 14336; 32 · (5 · 3 · 58727424 + 2 · 58727424 + 117440512)
          5        | 117454848   | 28672      | 35705815040
          """)
  void eachExpertIsItsOwnTensor(int expert, long down, long downInput, long additional) {
    String fp8 =
        "{\"quant_method\": \"fp8\", \"weight_block_size\": [128, 128], \"modules_to_not_convert\":"
            + " [\"model[.]layers[.][0-9]+[.]block_sparse_moe[.]experts[.]"
            + expert
            + "[.]w2\"]}";
    String json = new String(Fixtures.bundled("mistralai/Mixtral-8x7B-v0.1"), StandardCharsets.UTF_8);
    Graph g = auto(withQuantizationConfig(json, fp8));
    Node n = Fixtures.node(g, Operator.FFN_ROUTED_EXP_DOWN_PROJ);
    assertThat(n.cost().weight()).isEqualTo(BigInteger.valueOf(down));
    assertThat(n.cost().input()).isEqualTo(BigInteger.valueOf(downInput));
    // gate (w1) and up (w3) of experts 0 and 1, all fp8: 4 · 58727424; inputs 2 · 4096 at fp8
    Node gateUp = Fixtures.node(g, Operator.FFN_ROUTED_EXP_GATE_UP_PROJ);
    assertThat(gateUp.cost().weight()).isEqualTo(BigInteger.valueOf(234_909_696));
    assertThat(gateUp.cost().input()).isEqualTo(BigInteger.valueOf(8192));
    assertThat(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(BigInteger.valueOf(additional));
  }

  /**
   * A row takes the modules of the first layer of its kind: in this qwen3_moe model layers 0 and
   * 1 are dense (mlp_only_layers), so the experts' rows are named after layer 2, and keeping
   * {@code model.layers.2.mlp.experts.0.down_proj} at bf16 shows in them. Down projections [64,
   * 32]: bf16 4096, fp8 2048 + 1·1·2 = 2050; the routed row reads experts 0 and 1: 4096 + 2050;
   * inputs 32·2 + 32. The dense rows (layer 0) are all fp8: down 2050.
   */
  @Test
  void aRowTakesTheModulesOfTheFirstLayerOfItsKind() {
    String json =
        """
        {"model_type": "qwen3_moe", "torch_dtype": "bfloat16", "hidden_size": 64, "num_attention_heads": 2,
         "num_key_value_heads": 1, "head_dim": 32, "num_hidden_layers": 4, "mlp_only_layers": [0, 1],
         "num_experts": 4, "num_experts_per_tok": 2, "moe_intermediate_size": 32, "intermediate_size": 32,
         "vocab_size": 10,
         "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128],
           "modules_to_not_convert": ["model.layers.2.mlp.experts.0.down_proj"]}}
        """;
    Graph g = auto(json);
    Node routed = Fixtures.node(g, Operator.FFN_ROUTED_EXP_DOWN_PROJ);
    assertThat(routed.blocks()).isEqualTo(2);
    assertThat(routed.cost().weight()).isEqualTo(BigInteger.valueOf(6146));
    assertThat(routed.cost().input()).isEqualTo(BigInteger.valueOf(96));
    assertThat(Fixtures.node(g, Operator.FFN_NON_MOE_DOWN_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(2050));
  }

  /**
   * {@code --kv-dtype fp8} on a bf16 model halves its KV cache exactly, in storage and in what
   * attention reads, and nothing else. Llama-3.1-8B, 1024 cached + 1 new token: KV 32 layers ·
   * 1025 tokens · 2·1024 values · 2 B = 134348800 → 67174400; SDPA reads the query (4096·2 = 8192,
   * unchanged) and 1025 · 2048 K/V values: 8192 + 4198400 → 8192 + 2099200. DeepSeek-V3, 4095
   * cached + 1 (MLA): 61 · 4096 · 576 · 2 = 287834112 → 143917056.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config                      | cached | kv bf16   | kv fp8    | sdpa in bf16 | sdpa in fp8
          meta-llama--Llama-3.1-8B.json | 1024   | 134348800 | 67174400  | 4206592      | 2107392
          # SDPA: queries 128·576·2 = 147456 and 4096 latents of 576 values
          deepseek-ai--DeepSeek-V3.json | 4095   | 287834112 | 143917056 | 4866048      | 2506752
          """)
  void kvDtypeFp8HalvesTheKvCacheOfABf16Model(
      String config, long cached, long kv, long kvFp8, long sdpaInput, long sdpaInputFp8) {
    String json = resource(config);
    Graph plain = graph(json, QuantizationMode.NONE, PrecisionOptions.NONE, cached, 1);
    Graph fp8 = graph(json, QuantizationMode.NONE, PrecisionOptions.parse(null, "fp8", null), cached, 1);
    assertThat(Fixtures.storage(plain, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(kv));
    assertThat(Fixtures.storage(fp8, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(kvFp8));
    assertThat(BigInteger.valueOf(kvFp8).shiftLeft(1)).isEqualTo(BigInteger.valueOf(kv));
    assertThat(Fixtures.node(plain, Operator.ATTN_SDPA).cost().input()).isEqualTo(BigInteger.valueOf(sdpaInput));
    assertThat(Fixtures.node(fp8, Operator.ATTN_SDPA).cost().input()).isEqualTo(BigInteger.valueOf(sdpaInputFp8));
    assertThat(Fixtures.total(fp8).weight()).isEqualTo(Fixtures.total(plain).weight());
  }

  /**
   * A quantization_config whose lists name modules is applied to each expert by its module name,
   * which is bounded: a config with more experts a layer than {@value Tensors#MAX_NAMED_EXPERTS}
   * is an error rather than a run that names them for minutes. Without such a list, or with a
   * format given by option, no name matters and the count goes on.
   */
  @Test
  void tooManyExpertsToNameAreAnErrorOnlyWhenNamesMatter() {
    String config =
        """
        {"model_type": "qwen3_moe", "torch_dtype": "bfloat16", "hidden_size": 64, "num_attention_heads": 2,
         "num_key_value_heads": 1, "head_dim": 32, "num_hidden_layers": 2, "num_experts": 65537,
         "num_experts_per_tok": 2, "moe_intermediate_size": 32, "vocab_size": 10,
         "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128]%s}}
        """;
    String json = config.formatted(", \"modules_to_not_convert\": [\"lm_head\"]");
    assertThatThrownBy(() -> auto(json))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "the quantization_config is applied expert by expert, by module name, to at most 65536 experts a"
                + " layer; this model has 65537");
    // --weight-dtype fp8 (fp32 scales): 65535 idle experts × 3 × ([32, 64]: 2048 + 1·1·4) × 2 layers
    Graph g = graph(json, QuantizationMode.AUTO, PrecisionOptions.parse("fp8", null, null), 0, 1);
    assertThat(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(BigInteger.valueOf(65535L * 3 * 2052 * 2));
    // No list: every expert alike (bf16 block scales: 2048 + 1·1·2).
    Graph plain = auto(config.formatted(""));
    assertThat(Fixtures.storage(plain, StorageKind.ADDITIONAL_EXPERTS))
        .isEqualTo(BigInteger.valueOf(65535L * 3 * 2050 * 2));
  }
}
