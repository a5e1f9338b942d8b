package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Precision;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenarios counted from lines against the full analysis of each, as a single run counts it: the
 * same row, every figure exact, over random batches, contexts, requests, layouts and devices, for
 * dense, mixture-of-experts, latent-attention and linear-attention models under both cost models;
 * and the line path is the one taken where it applies.
 */
class SweepLinesTest {

  private static ModelConfig config(String id) throws IOException {
    String resource = "/dev/roofline/analyzer/catalog/" + id.replace("/", "--") + ".json";
    try (InputStream in = SweepLinesTest.class.getResourceAsStream(resource)) {
      return Graphs.readConfig(in.readAllBytes(), id);
    }
  }

  /** Devices by id, a custom one with efficiencies below 1 among them; layouts on their links. */
  private static final class Placement implements Sweep.Placement {
    private final String dtype;
    private final Map<String, ResolvedDevice> devices = new HashMap<>();

    Placement(String dtype) {
      this.dtype = dtype;
    }

    @Override
    public ResolvedDevice device(String id) {
      return devices.computeIfAbsent(
          id,
          k ->
              k.equals("custom")
                  ? ResolvedDevice.of(
                      new DeviceOptions(null, "1.3e15", "2.9e12", "40GiB", "0.7", "0.85", TestDeviceNames.CLI), dtype)
                  : ResolvedDevice.of(new DeviceOptions(k, null, null, null, null, null, TestDeviceNames.CLI), dtype));
    }

    @Override
    public Layout layout(Scenario s) {
      if (s.tp() == 1 && s.dp() == 1 && s.ep() == 1 && s.pp() == 1) {
        return Layout.SINGLE;
      }
      Interconnect links = Interconnect.of(s.device().equals("custom") ? "h100-sxm" : s.device());
      return new Layout(
          s.tp(),
          s.dp(),
          s.ep(),
          s.pp(),
          new Links(
              null, links.scaleUpBytesPerS(), null, links.scaleOutBytesPerS(), links.domain(), new BigDecimal("0.8"),
              new BigDecimal("0.000005")));
    }
  }

  private static Sweep sweep(String id, CostModel costs) throws IOException {
    ModelConfig config = config(id);
    OperatorGraph graph = Graphs.operators(config, Precision.of(config.dtype()));
    Subject subject = new Subject(id, Provenance.BUNDLED, "main", null);
    return new Sweep(
        subject, config, graph, costs, new Placement(config.dtype().name()), e -> e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  private static long pick(Random r, long... values) {
    return values[r.nextInt(values.length)];
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "meta-llama/Llama-3.1-8B, original, 40",
    "meta-llama/Llama-3.1-8B, refined, 40",
    "meta-llama/Llama-3.1-70B, refined, 40",
    "deepseek-ai/DeepSeek-V3, original, 40",
    "deepseek-ai/DeepSeek-V3, refined, 40",
    "mistralai/Mixtral-8x7B-v0.1, refined, 40",
    "Qwen/Qwen3-30B-A3B, refined, 40",
    "Qwen/Qwen3-Next-80B-A3B-Instruct, original, 40",
    "Qwen/Qwen3-Next-80B-A3B-Instruct, refined, 40",
    "google/gemma-3-27b-it, refined, 0",
  })
  void everyRowIsTheFullAnalysis(String id, String model, int atLeast) throws IOException {
    CostModel costs = model.equals("refined") ? CostModel.REFINED : CostModel.ORIGINAL;
    Sweep sweep = sweep(id, costs);
    ModelConfig config = config(id);
    SweepLines lines = new SweepLines(Graphs.operators(config, Precision.of(config.dtype())), costs);
    Placement placement = new Placement(config.dtype().name());
    Random r = new Random(id.hashCode() * 31L + model.hashCode());
    int counted = 0;
    for (int k = 0; k < 200; k++) {
      long dp = pick(r, 1, 1, 2);
      long tp = pick(r, 1, 2, 4, 8);
      long ep = pick(r, 1, 1, 2, 8);
      long pp = pick(r, 1, 1, 1, 2);
      long batch = dp * pp * pick(r, 1, 2, 3, 16, 64);
      long cached = pick(r, 0, 0, 1, 2, 5000, r.nextInt(200_000));
      long input = pick(r, 1, 1, 7, 4096, 1 + r.nextInt(20_000));
      BigInteger output = r.nextInt(3) == 0 ? null : big(pick(r, 1, 2, 3, 512, 1 + r.nextInt(100_000)));
      String device = r.nextInt(4) == 0 ? "custom" : r.nextBoolean() ? "h100-sxm" : "mi300x";
      Scenario s = new Scenario(big(batch), List.of(big(cached)), List.of(big(input)), output, tp, dp, ep, pp, device);
      ScenarioRow expected = sweep.analyse(s);
      assertThat(sweep.evaluate(s)).as(s.toString()).isEqualTo(expected);
      if (expected.valid()) {
        Query query = Query.of(s.cached(), s.input(), s.batch());
        ScenarioRow row = lines.row(s, query, placement.layout(s), placement.device(device));
        if (row != null) {
          assertThat(row).as(s.toString()).isEqualTo(expected);
          counted++;
        }
      }
    }
    // Most valid scenarios are of one pattern, on one device or a one-stage split; gemma-3 slides.
    assertThat(counted).isGreaterThanOrEqualTo(atLeast);
  }

  /** Where the lines apply they are used: one device or a tensor split, full attention, one pattern. */
  @Test
  void theLinesCountWhereTheyApply() throws IOException {
    for (String id : List.of("meta-llama/Llama-3.1-70B", "deepseek-ai/DeepSeek-V3")) {
      ModelConfig config = config(id);
      OperatorGraph graph = Graphs.operators(config, Precision.of(config.dtype()));
      SweepLines lines = new SweepLines(graph, CostModel.REFINED);
      Placement placement = new Placement(config.dtype().name());
      Sweep sweep = sweep(id, CostModel.REFINED);
      for (long tp : new long[] {1, 8}) {
        for (long cached : new long[] {0, 1, 32768}) {
          Scenario s = new Scenario(big(16), List.of(big(cached)), List.of(big(4096)), big(512), tp, 1, 1, 1, "h100-sxm");
          Query query = Query.of(s.cached(), s.input(), s.batch());
          ScenarioRow row = lines.row(s, query, placement.layout(s), placement.device("h100-sxm"));
          assertThat(row).as(s.toString()).isNotNull().isEqualTo(sweep.analyse(s));
        }
      }
      // A pipeline is the full analysis's.
      Scenario piped = new Scenario(big(16), List.of(big(0)), List.of(big(4096)), null, 1, 1, 1, 2, "h100-sxm");
      Query query = Query.of(piped.cached(), piped.input(), piped.batch());
      assertThat(lines.row(piped, query, placement.layout(piped), placement.device("h100-sxm"))).isNull();
    }
  }
}
