package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.device.DeviceOptions;
import dev.roofline.analyzer.device.TestDeviceNames;
import dev.roofline.analyzer.device.Precision;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.graph.StorageTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cross-check against a peer tool, LLM-Viewer: Llama-2-7b (float16, so the fp16 peak of 312
 * TFLOP/s) on an A100 PCIe 40GB (1.555 TB/s), one query, 1024 cached tokens and 1 input token.
 * LLM-Viewer gives ≈ 86 µs for the QKV and O projections and ≈ 174 µs for the gated FFN per
 * block, ≈ 8.68 ms for the step, every operator memory-bound. The costs below are worked out by
 * hand from the port spec's formulas.
 */
class LlamaOnA100Test {

  private static final Path CONFIG =
      Path.of("src/main/resources/dev/roofline/analyzer/catalog/meta-llama--Llama-2-7b-hf.json");
  private static final BigDecimal BANDWIDTH = new BigDecimal("1.555e12");

  // Weights per block: 2 × 8194 (norms) + 100663296 + 33554432 + 180355072 + 90177536 = 404766724,
  // × 32 = 12952535168; KV cache 1025 × 2·4096 × 2 × 32 = 537395200; embedding table 4096 × 32000
  // × 2 = 262144000. In all 13752074368 B (12.8 GiB) of 40 GiB: fits on one device.
  private static final BigInteger NEEDED = new BigInteger("13752074368");

  private static final ModelConfig MODEL = read();
  private static final Graph GRAPH =
      Graphs.build(MODEL, Query.of(List.of(BigInteger.valueOf(1024)), List.of(BigInteger.ONE), null));
  private static final ResolvedDevice A100 =
      ResolvedDevice.of(new DeviceOptions("a100-pcie-40gb", null, null, null, null, null, TestDeviceNames.CLI), MODEL.dtype().name());
  private static final Roofline ROOFLINE = roofline();

  private static ModelConfig read() {
    try {
      return Graphs.readConfig(Files.readAllBytes(CONFIG), CONFIG.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Roofline roofline() {
    List<NodeWork> work = new ArrayList<>();
    for (Node n : GRAPH.nodes()) {
      work.add(NodeWork.of(n));
    }
    return Roofline.of(A100, work, BigInteger.ONE, NEEDED);
  }

  // H = 4096, nh = nkv = 32, d = 128, I = 11008, 32 blocks, w = 2, T = 1, L = 1025.
  //   RMSNorm: (4H+2)·T FLOPs; (H+1)·w + 2·H·w = 24578 B.
  //   QKV: proj(1, 3H = 12288, H): 12288·8191 FLOPs; 4096·12288·2 + 8192 + 24576 B.
  //   RoPE: 3·d·(nh+nkv) = 3·8192 FLOPs; 2·8192·2 B.
  //   SDPA: 1025·8191 + 4096·2049 FLOPs; 8192 + 1025·2·4096·2 in, 8192 out.
  //   O: proj(1, H, H): 4096·8191 FLOPs; 4096·4096·2 + 8192 + 8192 B.
  //   ResidualAdd: 4096 FLOPs; 2·8192 + 8192 B.
  //   GateUp: proj(1, 2I = 22016, H): 22016·8191 FLOPs; 4096·22016·2 + 8192 + 44032 B.
  //   ActMul: 5·I + T FLOPs; 2·22016 + 22016 B.   Down: proj(1, H, I): 4096·22015 FLOPs;
  //   11008·4096·2 + 22016 + 8192 B.
  // At 312e12 FLOP/s and 1.555e12 B/s the ridge is ≈ 200 FLOPs/B: everything is memory-bound.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Attn - RMSNorm     | 16386     | 24578
          Attn - QKV_Proj    | 100651008 | 100696064
          Attn - RoPE        | 24576     | 32768
          Attn - SDPA        | 16788479  | 16809984
          Attn - O_Proj      | 33550336  | 33570816
          Attn - ResidualAdd | 4096      | 24576
          Ffn - RMSNorm      | 16386     | 24578
          Ffn - GateUp_Proj  | 180333056 | 180407296
          Ffn - ActMul       | 55041     | 66048
          Ffn - Down_Proj    | 90173440  | 90207744
          Ffn - ResidualAdd  | 4096      | 24576
          """)
  void everyOperatorIsMemoryBound(String label, long flops, long bytes) {
    int i = index(label);
    Node node = GRAPH.nodes().get(i);
    assertThat(node.blocks()).isEqualTo(32);
    assertThat(node.cost().flops()).isEqualTo(flops);
    assertThat(node.cost().bytes()).isEqualTo(bytes);
    NodeTiming t = ROOFLINE.nodes().get(i);
    assertThat(t.bound()).isEqualTo(Bound.MEMORY);
    assertThat(t.timeS()).isEqualTo(t.memoryS());
    assertThat(t.timeS().toDouble()).isEqualTo(seconds(BigInteger.valueOf(bytes)));
    assertThat(t.computeS().toDouble()).isEqualTo(quotient(BigDecimal.valueOf(flops), new BigDecimal("312e12")));
  }

  @Test
  void theDeviceRunsFloat16AtItsFp16Peak() {
    assertThat(A100.precision()).isEqualTo(Precision.FP16);
    assertThat(A100.peakFlops()).isEqualByComparingTo("312e12");
    assertThat(A100.memBandwidth()).isEqualByComparingTo(BANDWIDTH);
    assertThat(GRAPH.nodes()).hasSize(11);
  }

  @Test
  void projectionsFeedForwardAndStepMatchThePeer() {
    // (100696064 + 33570816) B / 1.555e12 B/s = 86.35 µs
    double qkvO = time("Attn - QKV_Proj") + time("Attn - O_Proj");
    assertThat(qkvO).isCloseTo(86e-6, within(0.5e-6));
    // (180407296 + 66048 + 90207744) B / 1.555e12 B/s = 174.07 µs
    double ffn = time("Ffn - GateUp_Proj") + time("Ffn - ActMul") + time("Ffn - Down_Proj");
    assertThat(ffn).isCloseTo(174e-6, within(0.5e-6));

    // Bytes per block: the sum of the column above, 421889028; × 32 blocks = 13500448896 B.
    double step = seconds(new BigInteger("13500448896"));
    assertThat(step).isCloseTo(8.68e-3, within(0.005e-3));
    assertThat(ROOFLINE.step().timeS().toDouble()).isEqualTo(step);
    assertThat(ROOFLINE.total().timeS()).isEqualTo(ROOFLINE.step().timeS());
    assertThat(ROOFLINE.total().memoryS()).isEqualTo(ROOFLINE.step().timeS());
    assertThat(ROOFLINE.total().bound()).isEqualTo(Bound.MEMORY);
    assertThat(ROOFLINE.step().computeBoundShare().isZero()).isTrue();
    assertThat(ROOFLINE.step().memoryBoundShare()).isEqualTo(Rational.of(BigInteger.ONE));
    // One token per step: 1.555e12 / 13500448896 ≈ 115.18 tokens/s.
    assertThat(ROOFLINE.step().tokensPerS().toDouble()).isEqualTo(quotient(BANDWIDTH, new BigDecimal("13500448896")));
  }

  @Test
  void theModelAndItsCacheFit() {
    BigInteger fromGraph = BigInteger.ZERO;
    for (Node n : GRAPH.nodes()) {
      fromGraph = fromGraph.add(n.cost().weight().multiply(BigInteger.valueOf(n.blocks())));
    }
    for (StorageTerm t : GRAPH.storage()) {
      fromGraph = fromGraph.add(t.bytes());
    }
    assertThat(fromGraph).isEqualTo(NEEDED);
    assertThat(ROOFLINE.memory())
        .isEqualTo(new MemoryVerdict(NEEDED, new BigInteger("42949672960"), true, BigInteger.ONE));
  }

  private static int index(String label) {
    for (int i = 0; i < GRAPH.nodes().size(); i++) {
      if (GRAPH.nodes().get(i).operator().label().equals(label)) {
        return i;
      }
    }
    throw new AssertionError("no node " + label);
  }

  private static double time(String label) {
    return ROOFLINE.nodes().get(index(label)).timeS().toDouble();
  }

  private static double seconds(BigInteger bytes) {
    return quotient(new BigDecimal(bytes), BANDWIDTH);
  }

  private static double quotient(BigDecimal a, BigDecimal b) {
    return a.divide(b, new MathContext(60)).doubleValue();
  }
}
