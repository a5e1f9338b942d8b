package dev.roofline.analyzer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roofline.analyzer.device.Precision;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Query;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure roofline, against values worked out by hand. Expected figures are exact decimals, or
 * fractions {@code a/b} where the quotient does not end; the roofline carries them exactly, and
 * their doubles are the doubles nearest to the exact values, since every figure is rounded once.
 */
class RooflineTest {

  private static ResolvedDevice device(String peak, String bandwidth, String flopsEff, String memEff, BigInteger capacity) {
    return new ResolvedDevice(
        "custom", "custom", Precision.FP16, new BigDecimal(peak), new BigDecimal(bandwidth), capacity,
        new BigDecimal(flopsEff), new BigDecimal(memEff));
  }

  private static BigInteger integer(String decimal) {
    return new BigDecimal(decimal).toBigIntegerExact();
  }

  /** A hand-computed exact value: a decimal, or a fraction a/b. */
  private static Rational exact(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return Rational.of(new BigDecimal(value));
    }
    return Rational.of(new BigDecimal(value.substring(0, slash).strip()))
        .over(Rational.of(new BigDecimal(value.substring(slash + 1).strip())));
  }

  /** The double nearest to a hand-computed exact value: a decimal, or a fraction a/b. */
  private static double nearest(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return Double.parseDouble(value);
    }
    BigDecimal a = new BigDecimal(value.substring(0, slash).strip());
    BigDecimal b = new BigDecimal(value.substring(slash + 1).strip());
    return a.divide(b, new MathContext(60)).doubleValue();
  }

  /** Nodes written as {@code blocks flops bytes; ...}. */
  private static List<NodeWork> nodes(String text) {
    List<NodeWork> nodes = new ArrayList<>();
    for (String node : text.split(";")) {
      String[] f = node.strip().split(" +");
      nodes.add(new NodeWork(Long.parseLong(f[0]), integer(f[1]), integer(f[2])));
    }
    return nodes;
  }

  // P = peak × flops efficiency, W = bandwidth × mem efficiency; compute = flops / P, memory =
  // bytes / W. P = 1e14, W = 2e12 unless said: 1e12 / 1e14 = 0.01, 1e9 / 2e12 = 0.0005.
  // Tie (0.005 each): memory. An efficiency of 0.5 on either side breaks it.
  // Efficiencies 0.5 and 0.8: P = 5e13, W = 1.6e12: 1e12 / 5e13 = 0.02, 1e9 / 1.6e12 = 0.000625.
  // 2^60 + 1 FLOPs against 2^60 bytes at P = W = 1: both round to the double 2^60, but compute is
  // the larger exactly.
  @ParameterizedTest(name = "{4} FLOPs, {5} B, eff {2}/{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1e14 | 2e12 | 1   | 1   | 1e12                | 1e9                 | 0.01                | 0.0005              | 0.01                | COMPUTE
          1e14 | 2e12 | 1   | 1   | 1e9                 | 4e9                 | 0.00001             | 0.002               | 0.002               | MEMORY
          1e14 | 2e12 | 1   | 1   | 0                   | 1e9                 | 0                   | 0.0005              | 0.0005              | MEMORY
          1e14 | 2e12 | 1   | 1   | 5e11                | 1e10                | 0.005               | 0.005               | 0.005               | MEMORY
          1e14 | 2e12 | 0.5 | 1   | 5e11                | 1e10                | 0.01                | 0.005               | 0.01                | COMPUTE
          1e14 | 2e12 | 1   | 0.5 | 5e11                | 1e10                | 0.005               | 0.01                | 0.01                | MEMORY
          1e14 | 2e12 | 0.5 | 0.8 | 1e12                | 1e9                 | 0.02                | 0.000625            | 0.02                | COMPUTE
          1    | 1    | 1   | 1   | 1152921504606846977 | 1152921504606846976 | 1152921504606846977 | 1152921504606846976 | 1152921504606846977 | COMPUTE
          1    | 1    | 1   | 1   | 1152921504606846976 | 1152921504606846977 | 1152921504606846976 | 1152921504606846977 | 1152921504606846977 | MEMORY
          312e12 | 1.555e12 | 1 | 1 | 100651008         | 100696064           | 100651008/312e12    | 100696064/1.555e12  | 100696064/1.555e12  | MEMORY
          """)
  void oneNode(
      String peak, String bandwidth, String flopsEff, String memEff, String flops, String bytes,
      String compute, String memory, String time, Bound bound) {
    Roofline r =
        Roofline.of(
            device(peak, bandwidth, flopsEff, memEff, null),
            List.of(new NodeWork(1, integer(flops), integer(bytes))),
            BigInteger.ONE,
            BigInteger.ONE);
    NodeTiming t = r.nodes().get(0);
    assertThat(t).isEqualTo(new NodeTiming(exact(compute), exact(memory), exact(time), bound));
    assertThat(t.computeS().toDouble()).isEqualTo(nearest(compute));
    assertThat(t.memoryS().toDouble()).isEqualTo(nearest(memory));
    assertThat(t.timeS().toDouble()).isEqualTo(nearest(time));
  }

  // P = 1e14, W = 2e12 unless said. Scenario "mix": a model of 48 blocks, 24 of them MoE.
  //   48 × (2e12 FLOPs, 1e10 B): 0.02 vs 0.005     compute  48 × 0.02   = 0.96
  //   24 × (1e11, 1e10):         0.001 vs 0.005    memory   24 × 0.005  = 0.12
  //   24 × (5e11, 1.5e10):       0.005 vs 0.0075   memory   24 × 0.0075 = 0.18
  //   48 × (5e11, 2e9):          0.005 vs 0.001    compute  48 × 0.005  = 0.24
  //   step 1.5 = 1.2 compute-bound (0.8) + 0.3 memory-bound (0.2); 3000 tokens / 1.5 s = 2000/s;
  //   Σ blocks × compute = 0.96 + 0.024 + 0.12 + 0.24 = 1.344; Σ blocks × memory = 0.24 + 0.12
  //   + 0.18 + 0.048 = 0.588.
  // "mix, W halved" (mem efficiency 0.5): memory times double: 0.01, 0.01, 0.015, 0.002; bounds
  //   unchanged; step 0.96 + 0.24 + 0.36 + 0.24 = 1.8, shares 1.2/1.8 and 0.6/1.8; Σ memory 1.176.
  // "mix, P halved" (flops efficiency 0.5): compute times 0.04, 0.002, 0.01, 0.01; the third node
  //   turns compute-bound; step 1.92 + 0.12 + 0.24 + 0.48 = 2.76, of it 2.64 compute-bound;
  //   Σ compute = 1.92 + 0.048 + 0.24 + 0.48 = 2.688.
  // "tie": 0.01 compute-bound and 0.01 memory-bound: the total is memory-bound.
  // "once": three nodes of 0.1 s each: the step is the double nearest 0.3, not 0.1 + 0.1 + 0.1.
  // "both": P = 5e13, W = 1.6e12: 10 × 0.02 compute-bound.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          mix          | 1e14 | 2e12 | 1   | 1   | 48 2e12 1e10; 24 1e11 1e10; 24 5e11 1.5e10; 48 5e11 2e9 | 3000 | 1.5   | 0.8      | 0.2      | 1.344  | 0.588   | COMPUTE | 2000        | COMPUTE MEMORY MEMORY COMPUTE
          mix, W halved| 1e14 | 2e12 | 1   | 0.5 | 48 2e12 1e10; 24 1e11 1e10; 24 5e11 1.5e10; 48 5e11 2e9 | 3000 | 1.8   | 1.2/1.8  | 0.6/1.8  | 1.344  | 1.176   | COMPUTE | 3000/1.8    | COMPUTE MEMORY MEMORY COMPUTE
          mix, P halved| 1e14 | 2e12 | 0.5 | 1   | 48 2e12 1e10; 24 1e11 1e10; 24 5e11 1.5e10; 48 5e11 2e9 | 3000 | 2.76  | 2.64/2.76| 0.12/2.76| 2.688  | 0.588   | COMPUTE | 3000/2.76   | COMPUTE MEMORY COMPUTE COMPUTE
          tie          | 1e14 | 2e12 | 1   | 1   | 1 1e12 1e9; 1 1e9 2e10                                 | 1    | 0.02  | 0.5      | 0.5      | 0.01001| 0.0105  | MEMORY  | 50          | COMPUTE MEMORY
          once         | 1e14 | 1e12 | 1   | 1   | 1 1 1e11; 1 1 1e11; 1 1 1e11                           | 3    | 0.3   | 0        | 1        | 3e-14  | 0.3     | MEMORY  | 10          | MEMORY MEMORY MEMORY
          both         | 1e14 | 2e12 | 0.5 | 0.8 | 10 1e12 1e9                                            | 1    | 0.2   | 1        | 0        | 0.2    | 0.00625 | COMPUTE | 5           | COMPUTE
          """)
  void step(
      String scenario, String peak, String bandwidth, String flopsEff, String memEff, String nodes, String tokens,
      String stepTime, String computeShare, String memoryShare, String totalCompute, String totalMemory,
      Bound totalBound, String tokensPerS, String bounds) {
    Roofline r =
        Roofline.of(device(peak, bandwidth, flopsEff, memEff, null), nodes(nodes), integer(tokens), BigInteger.TEN);
    assertThat(r.step())
        .isEqualTo(
            new StepFigures(
                exact(stepTime), integer(tokens), exact(tokensPerS), exact(computeShare), exact(memoryShare)));
    assertThat(r.step().timeS().toDouble()).isEqualTo(nearest(stepTime));
    assertThat(r.step().tokensPerS().toDouble()).isEqualTo(nearest(tokensPerS));
    assertThat(r.step().computeBoundShare().toDouble()).isEqualTo(nearest(computeShare));
    assertThat(r.total())
        .isEqualTo(new NodeTiming(exact(totalCompute), exact(totalMemory), exact(stepTime), totalBound));
    assertThat(r.nodes()).extracting(NodeTiming::bound).map(Bound::name).containsExactly(bounds.split(" "));
  }

  @Test
  void theStepTimeIsRoundedOnce() {
    Roofline r =
        Roofline.of(device("1e14", "1e12", "1", "1", null), nodes("1 1 1e11; 1 1 1e11; 1 1 1e11"), BigInteger.ONE, BigInteger.ONE);
    assertThat(r.nodes().get(0).timeS().toDouble()).isEqualTo(0.1);
    assertThat(r.step().timeS()).isEqualTo(exact("0.3"));
    assertThat(r.step().timeS().toDouble()).isEqualTo(0.3).isNotEqualTo(0.1 + 0.1 + 0.1);
  }

  // One node of 50 blocks × (1e9 FLOPs, 1e11 B) at P = 1e14, W = 2e12: 50 × 0.05 = 2.5 s.
  // T = repeat × Σ input: pattern (1, 7) repeated 10^9 times is 8e9 tokens; 8e9 / 2.5 = 3.2e9/s.
  @ParameterizedTest(name = "batch {2} of {0} / {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1000000 3 | 1 7 | 2000000000 | 8000000000 | 3.2e9
          0         | 1   | 2000000000 | 2000000000 | 8e8
          5         | 3   | 2000000000 | 6000000000 | 2.4e9
          1000000 3 | 1 7 | 2          | 8          | 3.2
          """)
  void tokensPerSecondOverARepeatedBatch(String cached, String input, String batch, String tokens, String rate) {
    Query query = Query.of(ints(cached), ints(input), new BigInteger(batch));
    assertThat(query.totalInputTokens()).isEqualTo(new BigInteger(tokens));
    Roofline r =
        Roofline.of(device("1e14", "2e12", "1", "1", null), nodes("50 1e9 1e11"), query.totalInputTokens(), BigInteger.ONE);
    assertThat(r.step().timeS()).isEqualTo(exact("2.5"));
    assertThat(r.step().inputTokens()).isEqualTo(new BigInteger(tokens));
    assertThat(r.step().tokensPerS()).isEqualTo(exact(rate));
  }

  private static List<BigInteger> ints(String text) {
    List<BigInteger> list = new ArrayList<>();
    for (String s : text.split(" ")) {
      list.add(new BigInteger(s));
    }
    return list;
  }

  // P / W, FLOPs per byte: 1e14 / 2e12 = 50; 5e13 / 1.6e12 = 31.25; A100 fp16 312e12 / 1.555e12.
  @ParameterizedTest
  @CsvSource({"1e14, 2e12, 1, 1, 50", "1e14, 2e12, 0.5, 0.8, 31.25", "312e12, 1.555e12, 1, 1, 312e12/1.555e12"})
  void ridgeIntensity(String peak, String bandwidth, String flopsEff, String memEff, String ridge) {
    Roofline r =
        Roofline.of(device(peak, bandwidth, flopsEff, memEff, null), nodes("1 1 1"), BigInteger.ONE, BigInteger.ONE);
    assertThat(r.ridgeIntensity()).isEqualTo(exact(ridge));
    assertThat(r.ridgeIntensity().toDouble()).isEqualTo(nearest(ridge));
  }

  // min_devices = ceil(needed / capacity): 80e9 + 1 bytes need a second device of 80e9.
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "80000000000,  80000000000, true,  1",
        "80000000001,  80000000000, false, 2",
        "160000000000, 80000000000, false, 2",
        "160000000001, 80000000000, false, 3",
        "1,            85899345920, true,  1",
        "0,            85899345920, true,  0",
        "13752074368,  42949672960, true,  1",
        "1000000000000000000000, 85899345920, false, 11641532183",
        "100,          none,        none,  none",
      })
  void memoryVerdict(String needed, String capacity, Boolean fits, String minDevices) {
    BigInteger cap = capacity == null ? null : new BigInteger(capacity);
    MemoryVerdict expected =
        new MemoryVerdict(new BigInteger(needed), cap, fits, minDevices == null ? null : new BigInteger(minDevices));
    assertThat(MemoryVerdict.of(new BigInteger(needed), cap)).isEqualTo(expected);
    Roofline r = Roofline.of(device("1e14", "2e12", "1", "1", cap), nodes("1 1 1"), BigInteger.ONE, new BigInteger(needed));
    assertThat(r.memory()).isEqualTo(expected);
  }

  @Test
  void aStepThatDoesNothingHasNoTime() {
    assertThatThrownBy(() -> Roofline.of(device("1e14", "2e12", "1", "1", null), List.of(), BigInteger.ONE, BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeWork(-1, BigInteger.ONE, BigInteger.ONE)).isInstanceOf(IllegalArgumentException.class);
  }
}
