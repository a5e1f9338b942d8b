package dev.roofline.analyzer.cli;

import static dev.roofline.analyzer.cli.AnalyzeCommand.value;

import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.Scenario;
import dev.roofline.analyzer.analysis.ScenarioSpace;
import dev.roofline.analyzer.analysis.SweepKey;
import dev.roofline.analyzer.analysis.SweepLimits;
import dev.roofline.analyzer.device.DeviceOptions;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.device.LinkOptions;
import dev.roofline.analyzer.graph.Query;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of a sweep turned into one checked {@link Sweeping}: every usage error (an unknown
 * key or device id, a malformed or empty range, a key swept twice, a swept token key whose option
 * holds several values, no device, a TPOT limit without output tokens) is found here, before any
 * file is read and any scenario runs. The options not swept hold for every scenario; a swept key
 * replaces its option.
 */
final class SweepOptions {
  private SweepOptions() {}

  /** The sweep {@code args} (the {@code --sweep} values) and the other options ask for. */
  static Sweeping sweeping(CommandSpec spec, List<String> args, DeviceOptions device) {
    List<ScenarioSpace.Axis> axes = new ArrayList<>(args.size());
    Set<SweepKey> swept = EnumSet.noneOf(SweepKey.class);
    for (String arg : args) {
      ScenarioSpace.Axis axis = SweepGrammar.parse(AnalyzeCommand.SWEEP, arg);
      if (!swept.add(axis.key())) {
        throw new UsageException(
            AnalyzeCommand.SWEEP + " " + axis.key().id() + " is given twice: give each key once, with all its values");
      }
      axes.add(axis);
    }
    List<BigInteger> cached = value(spec, AnalyzeCommand.CACHED);
    List<BigInteger> input = value(spec, AnalyzeCommand.INPUT);
    BigInteger batch = value(spec, AnalyzeCommand.BATCH);
    oneValue(swept, SweepKey.CACHED, AnalyzeCommand.CACHED, cached);
    oneValue(swept, SweepKey.INPUT, AnalyzeCommand.INPUT, input);
    boolean sweptCached = swept.contains(SweepKey.CACHED);
    boolean sweptInput = swept.contains(SweepKey.INPUT);
    int width = sweptCached && sweptInput ? 1 : sweptCached ? input.size() : cached.size();
    // The lists that stay are checked as a single run checks them, the swept counts' places filled.
    try {
      Query.of(
          sweptCached ? Collections.nCopies(width, BigInteger.ZERO) : cached,
          sweptInput ? Collections.nCopies(width, BigInteger.ONE) : input,
          swept.contains(SweepKey.BATCH) ? null : batch);
    } catch (Query.Invalid e) {
      throw new UsageException(AnalyzeCommand.message(e, cached.size(), input.size()));
    }
    BigInteger output = value(spec, AnalyzeCommand.OUTPUT_TOKENS);
    if (output != null && output.signum() < 1) {
      throw new UsageException(AnalyzeCommand.outputTokensProblem(output));
    }
    long[] degrees = new long[4];
    String[] names = {AnalyzeCommand.TP, AnalyzeCommand.DP, AnalyzeCommand.EP, AnalyzeCommand.PP};
    for (int i = 0; i < names.length; i++) {
      String text = value(spec, names[i]);
      degrees[i] = text == null ? 1 : LinkOptions.degree(names[i], text);
    }
    Map<String, DeviceSpec> devices = new LinkedHashMap<>();
    String base = devices(axes, swept, device, devices);
    LinkOptions links =
        new LinkOptions(
            value(spec, AnalyzeCommand.LINK_BANDWIDTH),
            value(spec, AnalyzeCommand.NET_BANDWIDTH),
            value(spec, AnalyzeCommand.NODE_SIZE),
            value(spec, AnalyzeCommand.LINK_EFFICIENCY),
            value(spec, AnalyzeCommand.LINK_LATENCY),
            AnalyzeCommand.LINK_NAMES);
    for (String id : devices.keySet()) {
      // A value that cannot be used is a usage error now, not a reason in every row.
      links.resolve(id, 1);
    }
    boolean request = output != null || swept.contains(SweepKey.OUTPUT);
    String ttft = value(spec, AnalyzeCommand.MAX_TTFT);
    String tpot = value(spec, AnalyzeCommand.MAX_TPOT);
    if (tpot != null && !request) {
      throw new UsageException(
          AnalyzeCommand.MAX_TPOT + " needs output tokens to time: add " + AnalyzeCommand.OUTPUT_TOKENS + " N or "
              + AnalyzeCommand.SWEEP + " output=VALUES");
    }
    SweepLimits limits =
        new SweepLimits(
            ttft == null ? null : Rational.of(LinkOptions.time(AnalyzeCommand.MAX_TTFT, ttft)),
            tpot == null ? null : Rational.of(LinkOptions.time(AnalyzeCommand.MAX_TPOT, tpot)),
            Boolean.TRUE.equals(value(spec, AnalyzeCommand.PARETO)));
    Scenario scenario =
        new Scenario(
            batch == null ? BigInteger.valueOf(width) : batch,
            cached,
            input,
            output,
            degrees[0],
            degrees[1],
            degrees[2],
            degrees[3],
            base);
    String description =
        description(args, swept, scenario, batch != null, degrees, base, ttft, tpot);
    return new Sweeping(
        new ScenarioSpace(axes, scenario), devices, links, limits, request, longest(axes, scenario), description);
  }

  /**
   * The most tokens of context a request of the sweep reaches: the largest cached, input and
   * output counts together, less one (the last token's own); null without output tokens.
   */
  private static BigInteger longest(List<ScenarioSpace.Axis> axes, Scenario base) {
    BigInteger cached = SweepGrammar.largest(base.cached());
    BigInteger input = SweepGrammar.largest(base.input());
    BigInteger output = base.output();
    for (ScenarioSpace.Axis a : axes) {
      if (a.key() == SweepKey.CACHED) {
        cached = SweepGrammar.largest(a.values());
      } else if (a.key() == SweepKey.INPUT) {
        input = SweepGrammar.largest(a.values());
      } else if (a.key() == SweepKey.OUTPUT) {
        output = SweepGrammar.largest(a.values());
      }
    }
    return output == null ? null : cached.add(input).add(output).subtract(BigInteger.ONE);
  }

  /** A swept token key's option must hold one value (its default does). */
  private static void oneValue(Set<SweepKey> swept, SweepKey key, String option, List<BigInteger> values) {
    if (swept.contains(key) && values.size() != 1) {
      throw new UsageException(
          AnalyzeCommand.SWEEP + " " + key.id() + " needs " + option + " to hold one value, or to be left out (it holds "
              + values.size() + ")");
    }
  }

  /**
   * Fills {@code devices} with the device of each id the scenarios use, the device options'
   * figures overriding the catalog's; replaces the swept ids in {@code axes} by the catalog's
   * spelling. The device of a scenario that does not sweep it: the {@code --device} one (or the
   * custom one of the figures), else the first swept.
   */
  private static String devices(
      List<ScenarioSpace.Axis> axes, Set<SweepKey> swept, DeviceOptions device, Map<String, DeviceSpec> devices) {
    String base = null;
    if (device.id() != null || (!swept.contains(SweepKey.DEVICE) && !device.isEmpty())) {
      // Throws DeviceException, a usage error, before any file or network access.
      DeviceSpec spec = DeviceSpec.of(device);
      base = spec.id();
      devices.put(base, spec);
    }
    for (int a = 0; a < axes.size(); a++) {
      ScenarioSpace.Axis axis = axes.get(a);
      if (axis.key() != SweepKey.DEVICE) {
        continue;
      }
      DeviceOptions.Names names = device.names();
      DeviceOptions.Names sweptNames =
          new DeviceOptions.Names(
              AnalyzeCommand.SWEEP + " device",
              names.listDevices(),
              names.peakFlops(),
              names.memBandwidth(),
              names.memCapacity(),
              names.flopsEfficiency(),
              names.memEfficiency());
      List<String> ids = new ArrayList<>(axis.values().size());
      for (Object id : axis.values()) {
        DeviceSpec spec =
            DeviceSpec.of(
                new DeviceOptions(
                    (String) id,
                    device.peakFlops(),
                    device.memBandwidth(),
                    device.memCapacity(),
                    device.flopsEfficiency(),
                    device.memEfficiency(),
                    sweptNames));
        ids.add(spec.id());
        devices.put(spec.id(), spec);
      }
      axes.set(a, new ScenarioSpace.Axis(SweepKey.DEVICE, ids));
      base = base == null ? ids.get(0) : base;
    }
    if (base == null) {
      throw new UsageException(
          AnalyzeCommand.SWEEP + " needs a device to time the scenarios on: add " + AnalyzeCommand.SWEEP
              + " device=ID,… or " + AnalyzeCommand.DEVICE + " ID (see " + AnalyzeCommand.LIST_DEVICES + "), or "
              + AnalyzeCommand.PEAK_FLOPS + " and " + AnalyzeCommand.MEM_BANDWIDTH);
    }
    return base;
  }

  /**
   * The sweep in a line, for the chart: the swept values as given, then what holds for every
   * scenario where it is not the default, then the limits.
   */
  private static String description(
      List<String> args, Set<SweepKey> swept, Scenario base, boolean batchGiven, long[] degrees, String device,
      String ttft, String tpot) {
    StringBuilder d = new StringBuilder(String.join(" × ", args));
    if (!swept.contains(SweepKey.CACHED) && !base.cached().equals(List.of(BigInteger.ZERO))) {
      d.append("; cached ").append(join(base.cached()));
    }
    if (!swept.contains(SweepKey.INPUT)) {
      d.append("; input ").append(join(base.input()));
    }
    if (!swept.contains(SweepKey.BATCH) && batchGiven) {
      d.append("; batch ").append(base.batch());
    }
    if (!swept.contains(SweepKey.OUTPUT) && base.output() != null) {
      d.append("; output ").append(base.output());
    }
    SweepKey[] keys = {SweepKey.TP, SweepKey.DP, SweepKey.EP, SweepKey.PP};
    for (int i = 0; i < keys.length; i++) {
      if (!swept.contains(keys[i]) && degrees[i] != 1) {
        d.append("; ").append(keys[i].id()).append(' ').append(degrees[i]);
      }
    }
    if (!swept.contains(SweepKey.DEVICE)) {
      d.append("; on ").append(device);
    }
    if (ttft != null) {
      d.append("; TTFT ≤ ").append(ttft);
    }
    if (tpot != null) {
      d.append("; TPOT ≤ ").append(tpot);
    }
    return d.toString();
  }

  private static String join(List<BigInteger> values) {
    List<String> text = new ArrayList<>(values.size());
    for (BigInteger v : values) {
      text.add(v.toString());
    }
    return String.join(" ", text);
  }
}
