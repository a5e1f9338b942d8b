package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.graph.Collective.Kind;
import dev.roofline.analyzer.graph.Collective.Purpose;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a model's operator graph over the devices of a layout, as serving engines do: the graph
 * of one device (the first tensor-parallel rank of the first attention group) and the collective
 * calls the split adds. Every rule is a rule of parts, whatever the family:
 *
 * <ul>
 *   <li>Projections split by their outputs (column-parallel: a tensor of heads keeps {@code
 *       ⌈heads/tp⌉} of them, key/value heads replicated when tp exceeds them; other sizes {@code
 *       ⌈n/tp⌉}) or by their inputs (row-parallel, then an AllReduce of the outputs over tp), or
 *       run whole on every device (routers, MLA's down-projections).
 *   <li>Dense and shared feed-forward parts: {@code ⌈I/tp⌉} features (down row-parallel, then an
 *       AllReduce). Routed experts: {@code E/ep} per device, each split {@code tp·dp/ep} ways; the
 *       tokens of all tp·dp devices' group dispatched (AllGather) and combined (ReduceScatter) over
 *       it when dp > 1, else combined by an AllReduce over tp.
 *   <li>Per-head parts (norms, RoPE, attention with its soft-capping and sinks, the output gate, the
 *       convolution and delta rule of linear attention) over the device's heads; the LM head's
 *       soft-capping over its share of the logits; norms, residual adds and everything else whole.
 *   <li>The embedding table and LM head split by vocabulary (an AllReduce of the embeddings, an
 *       AllGather of the logits); the pipeline's stages send a micro-batch's hidden states on.
 * </ul>
 */
public final class Sharding {
  private final Layout layout;
  private final BigInteger tp;
  /** Ways each routed expert is split: tp·dp / ep. */
  private final BigInteger expertSplit;

  private Sharding(Layout layout) {
    this.layout = layout;
    this.tp = BigInteger.valueOf(layout.tp());
    this.expertSplit = layout.moeGroup().divide(BigInteger.valueOf(layout.ep()));
  }

  /**
   * {@code graph} split as {@code layout} says.
   *
   * @throws LayoutException naming the rule the layout breaks for this model
   */
  public static OperatorGraph split(OperatorGraph graph, Layout layout) {
    if (layout.single()) {
      return graph;
    }
    check(graph, layout);
    return new Sharding(layout).apply(graph);
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  /** The rules of parallel.md §1 that need the model. */
  private static void check(OperatorGraph graph, Layout layout) {
    if (layout.pp() > graph.blocks()) {
      throw new LayoutException(LayoutException.Problem.PP_LAYERS, big(layout.pp()), big(graph.blocks()));
    }
    BigInteger tp = big(layout.tp());
    long experts = 0;
    for (Op op : graph.ops()) {
      for (Part p : op.parts()) {
        if (p instanceof Part.Attention a) {
          checkHeads(tp, a.heads(), a.kvHeads());
        } else if (p instanceof Part.DeltaRule d) {
          checkHeads(tp, d.valueHeads(), d.keyHeads());
        } else if (p instanceof Part.LatentAttention a && a.heads().mod(tp).signum() != 0) {
          throw new LayoutException(LayoutException.Problem.TP_HEADS, tp, a.heads());
        } else if (p instanceof Part.Gated g && g.routed() && (op.blocks() > 0 || op.originalBlocks() > 0)) {
          experts = g.parts();
        }
      }
    }
    BigInteger ep = big(layout.ep());
    if (layout.ep() > 1 && experts == 0) {
      throw new LayoutException(LayoutException.Problem.EXPERTS_NEEDED, ep);
    }
    if (layout.moeGroup().mod(ep).signum() != 0) {
      throw new LayoutException(LayoutException.Problem.EP_GROUP, ep, layout.moeGroup());
    }
    if (experts > 0 && big(experts).mod(ep).signum() != 0) {
      throw new LayoutException(LayoutException.Problem.EP_EXPERTS, ep, big(experts));
    }
  }

  private static void checkHeads(BigInteger tp, BigInteger heads, BigInteger kvHeads) {
    if (heads.mod(tp).signum() != 0) {
      throw new LayoutException(LayoutException.Problem.TP_HEADS, tp, heads);
    }
    if (kvHeads.mod(tp).signum() != 0 && tp.mod(kvHeads).signum() != 0) {
      throw new LayoutException(LayoutException.Problem.TP_KV_HEADS, tp, kvHeads);
    }
  }

  private OperatorGraph apply(OperatorGraph graph) {
    List<Op> ops = new ArrayList<>(graph.ops().size());
    List<Collective> collectives = new ArrayList<>();
    BigInteger tpGroups = big(layout.dp()).multiply(big(layout.pp()));
    Links.Link tpLink = layout.groupLink(tp, tpGroups);
    Links.Link moeLink = layout.groupLink(layout.moeGroup(), big(layout.pp()));
    for (Op op : graph.ops()) {
      List<Part> parts = new ArrayList<>(op.parts().size());
      BigInteger columns = null;
      for (Part p : op.parts()) {
        Part s = shard(p);
        if (s instanceof Part.Linear l && l.split() == Part.Split.COLUMN) {
          columns = l.n();
        }
        parts.add(s);
      }
      // A bias belongs to its projection's outputs: a column-parallel one keeps the device's share.
      for (int i = 0; i < parts.size() && columns != null; i++) {
        if (parts.get(i) instanceof Part.Bias b) {
          parts.set(i, new Part.Bias(columns, b.rows()));
        }
      }
      Op split = op.with(parts);
      ops.add(split);
      collectives.addAll(collectives(op, split, tpLink, moeLink));
    }
    if (layout.pp() > 1) {
      collectives.add(
          new Collective(
              Kind.SEND, Purpose.PIPELINE_SEND, null, BigInteger.TWO, layout.pipelineLink(), Part.Rows.TOKENS, graph.hidden(), 1));
    }
    for (Collective c : collectives) {
      if (layout.links().bandwidth(c.link()) == null) {
        throw new LayoutException(LayoutException.Problem.NO_BANDWIDTH, BigInteger.valueOf(c.link().ordinal()));
      }
    }
    return graph.split(layout, ops, collectives);
  }

  /** The collectives that follow {@code op} (as it was before the split) on the device. */
  private List<Collective> collectives(Op op, Op split, Links.Link tpLink, Links.Link moeLink) {
    List<Collective> out = new ArrayList<>(2);
    boolean tensors = layout.tp() > 1;
    for (Part p : op.parts()) {
      if (p instanceof Part.Linear l && l.split() == Part.Split.ROW && tensors) {
        out.add(new Collective(Kind.ALL_REDUCE, Purpose.OUTPUT, split, tp, tpLink, l.rows(), l.n(), 1));
      } else if (p instanceof Part.Linear l && l.rows() == Part.Rows.LAST_TOKENS && tensors) {
        out.add(new Collective(Kind.ALL_GATHER, Purpose.OUTPUT, split, tp, tpLink, l.rows(), l.n(), 1));
      } else if (p instanceof Part.Gather g && tensors) {
        out.add(new Collective(Kind.ALL_REDUCE, Purpose.OUTPUT, split, tp, tpLink, Part.Rows.TOKENS, g.hidden(), 1));
      } else if (p instanceof Part.Gated g && g.projection() == Part.Gated.Projection.DOWN) {
        if (!g.routed()) {
          if (tensors) {
            out.add(new Collective(Kind.ALL_REDUCE, Purpose.OUTPUT, split, tp, tpLink, Part.Rows.TOKENS, g.hidden(), 1));
          }
        } else if (layout.dp() == 1) {
          if (tensors) {
            out.add(new Collective(Kind.ALL_REDUCE, Purpose.MOE_COMBINE, split, tp, tpLink, Part.Rows.TOKENS, g.hidden(), 1));
          }
        } else {
          BigInteger group = layout.moeGroup();
          long dp = layout.dp();
          out.add(new Collective(Kind.ALL_GATHER, Purpose.MOE_DISPATCH, split, group, moeLink, Part.Rows.TOKENS, g.hidden(), dp));
          out.add(
              new Collective(Kind.REDUCE_SCATTER, Purpose.MOE_COMBINE, split, group, moeLink, Part.Rows.TOKENS, g.hidden(), dp));
        }
      }
    }
    return out;
  }

  /** {@code size} made of {@code heads} heads (0: of values) as one device holds it: ⌈heads/tp⌉ heads. */
  private BigInteger share(BigInteger size, BigInteger heads) {
    if (heads.signum() == 0) {
      return ceilDiv(size, tp);
    }
    return size.divide(heads).multiply(ceilDiv(heads, tp));
  }

  private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    return a.add(b).subtract(BigInteger.ONE).divide(b);
  }

  private Part shard(Part p) {
    if (p instanceof Part.Linear l) {
      return linear(l);
    }
    if (p instanceof Part.Gated g) {
      BigInteger i = g.routed() ? ceilDiv(g.intermediate(), expertSplit) : ceilDiv(g.intermediate(), tp);
      long held = g.routed() ? g.parts() / layout.ep() : g.held();
      return new Part.Gated(g.kind(), g.projection(), g.layer(), g.hidden(), i, g.perToken(), g.parts(), held, g.biased());
    }
    if (p instanceof Part.ActMul a) {
      BigInteger i = a.routed() ? ceilDiv(a.intermediate(), expertSplit) : ceilDiv(a.intermediate(), tp);
      return new Part.ActMul(i, a.activationFlops(), a.count(), a.routed());
    }
    if (p instanceof Part.Norm n) {
      return n.heads() == Part.Heads.NONE ? n : new Part.Norm(n.kind(), n.width(), share(n.perRow(), n.perRow()), n.heads());
    }
    if (p instanceof Part.Rope r) {
      return new Part.Rope(r.perHead(), share(r.queryHeads(), r.queryHeads()), share(r.kvHeads(), r.kvHeads()));
    }
    if (p instanceof Part.Attention a) {
      BigInteger heads = share(a.heads(), a.heads());
      return new Part.Attention(
          heads, share(a.kvHeads(), a.kvHeads()), a.headDim(), a.queryDims().divide(a.heads()).multiply(heads), a.window());
    }
    if (p instanceof Part.LatentAttention a) {
      return new Part.LatentAttention(share(a.heads(), a.heads()), a.latent(), a.rope());
    }
    if (p instanceof Part.Elementwise e && e.split() == Part.Split.COLUMN) {
      BigInteger heads = share(e.heads(), e.heads());
      return new Part.Elementwise(e.rows(), share(e.elements(), e.heads()), e.flops(), e.reads(), e.writes(), e.split(), heads);
    }
    if (p instanceof Part.SoftCap c) {
      return new Part.SoftCap(share(c.heads(), c.heads()), c.window());
    }
    if (p instanceof Part.Params m && m.heads().signum() > 0) {
      return new Part.Params(share(m.elements(), m.heads()), share(m.heads(), m.heads()));
    }
    if (p instanceof Part.Conv c) {
      return new Part.Conv(
          share(c.keyHeads(), c.keyHeads()), c.keyDim(), share(c.valueHeads(), c.valueHeads()), c.valueDim(), c.kernel());
    }
    if (p instanceof Part.DeltaRule d) {
      return new Part.DeltaRule(
          share(d.keyHeads(), d.keyHeads()), share(d.valueHeads(), d.valueHeads()), d.keyDim(), d.valueDim());
    }
    if (p instanceof Part.Gather g) {
      return new Part.Gather(g.hidden(), layout.tp());
    }
    return p;
  }

  private Part.Linear linear(Part.Linear l) {
    switch (l.split()) {
      case COLUMN -> {
        if (l.weight() instanceof Part.Weight.Tensors t) {
          List<Part.Tensor> split = new ArrayList<>(t.tensors().size());
          BigInteger n = BigInteger.ZERO;
          for (Part.Tensor x : t.tensors()) {
            Part.Tensor s = new Part.Tensor(x.module(), share(x.n(), x.heads()), x.k(), x.heads());
            split.add(s);
            n = n.add(s.n());
          }
          return new Part.Linear(l.rows(), l.perRow(), n, l.k(), new Part.Weight.Tensors(split), l.split());
        }
        return new Part.Linear(l.rows(), l.perRow(), share(l.n(), BigInteger.ZERO), l.k(), l.weight(), l.split());
      }
      case ROW -> {
        Part.Weight.Tensors t = (Part.Weight.Tensors) l.weight();
        List<Part.Tensor> split = new ArrayList<>(t.tensors().size());
        for (Part.Tensor x : t.tensors()) {
          split.add(new Part.Tensor(x.module(), x.n(), share(x.k(), x.heads()), x.heads()));
        }
        return new Part.Linear(l.rows(), l.perRow(), l.n(), split.get(0).k(), new Part.Weight.Tensors(split), l.split());
      }
      case HEADS -> {
        Part.Weight.Share w = (Part.Weight.Share) l.weight();
        Part.Tensor x = w.tensor();
        Part.Tensor s = new Part.Tensor(x.module(), share(x.n(), x.heads()), x.k(), x.heads());
        return new Part.Linear(
            l.rows(), share(l.perRow(), l.perRow()), l.n(), l.k(), new Part.Weight.Share(s, w.num(), w.den(), w.rest()), l.split());
      }
      default -> {
        return l;
      }
    }
  }
}
