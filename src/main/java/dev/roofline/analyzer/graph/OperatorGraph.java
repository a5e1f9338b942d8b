package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Precision;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The symbolic operators of one model at one precision, in row order, for any batch: what a cost
 * model evaluates ({@link CostModel#evaluate}). Besides the operators: the model's block count,
 * the storage terms it has beyond the weights (in order), the element width of its config's
 * dtype, the embedding table's bytes, and its checkpoint tensors' formats.
 */
public final class OperatorGraph {
  private final List<Op> ops;
  private final long blocks;
  private final List<StorageKind> storage;
  private final int width;
  private final BigInteger embeddingTable;
  private final Tensors tensors;

  OperatorGraph(
      List<Op> ops, long blocks, List<StorageKind> storage, int width, BigInteger embeddingTable, Tensors tensors) {
    this.ops = List.copyOf(ops);
    this.blocks = blocks;
    this.storage = List.copyOf(storage);
    this.width = width;
    this.embeddingTable = Objects.requireNonNull(embeddingTable, "embeddingTable");
    this.tensors = Objects.requireNonNull(tensors, "tensors");
  }

  /** The operators, in the order of their rows. */
  public List<Op> ops() {
    return ops;
  }

  /** Transformer blocks of the model. */
  public long blocks() {
    return blocks;
  }

  /** The storage terms beyond the weights that the model has, in the order outputs list them. */
  public List<StorageKind> storage() {
    return storage;
  }

  /** Bytes of one element at the config's dtype. */
  public int width() {
    return width;
  }

  /** Bytes of the token embedding table. */
  public BigInteger embeddingTable() {
    return embeddingTable;
  }

  /** The precisions the graph's tensors are counted at. */
  public Precision precision() {
    return tensors.precision();
  }

  Tensors tensors() {
    return tensors;
  }
}
