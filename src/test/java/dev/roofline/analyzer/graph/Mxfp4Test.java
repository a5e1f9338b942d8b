package dev.roofline.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roofline.analyzer.config.DType;
import dev.roofline.analyzer.config.ParsedConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import dev.roofline.analyzer.config.UnsupportedQuantizationException;
import dev.roofline.analyzer.config.WeightDtype;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gpt-oss's MXFP4 experts ({@code quant_method: mxfp4}): N·⌈K/32⌉·17 bytes an {@code [N, K]}
 * tensor, the experts only, everything {@code modules_to_not_convert} names, the biases, sinks,
 * norms and router at the config dtype (float16 for gpt-oss files, which name none).
 */
class Mxfp4Test {

  /** 32 values in 16 bytes and a scale byte per block of K, N rows: a K of 33 takes two blocks a row. */
  @ParameterizedTest(name = "[{0}, {1}]")
  @CsvSource({"1, 1, 17", "5, 33, 170", "7, 64, 238", "3, 65, 153", "2880, 2880, 4406400", "5760, 2880, 8812800"})
  void bytesOfAnNByKTensor(long n, long k, long bytes) {
    assertThat(WeightDtype.MXFP4.format(new DType("bfloat16", 2)).bytes(n, k)).isEqualTo(BigInteger.valueOf(bytes));
  }

  private static Graph graph(QuantizationMode mode, PrecisionOptions options, CostModel costs, long batch) {
    ParsedConfig c = Graphs.parseConfig(Fixtures.bundled("openai/gpt-oss-20b"), "openai/gpt-oss-20b");
    Precision p = c.precision(mode, options, "openai/gpt-oss-20b");
    Query query = new Query(List.of(BigInteger.valueOf(100)), List.of(BigInteger.ONE), BigInteger.valueOf(batch));
    return costs.evaluate(Graphs.operators(c.model(), p), query);
  }

  private static BigInteger tensorBytes(Graph g) {
    return g.weights().add(Fixtures.storage(g, StorageKind.ADDITIONAL_EXPERTS)).add(Fixtures.storage(g, StorageKind.EMBEDDING_TABLE));
  }

  /**
   * gpt-oss-20b's checkpoint holds 13,761,264,768 bytes of tensors (its index's total_size): per
   * layer attention with biases and sinks 26,550,144 float16 values, two norms 5,760, router and
   * bias 92,192, 32 experts of MXFP4 gate_up [5760, 2880] and down [2880, 2880] (8,812,800 +
   * 4,406,400 bytes) and their biases (5,760 + 2,880 values): 476,863,552 bytes, × 24; embedding
   * and LM head 201088·2880·2 each; the final norm 2880·2. Refined, Weights + Additional Experts +
   * Embedding Table are exactly that, whatever the batch. By the original's conventions: minus the
   * LM head and the final norm, plus 2·2·24 for the h+1 norms: 12,602,992,224.
   */
  @ParameterizedTest(name = "{0} batch {1}")
  @CsvSource({"refined, 1, 13761264768", "refined, 64, 13761264768", "original, 1, 12602992224", "original, 4, 12602992224"})
  void theCheckpointsBytes(String model, long batch, long bytes) {
    CostModel costs = model.equals("refined") ? CostModel.REFINED : CostModel.ORIGINAL;
    Graph g = graph(QuantizationMode.AUTO, PrecisionOptions.NONE, costs, batch);
    assertThat(tensorBytes(g)).isEqualTo(BigInteger.valueOf(bytes));
  }

  /**
   * One token, 4 experts read: GateUp W = 4·8,812,800 + 4·5760·2 (float16 biases) = 35,297,280,
   * its input the token at float16 for each pair (4·2880·2); Down W = 4·4,406,400 + 4·2880·2 =
   * 17,648,640. Attention stays float16 (modules_to_not_convert): QKV W = 5120·2880·2 + 5120·2 =
   * 29,501,440. With --weight-dtype mxfp4 every projection is MXFP4: QKV W = 5120·90·17 + 10240 =
   * 7,843,840, GateUp as from the config.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"auto, 35297280, 17648640, 29501440", "option, 35297280, 17648640, 7843840"})
  void rowsReadTheExpertsInMxfp4(String how, long gateUp, long down, long qkv) {
    Graph g =
        how.equals("auto")
            ? graph(QuantizationMode.AUTO, PrecisionOptions.NONE, CostModel.ORIGINAL, 1)
            : graph(QuantizationMode.NONE, PrecisionOptions.parse("mxfp4", null, null), CostModel.ORIGINAL, 1);
    assertThat(Fixtures.node(g, Operator.FFN_ROUTED_EXP_GATE_UP_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(gateUp));
    assertThat(Fixtures.node(g, Operator.FFN_ROUTED_EXP_GATE_UP_PROJ).cost().input()).isEqualTo(BigInteger.valueOf(4 * 2880 * 2));
    assertThat(Fixtures.node(g, Operator.FFN_ROUTED_EXP_DOWN_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(down));
    assertThat(Fixtures.node(g, Operator.ATTN_QKV_PROJ).cost().weight()).isEqualTo(BigInteger.valueOf(qkv));
  }

  @Test
  void activationsAndKvStayAtTheConfigDtype() {
    ParsedConfig c = Graphs.parseConfig(Fixtures.bundled("openai/gpt-oss-20b"), "openai/gpt-oss-20b");
    Precision p = c.precision(QuantizationMode.AUTO, PrecisionOptions.NONE, "openai/gpt-oss-20b");
    assertThat(p.weights()).isEqualTo("mxfp4");
    assertThat(p.kv().name()).isEqualTo("float16");
    assertThat(p.activations().name()).isEqualTo("float16");
  }

  /** MXFP4 is gpt-oss's: another family's config naming it is refused, naming what it may use. */
  @Test
  void mxfp4IsReadForGptOssOnly() {
    String llama = "{\"model_type\": \"llama\", \"quantization_config\": {\"quant_method\": \"mxfp4\"}}";
    ParsedConfig c = Graphs.parseConfig(llama.getBytes(StandardCharsets.UTF_8), "t.json");
    assertThatThrownBy(() -> c.precision(QuantizationMode.AUTO, PrecisionOptions.NONE, "t.json"))
        .isInstanceOf(UnsupportedQuantizationException.class)
        .hasMessage("t.json: unsupported quant_method 'mxfp4' in 'quantization_config' (supported: awq, compressed-tensors, fp8, gptq)");
    String gptOss = "{\"model_type\": \"gpt_oss\", \"quantization_config\": {\"quant_method\": \"bitsandbytes\"}}";
    ParsedConfig g = Graphs.parseConfig(gptOss.getBytes(StandardCharsets.UTF_8), "t.json");
    assertThatThrownBy(() -> g.precision(QuantizationMode.AUTO, PrecisionOptions.NONE, "t.json"))
        .hasMessage(
            "t.json: unsupported quant_method 'bitsandbytes' in 'quantization_config' (supported: awq, compressed-tensors,"
                + " fp8, gptq, mxfp4)");
  }
}
