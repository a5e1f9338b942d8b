package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Scenario;
import dev.roofline.analyzer.analysis.ScenarioRow;
import dev.roofline.analyzer.analysis.Subject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart of a sweep as the bytes of an SVG or PNG file: tokens/s per device against tokens/s
 * per query, log–log, a series of markers per device and parallel layout (hollow where the
 * scenario does not fit), the Pareto front as a line. The entry to the sweep's chart; it names no
 * AWT type, so that it can make AWT headless before AWT starts.
 */
public final class SweepPlot {
  private SweepPlot() {}

  /**
   * The chart of {@code points}, titled by {@code model} (the model as asked for) and {@code
   * sweep} (the sweep in a line), in {@code format}.
   */
  public static byte[] render(Points points, Subject model, String sweep, PlotFormat format) {
    System.setProperty("java.awt.headless", "true");
    return ChartFile.write(SweepChart.of(points, ChartText.model(model), sweep), format);
  }

  /**
   * The points of a chart, gathered as the rows stream past: in each series, one point per
   * {@value #BINS_PER_DECADE}th of a decade on either axis (finer than a pixel), so that a sweep of
   * any length takes the memory of a chart.
   */
  public static final class Points {
    /** Bins per decade: the canvas gives a decade a few hundred pixels at most. */
    static final int BINS_PER_DECADE = 1000;

    /**
     * One series' points, as decimal logarithms of tokens/s per query (x) and per device (y): its
     * name, and its device and layout apart, for the chart to give each a colour or a shape.
     */
    static final class Series {
      final String name;
      final String device;
      final String layout;
      final List<double[]> fitting = new ArrayList<>();
      final List<double[]> notFitting = new ArrayList<>();
      private final Set<Long> bins = new HashSet<>();

      Series(String device, String layout) {
        this.name = layout.isEmpty() ? device : device + " " + layout;
        this.device = device;
        this.layout = layout;
      }
    }

    private final boolean layouts;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<double[]> front = new ArrayList<>();

    /** @param layouts whether the layouts vary (then every series names its layout) */
    public Points(boolean layouts) {
      this.layouts = layouts;
    }

    /** Adds the point of {@code row}, when it has both rates. */
    public void add(ScenarioRow row) {
      if (!row.valid() || row.tokensPerSPerQuery() == null) {
        return;
      }
      Scenario scenario = row.scenario();
      String layout = layout(scenario);
      Series s = series.get(scenario.device() + " " + layout);
      if (s == null) {
        s = new Series(scenario.device(), layout);
        series.put(scenario.device() + " " + layout, s);
      }
      double x = row.tokensPerSPerQuery().log10();
      double y = row.tokensPerSPerDevice().log10();
      boolean fits = row.fitting();
      long bin = (Math.round(x * BINS_PER_DECADE) << 32) ^ (Math.round(y * BINS_PER_DECADE) & 0xFFFFFFFFL);
      if (s.bins.add(fits ? bin : ~bin)) {
        (fits ? s.fitting : s.notFitting).add(new double[] {x, y});
      }
    }

    /** Sets the Pareto front: {@code rows} in any order. */
    public void front(List<ScenarioRow> rows) {
      front.clear();
      for (ScenarioRow r : rows) {
        front.add(new double[] {r.tokensPerSPerQuery().log10(), r.tokensPerSPerDevice().log10()});
      }
      front.sort((a, b) -> Double.compare(a[0], b[0]));
    }

    /** Nothing on one device when no layout varies, else {@code tp 8} ({@code dp}, {@code ep}, {@code pp} when above 1). */
    private String layout(Scenario s) {
      if (!layouts && s.tp() == 1 && s.dp() == 1 && s.ep() == 1 && s.pp() == 1) {
        return "";
      }
      StringBuilder name = new StringBuilder("tp ").append(s.tp());
      if (s.dp() > 1) {
        name.append(" dp ").append(s.dp());
      }
      if (s.ep() > 1) {
        name.append(" ep ").append(s.ep());
      }
      if (s.pp() > 1) {
        name.append(" pp ").append(s.pp());
      }
      return name.toString();
    }

    List<Series> series() {
      return List.copyOf(series.values());
    }

    List<double[]> front() {
      return front;
    }
  }
}
