package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Communication;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.graph.Sharding;
import dev.roofline.analyzer.graph.StorageTerm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios of a sweep counted from lines, as fast as a few hundred integer operations each.
 *
 * <p>For one model's graph and cost model, each layout's device graph is split once, and for each
 * (layout, batch, input tokens) it is counted at a few cached lengths. Without sliding windows or
 * chunks, every operator's FLOPs and bytes, the memory a device needs and the communication are
 * affine in the cached tokens from 1 on (the argument {@link Decoding} rests on), and at 0 they are
 * their own count; the lines are checked at two more lengths before they are used. A scenario's
 * step is then its operators' FLOPs and bytes on those lines, each operator's bound decided by an
 * exact 128-bit comparison, and a request's decode steps are arithmetic series, split where an
 * operator's bound changes. Every figure is exact: the same row the full analysis gives.
 *
 * <p>Scenarios outside these forms are the full analysis's: a pipeline, windowed or chunked
 * attention, a pattern of several queries, a figure past 63 bits, a device whose roof is not a
 * fraction of 63-bit terms. {@link #row} answers null for them.
 */
final class SweepLines {
  /** Lines kept at once, the least recently used dropped first: a sweep runs in bounded memory. */
  private static final int KEPT = 4096;

  /** Cached lengths the lines are checked at, beyond the two that make them. */
  private static final long[] CHECKS = {3, 1 + (1L << 20)};

  private final OperatorGraph graph;
  private final CostModel costs;
  private final boolean windowed;
  /** The layouts met so far, in order: a sweep has a few, and an index is cheaper to hash. */
  private final List<Layout> layouts = new ArrayList<>();
  private final List<OperatorGraph> splits = new ArrayList<>();
  private Layout lastLayout;
  private final Key[] recentKeys = new Key[2];
  private final Lines[] recentLines = new Lines[2];
  private int lastIndex;
  private final Map<Key, Lines> lines =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Lines> eldest) {
          return size() > KEPT;
        }
      };
  private final Map<ResolvedDevice, Roof> roofs = new HashMap<>();
  private ResolvedDevice lastDevice;
  private Roof lastRoof;

  SweepLines(OperatorGraph graph, CostModel costs) {
    this.graph = graph;
    this.costs = costs;
    this.windowed = !costs.spans(graph).isEmpty();
  }

  private record Key(int layout, BigInteger batch, BigInteger input) {}

  /**
   * A device's roof as integers: compute takes {@code flops · pd / pn} s and memory {@code bytes ·
   * wd / wn} s, so an operator is compute-bound when {@code flops · pd · wn > bytes · wd · pn}.
   */
  private record Roof(long pn, long pd, long wn, long wd, long computeScale, long memoryScale, BigInteger capacity) {
    static Roof of(ResolvedDevice d) {
      Rational peak = Rational.of(d.peakFlops().multiply(d.flopsEfficiency()));
      Rational bandwidth = Rational.of(d.memBandwidth().multiply(d.memEfficiency()));
      try {
        long pn = peak.num().longValueExact();
        long pd = peak.den().longValueExact();
        long wn = bandwidth.num().longValueExact();
        long wd = bandwidth.den().longValueExact();
        return new Roof(pn, pd, wn, wd, Math.multiplyExact(pd, wn), Math.multiplyExact(wd, pn), d.memCapacity());
      } catch (ArithmeticException e) {
        return null;
      }
    }

    /** Whether {@code flops / P > bytes / W}: compute-bound (a tie is memory-bound). */
    boolean computeBound(long flops, long bytes) {
      long hi = Math.multiplyHigh(flops, computeScale);
      long hi2 = Math.multiplyHigh(bytes, memoryScale);
      if (hi != hi2) {
        return hi > hi2;
      }
      return Long.compareUnsigned(flops * computeScale, bytes * memoryScale) > 0;
    }

    /** {@code flops / P + bytes / W} times {@link #denominator}. */
    BigInteger numerator(BigInteger flops, BigInteger bytes) {
      return flops.multiply(BigInteger.valueOf(computeScale)).add(bytes.multiply(BigInteger.valueOf(memoryScale)));
    }

    /** The common denominator of compute and memory times, {@code pn · wn}. */
    BigInteger denominator() {
      return BigInteger.valueOf(pn).multiply(BigInteger.valueOf(wn));
    }
  }

  /**
   * One (layout, batch, input) on its lines of the cached tokens {@code c}: at 0 each operator's
   * FLOPs and bytes ({@code f0}, {@code y0}) and the memory; from 1 on, those at 1 plus the slopes
   * times {@code c − 1}. {@code comm}: a step's communication time, the same for every {@code c}.
   */
  private record Lines(
      long[] blocks,
      long[] f0,
      long[] y0,
      long[] f1,
      long[] y1,
      long[] df,
      long[] dy,
      long mem0,
      long mem1,
      long dmem,
      Rational comm,
      Map<Roof, Bounds> bounds) {

    /** Where each operator is compute-bound on {@code roof}. */
    Bounds on(Roof roof) {
      Bounds b = bounds.get(roof);
      if (b == null) {
        b = Bounds.of(this, roof);
        bounds.put(roof, b);
      }
      return b;
    }

    long flops(int i, long c) {
      return c == 0 ? f0[i] : Math.addExact(f1[i], Math.multiplyExact(df[i], c - 1));
    }

    long bytes(int i, long c) {
      return c == 0 ? y0[i] : Math.addExact(y1[i], Math.multiplyExact(dy[i], c - 1));
    }

    long memory(long c) {
      return c == 0 ? mem0 : Math.addExact(mem1, Math.multiplyExact(dmem, c - 1));
    }
  }

  /**
   * Where each operator of some lines is compute-bound on a roof: at 0 cached tokens ({@code
   * atZero}), and from 1 on over {@code lo ≤ c ≤ hi} (empty when {@code lo > hi}). Its compute
   * time less its memory time is affine in {@code c}, so its sign changes once at most.
   */
  private record Bounds(boolean[] atZero, long[] lo, long[] hi) {
    static Bounds of(Lines l, Roof roof) {
      int n = l.blocks.length;
      boolean[] atZero = new boolean[n];
      long[] lo = new long[n];
      long[] hi = new long[n];
      BigInteger k1 = BigInteger.valueOf(roof.computeScale);
      BigInteger k2 = BigInteger.valueOf(roof.memoryScale);
      BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
      for (int i = 0; i < n; i++) {
        atZero[i] = roof.computeBound(l.f0[i], l.y0[i]);
        // g(c) = k1·flops(c) − k2·bytes(c) = g1 + dg·(c − 1): compute-bound where positive.
        BigInteger g1 = k1.multiply(BigInteger.valueOf(l.f1[i])).subtract(k2.multiply(BigInteger.valueOf(l.y1[i])));
        BigInteger dg = k1.multiply(BigInteger.valueOf(l.df[i])).subtract(k2.multiply(BigInteger.valueOf(l.dy[i])));
        lo[i] = 1;
        hi[i] = Long.MAX_VALUE;
        if (dg.signum() == 0) {
          if (g1.signum() <= 0) {
            hi[i] = 0;
          }
        } else if (dg.signum() > 0) {
          if (g1.signum() <= 0) {
            // The first t = c − 1 with g1 + dg·t > 0: ⌊−g1/dg⌋ + 1.
            lo[i] = g1.negate().divide(dg).add(BigInteger.TWO).min(max).longValue();
          }
        } else if (g1.signum() <= 0) {
          hi[i] = 0;
        } else {
          // The last t with g1 + dg·t > 0: ⌈g1/|dg|⌉ − 1.
          BigInteger[] qr = g1.divideAndRemainder(dg.negate());
          BigInteger last = qr[1].signum() == 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
          hi[i] = last.add(BigInteger.ONE).min(max).longValue();
        }
      }
      return new Bounds(atZero, lo, hi);
    }

    boolean computeBound(int i, long c) {
      return c == 0 ? atZero[i] : lo[i] <= c && c <= hi[i];
    }
  }

  /** What a counted step gives: its FLOPs, bytes, memory and communication time. */
  private record Point(long[] flops, long[] bytes, long[] blocks, long memory, Rational comm) {}

  /** A lines entry that cannot be used: its scenarios are the full analysis's. */
  private static final Lines NONE = new Lines(null, null, null, null, null, null, null, 0, 0, 0, null, null);

  /**
   * The row of {@code s}, whose batch is {@code query}, on {@code device} split as {@code layout},
   * or null when it is not of the forms these lines count.
   */
  ScenarioRow row(Scenario s, Query query, Layout layout, ResolvedDevice device) {
    if (windowed || layout.pp() != 1 || query.cached().size() != 1) {
      return null;
    }
    Roof roof = roof(device);
    if (roof == null) {
      return null;
    }
    try {
      return count(s, query, layout, roof);
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private Roof roof(ResolvedDevice device) {
    if (device != lastDevice) {
      lastRoof = roofs.computeIfAbsent(device, Roof::of);
      lastDevice = device;
    }
    return lastRoof;
  }

  private ScenarioRow count(Scenario s, Query query, Layout layout, Roof roof) {
    BigInteger batch = query.repeat();
    BigInteger input = query.input().get(0);
    Lines first = lines(layout, batch, input);
    if (first == NONE) {
      return null;
    }
    long c = query.cached().get(0).longValueExact();
    Bounds bounds = first.on(roof);
    long computeFlops = 0;
    long memoryBytes = 0;
    for (int i = 0; i < first.blocks.length; i++) {
      if (bounds.computeBound(i, c)) {
        computeFlops = Math.addExact(computeFlops, Math.multiplyExact(first.blocks[i], first.flops(i, c)));
      } else {
        memoryBytes = Math.addExact(memoryBytes, Math.multiplyExact(first.blocks[i], first.bytes(i, c)));
      }
    }
    // Each figure is one fraction reduced once: the step's time is S = sn/sd, with the operators'
    // time (computeFlops·cs + memoryBytes·ms)/(pn·wn) and the communication's cn/cd.
    BigInteger d = roof.denominator();
    BigInteger computePart = BigInteger.valueOf(computeFlops).multiply(BigInteger.valueOf(roof.computeScale));
    BigInteger ops = computePart.add(BigInteger.valueOf(memoryBytes).multiply(BigInteger.valueOf(roof.memoryScale)));
    Rational comm = first.comm;
    BigInteger sn = ops.multiply(comm.den()).add(comm.num().multiply(d));
    BigInteger sd = d.multiply(comm.den());
    Rational stepTime = new Rational(sn, sd);
    Rational computeShare = new Rational(computePart.multiply(comm.den()), sn);
    Rational commShare = new Rational(comm.num().multiply(d), sn);
    BigInteger devices = layout.devices();
    BigInteger need = BigInteger.valueOf(first.memory(c));
    BigInteger output = s.output();
    if (output == null) {
      BigInteger tokens = query.totalInputTokens().multiply(sd);
      Rational perSecond = new Rational(tokens, sn);
      return new ScenarioRow(
          s,
          true,
          null,
          devices,
          fits(need, roof),
          need,
          stepTime,
          null,
          null,
          perSecond,
          layout.single() ? perSecond : new Rational(tokens, sn.multiply(devices)),
          new Rational(tokens, sn.multiply(query.batchSize())),
          computeShare,
          commShare);
    }
    BigInteger decodes = output.subtract(BigInteger.ONE);
    // End to end: en/ed, the step's time and the decode steps' tn/td.
    BigInteger en = sn;
    BigInteger ed = sd;
    Rational tpot = null;
    Rational perQuery = null;
    if (decodes.signum() > 0) {
      Lines decode = lines(layout, batch, BigInteger.ONE);
      if (decode == NONE) {
        return null;
      }
      long from = Math.addExact(c, input.longValueExact());
      long to = Math.addExact(from, decodes.longValueExact() - 1);
      BigInteger decodeOps = decodes(decode, from, to, roof);
      Rational perStep = decode.comm;
      BigInteger tn = decodeOps.multiply(perStep.den()).add(perStep.num().multiply(decodes).multiply(d));
      BigInteger td = d.multiply(perStep.den());
      // Both are over pn·wn times their communication's denominator: the sum over pn·wn times both.
      if (sd.equals(td)) {
        en = sn.add(tn);
      } else {
        en = sn.multiply(perStep.den()).add(tn.multiply(comm.den()));
        ed = sd.multiply(perStep.den());
      }
      tpot = new Rational(tn, td.multiply(decodes));
      perQuery = new Rational(td.multiply(decodes), tn);
      need = need.max(BigInteger.valueOf(decode.memory(from))).max(BigInteger.valueOf(decode.memory(to)));
    }
    BigInteger made = query.batchSize().multiply(output).multiply(ed);
    return new ScenarioRow(
        s,
        true,
        null,
        devices,
        fits(need, roof),
        need,
        stepTime,
        tpot,
        new Rational(en, ed),
        new Rational(made, en),
        new Rational(made, en.multiply(devices)),
        perQuery,
        computeShare,
        commShare);
  }

  private static Boolean fits(BigInteger need, Roof roof) {
    return roof.capacity == null ? null : need.compareTo(roof.capacity) <= 0;
  }

  /**
   * The operators' time summed over the decode steps whose queries have {@code from … to} cached
   * tokens, over the roof's {@link Roof#denominator}: for each operator the FLOPs of its
   * compute-bound steps and the bytes of its memory-bound ones, as arithmetic series.
   */
  private static BigInteger decodes(Lines d, long from, long to, Roof roof) {
    Bounds bounds = d.on(roof);
    // Operators bound alike over the whole range: Σ blocks·value at `from`, and Σ blocks·slope.
    long computeAt = 0;
    long computeSlope = 0;
    long memoryAt = 0;
    long memorySlope = 0;
    BigInteger computeRest = BigInteger.ZERO;
    BigInteger memoryRest = BigInteger.ZERO;
    for (int i = 0; i < d.blocks.length; i++) {
      long b = d.blocks[i];
      // The compute-bound steps among from … to: a … z (none when a > z).
      long a = Math.max(from, bounds.lo[i]);
      long z = Math.min(to, bounds.hi[i]);
      if (a > z) {
        memoryAt = Math.addExact(memoryAt, Math.multiplyExact(b, d.bytes(i, from)));
        memorySlope = Math.addExact(memorySlope, Math.multiplyExact(b, d.dy[i]));
      } else if (a == from && z == to) {
        computeAt = Math.addExact(computeAt, Math.multiplyExact(b, d.flops(i, from)));
        computeSlope = Math.addExact(computeSlope, Math.multiplyExact(b, d.df[i]));
      } else {
        BigInteger blocks = BigInteger.valueOf(b);
        computeRest = computeRest.add(series(d.flops(i, a), d.df[i], z - a + 1).multiply(blocks));
        if (a > from) {
          memoryRest = memoryRest.add(series(d.bytes(i, from), d.dy[i], a - from).multiply(blocks));
        }
        if (z < to) {
          memoryRest = memoryRest.add(series(d.bytes(i, z + 1), d.dy[i], to - z).multiply(blocks));
        }
      }
    }
    BigInteger n = BigInteger.valueOf(to - from + 1);
    BigInteger pairs = n.multiply(n.subtract(BigInteger.ONE)).shiftRight(1);
    BigInteger flops =
        BigInteger.valueOf(computeAt).multiply(n).add(BigInteger.valueOf(computeSlope).multiply(pairs)).add(computeRest);
    BigInteger bytes =
        BigInteger.valueOf(memoryAt).multiply(n).add(BigInteger.valueOf(memorySlope).multiply(pairs)).add(memoryRest);
    return roof.numerator(flops, bytes);
  }

  /** Σ over {@code n} steps of a value that starts at {@code v} and grows by {@code dv} a step. */
  private static BigInteger series(long v, long dv, long n) {
    BigInteger count = BigInteger.valueOf(n);
    BigInteger pairs = count.multiply(count.subtract(BigInteger.ONE)).shiftRight(1);
    return BigInteger.valueOf(v).multiply(count).add(BigInteger.valueOf(dv).multiply(pairs));
  }

  private Lines lines(Layout layout, BigInteger batch, BigInteger input) {
    Key key = new Key(index(layout), batch, input);
    // The two last used (a step's and its decode steps'): a sweep's next scenario most often
    // differs from the last in its cached tokens only.
    for (int i = 0; i < recentKeys.length; i++) {
      if (key.equals(recentKeys[i])) {
        return recentLines[i];
      }
    }
    Lines found = lines.get(key);
    if (found == null) {
      found = make(layout, batch, input);
      lines.put(key, found);
    }
    int slot = input.equals(BigInteger.ONE) ? 1 : 0;
    recentKeys[slot] = key;
    recentLines[slot] = found;
    return found;
  }

  /** The index of {@code layout} among those met. */
  private int index(Layout layout) {
    if (layout != lastLayout) {
      int i = layouts.indexOf(layout);
      if (i < 0) {
        i = layouts.size();
        layouts.add(layout);
        splits.add(null);
      }
      lastLayout = layout;
      lastIndex = i;
    }
    return lastIndex;
  }

  private Lines make(Layout layout, BigInteger batch, BigInteger input) {
    try {
      OperatorGraph device = splits.get(index(layout));
      if (device == null) {
        device = Sharding.split(graph, layout);
        splits.set(index(layout), device);
      }
      BigInteger groups = BigInteger.valueOf(layout.dp()).multiply(BigInteger.valueOf(layout.pp()));
      Point at0 = point(device, layout, batch, input, 0, groups);
      Point at1 = point(device, layout, batch, input, 1, groups);
      Point at2 = point(device, layout, batch, input, 2, groups);
      int n = at1.flops.length;
      if (at0.flops.length != n || at2.flops.length != n || !at0.comm.equals(at1.comm) || !at2.comm.equals(at1.comm)) {
        return NONE;
      }
      long[] df = new long[n];
      long[] dy = new long[n];
      for (int i = 0; i < n; i++) {
        if (at0.blocks[i] != at1.blocks[i] || at2.blocks[i] != at1.blocks[i]) {
          return NONE;
        }
        df[i] = Math.subtractExact(at2.flops[i], at1.flops[i]);
        dy[i] = Math.subtractExact(at2.bytes[i], at1.bytes[i]);
      }
      Lines l =
          new Lines(
              at1.blocks,
              at0.flops,
              at0.bytes,
              at1.flops,
              at1.bytes,
              df,
              dy,
              at0.memory,
              at1.memory,
              Math.subtractExact(at2.memory, at1.memory),
              at1.comm,
              new IdentityHashMap<>(4));
      for (long c : CHECKS) {
        Point check = point(device, layout, batch, input, c, groups);
        if (check.flops.length != n || check.memory != l.memory(c) || !check.comm.equals(l.comm)) {
          return NONE;
        }
        for (int i = 0; i < n; i++) {
          if (check.flops[i] != l.flops(i, c) || check.bytes[i] != l.bytes(i, c) || check.blocks[i] != l.blocks[i]) {
            return NONE;
          }
        }
      }
      return l;
    } catch (RuntimeException e) {
      // A layout this model cannot take, a batch that does not split, a figure past 63 bits: the
      // full analysis says which.
      return NONE;
    }
  }

  /**
   * One device's step for {@code batch} queries of {@code c} cached and {@code input} input tokens:
   * its operators' FLOPs and bytes and blocks, the memory the row reports (the storage line's total
   * on one device, the device's own on many), and the communication time.
   */
  private Point point(OperatorGraph device, Layout layout, BigInteger batch, BigInteger input, long c, BigInteger groups) {
    Query query = new Query(List.of(BigInteger.valueOf(c)), List.of(input), batch);
    Graph step = costs.evaluate(device, query.share(groups));
    List<Node> nodes = step.nodes();
    long[] flops = new long[nodes.size()];
    long[] bytes = new long[nodes.size()];
    long[] blocks = new long[nodes.size()];
    BigInteger memory = BigInteger.ZERO;
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      flops[i] = node.cost().flops().longValueExact();
      bytes[i] = node.cost().bytes().longValueExact();
      blocks[i] = node.blocks();
      if (!layout.single()) {
        BigInteger held = node.stored().add(node.idle()).add(node.cached()).add(node.state());
        memory = memory.add(held.multiply(BigInteger.valueOf(node.blocks())));
      }
    }
    Rational comm = Rational.of(BigInteger.ZERO);
    if (layout.single()) {
      memory = step.weights();
      for (StorageTerm t : step.storage()) {
        memory = memory.add(t.bytes());
      }
    } else {
      memory = memory.add(device.embeddingShard());
      for (Communication k : step.communication()) {
        comm = comm.plus(Split.callTime(k, layout.links()).times(BigInteger.valueOf(k.calls())));
      }
    }
    // In lowest terms once here, so that each row's fractions stay small.
    return new Point(flops, bytes, blocks, memory.longValueExact(), comm.lowestTerms());
  }
}
