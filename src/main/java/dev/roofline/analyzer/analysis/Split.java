package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Collective;
import dev.roofline.analyzer.graph.Communication;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Links;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Operator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A step split over devices, timed: each collective by the conventions of nccl-tests ({@code n}
 * devices, {@code S} bytes of the whole tensor, {@code Bw} the link's bandwidth × efficiency,
 * {@code α} the latency): AllReduce {@code 2·(n−1)/n·S/Bw + α}, AllGather and ReduceScatter {@code
 * (n−1)/n·S/Bw + α}, a send {@code S/Bw + α}; communication added to the step, not overlapped.
 * The step (one micro-batch through every stage) is the operators' time and the collectives';
 * each pipeline stage is its layers' share of them (the embedding on the first stage, the final
 * norm and LM head on the last) with its send on; the tick is the slowest stage, and the instance
 * makes the new tokens of its whole batch every pp ticks.
 */
record Split(Roofline roofline, Parallel parallel) {

  static Split of(Graph step, OperatorGraph graph, Layout layout, ResolvedDevice device, Roofline ops, BigInteger tokens) {
    Links links = layout.links();
    List<CommunicationRow> rows = new ArrayList<>(step.communication().size());
    List<Rational> callTimes = new ArrayList<>(step.communication().size());
    Rational communication = Rational.of(BigInteger.ZERO);
    for (Communication c : step.communication()) {
      Rational call = callTime(c, links);
      callTimes.add(call);
      Rational all = call.times(BigInteger.valueOf(c.calls()));
      communication = communication.plus(all);
      Collective k = c.collective();
      rows.add(
          new CommunicationRow(k.kind().label(), k.carries(), k.group(), k.link().key(), c.bytes(), c.calls(), call, all));
    }
    long pp = layout.pp();
    long layers = step.blocks();
    Rational tick = Rational.of(BigInteger.ZERO);
    DeviceMemory fullest = null;
    for (long s = 0; s < pp; s++) {
      long from = layout.stageStart(s, layers);
      long to = layout.stageStart(s + 1, layers);
      Rational time = Rational.of(BigInteger.ZERO);
      BigInteger weights = BigInteger.ZERO;
      BigInteger idle = BigInteger.ZERO;
      BigInteger kv = BigInteger.ZERO;
      for (int i = 0; i < step.nodes().size(); i++) {
        Node n = step.nodes().get(i);
        BigInteger here = BigInteger.valueOf(inStage(n.operator(), n.layers(), s, from, to, pp, n.blocks()));
        time = time.plus(ops.nodes().get(i).timeS().times(here));
        weights = weights.add(n.stored().multiply(here));
        idle = idle.add(n.idle().multiply(here));
        kv = kv.add(n.cached().multiply(here));
      }
      for (int i = 0; i < step.communication().size(); i++) {
        Communication c = step.communication().get(i);
        long calls =
            c.layers() == null
                ? (s < pp - 1 ? 1 : 0)
                : inStage(c.collective().after().id(), c.layers(), s, from, to, pp, c.calls());
        time = time.plus(callTimes.get(i).times(BigInteger.valueOf(calls)));
      }
      if (time.compareTo(tick) > 0) {
        tick = time;
      }
      // The device keeps the KV cache of every micro-batch of its attention group.
      kv = kv.multiply(BigInteger.valueOf(pp));
      BigInteger embedding = s == 0 ? graph.embeddingShard() : BigInteger.ZERO;
      BigInteger capacity = device.memCapacity();
      BigInteger need = weights.add(kv).add(idle).add(embedding);
      DeviceMemory memory =
          new DeviceMemory(s, weights, kv, idle, embedding, capacity, capacity == null ? null : need.compareTo(capacity) <= 0);
      if (fullest == null || memory.totalBytes().compareTo(fullest.totalBytes()) > 0) {
        fullest = memory;
      }
    }
    Rational opsTime = ops.step().timeS();
    Rational stepTime = opsTime.plus(communication);
    Rational perInstance = Rational.of(tokens).over(tick.times(BigInteger.valueOf(pp)));
    BigInteger devices = layout.devices();
    StepFigures figures =
        new StepFigures(
            stepTime,
            tokens,
            perInstance,
            ops.step().computeBoundShare().times(opsTime).over(stepTime),
            ops.step().memoryBoundShare().times(opsTime).over(stepTime));
    Roofline roofline =
        new Roofline(ops.device(), ops.nodes(), ops.total(), figures, ops.memory(), ops.ridgeIntensity());
    Parallel parallel =
        new Parallel(
            layout.tp(),
            layout.dp(),
            layout.ep(),
            pp,
            devices,
            links.scaleUpName(),
            links.scaleUp(),
            links.scaleOutName(),
            links.scaleOut(),
            links.nodeSize(),
            links.efficiency(),
            links.latency(),
            rows,
            communication,
            tick,
            perInstance,
            perInstance.over(Rational.of(devices)),
            communication.over(stepTime),
            fullest);
    return new Split(roofline, parallel);
  }

  /**
   * How many of {@code total} blocks (or calls) of a row in {@code layers} stage {@code s} of
   * layers {@code from … to − 1} holds: its layers there, or, for a row of the model, all of them on
   * the first stage (the embedding) or the last (the final norm and LM head).
   */
  private static long inStage(Operator op, dev.roofline.analyzer.config.Layers layers, long s, long from, long to, long pp, long total) {
    if (op.perStep()) {
      long stage = op == Operator.MODEL_EMBEDDING ? 0 : pp - 1;
      return s == stage ? total : 0;
    }
    return layers.count(from, to);
  }

  /** One call's time on its link. */
  private static Rational callTime(Communication c, Links links) {
    Collective k = c.collective();
    return time(k.kind(), k.group(), c.bytes(), links.bandwidth(k.link()), links.efficiency(), links.latency());
  }

  /**
   * A {@code kind} call over {@code n} devices moving a tensor of {@code bytes}: its share of the
   * bytes over the bandwidth reached, plus the latency.
   */
  static Rational time(
      Collective.Kind kind, BigInteger n, BigInteger bytes, java.math.BigDecimal bandwidth, java.math.BigDecimal efficiency,
      java.math.BigDecimal latency) {
    Rational reached = Rational.of(bandwidth.multiply(efficiency));
    Rational share =
        switch (kind) {
          case ALL_REDUCE -> new Rational(n.subtract(BigInteger.ONE).shiftLeft(1), n);
          case ALL_GATHER, REDUCE_SCATTER -> new Rational(n.subtract(BigInteger.ONE), n);
          case SEND -> Rational.of(BigInteger.ONE);
        };
    return share.times(Rational.of(bytes)).over(reached).plus(Rational.of(latency));
  }
}
