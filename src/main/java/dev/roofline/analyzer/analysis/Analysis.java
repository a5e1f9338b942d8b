package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Cost;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.graph.Sharding;
import dev.roofline.analyzer.graph.StorageKind;
import dev.roofline.analyzer.graph.StorageTerm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of one run, free of text: the model and workload analysed, a row per operator (per
 * block), the whole model's totals, the minimum storage (the weights the step reads, then the
 * graph's own terms), the precisions counted with, when a device is given the step placed under
 * its roof (else null), the cost model's id ({@code original}, {@code refined}), for a model split
 * over devices the split's figures (else null; the rows are then one device's), and for a whole
 * request the request's figures (else null; the step is then its first). Every output is a
 * rendering of it.
 */
public record Analysis(
    ModelSummary model,
    Workload workload,
    List<OperatorRow> rows,
    Totals total,
    Storage storage,
    PrecisionSummary precision,
    Roofline roofline,
    String costModel,
    Parallel parallel,
    RequestFigures request) {

  public Analysis {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(workload, "workload");
    rows = List.copyOf(rows);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(costModel, "costModel");
    if ((parallel != null || request != null) && roofline == null) {
      throw new IllegalArgumentException("a split step is placed on a device");
    }
    if (roofline != null && roofline.nodes().size() != rows.size()) {
      throw new IllegalArgumentException("the roofline must time every row");
    }
  }

  /**
   * The analysis of {@code config} (asked for as {@code subject}) for the batch {@code query},
   * every tensor at the config's dtype, by the original's conventions.
   */
  public static Analysis of(Subject subject, ModelConfig config, Query query) {
    return of(subject, config, query, Precision.of(config.dtype()), null);
  }

  /**
   * As {@link #of(Subject, ModelConfig, Query)}, with the tensors at {@code precision} and the step
   * placed on {@code device} (null: no roofline).
   */
  public static Analysis of(
      Subject subject, ModelConfig config, Query query, Precision precision, ResolvedDevice device) {
    return of(subject, config, Graphs.operators(config, precision), CostModel.ORIGINAL, query, device);
  }

  /**
   * The analysis of {@code graph}, the operators of {@code config} (asked for as {@code subject}),
   * counted by {@code costs} for the batch {@code query}, and placed on {@code device} (null: no
   * roofline).
   */
  public static Analysis of(
      Subject subject, ModelConfig config, OperatorGraph graph, CostModel costs, Query query, ResolvedDevice device) {
    return of(subject, config, graph, costs, query, device, Layout.SINGLE);
  }

  /**
   * As {@link #of(Subject, ModelConfig, OperatorGraph, CostModel, Query, ResolvedDevice)}, with the
   * model split over the devices of {@code layout} (a device is needed unless it is one): the rows
   * are one device's, for one micro-batch; the storage line is the whole instance's.
   *
   * @throws dev.roofline.analyzer.graph.LayoutException when the layout cannot split this model
   */
  public static Analysis of(
      Subject subject,
      ModelConfig config,
      OperatorGraph graph,
      CostModel costs,
      Query query,
      ResolvedDevice placed,
      Layout layout) {
    return of(subject, config, graph, costs, query, placed, layout, null);
  }

  /**
   * As {@link #of(Subject, ModelConfig, OperatorGraph, CostModel, Query, ResolvedDevice, Layout)},
   * and, with {@code outputTokens} (null: none), the request of that many tokens per query whose
   * first step {@code query} is, placed on the device.
   */
  public static Analysis of(
      Subject subject,
      ModelConfig config,
      OperatorGraph graph,
      CostModel costs,
      Query query,
      ResolvedDevice placed,
      Layout layout,
      BigInteger outputTokens) {
    Graph whole = costs.evaluate(graph, query);
    OperatorGraph device = Sharding.split(graph, layout);
    Graph step =
        layout.single()
            ? whole
            : costs.evaluate(device, query.share(BigInteger.valueOf(layout.dp()).multiply(BigInteger.valueOf(layout.pp()))));
    List<OperatorRow> rows = new ArrayList<>(step.nodes().size());
    List<NodeWork> work = new ArrayList<>(step.nodes().size());
    Cost total = Cost.ZERO;
    for (Node n : step.nodes()) {
      work.add(NodeWork.of(n));
      rows.add(
          new OperatorRow(
              n.operator().name().toLowerCase(Locale.ROOT),
              n.operator().label(),
              n.blocks(),
              figures(n.cost()),
              n.operator().perStep()));
      total = total.plus(n.cost().times(n.blocks()));
    }
    List<StorageItem> storage = new ArrayList<>(whole.storage().size() + 1);
    storage.add(item(new StorageTerm(StorageKind.WEIGHTS, whole.weights())));
    for (StorageTerm t : whole.storage()) {
      storage.add(item(t));
    }
    ModelSummary model =
        new ModelSummary(subject, config.modelType(), config.dtype().name(), config.dtype().bytes(), step.blocks());
    Workload workload =
        new Workload(
            query.cached(), query.input(), query.batchSize(), query.totalCachedTokens(), query.totalInputTokens());
    Storage needed = new Storage(storage);
    Roofline roofline =
        placed == null ? null : Roofline.of(placed, work, query.totalInputTokens(), needed.totalBytes());
    Parallel parallel = null;
    if (!layout.single()) {
      Split split = Split.of(step, device, layout, placed, roofline, query.totalInputTokens());
      roofline = split.roofline();
      parallel = split.parallel();
    }
    RequestFigures request = null;
    if (outputTokens != null) {
      request = request(subject, config, graph, device, costs, query, placed, layout, outputTokens, roofline, needed, parallel);
    }
    return new Analysis(
        model,
        workload,
        rows,
        new Totals(step.blocks(), figures(total)),
        needed,
        PrecisionSummary.of(graph.precision()),
        roofline,
        costs.id(),
        parallel,
        request);
  }

  /**
   * The request whose first step this is: TTFT that step's time, the decode steps summed in closed
   * form, the rates, and the most memory a step needs.
   */
  private static RequestFigures request(
      Subject subject,
      ModelConfig config,
      OperatorGraph graph,
      OperatorGraph device,
      CostModel costs,
      Query query,
      ResolvedDevice placed,
      Layout layout,
      BigInteger outputTokens,
      Roofline first,
      Storage needed,
      Parallel parallel) {
    Rational ttft = first.step().timeS();
    BigInteger decodes = outputTokens.subtract(BigInteger.ONE);
    BigInteger firstNeed = parallel == null ? needed.totalBytes() : parallel.memory().totalBytes();
    BigInteger worstNeed = firstNeed;
    BigInteger worstStep = BigInteger.ZERO;
    Rational e2e = ttft;
    Rational tpot = null;
    Rational tpotFirst = null;
    Rational tpotLast = null;
    Rational perQuery = null;
    long pieces = 0;
    Analysis last = null;
    if (decodes.signum() > 0) {
      Decoding.Sum sum = Decoding.of(device, costs, query, layout, placed, decodes);
      e2e = ttft.plus(sum.total().toRational());
      tpot = sum.total().toRational().over(Rational.of(decodes));
      tpotFirst = sum.firstStep().toRational();
      tpotLast = sum.lastStep().toRational();
      perQuery = Rational.of(BigInteger.ONE).over(tpot);
      pieces = sum.pieces();
      if (sum.neededBytes().compareTo(worstNeed) > 0) {
        worstNeed = sum.neededBytes();
        worstStep = sum.worstStep();
      }
      last = of(subject, config, graph, costs, query.decode(decodes), placed, layout, null);
    }
    Rational rate = Rational.of(query.batchSize().multiply(outputTokens)).over(e2e);
    BigInteger capacity = placed.memCapacity();
    return new RequestFigures(
        outputTokens,
        ttft,
        tpot,
        tpotFirst,
        tpotLast,
        e2e,
        rate,
        rate.over(Rational.of(layout.devices())),
        perQuery,
        worstNeed,
        worstStep,
        capacity == null ? null : worstNeed.compareTo(capacity) <= 0,
        pieces,
        last);
  }

  private static Figures figures(Cost c) {
    return new Figures(c.flops(), c.weight(), c.input(), c.output());
  }

  private static StorageItem item(StorageTerm t) {
    return new StorageItem(t.kind().key(), t.kind().label(), t.bytes());
  }
}
