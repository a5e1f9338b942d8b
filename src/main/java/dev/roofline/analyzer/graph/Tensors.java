package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ConfigException;
import dev.roofline.analyzer.config.ElementType;
import dev.roofline.analyzer.config.Precision;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's precision as the graph applies it to one family: each projection weight is the
 * checkpoint tensor its family's {@link ModuleNames} name, with that module's bytes (scales
 * included) and input type; the KV cache has the KV type. Everything else (norms, biases, routers,
 * the embedding table, other activations) stays at the config's dtype and is costed without it.
 */
final class Tensors {
  /**
   * Experts a layer may have for a {@code quantization_config} to be applied to each expert's
   * modules by name (real models have a few hundred).
   */
  static final long MAX_NAMED_EXPERTS = 1L << 16;

  /**
   * The most matching work for the experts of a layer: their module names (three an expert) times
   * what matching one name costs ({@link Precision#nameCost}); some 10⁶ steps per character of a
   * name, under a second with the costliest patterns.
   */
  static final long MAX_MATCH_WORK = 1L << 20;

  /**
   * Gate and up projections together, and the down projection, of one or more gated parts: the
   * weights' bytes, and the bytes of the inputs they read ({@code tokens} rows each).
   */
  record Gated(BigInteger gateUpBytes, BigInteger gateUpInput, BigInteger downBytes, BigInteger downInput) {
    Gated plus(Gated o) {
      return new Gated(
          gateUpBytes.add(o.gateUpBytes), gateUpInput.add(o.gateUpInput), downBytes.add(o.downBytes), downInput.add(o.downInput));
    }

    Gated times(BigInteger n) {
      return new Gated(gateUpBytes.multiply(n), gateUpInput.multiply(n), downBytes.multiply(n), downInput.multiply(n));
    }
  }

  private final Precision precision;
  private final ModuleNames names;

  Tensors(Precision precision, ModuleNames names) {
    this.precision = precision;
    this.names = names;
  }

  Precision precision() {
    return precision;
  }

  /** The KV cache's element type. */
  ElementType kv() {
    return precision.kv();
  }

  /** The config's dtype: of every tensor that is not a projection's weight or input. */
  ElementType configType() {
    return precision.configType();
  }

  /**
   * The weight the LM head reads, {@code [vocab, hidden]}: its own, or the embedding table when
   * {@code tied}.
   */
  Part.Tensor lmHead(boolean tied, BigInteger vocab, BigInteger hidden) {
    return new Part.Tensor(tied ? names.embedding() : names.lmHead(), vocab, hidden);
  }

  /** Whether the checkpoint holds the query, key and value projections in one tensor. */
  boolean fusedQkv() {
    return names.fusedQkv();
  }

  /**
   * Attention projection {@code p} of {@code layer}: an {@code [n, k]} weight whose split
   * dimension is made of {@code heads} heads (0: none).
   */
  Part.Tensor attention(long layer, ModuleNames.Attention p, BigInteger n, BigInteger k, BigInteger heads) {
    return new Part.Tensor(names.attention(layer, p), n, k, heads);
  }

  /** Attention projection {@code p} of {@code layer}: an {@code [n, k]} weight not split by heads. */
  Part.Tensor attention(long layer, ModuleNames.Attention p, BigInteger n, BigInteger k) {
    return attention(layer, p, n, k, BigInteger.ZERO);
  }

  /** Stored bytes of {@code weight} of a projection of {@code [n, k]}, scales included. */
  BigInteger bytes(Part.Weight weight, BigInteger n, BigInteger k) {
    if (weight instanceof Part.Weight.Tensors t) {
      BigInteger sum = BigInteger.ZERO;
      for (Part.Tensor x : t.tensors()) {
        sum = sum.add(bytes(x));
      }
      return sum;
    }
    if (weight instanceof Part.Weight.Share s) {
      BigInteger all = bytes(s.tensor());
      BigInteger share = all.multiply(s.num()).divide(s.den());
      return s.rest() ? all.subtract(share) : share;
    }
    return configType().bytes(n.multiply(k));
  }

  private BigInteger bytes(Part.Tensor t) {
    return precision.weightBytes(t.module(), t.n(), t.k());
  }

  /** The type a projection reading {@code weight} reads its input at. */
  ElementType inputType(Part.Weight weight) {
    if (weight instanceof Part.Weight.Tensors t) {
      return precision.inputType(t.tensors().get(0).module());
    }
    if (weight instanceof Part.Weight.Share s) {
      return precision.inputType(s.tensor().module());
    }
    return configType();
  }

  private Linear linear(String module, BigInteger n, BigInteger k) {
    return new Linear(precision.weightBytes(module, n, k), precision.inputType(module));
  }

  /**
   * Rows of a gated part's gate tensor: its {@code intermediate} gate rows, or those and the up
   * rows where one tensor holds both ({@code gate_up_proj}).
   */
  private BigInteger gateRows(BigInteger intermediate) {
    return names.fusedGateUp() ? intermediate.shiftLeft(1) : intermediate;
  }

  /** One projection weight: its stored bytes, scales included, and the type its input is read at. */
  private record Linear(BigInteger bytes, ElementType input) {}

  /**
   * The gate and up ({@code [intermediate, hidden]} each, stored apart, or one {@code [2 ·
   * intermediate, hidden]} tensor) and down ({@code [hidden, intermediate]}) projections of {@code count} gated parts of {@code layer} of {@code kind}: the
   * routed experts {@code first} to {@code first + count − 1}, each its own tensors, or {@code
   * count} times the dense or shared part. Each reads {@code tokens} rows.
   */
  Gated gated(
      FeedForward kind, long layer, long first, long count, BigInteger hidden, BigInteger intermediate, BigInteger tokens) {
    if (count == 0) {
      BigInteger zero = BigInteger.ZERO;
      return new Gated(zero, zero, zero, zero);
    }
    if (kind != FeedForward.ROUTED_EXPERT || !precision.dependsOnModuleNames()) {
      // Every part has the same tensors' formats: one, times count.
      String gateName = names.gated(kind, layer, first, ModuleNames.Gated.GATE);
      Linear gate = linear(gateName, gateRows(intermediate), hidden);
      Linear up =
          names.fusedGateUp()
              ? new Linear(BigInteger.ZERO, gate.input())
              : linear(names.gated(kind, layer, first, ModuleNames.Gated.UP), intermediate, hidden);
      Linear down = linear(names.gated(kind, layer, first, ModuleNames.Gated.DOWN), hidden, intermediate);
      return gated(gate, up, down, hidden, intermediate, tokens).times(BigInteger.valueOf(count));
    }
    long most = maxNamedExperts(precision.nameCost());
    if (first + count > most) {
      throw new ConfigException(
          "the quantization_config is applied expert by expert, by module name, to at most "
              + most
              + " experts a layer"
              + (most < MAX_NAMED_EXPERTS ? " with lists as costly to match as these" : "")
              + "; this model has "
              + (first + count));
    }
    // Each expert's three modules matched once; experts whose modules have the same formats and
    // input types are counted together. The precision hands out its formats and types as shared
    // instances, compared here by identity (no record equality, which costs a bootstrap at start).
    List<Parts> kinds = new ArrayList<>();
    for (long e = first; e < first + count; e++) {
      Parts p =
          new Parts(
              precision.projection(names.gated(kind, layer, e, ModuleNames.Gated.GATE)),
              precision.projection(names.gated(kind, layer, e, ModuleNames.Gated.UP)),
              precision.projection(names.gated(kind, layer, e, ModuleNames.Gated.DOWN)));
      Parts same = null;
      for (Parts k : kinds) {
        if (k.sameAs(p)) {
          same = k;
          break;
        }
      }
      if (same == null) {
        kinds.add(p);
        same = p;
      }
      same.count++;
    }
    BigInteger zero = BigInteger.ZERO;
    Gated sum = new Gated(zero, zero, zero, zero);
    for (Parts p : kinds) {
      Linear gate = linear(p.gate, gateRows(intermediate), hidden);
      Gated one =
          gated(
              gate,
              names.fusedGateUp() ? new Linear(BigInteger.ZERO, gate.input()) : linear(p.up, intermediate, hidden),
              linear(p.down, hidden, intermediate),
              hidden,
              intermediate,
              tokens);
      sum = sum.plus(one.times(BigInteger.valueOf(p.count)));
    }
    return sum;
  }

  /**
   * The experts a layer may have for the {@code quantization_config} to be matched against each
   * one's module names, when matching one name costs {@code nameCost} ({@link
   * Precision#nameCost}): {@link #MAX_NAMED_EXPERTS}, fewer when the lists hold costly patterns.
   */
  static long maxNamedExperts(long nameCost) {
    return nameCost == 0 ? MAX_NAMED_EXPERTS : Math.min(MAX_NAMED_EXPERTS, MAX_MATCH_WORK / (3 * nameCost));
  }

  /** The gate, up and down projections of one expert, and how many experts have them. */
  private static final class Parts {
    final Precision.Projection gate;
    final Precision.Projection up;
    final Precision.Projection down;
    long count;

    Parts(Precision.Projection gate, Precision.Projection up, Precision.Projection down) {
      this.gate = gate;
      this.up = up;
      this.down = down;
    }

    boolean sameAs(Parts o) {
      return same(gate, o.gate) && same(up, o.up) && same(down, o.down);
    }

    private static boolean same(Precision.Projection a, Precision.Projection b) {
      return a.format() == b.format() && a.input() == b.input();
    }
  }

  private static Linear linear(Precision.Projection p, BigInteger n, BigInteger k) {
    return new Linear(p.format().bytes(n, k), p.input());
  }

  private static Gated gated(Linear gate, Linear up, Linear down, BigInteger hidden, BigInteger intermediate, BigInteger tokens) {
    // Gate and up read the same input, once: at the gate's input type.
    return new Gated(
        gate.bytes().add(up.bytes()),
        gate.input().bytes(tokens.multiply(hidden)),
        down.bytes(),
        down.input().bytes(tokens.multiply(intermediate)));
  }
}
