package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.ParetoFront;
import dev.roofline.analyzer.analysis.Scenario;
import dev.roofline.analyzer.analysis.ScenarioRow;
import dev.roofline.analyzer.analysis.Sweep;
import dev.roofline.analyzer.analysis.SweepKey;
import dev.roofline.analyzer.analysis.SweepLimits;
import dev.roofline.analyzer.analysis.SweepTally;
import dev.roofline.analyzer.device.DeviceException;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.device.LinkOptions;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.LayoutException;
import dev.roofline.analyzer.graph.Links;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.report.ReportFormat;
import dev.roofline.analyzer.report.SweepColumns;
import dev.roofline.analyzer.report.SweepOutput;
import dev.roofline.analyzer.report.plot.SweepPlot;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a sweep: the config read and its operator graph built once, then each scenario
 * evaluated in turn and its row streamed to the output as it comes (CSV, JSON Lines), or kept
 * among the best (the table), so that a sweep of any length takes the memory of one row; with
 * {@code --pareto}, only the front is held, and written at the end in the scenarios' order. A
 * scenario that breaks a rule is a row with the reason a single run of it would give as its error.
 */
final class SweepRun {

  /** Rows between two looks at whether standard output still takes them. */
  private static final int CHECK_EVERY = 1024;

  private SweepRun() {}

  /** What reaches the context the model was made for, in the note that says so. */
  private static final String NOTE = "the longest request of the sweep reaches ";

  /** A kept row and its place in the scenarios' order. */
  private record Numbered(long order, ScenarioRow row) {}

  static int run(Request request, PrintWriter out, PrintWriter err) {
    Sweeping sweeping = request.sweep();
    Pipeline model = Pipeline.model(request);
    OperatorGraph graph = Graphs.operators(model.config, model.precision);
    Placement placement = new Placement(sweeping, model);
    Sweep sweep = new Sweep(model.subject, model.config, graph, request.costModel(), placement, placement::reason);
    SweepLimits limits = sweeping.limits();
    SweepColumns columns = new SweepColumns(sweeping.space().keys(), sweeping.request());
    PlotTarget plot = request.plot();
    if (plot != null) {
      // The chart is written at the end, after every row: a file that cannot be written is told first.
      OutputFile.check(plot.file());
    }
    // The table writes nothing before its end: its notes go first, as a single run's do.
    boolean streamed = request.format() != ReportFormat.TABLE;
    if (streamed) {
      Pipeline.notes(model, request, sweeping.longest(), NOTE, err);
    }
    SweepOutput output = SweepOutput.of(request.format(), columns, limits, out);
    ParetoFront<Numbered> front = limits.pareto() || plot != null ? new ParetoFront<>() : null;
    SweepPlot.Points points = plot == null ? null : new SweepPlot.Points(layoutsSwept(columns));
    SweepTally tally = new SweepTally();
    long order = 0;
    for (Scenario s : sweeping.space()) {
      ScenarioRow row = sweep.evaluate(s);
      boolean keep = limits.keeps(row);
      tally.offer(row, keep);
      if (keep) {
        if (front != null && SweepLimits.onFront(row)) {
          front.offer(row.tokensPerSPerDevice(), row.tokensPerSPerQuery(), new Numbered(order, row));
        }
        if (points != null) {
          points.add(row);
        }
        if (!limits.pareto()) {
          output.row(row);
        }
      }
      order++;
      if (streamed && order % CHECK_EVERY == 0 && out.checkError()) {
        // The reader has gone, or the disk is full: the caller says which.
        return 0;
      }
    }
    List<ScenarioRow> onFront = new ArrayList<>();
    if (front != null) {
      List<Numbered> numbered = new ArrayList<>(front.items());
      numbered.sort((a, b) -> Long.compare(a.order(), b.order()));
      for (Numbered n : numbered) {
        onFront.add(n.row());
      }
    }
    if (limits.pareto()) {
      for (ScenarioRow row : onFront) {
        output.row(row);
      }
    }
    if (plot != null) {
      points.front(onFront);
      OutputFile.write(
          plot.file(), SweepPlot.render(points, model.subject, sweeping.description(), plot.format()));
    }
    if (!streamed) {
      Pipeline.notes(model, request, sweeping.longest(), NOTE, err);
    }
    output.end(tally);
    return 0;
  }

  /** Whether a parallel degree is swept: then the chart's series name their layouts. */
  private static boolean layoutsSwept(SweepColumns columns) {
    List<SweepKey> keys = columns.keys();
    return keys.contains(SweepKey.TP) || keys.contains(SweepKey.DP) || keys.contains(SweepKey.EP) || keys.contains(SweepKey.PP);
  }

  /** A rule of a scenario that the options would check for a single run, with the error it gives. */
  private static final class Rule extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rule(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Where the scenarios run: each device id's device at the model's precision, and each layout
   * with its links, both made once and kept; and the rules a single run's options would check,
   * with the same messages, which become the rows' reasons.
   */
  private static final class Placement implements Sweep.Placement {
    private final Sweeping sweeping;
    private final Pipeline model;
    /** Each id's device, or the exception that says it has no peak for the precision. */
    private final Map<String, Object> devices = new HashMap<>();
    private final Map<String, Links> links = new HashMap<>();
    private final int width;

    Placement(Sweeping sweeping, Pipeline model) {
      this.sweeping = sweeping;
      this.model = model;
      this.width = sweeping.space().width();
    }

    @Override
    public ResolvedDevice device(String id) {
      Object device = devices.get(id);
      if (device == null) {
        DeviceSpec spec = sweeping.devices().get(id);
        try {
          device = model.device(spec);
        } catch (DeviceException e) {
          device = e;
        }
        devices.put(id, device);
      }
      if (device instanceof DeviceException e) {
        throw e;
      }
      return (ResolvedDevice) device;
    }

    @Override
    public Layout layout(Scenario s) {
      String[] names = {AnalyzeCommand.TP, AnalyzeCommand.DP, AnalyzeCommand.EP, AnalyzeCommand.PP};
      long[] degrees = {s.tp(), s.dp(), s.ep(), s.pp()};
      for (int i = 0; i < degrees.length; i++) {
        if (degrees[i] < 1) {
          // The message a single run gives for the value.
          LinkOptions.degree(names[i], Long.toString(degrees[i]));
        }
      }
      boolean single = s.tp() == 1 && s.dp() == 1 && s.ep() == 1 && s.pp() == 1;
      LinkOptions options = sweeping.links();
      if (!single || options.any()) {
        BigInteger repeat = s.batch().divide(BigInteger.valueOf(width));
        String problem = AnalyzeCommand.batchSplit(s.batch(), width, repeat, s.dp(), s.pp());
        if (problem != null) {
          throw new Rule(problem);
        }
      }
      if (s.output() != null && s.output().signum() < 1) {
        throw new Rule(AnalyzeCommand.outputTokensProblem(s.output()));
      }
      if (single && !options.any()) {
        return Layout.SINGLE;
      }
      BigInteger devices =
          BigInteger.valueOf(s.tp()).multiply(BigInteger.valueOf(s.dp())).multiply(BigInteger.valueOf(s.pp()));
      long instance = devices.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
      String key = s.device() + ' ' + instance;
      Links resolved = links.get(key);
      if (resolved == null) {
        LinkOptions.Figures f = options.resolve(sweeping.devices().get(s.device()).id(), instance);
        resolved =
            new Links(
                f.scaleUpName(), f.scaleUp(), f.scaleOutName(), f.scaleOut(), f.nodeSize(), f.efficiency(), f.latency());
        links.put(key, resolved);
      }
      return new Layout(s.tp(), s.dp(), s.ep(), s.pp(), resolved);
    }

    /** The reason a scenario breaks a rule, as a single run's error says it; null for a bug. */
    String reason(RuntimeException e) {
      if (e instanceof LayoutException layout) {
        return AnalyzeCommand.message(layout);
      }
      if (e instanceof Query.Invalid query) {
        return AnalyzeCommand.message(query, width, width);
      }
      if (e instanceof DeviceException || e instanceof Rule) {
        return e.getMessage();
      }
      return null;
    }
  }
}
