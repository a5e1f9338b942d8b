package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Query;
import java.util.Objects;
import java.util.function.Function;

/**
 * Evaluates the scenarios of a sweep over one model, its operator graph built once: each
 * scenario's row holds exactly the figures a single run of it prints, counted from lines where the
 * scenario is of their forms ({@link SweepLines}), else by the full analysis. A scenario that breaks a
 * rule (its batch, its layout, its device) is an invalid row with the reason {@code reasons} gives
 * the exception that says which rule.
 */
public final class Sweep {

  /** What a scenario runs on: its device and layout for a device id and degrees, made by the caller. */
  public interface Placement {
    /** The device of {@code id} for this model's precision. */
    ResolvedDevice device(String id);

    /**
     * The layout of {@code s} on its device (its links), once the rules of {@code s} that no
     * analysis checks hold (degrees and output tokens of at least 1, a batch that every attention
     * group and micro-batch holds alike); else an exception {@code reasons} names.
     */
    Layout layout(Scenario s);
  }

  private final Subject subject;
  private final ModelConfig config;
  private final OperatorGraph graph;
  private final CostModel costs;
  private final Placement placement;
  private final Function<RuntimeException, String> reasons;
  private final SweepLines lines;

  public Sweep(
      Subject subject,
      ModelConfig config,
      OperatorGraph graph,
      CostModel costs,
      Placement placement,
      Function<RuntimeException, String> reasons) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.config = Objects.requireNonNull(config, "config");
    this.graph = Objects.requireNonNull(graph, "graph");
    this.costs = Objects.requireNonNull(costs, "costs");
    this.placement = Objects.requireNonNull(placement, "placement");
    this.reasons = Objects.requireNonNull(reasons, "reasons");
    this.lines = new SweepLines(graph, costs);
  }

  /**
   * The row of {@code s}: the figures of its single run, or, when it breaks a rule ({@code reasons}
   * names it), an invalid row. Exceptions {@code reasons} answers null for are not rules but bugs,
   * and are thrown on.
   */
  public ScenarioRow evaluate(Scenario s) {
    return evaluate(s, true);
  }

  /** The row of {@code s} by the full analysis alone, as a single run counts it. */
  ScenarioRow analyse(Scenario s) {
    return evaluate(s, false);
  }

  private ScenarioRow evaluate(Scenario s, boolean fast) {
    try {
      Query query = Query.of(s.cached(), s.input(), s.batch());
      // In the order a single run checks them: the batch, the layout's options, the device's peak.
      Layout layout = placement.layout(s);
      ResolvedDevice device = placement.device(s.device());
      ScenarioRow row = fast ? lines.row(s, query, layout, device) : null;
      if (row != null) {
        return row;
      }
      Analysis a = Analysis.of(subject, config, graph, costs, query, device, layout, s.output());
      return ScenarioRow.of(s, a);
    } catch (RuntimeException e) {
      String reason = reasons.apply(e);
      if (reason == null) {
        throw e;
      }
      return ScenarioRow.invalid(s, reason);
    }
  }
}
