package dev.roofline.analyzer.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The operators of one inference step of a model, in order, with the number of blocks of the
 * model and the storage it needs besides the weights the step reads. Operators that appear in no
 * block are left out.
 */
public record Graph(List<Node> nodes, long blocks, List<StorageTerm> storage) {
  public Graph {
    List<Node> present = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      if (n.blocks() > 0) {
        present.add(n);
      }
    }
    nodes = List.copyOf(present);
    storage = List.copyOf(storage);
  }
}
