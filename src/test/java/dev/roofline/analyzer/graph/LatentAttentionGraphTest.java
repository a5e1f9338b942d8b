package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deepseek_v3 and kimi_k2 (families.md §4) against values worked out by hand. DeepSeek-V3: H =
 * 7168, nh = 128, q rank 1536, latent kvl = 512, rope = 64, nope = 128, v = 128, E = 256, k = 8,
 * bfloat16 (w = 2), 61 layers of which the first 3 are dense.
 */
class LatentAttentionGraphTest {

  private static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3";

  // KV_A_Proj: proj(T, 512 + 64, 7168): C = T·576·14335, W = 7168·576·2, In = T·7168·2, Out = T·576·2.
  // Q_Absorb: 128 × proj(T, 512, 128): C = 128·T·512·255, W = 128·128·512·2, In = 128·T·128·2,
  //   Out = 128·T·512·2.
  // V_Absorb: 128 × proj(T, 128, 512): C = 128·T·128·1023, W = 128·512·128·2, In = 128·T·512·2,
  //   Out = 128·T·128·2.
  // Router: proj(T, 256, 7168) + 256·2 bias bytes: C = T·256·14335, W = 7168·256·2 + 512,
  //   In = T·14336, Out = T·512; in the 58 expert layers only.
  // SDPA, per head s·L·(2·576 − 1) + s·512·(2L − 1); In = s·128·576·2 + L·576·2; Out = s·128·512·2:
  //   decode, cached 4095, input 1 (L = 4096): 128·4096·1151 + 128·512·8191 = 1140260864,
  //     In = 147456 + 4718592 = 4866048, Out = 131072.
  //   prefill, cached 0, input 1000 (L = 1000): 128·1000·1000·1151 + 128·1000·512·1999 = 278334464000,
  //     In = 147456000 + 1152000 = 148608000, Out = 131072000.
  @ParameterizedTest(name = "{2} at {0}+{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # cached | input | operator       | blocks | flops        | weight   | input     | output
          0        | 1     | ATTN_KV_A_PROJ | 61     | 8256960      | 8257536  | 14336     | 1152
          7        | 3     | ATTN_KV_A_PROJ | 61     | 24770880     | 8257536  | 43008     | 3456
          0        | 1     | ATTN_Q_ABSORB  | 61     | 16711680     | 16777216 | 32768     | 131072
          0        | 3     | ATTN_Q_ABSORB  | 61     | 50135040     | 16777216 | 98304     | 393216
          0        | 1     | ATTN_V_ABSORB  | 61     | 16760832     | 16777216 | 131072    | 32768
          0        | 1     | FFN_ROUTER     | 58     | 3669760      | 3670528  | 14336     | 512
          5        | 2     | FFN_ROUTER     | 58     | 7339520      | 3670528  | 28672     | 1024
          4095     | 1     | ATTN_SDPA      | 61     | 1140260864   | 0        | 4866048   | 131072
          0        | 1000  | ATTN_SDPA      | 61     | 278334464000 | 0        | 148608000 | 131072000
          """)
  void handComputedRows(long cached, long input, Operator op, long blocks, long flops, long weight, long in, long out) {
    Node node = Fixtures.node(Fixtures.graph(DEEPSEEK, cached, input), op);
    assertThat(node.blocks()).isEqualTo(blocks);
    assertThat(node.cost())
        .isEqualTo(new Cost(BigInteger.valueOf(flops), BigInteger.valueOf(weight), BigInteger.valueOf(in), BigInteger.valueOf(out)));
  }

  @Test
  void theCacheHoldsOneLatentAndOneRotaryKeyPerTokenAndLayer() {
    // 61 layers × 64 queries × (131072 + 1) tokens × 576 values × 2 bytes.
    Query query = Query.of(List.of(BigInteger.valueOf(131072)), List.of(BigInteger.ONE), BigInteger.valueOf(64));
    Graph graph = Graphs.build(Fixtures.config(DEEPSEEK), query);
    assertThat(Fixtures.storage(graph, StorageKind.KV_CACHE)).isEqualTo(new BigInteger("589488758784"));
  }

  @Test
  void withoutQueryRankTheQueryIsOneProjection() {
    Graph graph = Fixtures.graph("{\"model_type\": \"deepseek_v3\", \"q_lora_rank\": null, \"torch_dtype\": \"bfloat16\"}", 0, 1);
    // Q_Proj: proj(1, 128·192, 7168): C = 24576·14335, W = 7168·24576·2, In = 14336, Out = 49152.
    assertThat(Fixtures.node(graph, Operator.ATTN_Q_PROJ).cost())
        .isEqualTo(new Cost(BigInteger.valueOf(352296960), BigInteger.valueOf(352321536), BigInteger.valueOf(14336), BigInteger.valueOf(49152)));
    assertThat(Fixtures.blocks(graph, Operator.ATTN_Q_PROJ)).isEqualTo(61);
    assertThat(Fixtures.blocks(graph, Operator.ATTN_Q_A_PROJ)).isZero();
    assertThat(Fixtures.blocks(graph, Operator.ATTN_Q_A_RMSNORM)).isZero();
    assertThat(Fixtures.blocks(graph, Operator.ATTN_Q_B_PROJ)).isZero();
  }

  @Test
  void kimiK2IsDeepseekV3WithMoreExpertsAndOneDenseLayer() {
    // Kimi-K2's shape: 64 heads, 384 experts, only layer 0 dense.
    Graph graph =
        Fixtures.graph(
            "{\"model_type\": \"kimi_k2\", \"vocab_size\": 163840, \"num_attention_heads\": 64, \"n_routed_experts\": 384,"
                + " \"first_k_dense_replace\": 1, \"torch_dtype\": \"bfloat16\"}",
            0,
            1);
    assertThat(graph.blocks()).isEqualTo(61);
    assertThat(Fixtures.blocks(graph, Operator.ATTN_SDPA)).isEqualTo(61);
    assertThat(Fixtures.blocks(graph, Operator.FFN_ROUTER)).isEqualTo(60);
    assertThat(Fixtures.blocks(graph, Operator.FFN_SHARED_EXP_GATE_UP_PROJ)).isEqualTo(60);
    assertThat(Fixtures.blocks(graph, Operator.FFN_NON_MOE_GATE_UP_PROJ)).isEqualTo(1);
    // Router: W = 7168·384·2 + 384·2; idle experts: (384 − 8) · 3·7168·2048·2 × 60 layers.
    assertThat(Fixtures.node(graph, Operator.FFN_ROUTER).cost().weight()).isEqualTo(BigInteger.valueOf(5505792));
    assertThat(Fixtures.storage(graph, StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(new BigInteger("1987093463040"));
  }
}
