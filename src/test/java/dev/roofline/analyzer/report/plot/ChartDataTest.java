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
    ModelConfig config = Graphs.readConfig(Files.readAllBytes(SCOUT), SCOUT.toString());
    Query query = Query.of(List.of(BigInteger.valueOf(cached)), List.of(BigInteger.valueOf(input)), null);
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
      assertThat(p.performance() / data.attainable().at(p.intensity())).as(p.label()).isCloseTo(1, within(1e-12));
      assertThat(p.bound()).isEqualTo(p.intensity() > data.attainable().ridge() ? Bound.COMPUTE : Bound.MEMORY);
      compute |= p.bound() == Bound.COMPUTE;
      memory |= p.bound() == Bound.MEMORY;
      shares += p.share();
      assertThat(p.intensity()).isBetween(data.xMin(), data.xMax());
      assertThat(p.performance()).isBetween(data.yMin(), data.yMax());
    }
    assertThat(compute).isTrue();
    assertThat(memory).isTrue();
    assertThat(shares).isCloseTo(1, within(1e-9));
    assertThat(data.roof().peak()).isLessThan(data.yMax());
    assertThat(data.total().performance()).isLessThanOrEqualTo(data.attainable().at(data.total().intensity()));
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

  @Test
  void narrowRangesWidenToTwoDecades() {
    double[] s = ChartData.span(10, 100);
    assertThat(Math.log10(s[1] / s[0])).isCloseTo(2, within(1e-12));
    assertThat(Math.sqrt(s[0] * s[1])).isCloseTo(Math.sqrt(1000), within(1e-9));
    assertThat(ChartData.span(1, 1e5)).containsExactly(1, 1e5);
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
}
