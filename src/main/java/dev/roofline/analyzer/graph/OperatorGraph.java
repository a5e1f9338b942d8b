package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.Precision;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The symbolic operators of one model at one precision, in row order, for any batch: what a cost
 * model evaluates ({@link CostModel#evaluate}). Besides the operators: the model's block count,
 * the storage terms it has beyond the weights (in order), the element width of its config's
 * dtype, its hidden size and vocabulary, and its checkpoint tensors' formats. A graph split over
 * devices ({@link Sharding}) holds one device's operators, its layout and the collectives the
 * split adds.
 */
public final class OperatorGraph {
  private final List<Op> ops;
  private final long blocks;
  private final List<StorageKind> storage;
  private final int width;
  private final BigInteger hidden;
  private final BigInteger vocab;
  private final Tensors tensors;
  private final Layout layout;
  private final List<Collective> collectives;

  OperatorGraph(
      List<Op> ops,
      long blocks,
      List<StorageKind> storage,
      int width,
      BigInteger hidden,
      BigInteger vocab,
      Tensors tensors,
      Layout layout,
      List<Collective> collectives) {
    this.ops = List.copyOf(ops);
    this.blocks = blocks;
    this.storage = List.copyOf(storage);
    this.width = width;
    this.hidden = Objects.requireNonNull(hidden, "hidden");
    this.vocab = Objects.requireNonNull(vocab, "vocab");
    this.tensors = Objects.requireNonNull(tensors, "tensors");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.collectives = List.copyOf(collectives);
  }

  /** This graph's model split over devices as {@code layout} says: {@code ops} on one device, and {@code collectives}. */
  OperatorGraph split(Layout layout, List<Op> ops, List<Collective> collectives) {
    return new OperatorGraph(ops, blocks, storage, width, hidden, vocab, tensors, layout, collectives);
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
    return vocab.multiply(hidden).multiply(BigInteger.valueOf(width));
  }

  /** Bytes of the embedding table one device holds: its share of the vocabulary, ⌈V/tp⌉ rows. */
  public BigInteger embeddingShard() {
    BigInteger tp = BigInteger.valueOf(layout.tp());
    BigInteger rows = vocab.add(tp).subtract(BigInteger.ONE).divide(tp);
    return rows.multiply(hidden).multiply(BigInteger.valueOf(width));
  }

  /** The hidden size. */
  public BigInteger hidden() {
    return hidden;
  }

  /** How the model is split over devices; {@link Layout#SINGLE} for one. */
  public Layout layout() {
    return layout;
  }

  /** The collective calls of a step that the split adds, in the order of the operators they follow. */
  public List<Collective> collectives() {
    return collectives;
  }

  /** The precisions the graph's tensors are counted at. */
  public Precision precision() {
    return tensors.precision();
  }

  Tensors tensors() {
    return tensors;
  }
}
