package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ParsedConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows of one layer of gemma2, gemma3, phi3, phimoe, gpt_oss, glm4_moe and qwen3_next, under the
 * original's conventions and the refined ones, against values worked out by hand from the
 * primitives (the working is in the comments above each table).
 */
class FamilyRowsTest {

  private static CostModel costs(String name) {
    return name.equals("refined") ? CostModel.REFINED : CostModel.ORIGINAL;
  }

  private static void assertRow(
      String config, String model, long cached, long input, long batch, Operator op, long blocks, String... figures) {
    Node node = Fixtures.node(Fixtures.graph(config, costs(model), cached, input, batch), op);
    assertThat(node.blocks()).as(op.label()).isEqualTo(blocks);
    assertThat(node.cost())
        .as(op.label())
        .isEqualTo(new Cost(new BigInteger(figures[0]), new BigInteger(figures[1]), new BigInteger(figures[2]), new BigInteger(figures[3])));
  }

  // gemma-2-9b, float32 (w = 4): H = 3584, nh = 16, nkv = 8, d = 256 (qo = 4096, kv = 2048),
  // I = 14336, window 4096 (21 full and 21 sliding layers), V = 256000 tied, scores and logits
  // soft-capped. One query of 8192 cached tokens and 1 new.
  //   Post norms: rmsnorm(3584, 1): C = 4·3584 + 2 = 14338; W = 3585·4 (original) or 3584·4
  //     (refined); In = Out = 3584·4 = 14336.
  //   Original SDPA, s = 1: full L = 8193: C = 8193·8191 + 2048·16385 + 3·16·8193 (soft-capping)
  //     = 67108863 + 33556480 + 393264 = 101058607; In = 4096·4 + 8193·2·2048·4 = 134250496;
  //     Out = 16384. Sliding L = min(8192, 4095) + 1 = 4096: C = 4096·8191 + 2048·8191 +
  //     48·4096 = 50522112; In = 16384 + 4096·16384 = 67125248.
  //   Refined SDPA: 16 heads × V_q × (4·256 + 5 + 3): full V = K = 8193: C = 16·8193·1032 =
  //     135282816, In as above; sliding V = K = 4096: C = 16·4096·1032 = 67633152.
  //   ActMul (GeGLU, a = 8): original 9·14336 + 1 = 129025, refined 9·14336 = 129024;
  //     In = 2·14336·4 = 114688, Out = 57344.
  //   Embedding (refined): the row gathered, W = Out = 3584·4 = 14336, and × √H: C = 3584.
  //   LM head (refined): C = 2·256000·3584 + 3·256000 (capping) = 1835776000; W = 256000·3584·4
  //     = 3670016000 (the tied table); In = 14336; Out = 256000·4 = 1024000.
  // Prefill of 4 tokens from nothing, full layers: original s·L = 16: C = 16·8191 + 2048·4·7 +
  //   3·16·16 = 189168; refined V = 4·5/2 = 10: C = 16·10·1032 = 165120; both In = 4·4096·4 +
  //   4·2·2048·4 = 131072, Out = 4·4096·4 = 65536.
  @ParameterizedTest(name = "gemma-2-9b {1} {5} at {2}+{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config          | model    | cached | input | batch | operator              | blocks | flops      | weight     | input     | output
          google/gemma-2-9b | original | 8192   | 1     | 1     | ATTN_POST_RMSNORM     | 42     | 14338      | 14340      | 14336     | 14336
          google/gemma-2-9b | refined  | 8192   | 1     | 1     | FFN_POST_RMSNORM      | 42     | 14338      | 14336      | 14336     | 14336
          google/gemma-2-9b | original | 8192   | 1     | 1     | ATTN_SDPA_FULL        | 21     | 101058607  | 0          | 134250496 | 16384
          google/gemma-2-9b | original | 8192   | 1     | 1     | ATTN_SDPA_SLIDING     | 21     | 50522112   | 0          | 67125248  | 16384
          google/gemma-2-9b | refined  | 8192   | 1     | 1     | ATTN_SDPA_FULL        | 21     | 135282816  | 0          | 134250496 | 16384
          google/gemma-2-9b | refined  | 8192   | 1     | 1     | ATTN_SDPA_SLIDING     | 21     | 67633152   | 0          | 67125248  | 16384
          google/gemma-2-9b | original | 8192   | 1     | 1     | FFN_ACT_MUL           | 42     | 129025     | 0          | 114688    | 57344
          google/gemma-2-9b | refined  | 8192   | 1     | 1     | FFN_ACT_MUL           | 42     | 129024     | 0          | 114688    | 57344
          google/gemma-2-9b | refined  | 8192   | 1     | 1     | MODEL_EMBEDDING       | 1      | 3584       | 14336      | 0         | 14336
          google/gemma-2-9b | refined  | 8192   | 1     | 1     | MODEL_LM_HEAD         | 1      | 1835776000 | 3670016000 | 14336     | 1024000
          google/gemma-2-9b | original | 0      | 4     | 1     | ATTN_SDPA_FULL        | 21     | 189168     | 0          | 131072    | 65536
          google/gemma-2-9b | refined  | 0      | 4     | 1     | ATTN_SDPA_FULL        | 21     | 165120     | 0          | 131072    | 65536
          """)
  void gemma2(String config, String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(config, model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  // gemma-3-1b-it, bfloat16 (w = 2): H = 1152, nh = 4, nkv = 1, d = 256, window 512; of 26
  // layers 26/6 = 4 are full and 22 slide. QK norms: rmsnorm(256, 4T) + rmsnorm(256, T):
  //   C = (4·256 + 2)·5·T = 5130·T; W = 2·257·2 = 1028 (original) or 2·256·2 = 1024 (refined);
  //   In = Out = 256·5·T·2 = 2560·T. No soft-capping: refined SDPA at 1000 cached, 1 new,
  //   sliding V = K = 512: C = 4·512·(4·256 + 5) = 2107392; In = 4·256·2 + 512·(2·256·2) =
  //   526336; Out = 2048. Embedding × √H: C = 1152, W = Out = 2304.
  @ParameterizedTest(name = "gemma-3-1b-it {1} {5} at {2}+{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config            | model    | cached | input | batch | operator          | blocks | flops   | weight | input  | output
          google/gemma-3-1b-it | original | 0     | 1     | 1     | ATTN_QK_NORM      | 26     | 5130    | 1028   | 2560   | 2560
          google/gemma-3-1b-it | refined  | 0     | 3     | 1     | ATTN_QK_NORM      | 26     | 15390   | 1024   | 7680   | 7680
          google/gemma-3-1b-it | refined  | 1000  | 1     | 1     | ATTN_SDPA_SLIDING | 22     | 2107392 | 0      | 526336 | 2048
          google/gemma-3-1b-it | refined  | 1000  | 1     | 1     | MODEL_EMBEDDING   | 1      | 1152    | 2304   | 0      | 2304
          """)
  void gemma3(String config, String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(config, model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  // KV cache: Σ over layers of the tokens each holds × 2·nkv·d·w. gemma-3-1b-it (2·1·256·2 =
  // 1024 B a token) at 1000 cached + 1: 4 full × 1001 + 22 sliding × (511 + 1) tokens.
  // gemma-3-27b-it (62 layers, window 1024, 2·16·128·2 = 8192 B) at 100000 + 1: 10 full ×
  // 100001 + 52 sliding × 1024. gemma-2-9b (float32, 2·8·256·4 = 16384 B) at 8192 + 1: 21 ×
  // 8193 + 21 × 4096. Phi-3-mini (window 2047 in all 32 layers, 2·32·96·2 = 12288 B) at 5000 +
  // 1: 32 × (2046 + 1). The same under both conventions.
  @ParameterizedTest(name = "{0} {1} at {2}+{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          google/gemma-3-1b-it  | original | 1000   | 1 | 15634432
          google/gemma-3-1b-it  | refined  | 1000   | 1 | 15634432
          google/gemma-3-27b-it | original | 100000 | 1 | 8628289536
          google/gemma-3-27b-it | refined  | 100000 | 1 | 8628289536
          google/gemma-2-9b     | original | 8192   | 1 | 4228202496
          google/gemma-2-9b     | refined  | 8192   | 1 | 4228202496
          microsoft/Phi-3-mini-4k-instruct | original | 5000 | 1 | 804913152
          microsoft/Phi-3-mini-4k-instruct | refined  | 5000 | 1 | 804913152
          """)
  void kvCacheHoldsEachLayersWindow(String config, String model, long cached, long input, long bytes) {
    Graph g = Fixtures.graph(config, costs(model), cached, input, 1);
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(bytes));
  }

  // Phi-3-mini-4k-instruct, bfloat16: H = 3072, nh = nkv = 32, d = 96, window 2047 in all 32
  // layers (one SDPA row). QKV, one tensor of d·(nh + 2·nkv) = 9216 rows: original C = 9216·6143
  //   = 56613888, W = 9216·3072·2 = 56623104, In = 6144, Out = 18432. At 5000 cached and 1 new,
  //   L = min(5000, 2046) + 1 = 2047: original C = 2047·6143 + 3072·4093 = 25148417, In = 6144 +
  //   2047·2·3072·2 = 25159680, Out = 6144; refined V = K = 2047: C = 32·2047·(4·96 + 5) =
  //   25481056, In the same.
  @ParameterizedTest(name = "Phi-3-mini {1} {5} at {2}+{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config                         | model    | cached | input | batch | operator      | blocks | flops    | weight   | input    | output
          microsoft/Phi-3-mini-4k-instruct | original | 0      | 1     | 1     | ATTN_QKV_PROJ | 32     | 56613888 | 56623104 | 6144     | 18432
          microsoft/Phi-3-mini-4k-instruct | original | 5000   | 1     | 1     | ATTN_SDPA     | 32     | 25148417 | 0        | 25159680 | 6144
          microsoft/Phi-3-mini-4k-instruct | refined  | 5000   | 1     | 1     | ATTN_SDPA     | 32     | 25481056 | 0        | 25159680 | 6144
          """)
  void phi3(String config, String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(config, model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  /**
   * Partial rotation: Phi-4-mini's shape (H = 3072, nh = 24, nkv = 8, d = 128, factor 0.75) rotates
   * int(128 · 0.75) = 96 values of each of 32 heads: rope(96·32, T): C = 3·3072·T, In = Out =
   * 3072·T·2 (float16). The factor may sit in rope_parameters instead (transformers v5 files).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "partial_rotary_factor": 0.75
          "rope_parameters": {"rope_type": "longrope", "partial_rotary_factor": 0.75}
          """)
  void phi3RotatesItsFraction(String key) {
    String json = "{\"model_type\": \"phi3\", \"num_attention_heads\": 24, \"num_key_value_heads\": 8, " + key + "}";
    for (String model : new String[] {"original", "refined"}) {
      assertRow(json, model, 0, 2, 1, Operator.ATTN_ROPE, 32, "18432", "0", "12288", "12288");
    }
  }

  /** Phi-3.5-MoE-instruct's config (rope scaling aside), whose parameters are counted in its test. */
  static final String PHI_35_MOE =
      "{\"model_type\": \"phimoe\", \"vocab_size\": 32064, \"hidden_size\": 4096, \"intermediate_size\": 6400,"
          + " \"num_hidden_layers\": 32, \"num_attention_heads\": 32, \"num_key_value_heads\": 8,"
          + " \"num_local_experts\": 16, \"num_experts_per_tok\": 2, \"attention_bias\": true, \"lm_head_bias\": true,"
          + " \"sliding_window\": null, \"rope_scaling\": null, \"torch_dtype\": \"bfloat16\"}";

  // Phi-3.5-MoE (bfloat16, H = 4096, V = 32064): LayerNorms, layernorm(4096, T): C = (7·4096 + 2)·T
  //   = 28674·T, W = 2·4096·2 = 16384 (weight and bias, both conventions), In = Out = 4096·T·2.
  //   LM head with its bias, refined, batch 3 of one token each: C = 3·(2·32064·4096 + 32064) =
  //   788101056; W = 32064·4096·2 + 32064·2 = 262732416; In = 3·4096·2 = 24576; Out = 3·32064·2.
  //   Attention biases on q, k, v (4096 + 2·1024) and o (4096): QKV C = 6144·8191 + 6144 (the
  //   bias) = 50331648, W = 6144·4096·2 + 6144·2 = 50343936.
  @ParameterizedTest(name = "Phi-3.5-MoE {1} {5} at {2}+{3}×{4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # model  | cached | input | batch | operator              | blocks | flops     | weight    | input | output
          original | 0      | 1     | 1     | ATTN_LAYERNORM        | 32     | 28674     | 16384     | 8192  | 8192
          refined  | 0      | 2     | 1     | FFN_LAYERNORM         | 32     | 57348     | 16384     | 16384 | 16384
          refined  | 0      | 1     | 3     | MODEL_FINAL_LAYERNORM | 1      | 86022     | 16384     | 24576 | 24576
          refined  | 7      | 1     | 3     | MODEL_LM_HEAD         | 1      | 788101056 | 262732416 | 24576 | 192384
          original | 0      | 1     | 1     | ATTN_QKV_PROJ         | 32     | 50331648  | 50343936  | 8192  | 12288
          """)
  void phimoe(String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(PHI_35_MOE, model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  /**
   * Phi-3.5-MoE's parameters, counted from its module shapes: embedding 32064·4096 = 131334144;
   * per layer q, k, v, o with biases 41953280, two LayerNorms 16384, router 16·4096 = 65536, 16
   * experts of 3·4096·6400 = 1258291200, so 1300326400, × 32 = 41610444800; final LayerNorm 8192;
   * LM head with bias 131366208: 41873153344 (its published 41.9B). Refined, Weights + Additional
   * Experts + Embedding Table is that × 2 bytes, whatever the batch.
   */
  @ParameterizedTest(name = "batch {0}")
  @CsvSource({"1", "64"})
  void phimoeStorageIsItsParameters(long batch) {
    Graph g = Fixtures.graph(PHI_35_MOE, CostModel.REFINED, 100, 1, batch);
    BigInteger stored =
        g.weights().add(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).add(Fixtures.storage(g, StorageKind.EMBEDDING_TABLE));
    assertThat(stored).isEqualTo(BigInteger.valueOf(41873153344L * 2));
  }

  /**
   * One token of Phi-3.5-MoE touches per layer attention 41953280, norms 16384, the router 65536
   * and 2 experts of 78643200: 199321600, × 32 = 6378291200, plus the final norm 8192; 2 FLOPs
   * each within 1%, by the original's conventions (no head), and refined with the LM head's
   * 131366208.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"original, 6378299392", "refined, 6509665600"})
  void phimoeOneTokenCostsTwoFlopsPerActiveParameter(String model, long active) {
    BigInteger flops = Fixtures.total(Fixtures.graph(PHI_35_MOE, costs(model), 0, 1, 1)).flops();
    double ratio = flops.doubleValue() / (2.0 * active);
    assertThat(ratio).isBetween(0.99, 1.01);
  }

  /**
   * phi3's checkpoint holds q, k and v in one tensor and gate and up in another, and block scales
   * are per tensor. H = 192, two heads of 96 (q/k/v 576 rows), I = 64, fp8 with 128×128 fp32
   * scales, N·K + ⌈N/128⌉·⌈K/128⌉·4: qkv_proj [576, 192] = 110592 + 5·2·4 = 110632 (three tensors
   * would be 3·(36864 + 16) = 110640); gate_up_proj [128, 192] = 24576 + 1·2·4 = 24584 (two
   * would be 24592). A quantization_config (fp8, its scales of the config dtype's 2 bytes)
   * keeping {@code model.layers.0.self_attn.qkv_proj} unconverted leaves it at 576·192·2 = 221184
   * bytes, and stores gate_up_proj in 24576 + 1·2·2 = 24580.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fp8 option                          | 110632 | 24584
          modules_to_not_convert the qkv_proj | 221184 | 24580
          """)
  void phi3TensorsAreFused(String how, long qkv, long gateUp) {
    String shape =
        "{\"model_type\": \"phi3\", \"hidden_size\": 192, \"num_attention_heads\": 2, \"intermediate_size\": 64,"
            + " \"num_hidden_layers\": 1, \"vocab_size\": 10";
    String json =
        how.startsWith("fp8")
            ? shape + "}"
            : shape
                + ", \"quantization_config\": {\"quant_method\": \"fp8\", \"weight_block_size\": [128, 128],"
                + " \"modules_to_not_convert\": [\"model.layers.0.self_attn.qkv_proj\"]}}";
    ParsedConfig c = Graphs.parseConfig(json.getBytes(StandardCharsets.UTF_8), "t.json");
    Precision p =
        how.startsWith("fp8")
            ? c.precision(QuantizationMode.NONE, PrecisionOptions.parse("fp8", null, null), "t.json")
            : c.precision(QuantizationMode.AUTO, PrecisionOptions.NONE, "t.json");
    Query one = Query.of(List.of(BigInteger.ZERO), List.of(BigInteger.ONE), null);
    Graph g = CostModel.REFINED.evaluate(Graphs.operators(c.model(), p), one);
    assertThat(Fixtures.node(g, Operator.ATTN_QKV_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(qkv));
    assertThat(Fixtures.node(g, Operator.FFN_GATE_UP_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(gateUp));
  }

  // gpt-oss-20b (no dtype: float16, w = 2): H = 2880, nh = 64, nkv = 8, d = 64 (qo = 4096, kv =
  // 512), 24 layers alternating sliding (window 128) and full, E = 32 experts of I = 2880, k = 4,
  // biases on attention, router and experts, sinks, clamped SwiGLU (a = 8).
  //   Sliding SDPA at 1000 cached + 1, L = min(1000, 127) + 1 = 128: original C = 128·8191 +
  //   512·255 + 3·64 (sinks: max, exp, add per head and token) = 1179200; refined V = K = 128: C =
  //   64·128·(4·64 + 5) + 192 = 2138304; both W = 64·2 (the sinks), In = 4096·2 + 128·2048 =
  //   270336, Out = 8192.
  //   Router: proj(1, 32, 2880) + bias(32): original C = 32·5759 + 32 = 184320, W = 32·2880·2 +
  //   32·2 = 184384, In = 5760, Out = 64.
  //   Routed GateUp, original, one token (4 pairs): C = 4·5760·5759 + 4·5760 (bias) = 132710400;
  //   W = 4 experts × (5760·2880 + 5760)·2 = 132756480; In = 4·2880·2 = 23040 (each pair reads
  //   the token); Out = 4·5760·2 = 46080.
  //   Routed ActMul, original: (9·2880 + 1)·4 = 103684; In = 2·2880·2·4 = 46080; Out = 23040.
  //   Routed Down, refined, 64 tokens (256 pairs) touching u = 32 − ⌊32·(28/32)^64⌋ = 32 experts:
  //   C = 2·256·2880·2880 + 256·2880 = 4247470080; W = 32·(2880·2880 + 2880)·2 = 531025920;
  //   In = Out = 256·2880·2 = 1474560.
  @ParameterizedTest(name = "gpt-oss-20b {1} {5} at {2}+{3}×{4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config          | model    | cached | input | batch | operator                    | blocks | flops      | weight    | input   | output
          openai/gpt-oss-20b | original | 1000  | 1     | 1     | ATTN_SDPA_SLIDING           | 12     | 1179200    | 128       | 270336  | 8192
          openai/gpt-oss-20b | refined  | 1000  | 1     | 1     | ATTN_SDPA_SLIDING           | 12     | 2138304    | 128       | 270336  | 8192
          openai/gpt-oss-20b | original | 0     | 1     | 1     | FFN_ROUTER                  | 24     | 184320     | 184384    | 5760    | 64
          openai/gpt-oss-20b | original | 0     | 1     | 1     | FFN_ROUTED_EXP_GATE_UP_PROJ | 24     | 132710400  | 132756480 | 23040   | 46080
          openai/gpt-oss-20b | original | 0     | 1     | 1     | FFN_ROUTED_EXP_ACT_MUL      | 24     | 103684     | 0         | 46080   | 23040
          openai/gpt-oss-20b | refined  | 0     | 1     | 64    | FFN_ROUTED_EXP_DOWN_PROJ    | 24     | 4247470080 | 531025920 | 1474560 | 1474560
          """)
  void gptOss(String config, String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(config, model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  /**
   * gpt-oss-20b's idle experts with their biases: (32 − 4) experts × 24 layers × (3·2880·2880 +
   * 2·2880 + 2880)·2 = 33454632960 bytes for one token, both conventions; none once 64 tokens touch
   * all 32 (refined). KV: 12 full layers × 100001 tokens + 12 sliding × (127 + 1), × 2·8·64·2 =
   * 2048 bytes = 2460770304.
   */
  @ParameterizedTest(name = "{0} batch {1}")
  @CsvSource({"original, 1, 33454632960", "refined, 1, 33454632960", "refined, 64, 0"})
  void gptOssStorage(String model, long batch, long idle) {
    Graph g = Fixtures.graph("openai/gpt-oss-20b", costs(model), 100000, 1, batch);
    assertThat(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(BigInteger.valueOf(idle));
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(2460770304L * batch));
  }

  // GLM-4.5-Air, bfloat16: H = 4096, nh = 96, nkv = 8, d = 128, half of each head rotated; q, k
  // and v biased, o not; 46 layers, the first dense, 45 with 128 experts (k = 8, 1408 each), a
  // shared expert of 1408, a router with a correction bias per expert. One token:
  //   QKV: 128·(96 + 16) = 14336 rows: C = 14336·8191 + 14336 = 117440512, W = 14336·4096·2 +
  //     14336·2 = 117469184, In = 8192, Out = 28672.
  //   RoPE: rope(64·(96 + 8), 1): C = 3·6656 = 19968, In = Out = 13312.
  //   O: proj(1, 4096, 12288), no bias: C = 4096·24575 = 100659200, W = 100663296, In = 24576,
  //     Out = 8192.
  //   Router: proj(1, 128, 4096) and 128 bias weights: original C = 128·8191 = 1048448, refined
  //     2·128·4096 = 1048576; W = 128·4096·2 + 256 = 1048832; In = 8192, Out = 256.
  //   Shared GateUp: proj(1, 2816, 4096): C = 2816·8191 = 23065856, W = 23068672.
  @ParameterizedTest(name = "GLM-4.5-Air {1} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config           | model    | cached | input | batch | operator                    | blocks | flops     | weight    | input | output
          zai-org/GLM-4.5-Air | original | 0     | 1     | 1     | ATTN_QKV_PROJ               | 46     | 117440512 | 117469184 | 8192  | 28672
          zai-org/GLM-4.5-Air | refined  | 0     | 1     | 1     | ATTN_ROPE                   | 46     | 19968     | 0         | 13312 | 13312
          zai-org/GLM-4.5-Air | original | 0     | 1     | 1     | ATTN_O_PROJ                 | 46     | 100659200 | 100663296 | 24576 | 8192
          zai-org/GLM-4.5-Air | original | 0     | 1     | 1     | FFN_ROUTER                  | 45     | 1048448   | 1048832   | 8192  | 256
          zai-org/GLM-4.5-Air | refined  | 0     | 1     | 1     | FFN_ROUTER                  | 45     | 1048576   | 1048832   | 8192  | 256
          zai-org/GLM-4.5-Air | original | 0     | 1     | 1     | FFN_SHARED_EXP_GATE_UP_PROJ | 45     | 23065856  | 23068672  | 8192  | 5632
          """)
  void glm4Moe(String config, String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(config, model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  @Test
  void glm4MoeHasOneDenseLayerAndNoQkNormUnlessAsked() {
    Graph air = Fixtures.graph("zai-org/GLM-4.5-Air", CostModel.ORIGINAL, 0, 1, 1);
    assertThat(Fixtures.blocks(air, Operator.FFN_NON_MOE_GATE_UP_PROJ)).isEqualTo(1);
    assertThat(Fixtures.blocks(air, Operator.FFN_ROUTED_SHARED_EXP_ADD)).isEqualTo(45);
    assertThat(Fixtures.blocks(air, Operator.ATTN_QK_NORM)).isZero();
    assertThat(Fixtures.blocks(air, Operator.FFN_SHARED_EXP_GATE)).isZero();
    Graph normed = Fixtures.graph("{\"model_type\": \"glm4_moe\", \"head_dim\": 128, \"use_qk_norm\": true}", 0, 1);
    assertThat(Fixtures.blocks(normed, Operator.ATTN_QK_NORM)).isEqualTo(46);
  }

  // Qwen3-Next-80B-A3B, bfloat16: H = 2048; 12 full-attention layers (every 4th) of nh = 16,
  // nkv = 2, d = 256 with an output gate and a quarter of each head rotated; 36 linear layers of
  // nk = 16, nv = 32 heads of dk = dv = 128 (kd = 2048, vd = 4096, conv channels cd = 2·2048 +
  // 4096 = 8192), K = 4 taps.
  //   Lin_QKVZ_Proj: proj(1, 2·2048 + 2·4096 = 12288, 2048): C = 12288·4095 = 50319360,
  //     W = 12288·2048·2 = 50331648, In = 4096, Out = 24576.
  //   Lin_BA_Proj: proj(1, 64, 2048): C = 64·4095 = 262080, W = 262144, In = 4096, Out = 128.
  //   Lin_Conv1d, one token with a past: C = 8192·(2·4 + 3) = 90112; W = 8192·4·2 = 65536;
  //     In = 8192·2 + 8192·3·2 (the 3 previous columns) = 65536; Out = 8192·2 + 8192·3·2 =
  //     65536. Prefill of 100 from nothing: C = 100·90112 = 9011200, In = 100·8192·2 = 1638400
  //     (no past to read), Out = 1638400 + 49152 = 1687552.
  //   Lin_DeltaRule, one token with a past: C = 32·(7·128·128 + 7·128 + 14) = 32·115598 =
  //     3699136; W = 2·32·2 = 128 (A_log, dt_bias); In = (2·2048 + 4096 + 2·32)·2 + 32·128·128·4
  //     (the float32 state) = 16512 + 2097152 = 2113664; Out = 4096·2 + 2097152 = 2105344.
  //     Prefill of 100 from nothing: C = 369913600, In = 100·16512 = 1651200, Out = 100·8192 +
  //     2097152 = 2916352 (the state is written once).
  //   Lin_GatedRMSNorm: rmsnorm(128, 32) + 5·4096: C = 514·32 + 20480 = 36928; W = 129·2 = 258
  //     (original) or 256 (refined); In = 128·32·2 + 4096·2 (z) = 16384; Out = 8192.
  //   Lin_Out_Proj: proj(1, 2048, 4096): C = 2048·8191 = 16775168, W = 16777216, In = 8192,
  //     Out = 4096.
  //   QKV of the full layers, q with its gate: 2·16·256 + 2·2·256 = 9216 rows: C = 9216·4095 =
  //     37739520, W = 9216·2048·2 = 37748736, In = 4096, Out = 18432.
  //   Output_Gate: gatemul(4096): C = 4·4096 = 16384, In = 2·4096·2 = 16384, Out = 8192.
  //   RoPE: 64 of 256 values rotated: rope(64·18, 1): C = 3456, In = Out = 2304.
  //   QK_Norm: rmsnorm(256, 16) + rmsnorm(256, 2): C = 1026·18 = 18468, W = 2·257·2 = 1028,
  //     In = Out = 256·18·2 = 9216.
  @ParameterizedTest(name = "Qwen3-Next {1} {5} at {2}+{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # model  | cached | input | batch | operator               | blocks | flops     | weight   | input   | output
          original | 100    | 1     | 1     | ATTN_LIN_QKVZ_PROJ     | 36     | 50319360  | 50331648 | 4096    | 24576
          original | 100    | 1     | 1     | ATTN_LIN_BA_PROJ       | 36     | 262080    | 262144   | 4096    | 128
          original | 100    | 1     | 1     | ATTN_LIN_CONV1D        | 36     | 90112     | 65536    | 65536   | 65536
          refined  | 0      | 100   | 1     | ATTN_LIN_CONV1D        | 36     | 9011200   | 65536    | 1638400 | 1687552
          original | 100    | 1     | 1     | ATTN_LIN_DELTA_RULE    | 36     | 3699136   | 128      | 2113664 | 2105344
          refined  | 100    | 1     | 1     | ATTN_LIN_DELTA_RULE    | 36     | 3699136   | 128      | 2113664 | 2105344
          original | 0      | 100   | 1     | ATTN_LIN_DELTA_RULE    | 36     | 369913600 | 128      | 1651200 | 2916352
          original | 100    | 1     | 1     | ATTN_LIN_GATED_RMSNORM | 36     | 36928     | 258      | 16384   | 8192
          refined  | 100    | 1     | 1     | ATTN_LIN_GATED_RMSNORM | 36     | 36928     | 256      | 16384   | 8192
          original | 100    | 1     | 1     | ATTN_LIN_OUT_PROJ      | 36     | 16775168  | 16777216 | 8192    | 4096
          original | 100    | 1     | 1     | ATTN_QKV_PROJ          | 12     | 37739520  | 37748736 | 4096    | 18432
          refined  | 100    | 1     | 1     | ATTN_OUTPUT_GATE       | 12     | 16384     | 0        | 16384   | 8192
          original | 100    | 1     | 1     | ATTN_ROPE              | 12     | 3456      | 0        | 2304    | 2304
          original | 100    | 1     | 1     | ATTN_QK_NORM           | 12     | 18468     | 1028     | 9216    | 9216
          original | 100    | 1     | 1     | ATTN_RMSNORM           | 48     | 8194      | 4098     | 4096    | 4096
          original | 100    | 1     | 1     | ATTN_RESIDUAL_ADD      | 48     | 2048      | 0        | 8192    | 4096
          """)
  void qwen3Next(String model, long cached, long input, long batch, Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow("Qwen/Qwen3-Next-80B-A3B-Instruct", model, cached, input, batch, op, blocks, flops, weight, in, out);
  }

  /**
   * Qwen3-Next's recurrent state: 36 linear layers × per query (8192·3 conv values at 2 bytes +
   * 32·128·128 float32 state values) = 36 × 2146304 = 77266944 bytes, however long the context;
   * its 12 full-attention layers' KV cache grows with it: 12 × tokens × 2·2·256·2.
   */
  @ParameterizedTest(name = "{0} at {1} cached, batch {2}")
  @CsvSource({
    "original, 0, 1, 77266944, 24576",
    "original, 100000, 1, 77266944, 2457624576",
    "refined, 0, 1, 77266944, 24576",
    "refined, 100000, 1, 77266944, 2457624576",
    "refined, 100000, 4, 309067776, 9830498304"
  })
  void qwen3NextStateDoesNotGrowWithTheContext(String model, long cached, long batch, long state, long kv) {
    Graph g = Fixtures.graph("Qwen/Qwen3-Next-80B-A3B-Instruct", costs(model), cached, 1, batch);
    assertThat(Fixtures.storage(g, StorageKind.RECURRENT_STATE)).isEqualTo(BigInteger.valueOf(state));
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(kv));
    assertThat(g.storage()).extracting(StorageTerm::kind).startsWith(StorageKind.KV_CACHE, StorageKind.RECURRENT_STATE);
  }

  /**
   * A row stands for the layers of its kind and is counted with the first one's modules: Qwen3-Next's
   * linear rows with layer 0's ({@code model.layers.0.linear_attn.in_proj_qkvz}), its attention
   * rows with layer 3's. FP8 with 128×128 scales of the config dtype (2 bytes): in_proj_qkvz
   * [12288, 2048] = 25165824 + 96·16·2 = 25168896, at bfloat16 50331648; q [8192, 2048] =
   * 16777216 + 64·16·2 and k, v [512, 2048] = 1048576 + 4·16·2 each: 18876672, at bfloat16
   * 37748736.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          []                                            | 25168896 | 18876672
          ["model.layers.0.linear_attn.in_proj_qkvz"]   | 50331648 | 18876672
          ["model.layers.3.self_attn"]                  | 25168896 | 37748736
          ["model.layers.0.self_attn"]                  | 25168896 | 18876672
          """)
  void qwen3NextRowsTakeTheFirstLayerOfTheirKind(String notConverted, long qkvz, long qkv) {
    String json =
        "{\"model_type\": \"qwen3_next\", \"torch_dtype\": \"bfloat16\", \"vocab_size\": 1000, \"quantization_config\":"
            + " {\"quant_method\": \"fp8\", \"weight_block_size\": [128, 128], \"modules_to_not_convert\": "
            + notConverted
            + "}}";
    ParsedConfig c = Graphs.parseConfig(json.getBytes(StandardCharsets.UTF_8), "t.json");
    Precision p = c.precision(QuantizationMode.AUTO, PrecisionOptions.NONE, "t.json");
    Graph g = CostModel.ORIGINAL.evaluate(Graphs.operators(c.model(), p), Query.of(List.of(BigInteger.ZERO), List.of(BigInteger.ONE), null));
    assertThat(Fixtures.node(g, Operator.ATTN_LIN_QKVZ_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(qkvz));
    assertThat(Fixtures.node(g, Operator.ATTN_QKV_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(qkv));
  }
}
