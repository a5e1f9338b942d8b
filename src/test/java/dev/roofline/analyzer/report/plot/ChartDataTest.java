package dev.roofline.analyzer.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Bound;
import dev.roofline.analyzer.analysis.Provenance;
import dev.roofline.analyzer.analysis.Subject;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.device.DeviceOptions;
import dev.roofline.analyzer.device.TestDeviceNames;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Query;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart's numbers: points under the roof, shares of the step, axes that hold everything. */
class ChartDataTest {

  private static final Path SCOUT = Path.of("src/test/resources/golden/seed-sample/config-scout.json");

  private static Analysis scout(long cached, long input, DeviceOptions device) throws Exception {
    return scout(BigInteger.valueOf(cached), BigInteger.valueOf(input), device);
  }

  private static Analysis scout(BigInteger cached, BigInteger input, DeviceOptions device) throws Exception {
    ModelConfig config = Graphs.readConfig(Files.readAllBytes(SCOUT), SCOUT.toString());
    Query query = Query.of(List.of(cached), List.of(input), null);
    ResolvedDevice d = device == null ? null : ResolvedDevice.of(device, config.dtype().name());
    return Analysis.of(
        new Subject(SCOUT.toString(), Provenance.FILE, null, null), config, query, Precision.of(config.dtype()), d);
  }

  private static DeviceOptions h100(String flopsEfficiency, String memEfficiency) {
    return new DeviceOptions("h100-sxm", null, null, null, flopsEfficiency, memEfficiency, TestDeviceNames.CLI);
  }

  @Test
  void prefillPointsLieOnTheAttainableRoofOnBothSidesOfTheRidge() throws Exception {
    ChartData data = ChartData.of(scout(0, 4096, h100("0.7", "0.8")));
    // 989.4 TFLOP/s × 0.7 and 3.35 TB/s × 0.8: a ridge of 692.58 / 2.68 = 258.43 FLOPs/byte.
    assertThat(data.attainable().peak()).isEqualTo(692.58e12);
    assertThat(data.attainable().bandwidth()).isEqualTo(2.68e12);
    assertThat(data.attainable().ridge()).isCloseTo(258.425, within(1e-3));
    assertThat(data.roof().ridge()).isCloseTo(295.343, within(1e-3));
    assertThat(data.derated()).isTrue();
    boolean compute = false;
    boolean memory = false;
    double shares = 0;
    for (ChartData.Point p : data.operators()) {
      // Positions are in decades: a point on the roof is at the roof's height, to a double's precision.
      assertThat(Math.pow(10, p.y() - data.attainable().y(p.x()))).as(p.label()).isCloseTo(1, within(1e-12));
      assertThat(p.bound()).isEqualTo(p.x() > data.attainable().ridgeX() ? Bound.COMPUTE : Bound.MEMORY);
      compute |= p.bound() == Bound.COMPUTE;
      memory |= p.bound() == Bound.MEMORY;
      shares += p.share();
      assertThat(p.x()).isBetween(data.xMin(), data.xMax());
      assertThat(p.y()).isBetween(data.yMin(), data.yMax());
    }
    assertThat(compute).isTrue();
    assertThat(memory).isTrue();
    assertThat(shares).isCloseTo(1, within(1e-9));
    assertThat(data.roof().peakY()).isLessThan(data.yMax());
    assertThat(data.total().y()).isLessThanOrEqualTo(data.attainable().y(data.total().x()));
  }

  /**
   * 10^400 input tokens of Scout (H = 5120, kvDims = 8 · 128 = 1024, w = 2; s = L = T): attention
   * computes T²·(2H−1) + T·kvDims·(2T−1) ≈ 12287·T² FLOPs on 2·T·H·w + T·2·kvDims·w = 24576·T
   * bytes, an intensity of some 0.49996 · 10^400, beyond a double: it is placed at its logarithm,
   * under the flat roof, and the axis reaches past it.
   */
  @Test
  void valuesBeyondADoubleArePlacedByTheirLogarithm() throws Exception {
    ChartData data = ChartData.of(scout(BigInteger.ZERO, BigInteger.TEN.pow(400), h100(null, null)));
    ChartData.Point sdpa =
        data.operators().stream().filter(p -> p.id().equals("attn_sdpa")).findFirst().orElseThrow();
    assertThat(sdpa.x()).isCloseTo(400 + Math.log10(12287.0 / 24576), within(1e-9));
    assertThat(sdpa.y()).isCloseTo(Math.log10(989.4e12), within(1e-12));
    assertThat(sdpa.bound()).isEqualTo(Bound.COMPUTE);
    assertThat(sdpa.share()).isCloseTo(1, within(1e-9));
    assertThat(data.xMax()).isGreaterThan(sdpa.x()).isLessThan(460);
    assertThat(data.total().x()).isBetween(data.xMin(), data.xMax());
    assertThat(ChartData.value(data.xMax())).matches("\\d\\.\\d+E4\\d\\d");
    assertThat(ChartData.value(2)).isEqualTo("100.0");
  }

  /** Labelled decades: every one up to twelve, then every 2, 5, 10, 20, 50, … so that at most twelve are. */
  @ParameterizedTest
  @CsvSource({"2, 1", "12, 1", "12.5, 2", "24, 2", "25, 5", "60, 5", "61, 10", "120, 10", "240, 20", "460, 50", "1300, 200"})
  void decadeSteps(double decades, long step) {
    assertThat(DecadeAxis.step(decades)).isEqualTo(step);
  }

  @Test
  void withoutEfficienciesThereIsOneRoof() throws Exception {
    ChartData data = ChartData.of(scout(1048576, 1, h100(null, null)));
    assertThat(data.derated()).isFalse();
    assertThat(data.attainable()).isEqualTo(data.roof());
  }

  @Test
  void aChartNeedsADevice() throws Exception {
    Analysis noDevice = scout(0, 1, null);
    assertThatThrownBy(() -> ChartData.of(noDevice)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Ranges are in decades: 10 to 100 is 1 to 2. */
  @Test
  void narrowRangesWidenToTwoDecades() {
    double[] s = ChartData.span(1, 2);
    assertThat(s[1] - s[0]).isCloseTo(2, within(1e-12));
    assertThat((s[0] + s[1]) / 2).isCloseTo(1.5, within(1e-12));
    assertThat(ChartData.span(0, 5)).containsExactly(0, 5);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1e-4   |        | 100μ
          0.001  |        | 0.001
          0.1    |        | 0.1
          1      |        | 1
          100    |        | 100
          1000   |        | 1k
          1e6    |        | 1M
          1e12   | FLOP/s | 1 TFLOP/s
          1e14   | FLOP/s | 100 TFLOP/s
          1e15   | FLOP/s | 1 PFLOP/s
          """)
  void decadeLabels(double value, String unit, String want) {
    assertThat(new DecadeFormat(unit == null ? "" : unit).text(value)).isEqualTo(want);
  }

  /** Powers of ten by their exponent: as their double within its range, written out beyond it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -4   |        | 100μ
          3    |        | 1k
          30   |        | 1Q
          36   |        | 1e36
          400  |        | 1e400
          -400 |        | 1e-400
          15   | FLOP/s | 1 PFLOP/s
          400  | FLOP/s | 1e400 FLOP/s
          """)
  void decadeLabelsByExponent(long k, String unit, String want) {
    assertThat(new DecadeFormat(unit == null ? "" : unit).decade(k)).isEqualTo(want);
  }
}
