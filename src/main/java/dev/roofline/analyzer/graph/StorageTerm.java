package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.Objects;

/** A part of the minimum storage a model needs beyond its per-step weights, e.g. the KV cache. */
public record StorageTerm(String label, BigInteger bytes) {
  public StorageTerm {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(bytes, "bytes");
  }
}
