package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.device.ResolvedDevice;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A step's operators placed under a device's roof: each operator's timing per block (in the
 * order given), the step as a whole (its total: the sums of blocks × the operators' compute and
 * memory times, the step time, the side with the larger share), the step's time, rate and shares,
 * the memory verdict, and the ridge intensity in FLOPs per byte.
 *
 * <p>The model: with {@code P} the peak × its efficiency and {@code W} the bandwidth × its
 * efficiency, an operator takes {@code max(flops / P, bytes / W)} and is compute-bound only when
 * its compute time is the larger (a tie is memory-bound); operators run one after another. Every
 * figure is exact: outputs round each once, as they print it.
 */
public record Roofline(
    DeviceFigures device,
    List<NodeTiming> nodes,
    NodeTiming total,
    StepFigures step,
    MemoryVerdict memory,
    Rational ridgeIntensity) {

  public Roofline {
    Objects.requireNonNull(device, "device");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(ridgeIntensity, "ridgeIntensity");
  }

  /**
   * The roofline of a step made of {@code work}, feeding {@code inputTokens} tokens over the whole
   * batch and needing {@code neededBytes} of storage, on {@code device}.
   *
   * @throws IllegalArgumentException when the step moves no byte and computes nothing
   */
  public static Roofline of(
      ResolvedDevice device, List<NodeWork> work, BigInteger inputTokens, BigInteger neededBytes) {
    Rational peak = Rational.of(device.peakFlops().multiply(device.flopsEfficiency()));
    Rational bandwidth = Rational.of(device.memBandwidth().multiply(device.memEfficiency()));
    List<NodeTiming> nodes = new ArrayList<>(work.size());
    BigInteger allFlops = BigInteger.ZERO;
    BigInteger allBytes = BigInteger.ZERO;
    // Operators bound by compute add their compute time to the step, the others their memory
    // time: the step time is (their FLOPs) / P + (their bytes) / W.
    BigInteger computeBoundFlops = BigInteger.ZERO;
    BigInteger memoryBoundBytes = BigInteger.ZERO;
    for (NodeWork w : work) {
      Rational compute = Rational.of(w.flops()).over(peak);
      Rational memory = Rational.of(w.bytes()).over(bandwidth);
      Bound bound = compute.compareTo(memory) > 0 ? Bound.COMPUTE : Bound.MEMORY;
      nodes.add(new NodeTiming(compute, memory, bound == Bound.COMPUTE ? compute : memory, bound));
      BigInteger blocks = BigInteger.valueOf(w.blocks());
      BigInteger flops = w.flops().multiply(blocks);
      BigInteger bytes = w.bytes().multiply(blocks);
      allFlops = allFlops.add(flops);
      allBytes = allBytes.add(bytes);
      if (bound == Bound.COMPUTE) {
        computeBoundFlops = computeBoundFlops.add(flops);
      } else {
        memoryBoundBytes = memoryBoundBytes.add(bytes);
      }
    }
    Rational computeBound = Rational.of(computeBoundFlops).over(peak);
    Rational memoryBound = Rational.of(memoryBoundBytes).over(bandwidth);
    Rational stepTime = computeBound.plus(memoryBound);
    if (stepTime.isZero()) {
      throw new IllegalArgumentException("a step that computes nothing and moves nothing takes no time");
    }
    NodeTiming total =
        new NodeTiming(
            Rational.of(allFlops).over(peak),
            Rational.of(allBytes).over(bandwidth),
            stepTime,
            computeBound.compareTo(memoryBound) > 0 ? Bound.COMPUTE : Bound.MEMORY);
    StepFigures step =
        new StepFigures(
            stepTime,
            inputTokens,
            Rational.of(inputTokens).over(stepTime),
            computeBound.over(stepTime),
            memoryBound.over(stepTime));
    DeviceFigures figures =
        new DeviceFigures(
            device.id(),
            device.name(),
            device.precision() == null ? null : device.precision().column(),
            device.peakFlops(),
            device.memBandwidth(),
            device.memCapacity(),
            device.flopsEfficiency(),
            device.memEfficiency());
    return new Roofline(
        figures, nodes, total, step, MemoryVerdict.of(neededBytes, device.memCapacity()), peak.over(bandwidth));
  }
}
