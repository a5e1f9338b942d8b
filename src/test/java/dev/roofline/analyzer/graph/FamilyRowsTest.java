package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
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
  // 8193 + 21 × 4096. The same under both conventions.
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
          """)
  void kvCacheHoldsEachLayersWindow(String config, String model, long cached, long input, long bytes) {
    Graph g = Fixtures.graph(config, costs(model), cached, input, 1);
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(bytes));
  }
}
