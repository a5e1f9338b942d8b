package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.graph.Cost;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.StorageKind;
import dev.roofline.analyzer.graph.StorageTerm;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph summed up: a row per operator, the whole model's total, and the minimum storage (the
 * weights the step reads, then the graph's own terms).
 *
 * @param blocks the model's number of blocks
 */
public record Analysis(List<Row> rows, Row total, long blocks, List<StorageTerm> storage) {

  public Analysis {
    rows = List.copyOf(rows);
    storage = List.copyOf(storage);
  }

  /** Totals, intensity and storage of {@code graph}. */
  public static Analysis of(Graph graph) {
    List<Row> rows = new ArrayList<>(graph.nodes().size());
    Cost total = Cost.ZERO;
    for (Node n : graph.nodes()) {
      rows.add(new Row(n.operator().label(), n.blocks(), n.cost()));
      total = total.plus(n.cost().times(n.blocks()));
    }
    List<StorageTerm> storage = new ArrayList<>();
    storage.add(new StorageTerm(StorageKind.WEIGHTS, total.weight()));
    storage.addAll(graph.storage());
    return new Analysis(
        rows, new Row("Total (" + graph.blocks() + " Blocks)", graph.blocks(), total), graph.blocks(), storage);
  }

  /** The minimum storage: the sum of the storage terms. */
  public BigInteger storageTotal() {
    BigInteger sum = BigInteger.ZERO;
    for (StorageTerm t : storage) {
      sum = sum.add(t.bytes());
    }
    return sum;
  }
}
