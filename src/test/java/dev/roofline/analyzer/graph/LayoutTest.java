package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Precision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layouts against placements, stage splits and shards worked out by hand (parallel.md §2–§3):
 * devices numbered tp innermost, then dp, then pp; a collective on the scale-up link only when its
 * group shares a domain.
 */
class LayoutTest {

  private static Links links(long node) {
    return new Links(null, new BigDecimal("450e9"), null, new BigDecimal("50e9"), node, BigDecimal.ONE, BigDecimal.ZERO);
  }

  private static Layout layout(long tp, long dp, long ep, long pp, long node) {
    return new Layout(tp, dp, ep, pp, links(node));
  }

  /**
   * tp 8 × pp 2 on domains of 8: each stage's tensor-parallel group is one HGX board (NVLink), the
   * send from device i to i + 8 crosses to the other board (the network).
   */
  @ParameterizedTest(name = "tp {0} dp {1} pp {2}, domains of {3}")
  @CsvSource(
      textBlock =
          """
          # tp, dp, pp, node, tp group,  MoE group, pipeline
          8,    1,  2,  8,    SCALE_UP,  SCALE_UP,  SCALE_OUT
          4,    1,  2,  8,    SCALE_UP,  SCALE_UP,  SCALE_UP
          16,   1,  1,  8,    SCALE_OUT, SCALE_OUT, SCALE_OUT
          2,    4,  1,  8,    SCALE_UP,  SCALE_UP,  SCALE_UP
          2,    8,  1,  8,    SCALE_UP,  SCALE_OUT, SCALE_OUT
          3,    1,  4,  8,    SCALE_OUT, SCALE_OUT, SCALE_OUT
          3,    1,  2,  8,    SCALE_UP,  SCALE_UP,  SCALE_UP
          8,    9,  1,  72,   SCALE_UP,  SCALE_UP,  SCALE_UP
          """)
  void placement(long tp, long dp, long pp, long node, Links.Link tpLink, Links.Link moeLink, Links.Link pipeline) {
    Layout l = layout(tp, dp, 1, pp, node);
    assertThat(l.groupLink(BigInteger.valueOf(tp), BigInteger.valueOf(dp * pp))).isEqualTo(tpLink);
    assertThat(l.groupLink(l.moeGroup(), BigInteger.valueOf(pp))).isEqualTo(moeLink);
    assertThat(l.pipelineLink()).isEqualTo(pipeline);
  }

  /** Stage i holds ⌈L/pp⌉ layers for i < L mod pp, else ⌊L/pp⌋: 61 over 4 is 16, 15, 15, 15. */
  @ParameterizedTest(name = "{0} layers over {1} stages")
  @CsvSource(
      textBlock =
          """
          # layers, stages, starts
          61,       4,      0 16 31 46 61
          80,       2,      0 40 80
          32,       3,      0 11 22 32
          5,        5,      0 1 2 3 4 5
          """)
  void stageSplit(long layers, long pp, String starts) {
    Layout l = layout(1, 1, 1, pp, 8);
    String[] expected = starts.split(" ");
    for (int s = 0; s <= pp; s++) {
      assertThat(l.stageStart(s, layers)).isEqualTo(Long.parseLong(expected[s]));
    }
  }

  private static OperatorGraph graph(String id) {
    ModelConfig c = Fixtures.config(id);
    return Graphs.operators(c, Precision.of(c.dtype()));
  }

  private static Part.Attention attention(OperatorGraph g) {
    for (Op op : g.ops()) {
      for (Part p : op.parts()) {
        if (p instanceof Part.Attention a && op.blocks() > 0) {
          return a;
        }
      }
    }
    throw new AssertionError("no attention");
  }

  /**
   * Llama-3.1-8B (32 query heads, 8 key/value heads of 128): kv_l = ⌈8/tp⌉, replicated past 8; the
   * fused QKV keeps 128·(32/tp + 2·kv_l) outputs.
   */
  @ParameterizedTest(name = "tp {0}")
  @CsvSource({"2, 16, 4", "8, 4, 1", "16, 2, 1", "32, 1, 1"})
  void keyValueHeadsBelowAtAndAboveTp(long tp, long heads, long kvHeads) {
    OperatorGraph split = Sharding.split(graph("meta-llama/Llama-3.1-8B"), layout(tp, 1, 1, 1, 64));
    Part.Attention a = attention(split);
    assertThat(a.heads()).isEqualTo(BigInteger.valueOf(heads));
    assertThat(a.kvHeads()).isEqualTo(BigInteger.valueOf(kvHeads));
    Part.Linear qkv = (Part.Linear) split.ops().stream().filter(o -> o.id() == Operator.ATTN_QKV_PROJ).findFirst().orElseThrow().parts().get(0);
    assertThat(qkv.n()).isEqualTo(BigInteger.valueOf(128 * (heads + 2 * kvHeads)));
  }

  @Test
  void rulesThatNeedTheModel() {
    OperatorGraph llama = graph("meta-llama/Llama-3.1-8B");
    assertThatThrownBy(() -> Sharding.split(llama, layout(3, 1, 1, 1, 8)))
        .isInstanceOfSatisfying(LayoutException.class, e -> {
          assertThat(e.problem()).isEqualTo(LayoutException.Problem.TP_HEADS);
          assertThat(e.values()).containsExactly(BigInteger.valueOf(3), BigInteger.valueOf(32));
        });
    assertThatThrownBy(() -> Sharding.split(llama, layout(1, 2, 2, 1, 8)))
        .isInstanceOfSatisfying(LayoutException.class, e -> assertThat(e.problem()).isEqualTo(LayoutException.Problem.EXPERTS_NEEDED));
    assertThatThrownBy(() -> Sharding.split(llama, layout(1, 1, 1, 33, 8)))
        .isInstanceOfSatisfying(LayoutException.class, e -> assertThat(e.problem()).isEqualTo(LayoutException.Problem.PP_LAYERS));
    OperatorGraph deepseek = graph("deepseek-ai/DeepSeek-V3");
    assertThatThrownBy(() -> Sharding.split(deepseek, layout(1, 3, 3, 1, 8)))
        .isInstanceOfSatisfying(LayoutException.class, e -> {
          assertThat(e.problem()).isEqualTo(LayoutException.Problem.EP_EXPERTS);
          assertThat(e.values()).containsExactly(BigInteger.valueOf(3), BigInteger.valueOf(256));
        });
    assertThatThrownBy(() -> Sharding.split(deepseek, layout(2, 2, 3, 1, 8)))
        .isInstanceOfSatisfying(LayoutException.class, e -> assertThat(e.problem()).isEqualTo(LayoutException.Problem.EP_GROUP));
    OperatorGraph odd =
        Graphs.operators(
            Fixtures.config("{\"model_type\": \"mistral\", \"num_attention_heads\": 24, \"num_key_value_heads\": 8, \"hidden_size\": 3072}"),
            Precision.of(Fixtures.config("{\"model_type\": \"mistral\"}").dtype()));
    assertThatThrownBy(() -> Sharding.split(odd, layout(12, 1, 1, 1, 16)))
        .isInstanceOfSatisfying(LayoutException.class, e -> assertThat(e.problem()).isEqualTo(LayoutException.Problem.TP_KV_HEADS));
    Layout unknown = new Layout(2, 1, 1, 1, new Links(null, null, null, null, 8, BigDecimal.ONE, BigDecimal.ZERO));
    assertThatThrownBy(() -> Sharding.split(llama, unknown))
        .isInstanceOfSatisfying(LayoutException.class, e -> assertThat(e.problem()).isEqualTo(LayoutException.Problem.NO_BANDWIDTH));
  }

  private static Query decode(long cached, long batch) {
    return new Query(List.of(BigInteger.valueOf(cached)), List.of(BigInteger.ONE), BigInteger.valueOf(batch));
  }

  private static BigInteger stored(Graph g) {
    BigInteger sum = BigInteger.ZERO;
    for (Node n : g.nodes()) {
      sum = sum.add(n.stored().add(n.idle()).multiply(BigInteger.valueOf(n.blocks())));
    }
    return sum;
  }

  /**
   * Llama-3.1-70B, bf16, tp 8 (8 | 8 key/value heads): the eight devices hold the model's block
   * weights once and the norms eight times (two norms of 8192 + 1 weights a layer, the original's
   * h+1), so each device holds 1/8 of every other weight.
   */
  @Test
  void tensorParallelDevicesHoldTheWeightsOncePlusTheirCopiesOfTheNorms() {
    OperatorGraph whole = graph("meta-llama/Llama-3.1-70B");
    Graph model = CostModel.ORIGINAL.evaluate(whole, decode(8192, 1));
    Graph device = CostModel.ORIGINAL.evaluate(Sharding.split(whole, layout(8, 1, 1, 1, 8)), decode(8192, 1));
    BigInteger norms = BigInteger.valueOf(2L * (8192 + 1) * 2 * 80);
    assertThat(stored(device).multiply(BigInteger.valueOf(8))).isEqualTo(model.weights().add(norms.multiply(BigInteger.valueOf(7))));
    // And row by row: every projection one eighth.
    for (int i = 0; i < model.nodes().size(); i++) {
      Node m = model.nodes().get(i);
      Node d = device.nodes().get(i);
      boolean norm = m.operator() == Operator.ATTN_RMSNORM || m.operator() == Operator.FFN_RMSNORM;
      assertThat(d.stored().multiply(BigInteger.valueOf(norm ? 1 : 8))).as(m.operator().label()).isEqualTo(m.stored());
    }
  }

  /**
   * DeepSeek-V3's latent cache cannot be split over heads: every device of a tp group holds all of
   * its queries' cache; with attention data parallelism each holds its group's eighth.
   */
  @Test
  void theLatentCacheIsReplicatedOverTpAndSplitOverDp() {
    OperatorGraph whole = graph("deepseek-ai/DeepSeek-V3");
    Query batch = decode(4096, 64);
    BigInteger kv = kv(CostModel.REFINED.evaluate(whole, batch));
    assertThat(kv(CostModel.REFINED.evaluate(Sharding.split(whole, layout(8, 1, 1, 1, 8)), batch))).isEqualTo(kv);
    assertThat(kv(CostModel.REFINED.evaluate(Sharding.split(whole, layout(1, 8, 8, 1, 8)), batch.share(BigInteger.valueOf(8))))
        .multiply(BigInteger.valueOf(8)))
        .isEqualTo(kv);
  }

  private static BigInteger kv(Graph g) {
    BigInteger sum = BigInteger.ZERO;
    for (Node n : g.nodes()) {
      sum = sum.add(n.cached().multiply(BigInteger.valueOf(n.blocks())));
    }
    return sum;
  }

  /**
   * DeepSeek-V3 with dp 8, ep 8: 32 whole experts a device; the 64 tokens of all eight groups touch
   * ⌈32·(1 − (248/256)^64)⌉ = 28 of them, computing 8·64/8 = 64 token-expert pairs; dispatch and
   * combine over the 8 devices.
   */
  @Test
  void expertParallelDevicesShareTheGroupsTokens() {
    OperatorGraph split = Sharding.split(graph("deepseek-ai/DeepSeek-V3"), layout(1, 8, 8, 1, 8));
    Graph device = CostModel.REFINED.evaluate(split, decode(4096, 8));
    Node up = device.nodes().stream().filter(n -> n.operator() == Operator.FFN_ROUTED_EXP_GATE_UP_PROJ).findFirst().orElseThrow();
    // 28 experts of [2·2048, 7168] bf16 read; 64 pairs · 2·(2·2048)·7168 FLOPs.
    assertThat(up.cost().weight()).isEqualTo(BigInteger.valueOf(28L * 2 * 2048 * 7168 * 2));
    assertThat(up.cost().flops()).isEqualTo(BigInteger.valueOf(64L * 2 * 2 * 2048 * 7168));
    assertThat(up.idle()).isEqualTo(BigInteger.valueOf(4L * 2 * 2048 * 7168 * 2));
    assertThat(device.communication()).extracting(c -> c.collective().purpose())
        .containsExactly(Collective.Purpose.MOE_DISPATCH, Collective.Purpose.MOE_COMBINE);
    // All 64 tokens' hidden states, 7168 bf16 values each.
    assertThat(device.communication().get(0).bytes()).isEqualTo(BigInteger.valueOf(64L * 7168 * 2));
    assertThat(device.communication().get(0).calls()).isEqualTo(58);
  }
}
