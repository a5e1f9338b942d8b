package dev.roofline.analyzer.analysis;

import dev.roofline.analyzer.config.Layers;
import dev.roofline.analyzer.graph.Communication;
import dev.roofline.analyzer.graph.Graph;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Node;
import dev.roofline.analyzer.graph.Operator;
import java.math.BigInteger;
import java.util.List;

/**
 * The pipeline stages of a split step: how many of each row's blocks and of each collective's
 * calls each stage holds. A stage holds its layers' share of each row (the embedding on the first
 * stage, the final norm and LM head on the last) and of each collective that follows one, and,
 * but the last, one send on. One device: one stage, holding everything.
 */
final class Stages {
  private final long[][] blocks;
  private final long[][] calls;

  private Stages(long[][] blocks, long[][] calls) {
    this.blocks = blocks;
    this.calls = calls;
  }

  static Stages of(Graph step, Layout layout) {
    int pp = (int) layout.pp();
    long layers = step.blocks();
    List<Node> nodes = step.nodes();
    List<Communication> comm = step.communication();
    long[][] blocks = new long[pp][nodes.size()];
    long[][] calls = new long[pp][comm.size()];
    for (int s = 0; s < pp; s++) {
      long from = layout.stageStart(s, layers);
      long to = layout.stageStart(s + 1, layers);
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        blocks[s][i] = pp == 1 ? n.blocks() : inStage(n.operator(), n.layers(), s, from, to, pp, n.blocks());
      }
      for (int i = 0; i < comm.size(); i++) {
        Communication c = comm.get(i);
        calls[s][i] =
            c.layers() == null
                ? (s < pp - 1 ? 1 : 0)
                : pp == 1 ? c.calls() : inStage(c.collective().after().id(), c.layers(), s, from, to, pp, c.calls());
      }
    }
    return new Stages(blocks, calls);
  }

  /**
   * How many of {@code total} blocks (or calls) of a row in {@code layers} stage {@code s} of
   * layers {@code from … to − 1} holds: its layers there, or, for a row of the model, all of them on
   * the first stage (the embedding) or the last (the final norm and LM head).
   */
  private static long inStage(Operator op, Layers layers, long s, long from, long to, long pp, long total) {
    if (op.perStep()) {
      long stage = op == Operator.MODEL_EMBEDDING ? 0 : pp - 1;
      return s == stage ? total : 0;
    }
    return layers.count(from, to);
  }

  int count() {
    return blocks.length;
  }

  /** Blocks of node {@code i} in stage {@code s}. */
  BigInteger blocks(int s, int i) {
    return BigInteger.valueOf(blocks[s][i]);
  }

  /** Calls of collective {@code i} in stage {@code s}. */
  BigInteger calls(int s, int i) {
    return BigInteger.valueOf(calls[s][i]);
  }

  /**
   * The memory of a device of stage {@code s}: its blocks' weights and idle experts, the KV cache
   * and recurrent state of its layers for every micro-batch of its group ({@code pp} of them), and on the first stage its
   * share of the embedding table ({@code embedding}); against {@code capacity} (null: unknown).
   */
  DeviceMemory memory(Graph step, int s, long pp, BigInteger embedding, BigInteger capacity) {
    BigInteger weights = BigInteger.ZERO;
    BigInteger idle = BigInteger.ZERO;
    BigInteger kv = BigInteger.ZERO;
    BigInteger state = BigInteger.ZERO;
    for (int i = 0; i < step.nodes().size(); i++) {
      Node n = step.nodes().get(i);
      BigInteger here = blocks(s, i);
      weights = weights.add(n.stored().multiply(here));
      idle = idle.add(n.idle().multiply(here));
      kv = kv.add(n.cached().multiply(here));
      state = state.add(n.state().multiply(here));
    }
    kv = kv.multiply(BigInteger.valueOf(pp));
    state = state.multiply(BigInteger.valueOf(pp));
    BigInteger table = s == 0 ? embedding : BigInteger.ZERO;
    BigInteger need = weights.add(kv).add(state).add(idle).add(table);
    return new DeviceMemory(
        s, weights, kv, state, idle, table, capacity, capacity == null ? null : need.compareTo(capacity) <= 0);
  }
}
