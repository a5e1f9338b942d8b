package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.ConfigException;
import dev.roofline.analyzer.config.ElementType;
import dev.roofline.analyzer.config.Precision;
import java.math.BigInteger;

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

  /** Attention projection {@code p} of {@code layer}: an {@code [n, k]} weight. */
  Part.Tensor attention(long layer, ModuleNames.Attention p, BigInteger n, BigInteger k) {
    return new Part.Tensor(names.attention(layer, p), n, k);
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

  /** One projection weight: its stored bytes, scales included, and the type its input is read at. */
  private record Linear(BigInteger bytes, ElementType input) {}

  /**
   * The gate and up ({@code [intermediate, hidden]} each, stored apart) and down ({@code [hidden,
   * intermediate]}) projections of {@code count} gated parts of {@code layer} of {@code kind}: the
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
      return gated(kind, layer, first, hidden, intermediate, tokens).times(BigInteger.valueOf(count));
    }
    if (first + count > MAX_NAMED_EXPERTS) {
      throw new ConfigException(
          "the quantization_config is applied expert by expert, by module name, to at most "
              + MAX_NAMED_EXPERTS
              + " experts a layer; this model has "
              + (first + count));
    }
    Gated sum = gated(kind, layer, first, hidden, intermediate, tokens);
    for (long e = first + 1; e < first + count; e++) {
      sum = sum.plus(gated(kind, layer, e, hidden, intermediate, tokens));
    }
    return sum;
  }

  private Gated gated(
      FeedForward kind, long layer, long expert, BigInteger hidden, BigInteger intermediate, BigInteger tokens) {
    Linear gate = linear(names.gated(kind, layer, expert, ModuleNames.Gated.GATE), intermediate, hidden);
    Linear up = linear(names.gated(kind, layer, expert, ModuleNames.Gated.UP), intermediate, hidden);
    Linear down = linear(names.gated(kind, layer, expert, ModuleNames.Gated.DOWN), hidden, intermediate);
    // Gate and up read the same input, once: at the gate's input type.
    return new Gated(
        gate.bytes().add(up.bytes()),
        gate.input().bytes(tokens.multiply(hidden)),
        down.bytes(),
        down.input().bytes(tokens.multiply(intermediate)));
  }
}
