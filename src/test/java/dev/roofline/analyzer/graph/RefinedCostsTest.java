package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refined cost model (refined.md) against what does not come from it: the checkpoints'
 * parameter counts ({@code params.tsv}, a copy of the data bundled with the configs), rows worked
 * out by hand, and a peer tool's figures.
 */
class RefinedCostsTest {

  private static final CostModel REFINED = CostModel.REFINED;

  /** {@code params.tsv}: a row per repo id, by column name. */
  private static final Map<String, Map<String, String>> PARAMS = params();

  private static Map<String, Map<String, String>> params() {
    try (InputStream in = RefinedCostsTest.class.getResourceAsStream("/model-configs/params.tsv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      String[] header = lines[0].split("\t");
      Map<String, Map<String, String>> rows = new HashMap<>();
      for (int l = 1; l < lines.length; l++) {
        String[] cells = lines[l].split("\t");
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        rows.put(cells[0], row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigInteger big(String id, String column) {
    return new BigInteger(PARAMS.get(id).get(column));
  }

  /** Every config bundled in the jar; each must have its row in params.tsv. */
  static Stream<String> bundled() throws IOException {
    try (InputStream in = RefinedCostsTest.class.getResourceAsStream("/dev/roofline/analyzer/catalog/index.txt")) {
      List<String> ids = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.strip());
        }
      }
      assertThat(PARAMS.keySet()).containsAll(ids);
      return ids.stream();
    }
  }

  private static BigInteger storageOf(Graph g) {
    return g.weights()
        .add(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS))
        .add(Fixtures.storage(g, StorageKind.EMBEDDING_TABLE));
  }

  /**
   * Weights + Additional Experts + Embedding Table = the checkpoint's parameters × w, to the byte,
   * whatever the batch (experts read or idle, the sum is every expert).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bundled")
  void storageIsTheCheckpointsParameters(String id) {
    ModelConfig config = Fixtures.config(id);
    BigInteger expected = big(id, "parameters").multiply(BigInteger.valueOf(config.dtype().bytes()));
    assertThat(storageOf(Fixtures.graph(id, REFINED, 0, 1, 1))).isEqualTo(expected);
    assertThat(storageOf(Fixtures.graph(id, REFINED, 4096, 1, 64))).isEqualTo(expected);
    assertThat(storageOf(Fixtures.graph(id, REFINED, 0, 4096, 3))).isEqualTo(expected);
  }

  /**
   * One token with nothing cached: about two FLOPs per parameter it touches, the LM head included
   * (a tied head is the embedding matrix, which the active count holds once) and the embedding
   * excluded; within 1%, once the delta rule of linear attention, which no parameter accounts for,
   * is taken out (Qwen3-Next: per layer and value head 7·dk·dv + 7·dk + 14, some 2% of its step).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bundled")
  void oneTokenCostsTwoFlopsPerActiveParameter(String id) {
    ModelConfig config = Fixtures.config(id);
    BigInteger head = config.tieWordEmbeddings() ? big(id, "embedding") : BigInteger.ZERO;
    BigInteger active = big(id, "active_per_token").subtract(big(id, "embedding")).add(head);
    BigInteger flops = Fixtures.total(Fixtures.graph(id, REFINED, 0, 1, 1)).flops().subtract(Fixtures.deltaRuleFlops(id));
    BigDecimal ratio = new BigDecimal(flops).divide(new BigDecimal(active.shiftLeft(1)), MathContext.DECIMAL64);
    assertThat(ratio).isBetween(new BigDecimal("0.99"), new BigDecimal("1.01"));
  }

  private static void assertRow(Graph g, Operator op, long blocks, String flops, String weight, String in, String out) {
    Node node = Fixtures.node(g, op);
    assertThat(node.blocks()).as(op.label()).isEqualTo(blocks);
    assertThat(node.cost())
        .as(op.label())
        .isEqualTo(new Cost(new BigInteger(flops), new BigInteger(weight), new BigInteger(in), new BigInteger(out)));
  }

  /**
   * LM head for the last token of each query: proj(B′, V, H). Llama-3.2-1B ties it to the
   * embedding (V = 128256, H = 2048): its bytes are read, storage counts the table once; Llama-3.1-8B
   * (V = 128256, H = 4096) has its own. bfloat16, batch 4: C = 2·4·V·H, W = V·H·2, In = 4·H·2,
   * Out = 4·V·2.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # repo id,                 tied,  flops,      weight,     input, output
          meta-llama/Llama-3.2-1B,   true,  2101346304, 525336576,  16384, 1026048
          meta-llama/Llama-3.1-8B,   false, 4202692608, 1050673152, 32768, 1026048
          """)
  void lmHeadTiedAndUntied(String id, boolean tied, String flops, String weight, String in, String out) {
    Graph g = Fixtures.graph(id, REFINED, 100, 1, 4);
    assertRow(g, Operator.MODEL_LM_HEAD, 1, flops, weight, in, out);
    assertThat(Fixtures.config(id).tieWordEmbeddings()).isEqualTo(tied);
    // The step reads the head's bytes either way; the Weights term holds them only when untied.
    BigInteger readByRows = Fixtures.total(g).weight();
    BigInteger embeddingRows = Fixtures.node(g, Operator.MODEL_EMBEDDING).cost().weight();
    BigInteger headBytes = new BigInteger(weight);
    assertThat(g.weights()).isEqualTo(readByRows.subtract(embeddingRows).subtract(tied ? headBytes : BigInteger.ZERO));
  }

  /** Only queries with input tokens need logits: two queries, one of them feeding none. */
  @Test
  void lmHeadCountsQueriesWithInputTokens() {
    Query query =
        Query.of(List.of(BigInteger.TEN, BigInteger.valueOf(20)), List.of(BigInteger.ZERO, BigInteger.valueOf(3)), null);
    ModelConfig config = Fixtures.config("meta-llama/Llama-3.1-8B");
    Graph g = REFINED.evaluate(Graphs.operators(config, dev.roofline.analyzer.config.Precision.of(config.dtype())), query);
    // B′ = 1: 2·128256·4096 FLOPs.
    assertThat(Fixtures.node(g, Operator.MODEL_LM_HEAD).cost().flops()).isEqualTo(BigInteger.valueOf(2L * 128256 * 4096));
  }

  /**
   * Llama 4 Scout at 20,000 cached tokens and one new: 36 RoPE layers (QK norm, chunks of 8192)
   * and 12 NoPE layers of full attention, the router in all 48 MoE layers. nh = 40, nkv = 8, d =
   * 128, H = 5120, E = 16, bfloat16. The new token at position 20000 attends (20000 mod 8192) + 1
   * = 3617 keys in a chunked layer and 20001 in a full one; K/V per token 2·8·128·2 = 4096 bytes.
   * QK_Norm: C = (3·128 + 2)·48, In = Out = 128·48·2. SDPA: C = 40·V·(4·128 + 5), In = 40·128·2 +
   * K·4096, Out = 40·128·2. Router: C = 2·16·5120, W = 16·5120·2.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # operator,           blocks, flops,     weight, input,    output
          ATTN_QK_NORM,         36,     18528,     0,      12288,    12288
          ATTN_ROPE,            36,     18432,     0,      12288,    12288
          ATTN_SDPA_CHUNKED,    36,     74799560,  0,      14825472, 10240
          ATTN_SDPA_FULL,       12,     413620680, 0,      81934336, 10240
          FFN_ROUTER,           48,     163840,    163840, 10240,    32
          """)
  void scoutRowsAt20000CachedTokens(Operator op, long blocks, String flops, String weight, String in, String out) {
    assertRow(Fixtures.graph("meta-llama/Llama-4-Scout-17B-16E", REFINED, 20000, 1, 1), op, blocks, flops, weight, in, out);
  }

  @Test
  void scoutHoldsFullLayersWholeAndChunkedLayersTheirChunk() {
    Graph g = Fixtures.graph("meta-llama/Llama-4-Scout-17B-16E", REFINED, 20000, 1, 1);
    // (12·20001 + 36·3617) tokens × 4096 bytes.
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf((12L * 20001 + 36L * 3617) * 4096));
    assertThat(Fixtures.blocks(g, Operator.ATTN_SDPA)).isZero();
  }

  /**
   * Mistral-7B-v0.1 (window 4096, nh = 32, nkv = 8, d = 128) at 10,000 cached tokens and 2 new:
   * each new token attends 4096 keys (V = 8192); the distinct keys are min(10000, 4095) + 2 =
   * 4097. C = 32·8192·517, In = 2·32·128·2 + 4097·4096, Out = 2·32·128·2.
   */
  @Test
  void mistralSlidingLayerPastItsWindow() {
    Graph g = Fixtures.graph("mistralai/Mistral-7B-v0.1", REFINED, 10000, 2, 1);
    assertRow(g, Operator.ATTN_SDPA, 32, "135528448", "0", "16797696", "16384");
    assertThat(Fixtures.storage(g, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(32L * 4097 * 4096));
  }

  /**
   * DeepSeek-V3's latent attention at 4096 cached tokens, batch 2: per query V = K = 4097; dqk =
   * 512 + 64, dv = 512, nh = 128: C = 2·128·4097·(2·576 + 2·512 + 5), In = 2·128·576·2 +
   * 2·4097·576·2, Out = 2·128·512·2.
   */
  @Test
  void deepSeekLatentAttention() {
    Graph g = Fixtures.graph("deepseek-ai/DeepSeek-V3", REFINED, 4096, 1, 2);
    assertRow(g, Operator.ATTN_SDPA, 61, "2287502592", "0", "9734400", "262144");
  }

  /**
   * Mixtral-8x7B (E = 8, k = 2, H = 4096, I = 14336, bfloat16): one token reads its 2 experts; 64
   * tokens touch all 8. GateUp C = 2·(2T)·(2I)·H, W = u·2·I·H·2; Down C = 2·(2T)·H·I, W = u·H·I·2;
   * Additional Experts = (8 − u)·3·H·I·2 × 32 layers, left out at 0.
   */
  @ParameterizedTest(name = "batch {0}")
  @CsvSource({"1, 2", "64, 8"})
  void mixtralExpertsTouched(long batch, long touched) {
    Graph g = Fixtures.graph("mistralai/Mixtral-8x7B-v0.1", REFINED, 4096, 1, batch);
    BigInteger h = BigInteger.valueOf(4096);
    BigInteger i = BigInteger.valueOf(14336);
    BigInteger pairs = BigInteger.valueOf(2 * batch);
    BigInteger u = BigInteger.valueOf(touched);
    Cost gateUp = Fixtures.node(g, Operator.FFN_ROUTED_EXP_GATE_UP_PROJ).cost();
    assertThat(gateUp.flops()).isEqualTo(pairs.multiply(i.shiftLeft(1)).multiply(h).shiftLeft(1));
    assertThat(gateUp.weight()).isEqualTo(u.multiply(i).multiply(h).shiftLeft(2));
    Cost down = Fixtures.node(g, Operator.FFN_ROUTED_EXP_DOWN_PROJ).cost();
    assertThat(down.flops()).isEqualTo(pairs.multiply(i).multiply(h).shiftLeft(1));
    assertThat(down.weight()).isEqualTo(u.multiply(i).multiply(h).shiftLeft(1));
    BigInteger idle = BigInteger.valueOf(8 - touched).multiply(BigInteger.valueOf(3)).multiply(h).multiply(i).shiftLeft(1).multiply(BigInteger.valueOf(32));
    assertThat(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(idle);
    assertThat(g.storage()).extracting(StorageTerm::kind).contains(StorageKind.KV_CACHE, StorageKind.EMBEDDING_TABLE);
    assertThat(g.storage().stream().anyMatch(t -> t.kind() == StorageKind.ADDITIONAL_EXPERTS)).isEqualTo(touched < 8);
  }

  /**
   * A peer, LLM-Viewer, on Llama-2-7b-hf (float16) decoding one token after 1,023 cached (a
   * sequence of 1,024), per block: q/k/v/o_proj 33,554,432 FLOPs and weight bytes each;
   * gate/up/down_proj 90,177,536 each; attention qk 8,388,608 + softmax 163,840 + sv 8,388,608
   * FLOPs reading 16,777,216 bytes of K and V; LM head weights 262,144,000 bytes and 131,072,000
   * FLOPs, one per multiply-accumulate where we count two. Our fused rows sum its rows (QKV = q +
   * k + v, GateUp = gate + up); their activation bytes differ, as a fused row reads its input
   * once, so only FLOPs, weights and the K/V bytes (SDPA's input less the query's 8,192) are
   * compared.
   */
  @Test
  void llmViewerOnLlama2Decode() {
    Graph g = Fixtures.graph("meta-llama/Llama-2-7b-hf", REFINED, 1023, 1, 1);
    Cost qkv = Fixtures.node(g, Operator.ATTN_QKV_PROJ).cost();
    assertThat(qkv.flops()).isEqualTo(BigInteger.valueOf(3L * 33554432));
    assertThat(qkv.weight()).isEqualTo(BigInteger.valueOf(3L * 33554432));
    Cost o = Fixtures.node(g, Operator.ATTN_O_PROJ).cost();
    assertThat(o.flops()).isEqualTo(BigInteger.valueOf(33554432));
    assertThat(o.weight()).isEqualTo(BigInteger.valueOf(33554432));
    Cost gateUp = Fixtures.node(g, Operator.FFN_GATE_UP_PROJ).cost();
    assertThat(gateUp.flops()).isEqualTo(BigInteger.valueOf(2L * 90177536));
    assertThat(gateUp.weight()).isEqualTo(BigInteger.valueOf(2L * 90177536));
    Cost down = Fixtures.node(g, Operator.FFN_DOWN_PROJ).cost();
    assertThat(down.flops()).isEqualTo(BigInteger.valueOf(90177536));
    assertThat(down.weight()).isEqualTo(BigInteger.valueOf(90177536));
    Cost sdpa = Fixtures.node(g, Operator.ATTN_SDPA).cost();
    assertThat(sdpa.flops()).isEqualTo(BigInteger.valueOf(8388608L + 163840 + 8388608));
    assertThat(sdpa.input().subtract(BigInteger.valueOf(8192))).isEqualTo(BigInteger.valueOf(16777216));
    Cost head = Fixtures.node(g, Operator.MODEL_LM_HEAD).cost();
    assertThat(head.weight()).isEqualTo(BigInteger.valueOf(262144000));
    assertThat(head.flops()).isEqualTo(BigInteger.valueOf(2L * 131072000));
  }

  /** Prefill from an empty cache is causal: s·(s+1)/2 key visits, half the rectangle and a diagonal. */
  @Test
  void prefillIsCausal() {
    Graph g = Fixtures.graph("meta-llama/Llama-3.1-8B", REFINED, 0, 4096, 1);
    // 32 heads × 4096·4097/2 visits × (4·128 + 5).
    assertThat(Fixtures.node(g, Operator.ATTN_SDPA).cost().flops())
        .isEqualTo(BigInteger.valueOf(32L * (4096L * 4097 / 2) * 517));
  }

  /** The original's rows and storage are untouched by the refined model's existence. */
  @Test
  void theOriginalSeesNoModelRowsAndOneSdpaRowForScout() {
    Graph g = Fixtures.graph("meta-llama/Llama-4-Scout-17B-16E", CostModel.ORIGINAL, 20000, 1, 1);
    assertThat(Fixtures.blocks(g, Operator.MODEL_LM_HEAD)).isZero();
    assertThat(Fixtures.blocks(g, Operator.ATTN_QK_NORM)).isZero();
    assertThat(Fixtures.blocks(g, Operator.ATTN_SDPA)).isEqualTo(48);
    assertThat(Fixtures.blocks(g, Operator.ATTN_ROPE)).isEqualTo(48);
    assertThat(Fixtures.blocks(g, Operator.FFN_ROUTER)).isEqualTo(48);
  }
}
