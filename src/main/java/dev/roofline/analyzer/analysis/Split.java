package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Collective;
import dev.roofline.analyzer.graph.Communication;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Links;
import dev.roofline.analyzer.graph.OperatorGraph;
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
    Stages stages = Stages.of(step, layout);
    Rational tick = Rational.of(BigInteger.ZERO);
    DeviceMemory fullest = null;
    for (int s = 0; s < stages.count(); s++) {
      Rational time = Rational.of(BigInteger.ZERO);
      for (int i = 0; i < step.nodes().size(); i++) {
        time = time.plus(ops.nodes().get(i).timeS().times(stages.blocks(s, i)));
      }
      for (int i = 0; i < step.communication().size(); i++) {
        time = time.plus(callTimes.get(i).times(stages.calls(s, i)));
      }
      if (time.compareTo(tick) > 0) {
        tick = time;
      }
      DeviceMemory memory = stages.memory(step, s, pp, graph.embeddingShard(), device.memCapacity());
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

  /** One call's time on its link. */
  static Rational callTime(Communication c, Links links) {
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
