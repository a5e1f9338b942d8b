package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.Objects;

/** A part of the minimum storage a model needs beyond its per-step weights, e.g. the KV cache. */
public record StorageTerm(StorageKind kind, BigInteger bytes) {
  public StorageTerm {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bytes, "bytes");
  }
}
