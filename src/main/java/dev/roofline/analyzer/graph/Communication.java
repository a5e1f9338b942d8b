package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Layers;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A collective of a step as a cost model counts it: the call, the bytes of the whole tensor it
 * moves, how many times a micro-batch's step makes it, and the layers those calls are in (null for
 * the pipeline's send, made once at each stage boundary; none for a model-level row's).
 */
public record Communication(Collective collective, BigInteger bytes, long calls, Layers layers) {
  public Communication {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(bytes, "bytes");
  }
}
