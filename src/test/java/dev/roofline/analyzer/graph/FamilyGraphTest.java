package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows of the grouped-query families against values worked out by hand from families.md and the
 * primitives of port.md (w = 2 everywhere below: bfloat16 checkpoints, float16 by default).
 */
class FamilyGraphTest {

  /** Qwen2.5-7B's shape with its window switched on: layers 14 to 27 slide over 4096 tokens. */
  private static final String QWEN2_SWA =
      "{\"model_type\": \"qwen2\", \"hidden_size\": 3584, \"num_attention_heads\": 28, \"num_key_value_heads\": 4,"
          + " \"num_hidden_layers\": 28, \"use_sliding_window\": true, \"max_window_layers\": 14}";

  private static String config(String name) {
    return name.equals("QWEN2_SWA") ? QWEN2_SWA : name;
  }

  // Qwen2.5-7B: H = 3584, nh = 28, nkv = 4, d = 128: q/k/v width 128·(28 + 2·4) = 4608.
  //   proj(T, 4608, 3584) + bias(4608, T): C = T·4608·7167 + 4608·T, W = 3584·4608·2 + 4608·2,
  //   In = T·3584·2, Out = T·4608·2.
  // Qwen3-8B: d = 128, nh = 32, nkv = 8: rmsnorm(128, 32T) + rmsnorm(128, 8T):
  //   C = 514·40·T, W = 2·129·2, In = Out = 128·40·T·2.
  // Qwen3-30B-A3B: H = 2048, qo = 32·128 = 4096 ≠ H: proj(T, 2048, 4096):
  //   C = T·2048·8191, W = 4096·2048·2, In = T·4096·2, Out = T·2048·2.
  // Mixtral 8x7B: E = 8, H = 4096: proj(T, 8, 4096): C = T·8·8191, W = 4096·8·2, In = T·8192, Out = 16·T.
  // qwen2_moe defaults: H = 2048: proj(T, 1, 2048) + scale(2048·T):
  //   C = 4095·T + 2048·T, W = 2048·2, In = 4096·T + 4096·T, Out = 2·T + 4096·T.
  // Mistral-7B-v0.1: W = 4096, qo = 4096, kv = 8·128 = 1024, every layer slides:
  //   cached 10000, input 1: L = min(10000, 4095) + 1 = 4096:
  //     C = 1·4096·8191 + 1·1024·8191 = 41937920, In = 4096·2 + 4096·2·1024·2 = 16785408, Out = 8192.
  //   cached 100, input 5000: L = 100 + 5000 = 5100:
  //     C = 5000·5100·8191 + 5000·1024·10199 = 261089380000,
  //     In = 5000·4096·2 + 5100·2048·2 = 61849600, Out = 5000·4096·2 = 40960000.
  // QWEN2_SWA: qo = 28·128 = 3584, kv = 4·128 = 512; cached 10000, input 1:
  //   full: L = 10001: C = 10001·7167 + 512·20001 = 81917679, In = 7168 + 10001·2048 = 20489216.
  //   sliding: L = 4095 + 1 = 4096: C = 4096·7167 + 512·8191 = 33549824, In = 7168 + 4096·2048 = 8395776.
  @ParameterizedTest(name = "{0} {3} at {1}+{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # config                    | cached | input | operator            | blocks | flops        | weight   | input    | output
          Qwen/Qwen2.5-7B             | 0      | 1     | ATTN_QKV_PROJ       | 28     | 33030144     | 33039360 | 7168     | 9216
          Qwen/Qwen2.5-7B             | 0      | 7     | ATTN_QKV_PROJ       | 28     | 231211008    | 33039360 | 50176    | 64512
          Qwen/Qwen3-8B               | 0      | 1     | ATTN_QK_NORM        | 36     | 20560        | 516      | 10240    | 10240
          Qwen/Qwen3-8B               | 5      | 3     | ATTN_QK_NORM        | 36     | 61680        | 516      | 30720    | 30720
          Qwen/Qwen3-30B-A3B          | 0      | 1     | ATTN_O_PROJ         | 48     | 16775168     | 16777216 | 8192     | 4096
          Qwen/Qwen3-30B-A3B          | 0      | 4     | ATTN_O_PROJ         | 48     | 67100672     | 16777216 | 32768    | 16384
          mistralai/Mixtral-8x7B-v0.1 | 0      | 1     | FFN_ROUTER          | 32     | 65528        | 65536    | 8192     | 16
          mistralai/Mixtral-8x7B-v0.1 | 9      | 2     | FFN_ROUTER          | 32     | 131056       | 65536    | 16384    | 32
          {"model_type": "qwen2_moe"} | 0      | 1     | FFN_SHARED_EXP_GATE | 24     | 6143         | 4096     | 8192     | 4098
          {"model_type": "qwen2_moe"} | 0      | 3     | FFN_SHARED_EXP_GATE | 24     | 18429        | 4096     | 24576    | 12294
          mistralai/Mistral-7B-v0.1   | 10000  | 1     | ATTN_SDPA           | 32     | 41937920     | 0        | 16785408 | 8192
          mistralai/Mistral-7B-v0.1   | 100    | 5000  | ATTN_SDPA           | 32     | 261089380000 | 0        | 61849600 | 40960000
          QWEN2_SWA                   | 10000  | 1     | ATTN_SDPA_FULL      | 14     | 81917679     | 0        | 20489216 | 7168
          QWEN2_SWA                   | 10000  | 1     | ATTN_SDPA_SLIDING   | 14     | 33549824     | 0        | 8395776  | 7168
          """)
  void handComputedRows(
      String config, long cached, long input, Operator op, long blocks, long flops, long weight, long in, long out) {
    Node node = Fixtures.node(Fixtures.graph(config(config), cached, input), op);
    assertThat(node.blocks()).isEqualTo(blocks);
    assertThat(node.cost())
        .isEqualTo(new Cost(BigInteger.valueOf(flops), BigInteger.valueOf(weight), BigInteger.valueOf(in), BigInteger.valueOf(out)));
  }

  // KV cache: layers × tokens held × 2·kv × w.
  //   Mistral-7B-v0.1: 32 × 4096 × 2048 × 2; 32 × 5100 × 2048 × 2.
  //   QWEN2_SWA: (14 full × 10001 + 14 sliding × 4096) × 2·512 × 2.
  @ParameterizedTest(name = "{0} at {1}+{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          mistralai/Mistral-7B-v0.1 | 10000 | 1    | 536870912
          mistralai/Mistral-7B-v0.1 | 100   | 5000 | 668467200
          QWEN2_SWA                 | 10000 | 1    | 404189184
          """)
  void slidingLayersCacheOnlyTheirWindow(String config, long cached, long input, long bytes) {
    Graph graph = Fixtures.graph(config(config), cached, input);
    assertThat(Fixtures.storage(graph, StorageKind.KV_CACHE)).isEqualTo(BigInteger.valueOf(bytes));
  }

  @Test
  void withBothKindsOfLayersThereIsNoPlainSdpaRow() {
    assertThat(Fixtures.blocks(Fixtures.graph(QWEN2_SWA, 10000, 1), Operator.ATTN_SDPA)).isZero();
  }

  /**
   * Layer rules, as block counts of the attention rows and of the routed and dense parts
   * (families.md §1 and §3); {@code -} for a row that is not in the table.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # keys after model_type                                                             | SDPA | Full | Sliding | Router | NonMoE
          "qwen2_moe", "decoder_sparse_step": 2, "mlp_only_layers": [0]                     | 24   | 0    | 0       | 12     | 12
          "qwen2_moe", "decoder_sparse_step": 2, "mlp_only_layers": [1, 3, 3]               | 24   | 0    | 0       | 10     | 14
          "qwen2_moe", "mlp_only_layers": [0, 23]                                           | 24   | 0    | 0       | 22     | 2
          "qwen2_moe", "num_experts": 0                                                     | 24   | 0    | 0       | 0      | 24
          "qwen2_moe", "use_sliding_window": true, "max_window_layers": 14                  | 0    | 17   | 7       | 24     | 0
          "qwen3_moe", "use_sliding_window": true                                           | 24   | 0    | 0       | 24     | 0
          "qwen3_moe", "decoder_sparse_step": 3, "mlp_only_layers": null                    | 24   | 0    | 0       | 8      | 16
          "qwen2", "use_sliding_window": true, "max_window_layers": 40                      | 32   | 0    | 0       | 0      | 0
          "qwen2", "use_sliding_window": true, "max_window_layers": 0                       | 32   | 0    | 0       | 0      | 0
          "qwen3", "use_sliding_window": true, "sliding_window": null                       | 32   | 0    | 0       | 0      | 0
          "mistral", "sliding_window": null                                                 | 32   | 0    | 0       | 0      | 0
          "mixtral", "sliding_window": 4096                                                 | 32   | 0    | 0       | 32     | 0
          "mistral", "num_hidden_layers": 4, "layer_types": ["sliding_attention", "full_attention", "sliding_attention", "sliding_attention"] | 0 | 1 | 3 | 0 | 0
          "qwen2", "num_hidden_layers": 3, "layer_types": ["full_attention", "full_attention", "full_attention"], "use_sliding_window": true, "max_window_layers": 0 | 3 | 0 | 0 | 0 | 0
          """)
  void layerRules(String keys, long sdpa, long full, long sliding, long router, long nonMoe) {
    Graph graph = Fixtures.graph("{\"model_type\": " + keys + "}", 5000, 1);
    assertThat(Fixtures.blocks(graph, Operator.ATTN_SDPA)).isEqualTo(sdpa);
    assertThat(Fixtures.blocks(graph, Operator.ATTN_SDPA_FULL)).isEqualTo(full);
    assertThat(Fixtures.blocks(graph, Operator.ATTN_SDPA_SLIDING)).isEqualTo(sliding);
    assertThat(Fixtures.blocks(graph, Operator.FFN_ROUTER)).isEqualTo(router);
    assertThat(Fixtures.blocks(graph, Operator.FFN_ROUTED_EXP_GATE_UP_PROJ)).isEqualTo(router);
    assertThat(Fixtures.blocks(graph, Operator.FFN_NON_MOE_GATE_UP_PROJ)).isEqualTo(nonMoe);
  }

  @Test
  void aMistralWithoutWindowIsALlamaOfTheSameShape() {
    String shape =
        "\"hidden_size\": 512, \"intermediate_size\": 1376, \"num_hidden_layers\": 3, \"num_attention_heads\": 8,"
            + " \"num_key_value_heads\": 2, \"vocab_size\": 1000, \"torch_dtype\": \"bfloat16\"}";
    Graph llama = Fixtures.graph("{\"model_type\": \"llama\", " + shape, 700, 9);
    Graph mistral = Fixtures.graph("{\"model_type\": \"mistral\", \"sliding_window\": null, " + shape, 700, 9);
    assertThat(mistral).isEqualTo(llama);
  }

  @Test
  void qwen3HeadsNeedNotSpanTheHiddenSize() {
    // head_dim defaults to 128 in qwen3: 16 heads × 128 = 2048 wide queries on a 1024 residual.
    Graph graph = Fixtures.graph("{\"model_type\": \"qwen3\", \"hidden_size\": 1024, \"num_attention_heads\": 16}", 0, 1);
    // O: proj(1, 1024, 2048): W = 2048·1024·2.
    assertThat(Fixtures.node(graph, Operator.ATTN_O_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(4194304));
    Graph derived =
        Fixtures.graph("{\"model_type\": \"qwen3\", \"hidden_size\": 1024, \"num_attention_heads\": 16, \"head_dim\": null}", 0, 1);
    // head_dim null: 1024 / 16 = 64, queries 1024 wide: W = 1024·1024·2.
    assertThat(Fixtures.node(derived, Operator.ATTN_O_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(2097152));
  }
}
