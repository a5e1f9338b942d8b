package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One step of a model as a cost model counts it: its rows in order (operators in no block left
 * out), the number of blocks of the model, the weights the step reads that storage counts as
 * such (the {@code Weights} term), the other storage terms it needs, and, split over devices, its
 * collectives.
 */
public record Graph(
    List<Node> nodes, long blocks, BigInteger weights, List<StorageTerm> storage, List<Communication> communication) {
  public Graph {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(weights, "weights");
    storage = List.copyOf(storage);
    communication = List.copyOf(communication);
  }
}
