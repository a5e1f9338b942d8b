package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ElementType;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import dev.roofline.analyzer.device.DeviceOptions;
import dev.roofline.analyzer.device.Interconnect;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.device.TestDeviceNames;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Links;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Query;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request's closed form against the brute force: every decode step analysed on its own, one
 * after another, and their times added, exactly, for every window kind, both bounds, both cost
 * models, on one device and split over tp 2 × pp 2.
 */
class RequestSumTest {

  private static ModelConfig config(String id) throws IOException {
    String resource = "/dev/roofline/analyzer/catalog/" + id.replace("/", "--") + ".json";
    try (InputStream in = RequestSumTest.class.getResourceAsStream(resource)) {
      return Graphs.readConfig(in.readAllBytes(), id);
    }
  }

  private static Layout layout(String split, String device) {
    if (split.equals("single")) {
      return Layout.SINGLE;
    }
    Interconnect links = Interconnect.of(device);
    return new Layout(
        2, 1, 1, 2,
        new Links(null, links.scaleUpBytesPerS(), null, links.scaleOutBytesPerS(), links.domain(), BigDecimal.ONE, BigDecimal.ZERO));
  }

  /** The time of decode step {@code j} alone: its step time, or pp ticks in a pipeline. */
  private static Rational decodeTime(Analysis a, Layout layout) {
    return layout.pp() > 1 ? a.parallel().tickS().times(BigInteger.valueOf(layout.pp())) : a.roofline().step().timeS();
  }

  private static BigInteger need(Analysis a) {
    return a.parallel() == null ? a.storage().totalBytes() : a.parallel().memory().totalBytes();
  }

  @ParameterizedTest(name = "{0} cached {1} batch {2} {3} {4} N={5} kv {6}")
  @CsvSource(
      textBlock =
          """
          # model,                            cached, batch, cost model, split,  N,   kv dtype
          # Full attention.
          meta-llama/Llama-3.1-8B,            100,    4,     original,   single, 40,  -
          meta-llama/Llama-3.1-8B,            100,    4,     refined,    tp2pp2, 40,  -
          # A sliding window of 4096, crossed at the 197th decode step.
          mistralai/Mistral-7B-v0.1,          3900,   2,     original,   single, 300, -
          mistralai/Mistral-7B-v0.1,          3900,   2,     refined,    tp2pp2, 300, -
          # Chunks of 8192 (refined), crossed at the 193rd; the original sees full attention.
          meta-llama/Llama-4-Scout-17B-16E,   8000,   2,     refined,    single, 300, -
          meta-llama/Llama-4-Scout-17B-16E,   8000,   2,     refined,    tp2pp2, 300, -
          meta-llama/Llama-4-Scout-17B-16E,   8000,   2,     original,   single, 60,  -
          # MLA; with an fp8 cache its attention turns from memory- to compute-bound near 757 keys.
          deepseek-ai/DeepSeek-V3,            600,    2,     original,   single, 300, fp8
          deepseek-ai/DeepSeek-V3,            600,    2,     refined,    single, 300, fp8
          deepseek-ai/DeepSeek-V3,            700,    4,     refined,    tp2pp2, 100, fp8
          """)
  void theClosedFormIsTheSumOfItsSteps(
      String id, long cached, long batch, String model, String split, long n, String kv) throws Exception {
    ModelConfig config = config(id);
    Precision precision =
        kv.equals("-")
            ? Precision.of(config.dtype())
            : Precision.resolve(
                QuantizationMode.NONE, null, new PrecisionOptions(null, ElementType.parseKv(kv), null), config.dtype(), config.modelType(), id);
    OperatorGraph graph = Graphs.operators(config, precision);
    CostModel costs = model.equals("refined") ? CostModel.REFINED : CostModel.ORIGINAL;
    ResolvedDevice device =
        ResolvedDevice.of(new DeviceOptions("h100-sxm", null, null, null, null, null, TestDeviceNames.CLI), config.dtype().name());
    Layout layout = layout(split, "h100-sxm");
    Query first = new Query(List.of(BigInteger.valueOf(cached)), List.of(BigInteger.ONE), BigInteger.valueOf(batch));
    Subject subject = new Subject(id, Provenance.BUNDLED, "main", null);
    Analysis request = Analysis.of(subject, config, graph, costs, first, device, layout, BigInteger.valueOf(n));
    RequestFigures r = request.request();

    Rational sum = Rational.of(BigInteger.ZERO);
    Rational firstDecode = null;
    Rational lastDecode = null;
    BigInteger worst = need(request);
    Bound sdpaFirst = null;
    Bound sdpaLast = null;
    for (long j = 1; j < n; j++) {
      Analysis step = Analysis.of(subject, config, graph, costs, first.decode(BigInteger.valueOf(j)), device, layout);
      Rational t = decodeTime(step, layout);
      sum = sum.plus(t);
      firstDecode = firstDecode == null ? t : firstDecode;
      lastDecode = t;
      worst = worst.max(need(step));
      for (int i = 0; i < step.rows().size(); i++) {
        if (step.rows().get(i).label().equals("Attn - SDPA")) {
          sdpaLast = step.roofline().nodes().get(i).bound();
          sdpaFirst = sdpaFirst == null ? sdpaLast : sdpaFirst;
        }
      }
    }
    assertThat(r.ttftS()).isEqualTo(request.roofline().step().timeS());
    assertThat(r.e2eS()).isEqualTo(r.ttftS().plus(sum));
    assertThat(r.tpotS()).isEqualTo(sum.over(Rational.of(BigInteger.valueOf(n - 1))));
    assertThat(r.tpotFirstS()).isEqualTo(firstDecode);
    assertThat(r.tpotLastS()).isEqualTo(lastDecode);
    assertThat(r.neededBytes()).isEqualTo(worst);
    assertThat(r.outputTokensPerS()).isEqualTo(Rational.of(BigInteger.valueOf(batch * n)).over(r.e2eS()));
    assertThat(r.outputTokensPerSPerQuery()).isEqualTo(Rational.of(BigInteger.ONE).over(r.tpotS()));
    if (id.startsWith("deepseek") && split.equals("single")) {
      // The case of both bounds: the attention turns compute-bound within the request.
      assertThat(sdpaFirst).isEqualTo(Bound.MEMORY);
      assertThat(sdpaLast).isEqualTo(Bound.COMPUTE);
    }
  }

  /** A billion output tokens are summed in as few pieces as two: no work per token. */
  @Test
  void aBillionTokensCostNoMoreThanTwo() throws Exception {
    ModelConfig config = config("meta-llama/Llama-3.1-8B");
    OperatorGraph graph = Graphs.operators(config, Precision.of(config.dtype()));
    ResolvedDevice device =
        ResolvedDevice.of(new DeviceOptions("h100-sxm", null, null, null, null, null, TestDeviceNames.CLI), config.dtype().name());
    Query first = new Query(List.of(BigInteger.ZERO), List.of(BigInteger.valueOf(2048)), BigInteger.ONE);
    Subject subject = new Subject("l", Provenance.BUNDLED, "main", null);
    RequestFigures two =
        Analysis.of(subject, config, graph, CostModel.REFINED, first, device, Layout.SINGLE, BigInteger.TWO).request();
    RequestFigures billion =
        Analysis.of(subject, config, graph, CostModel.REFINED, first, device, Layout.SINGLE, BigInteger.valueOf(1_000_000_000))
            .request();
    assertThat(two.pieces()).isEqualTo(1);
    assertThat(billion.pieces()).isLessThanOrEqualTo(3);
    // The last step attends 2048 + 999,999,998 keys: far longer than the first.
    assertThat(billion.tpotLastS()).isGreaterThan(two.tpotLastS());
  }

  /** One output token: no decode step, TPOT absent, end to end the first step. */
  @Test
  void oneTokenIsTheFirstStep() throws Exception {
    ModelConfig config = config("meta-llama/Llama-3.1-8B");
    OperatorGraph graph = Graphs.operators(config, Precision.of(config.dtype()));
    ResolvedDevice device =
        ResolvedDevice.of(new DeviceOptions("h100-sxm", null, null, null, null, null, TestDeviceNames.CLI), config.dtype().name());
    Query first = new Query(List.of(BigInteger.ZERO), List.of(BigInteger.valueOf(100)), BigInteger.valueOf(3));
    Analysis a =
        Analysis.of(new Subject("l", Provenance.BUNDLED, "main", null), config, graph, CostModel.ORIGINAL, first, device, Layout.SINGLE, BigInteger.ONE);
    RequestFigures r = a.request();
    assertThat(r.tpotS()).isNull();
    assertThat(r.tpotFirstS()).isNull();
    assertThat(r.outputTokensPerSPerQuery()).isNull();
    assertThat(r.e2eS()).isEqualTo(a.roofline().step().timeS());
    assertThat(r.outputTokensPerS()).isEqualTo(Rational.of(BigInteger.valueOf(3)).over(r.e2eS()));
    assertThat(r.lastStep()).isNull();
  }
}
