package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Communication;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.graph.StorageTerm;
import dev.roofline.analyzer.graph.Window;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The decode steps of a request summed in closed form. At decode step {@code j} every query feeds
 * one token after {@code cached + input + j − 1} cached ones, so the step's token totals are fixed
 * and only its attention and KV cache grow: between the steps where a query's cache reaches a
 * sliding window or crosses a chunk boundary (a segment), every operator's FLOPs and bytes are
 * affine in {@code j}. Two evaluations of the graph give a segment's lines; an operator's time is
 * the larger of two lines, so its sum splits once where they cross; a pipeline's tick is the
 * largest of its stages' lines, so its sum splits where they cross. The cost grows with the
 * segments, never with the tokens, and every sum is exact.
 */
final class Decoding {
  private final OperatorGraph graph;
  private final CostModel costs;
  private final Query first;
  private final Layout layout;
  private final BigInteger groups;
  private final Fraction peak;
  private final Fraction bandwidth;
  private final long pp;
  private Stages stages;
  private List<Fraction> commPerStage;
  private long pieces;

  private Decoding(OperatorGraph graph, CostModel costs, Query first, Layout layout, ResolvedDevice device) {
    this.graph = graph;
    this.costs = costs;
    this.first = first;
    this.layout = layout;
    this.groups = BigInteger.valueOf(layout.dp()).multiply(BigInteger.valueOf(layout.pp()));
    this.peak = Fraction.of(Rational.of(device.peakFlops().multiply(device.flopsEfficiency())));
    this.bandwidth = Fraction.of(Rational.of(device.memBandwidth().multiply(device.memEfficiency())));
    this.pp = layout.pp();
  }

  /** What the decode steps of a request add up to. */
  record Sum(Fraction total, Fraction firstStep, Fraction lastStep, BigInteger neededBytes, BigInteger worstStep, long pieces) {}

  /**
   * The {@code decodes} decode steps after the step {@code first} of the graph {@code graph} (one
   * device's, when split by {@code layout}) on {@code device}: their summed time (a pipeline's step
   * is pp ticks), the first's and the last's, and the most memory a step needs (the storage line's
   * total; the fullest device's on many devices).
   */
  static Sum of(
      OperatorGraph graph, CostModel costs, Query first, Layout layout, ResolvedDevice device, BigInteger decodes) {
    return new Decoding(graph, costs, first, layout, device).sum(decodes);
  }

  /** Decode step {@code j} counted on one device, for its micro-batch. */
  private Graph evaluate(BigInteger j) {
    return costs.evaluate(graph, first.decode(j).share(groups));
  }

  private Sum sum(BigInteger decodes) {
    List<BigInteger> starts = segmentStarts(decodes);
    Fraction total = Fraction.ZERO;
    Fraction firstStep = null;
    Fraction lastStep = null;
    BigInteger needed = BigInteger.ZERO;
    BigInteger worst = BigInteger.ONE;
    for (int k = 0; k < starts.size(); k++) {
      BigInteger a = starts.get(k);
      BigInteger b = k + 1 < starts.size() ? starts.get(k + 1).subtract(BigInteger.ONE) : decodes;
      BigInteger length = b.subtract(a).add(BigInteger.ONE);
      Graph at = evaluate(a);
      Graph next = length.compareTo(BigInteger.ONE) > 0 ? evaluate(a.add(BigInteger.ONE)) : null;
      if (stages == null) {
        stages = Stages.of(at, layout);
        commPerStage = communication(at);
      }
      Segment s = new Segment(at, next);
      total = total.plus(s.sum(length));
      if (firstStep == null) {
        firstStep = s.stepAt(BigInteger.ZERO);
      }
      if (k == starts.size() - 1) {
        lastStep = s.stepAt(length.subtract(BigInteger.ONE));
      }
      // Memory grows along a segment (or stays): its ends are its extremes.
      BigInteger[] ends = {memory(at, next, BigInteger.ZERO), memory(at, next, length.subtract(BigInteger.ONE))};
      for (int e = 0; e < 2; e++) {
        if (ends[e].compareTo(needed) > 0) {
          needed = ends[e];
          worst = e == 0 ? a : b;
        }
      }
    }
    return new Sum(total.times(BigInteger.valueOf(pp)), firstStep, lastStep, needed, worst, pieces);
  }

  /**
   * Where segments start among decode steps 1 … decodes: step 1, and the step after a query's cache
   * reaches a sliding window's last kept token, and each step where it starts a new chunk.
   */
  private List<BigInteger> segmentStarts(BigInteger decodes) {
    TreeSet<BigInteger> starts = new TreeSet<>();
    starts.add(BigInteger.ONE);
    List<Window> spans = costs.spans(graph);
    for (int q = 0; q < first.cached().size(); q++) {
      // At decode step j the query's cache holds c(j) = base + j − 1 tokens before the new one.
      BigInteger base = first.cached().get(q).add(first.input().get(q));
      for (Window w : spans) {
        BigInteger size = BigInteger.valueOf(w.size());
        if (w.kind() == Window.Kind.SLIDING) {
          // Keys grow with c until c = W − 1, then stay: a new segment from the step after.
          BigInteger j = size.subtract(base).add(BigInteger.ONE);
          add(starts, j, decodes);
        } else {
          // A chunk starts at each c that is a multiple of Ck: c(j) = m·Ck, from j = 2 on.
          BigInteger c = base.add(BigInteger.ONE);
          BigInteger m = c.add(size).subtract(BigInteger.ONE).divide(size);
          for (BigInteger j = m.multiply(size).subtract(base).add(BigInteger.ONE); j.compareTo(decodes) <= 0; j = j.add(size)) {
            add(starts, j, decodes);
          }
        }
      }
    }
    return new ArrayList<>(starts);
  }

  private static void add(TreeSet<BigInteger> starts, BigInteger j, BigInteger decodes) {
    if (j.compareTo(BigInteger.ONE) > 0 && j.compareTo(decodes) <= 0) {
      starts.add(j);
    }
  }

  /** Each stage's communication time: constant over the decode steps, whose tokens are fixed. */
  private List<Fraction> communication(Graph step) {
    List<Fraction> perStage = new ArrayList<>(stages.count());
    for (int s = 0; s < stages.count(); s++) {
      Fraction time = Fraction.ZERO;
      for (int i = 0; i < step.communication().size(); i++) {
        Communication c = step.communication().get(i);
        time = time.plus(Fraction.of(Split.callTime(c, layout.links())).times(stages.calls(s, i)));
      }
      perStage.add(time);
    }
    return perStage;
  }

  /**
   * The memory the step {@code t} steps into the segment needs: the storage line's total on one
   * device, the fullest device's on many.
   */
  private BigInteger memory(Graph at, Graph next, BigInteger t) {
    BigInteger here = memory(at);
    if (next == null) {
      return here;
    }
    return here.add(memory(next).subtract(here).multiply(t));
  }

  private BigInteger memory(Graph step) {
    if (layout.single()) {
      BigInteger total = step.weights();
      for (StorageTerm term : step.storage()) {
        total = total.add(term.bytes());
      }
      return total;
    }
    BigInteger fullest = BigInteger.ZERO;
    for (int s = 0; s < stages.count(); s++) {
      fullest = fullest.max(stages.memory(step, s, pp, graph.embeddingShard(), null).totalBytes());
    }
    return fullest;
  }

  /** An affine function {@code a + b·t}. */
  private record Line(Fraction a, Fraction b) {
    Fraction at(Fraction t) {
      return a.plus(b.times(t));
    }

    Line plus(Line o) {
      return new Line(a.plus(o.a), b.plus(o.b));
    }

    Line times(BigInteger n) {
      return new Line(a.times(n), b.times(n));
    }

    /** The sum over the integers {@code from … to}. */
    Fraction sum(BigInteger from, BigInteger to) {
      BigInteger n = to.subtract(from).add(BigInteger.ONE);
      return a.times(n).plus(b.times(from.add(to).multiply(n)).over(Fraction.of(BigInteger.TWO)));
    }

    /**
     * The first integer {@code t} past the crossing of this and {@code o} when they cross inside
     * {@code (low, high)}, else null.
     */
    BigInteger crossing(Line o, BigInteger low, BigInteger high) {
      Fraction slope = b.minus(o.b);
      if (slope.signum() == 0) {
        return null;
      }
      BigInteger k = o.a.minus(a).over(slope).floor().add(BigInteger.ONE);
      return k.compareTo(low) > 0 && k.compareTo(high) < 0 ? k : null;
    }
  }

  /** One segment: each operator's compute and memory time as lines of the steps into it. */
  private final class Segment {
    private final List<Line> compute = new ArrayList<>();
    private final List<Line> memory = new ArrayList<>();

    Segment(Graph at, Graph next) {
      for (int i = 0; i < at.nodes().size(); i++) {
        Node n = at.nodes().get(i);
        BigInteger flops = n.cost().flops();
        BigInteger bytes = n.cost().bytes();
        BigInteger dFlops = BigInteger.ZERO;
        BigInteger dBytes = BigInteger.ZERO;
        if (next != null) {
          dFlops = next.nodes().get(i).cost().flops().subtract(flops);
          dBytes = next.nodes().get(i).cost().bytes().subtract(bytes);
        }
        compute.add(new Line(Fraction.of(flops).over(peak), Fraction.of(dFlops).over(peak)));
        memory.add(new Line(Fraction.of(bytes).over(bandwidth), Fraction.of(dBytes).over(bandwidth)));
      }
    }

    /**
     * Each stage's time as one line over the steps {@code low … high − 1}, where every operator
     * keeps its bound (the one larger in the middle; they cross at the ends at most).
     */
    List<Line> stages(BigInteger low, BigInteger high) {
      Fraction middle = new Fraction(low.add(high).subtract(BigInteger.ONE), BigInteger.TWO);
      List<Line> bound = new ArrayList<>(compute.size());
      for (int i = 0; i < compute.size(); i++) {
        Line c = compute.get(i);
        Line m = memory.get(i);
        // A tie is memory-bound, as a single step's row is; both lines give the same time then.
        bound.add(c.at(middle).compareTo(m.at(middle)) > 0 ? c : m);
      }
      List<Line> lines = new ArrayList<>(stages.count());
      for (int s = 0; s < stages.count(); s++) {
        Line time = new Line(commPerStage.get(s), Fraction.ZERO);
        for (int i = 0; i < bound.size(); i++) {
          time = time.plus(bound.get(i).times(stages.blocks(s, i)));
        }
        lines.add(time);
      }
      return lines;
    }

    /** The sum, over the segment's {@code length} steps, of the slowest stage's time. */
    Fraction sum(BigInteger length) {
      TreeSet<BigInteger> cuts = new TreeSet<>();
      cuts.add(BigInteger.ZERO);
      cuts.add(length);
      for (int i = 0; i < compute.size(); i++) {
        BigInteger k = compute.get(i).crossing(memory.get(i), BigInteger.ZERO, length);
        if (k != null) {
          cuts.add(k);
        }
      }
      Fraction total = Fraction.ZERO;
      BigInteger low = null;
      for (BigInteger high : cuts) {
        if (low != null) {
          total = total.plus(slowest(stages(low, high), low, high));
        }
        low = high;
      }
      return total;
    }

    /** The sum over {@code low … high − 1} of the largest of {@code lines}. */
    private Fraction slowest(List<Line> lines, BigInteger low, BigInteger high) {
      TreeSet<BigInteger> cuts = new TreeSet<>();
      cuts.add(low);
      cuts.add(high);
      for (int s = 0; s < lines.size(); s++) {
        for (int r = s + 1; r < lines.size(); r++) {
          BigInteger k = lines.get(s).crossing(lines.get(r), low, high);
          if (k != null) {
            cuts.add(k);
          }
        }
      }
      Fraction total = Fraction.ZERO;
      BigInteger from = null;
      for (BigInteger to : cuts) {
        if (from != null) {
          Fraction middle = new Fraction(from.add(to).subtract(BigInteger.ONE), BigInteger.TWO);
          Line top = lines.get(0);
          for (Line l : lines) {
            if (l.at(middle).compareTo(top.at(middle)) > 0) {
              top = l;
            }
          }
          total = total.plus(top.sum(from, to.subtract(BigInteger.ONE)));
          pieces++;
        }
        from = to;
      }
      return total;
    }

    /** The decode step {@code t} steps into the segment: pp times its slowest stage. */
    Fraction stepAt(BigInteger t) {
      Fraction point = Fraction.of(t);
      Fraction slowest = Fraction.ZERO;
      for (int s = 0; s < stages.count(); s++) {
        Fraction time = commPerStage.get(s);
        for (int i = 0; i < compute.size(); i++) {
          Fraction c = compute.get(i).at(point);
          Fraction m = memory.get(i).at(point);
          time = time.plus((c.compareTo(m) > 0 ? c : m).times(stages.blocks(s, i)));
        }
        slowest = time.compareTo(slowest) > 0 ? time : slowest;
      }
      return slowest.times(BigInteger.valueOf(pp));
    }
  }
}
