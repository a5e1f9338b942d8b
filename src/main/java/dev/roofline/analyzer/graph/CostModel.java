package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A way of counting what a step costs: evaluates a graph's symbolic operators for a batch into
 * rows of FLOPs and bytes, and the storage the step needs. The walk over operators, the storage
 * terms and the bytes of tensors are the same for every convention; a convention (one subclass)
 * says how many blocks an operator is in, and what each kind of part costs where conventions
 * differ.
 */
public abstract class CostModel {

  /** The original tool's conventions, quirks included: the default. */
  public static final CostModel ORIGINAL = new OriginalCosts();

  /** What efficient engines compute and move ({@code --refined}). */
  public static final CostModel REFINED = new RefinedCosts();

  CostModel() {}

  /** The name outputs give the convention ({@code original}). */
  public abstract String id();

  /** The blocks {@code op} appears in under this convention. */
  abstract long blocks(Op op);

  /**
   * An {@code m×k} activation times a {@code k×n} weight of {@code weightBytes} whose input is
   * {@code inputBytes}, writing {@code m·n} values of {@code w} bytes.
   */
  abstract Cost matmul(BigInteger m, BigInteger n, BigInteger k, int w, BigInteger weightBytes, BigInteger inputBytes);

  /** RMSNorm over {@code width} values for {@code rows} rows. */
  abstract Cost rmsnorm(BigInteger width, BigInteger rows, int w);

  /**
   * The activation × up-projection of {@code count} gated parts of {@code intermediate} features
   * over {@code rows} token-part pairs ({@code count} per token on one device).
   */
  abstract Cost actmul(BigInteger intermediate, BigInteger rows, long count, int activationFlops, int w);

  /** Grouped-query attention over the batch. */
  abstract Cost attention(Part.Attention a, Step step);

  /** Multi-head latent attention over the batch. */
  abstract Cost latentAttention(Part.LatentAttention a, Step step);

  /** The attention scores one head of a layer attending over {@code window} computes, over the batch. */
  abstract BigInteger scores(Window window, Step step);

  /**
   * Tokens a layer attending over {@code window} holds in its cache after the step, summed over the
   * batch.
   */
  abstract BigInteger heldTokens(Window window, Step step);

  /**
   * The distinct experts of the {@code held} (of a layer's {@code parts}) on a device that the step
   * reads when {@code tokens} tokens choose {@code perToken} each.
   */
  abstract long expertsRead(long held, long parts, long perToken, BigInteger tokens);

  /** The span of keys a layer attending over {@code window} sees under this convention. */
  abstract Window span(Window window);

  /**
   * The windows and chunks the attention of {@code graph} spans under this convention, full
   * attention left out: where a growing cache changes how a step's costs grow.
   */
  public final List<Window> spans(OperatorGraph graph) {
    List<Window> spans = new ArrayList<>(2);
    for (Op op : graph.ops()) {
      if (blocks(op) == 0) {
        continue;
      }
      for (Part p : op.parts()) {
        if (p instanceof Part.Attention a) {
          Window w = span(a.window());
          boolean known = false;
          for (Window k : spans) {
            known |= k.kind() == w.kind() && k.size() == w.size();
          }
          if (w.kind() != Window.Kind.FULL && !known) {
            spans.add(w);
          }
        }
      }
    }
    return spans;
  }

  /** Whether the storage line lists a term of {@code kind} whose bytes are zero. */
  abstract boolean listsEmpty(StorageKind kind);

  /**
   * The rows and storage of one step of {@code graph} for the batch {@code query}: each operator
   * with its blocks under this convention (those in none left out), the weights the step reads
   * (those of the embedding table aside), and the graph's storage terms.
   */
  public final Graph evaluate(OperatorGraph graph, Query query) {
    Step step = new Step(graph, query);
    List<Node> nodes = new ArrayList<>(graph.ops().size());
    BigInteger weights = BigInteger.ZERO;
    BigInteger cached = BigInteger.ZERO;
    BigInteger recurrent = BigInteger.ZERO;
    BigInteger idle = BigInteger.ZERO;
    for (Op op : graph.ops()) {
      long blocks = blocks(op);
      if (blocks == 0) {
        continue;
      }
      BigInteger b = BigInteger.valueOf(blocks);
      Cost cost = Cost.ZERO;
      BigInteger opCached = BigInteger.ZERO;
      BigInteger opIdle = BigInteger.ZERO;
      BigInteger opState = BigInteger.ZERO;
      BigInteger stored = BigInteger.ZERO;
      for (Part p : op.parts()) {
        Cost part = cost(p, step);
        cost = cost.plus(part);
        opCached = opCached.add(cachedElements(p, step));
        opIdle = opIdle.add(idleExperts(p, step));
        opState = opState.add(stateBytes(p, step));
        // The embedding table's own bytes (the rows gathered, a tied head's matrix) are its term.
        if (!op.embeddingWeights() || !(p instanceof Part.Linear || p instanceof Part.Gather)) {
          stored = stored.add(part.weight());
        }
      }
      nodes.add(
          new Node(op.id(), blocks, cost, layers(op), stored, opIdle, step.tensors.kv().bytes(opCached), opState));
      cached = cached.add(opCached.multiply(b));
      recurrent = recurrent.add(opState.multiply(b));
      idle = idle.add(opIdle.multiply(b));
      weights = weights.add(stored.multiply(b));
    }
    List<StorageTerm> storage = new ArrayList<>(graph.storage().size());
    for (StorageKind kind : graph.storage()) {
      BigInteger bytes =
          switch (kind) {
            case KV_CACHE -> step.tensors.kv().bytes(cached);
            case RECURRENT_STATE -> recurrent;
            case ADDITIONAL_EXPERTS -> idle;
            case EMBEDDING_TABLE -> graph.embeddingTable();
            case WEIGHTS -> throw new IllegalStateException("the weights are not a graph's own term");
          };
      if (bytes.signum() > 0 || listsEmpty(kind)) {
        storage.add(new StorageTerm(kind, bytes));
      }
    }
    return new Graph(nodes, graph.blocks(), weights, storage, communication(graph, step));
  }

  /** The layers {@code op} is in under this convention. */
  abstract dev.roofline.analyzer.config.Layers layers(Op op);

  /**
   * The collectives of a split graph, each with its bytes per call and its calls per step: one in
   * each block of the operator it follows (under this convention), one at each of the pipeline's
   * stage boundaries.
   */
  private List<Communication> communication(OperatorGraph graph, Step step) {
    List<Communication> out = new ArrayList<>(graph.collectives().size());
    for (Collective c : graph.collectives()) {
      long calls = c.after() == null ? graph.layout().pp() - 1 : blocks(c.after());
      if (calls == 0) {
        continue;
      }
      BigInteger bytes =
          step.bytes(step.rows(c.rows()).multiply(BigInteger.valueOf(c.tokenGroups())).multiply(c.perRow()));
      out.add(new Communication(c, bytes, calls, c.after() == null ? null : layers(c.after())));
    }
    return out;
  }

  /** What {@code p} costs in one block. */
  private Cost cost(Part p, Step step) {
    if (p instanceof Part.Linear l) {
      return linear(l, step);
    }
    if (p instanceof Part.Gated g) {
      return gated(g, step);
    }
    if (p instanceof Part.ActMul a) {
      BigInteger rows = a.routed() ? step.pairs(a.count()) : step.tokens.multiply(BigInteger.valueOf(a.count()));
      return actmul(a.intermediate(), rows, a.count(), a.activationFlops(), step.w);
    }
    if (p instanceof Part.Norm n) {
      BigInteger rows = step.tokens.multiply(n.perRow());
      if (n.kind() == Part.NormKind.RMS) {
        return rmsnorm(n.width(), rows, step.w);
      }
      return n.kind() == Part.NormKind.LAYER ? Ops.layernorm(n.width(), rows, step.w) : Ops.l2norm(n.width(), rows, step.w);
    }
    if (p instanceof Part.Sum s) {
      return Ops.sum(s.elements().multiply(step.tokens), s.tensors(), step.w);
    }
    if (p instanceof Part.Rope r) {
      return Ops.rope(r.dims(), step.tokens, step.w);
    }
    if (p instanceof Part.Scale s) {
      return Ops.scale(s.elements().multiply(step.tokens), step.w);
    }
    if (p instanceof Part.Bias b) {
      return Ops.bias(b.n(), step.rows(b.rows()), step.w);
    }
    if (p instanceof Part.Params params) {
      return new Cost(BigInteger.ZERO, step.bytes(params.elements()), BigInteger.ZERO, BigInteger.ZERO);
    }
    if (p instanceof Part.Attention a) {
      return attention(a, step);
    }
    if (p instanceof Part.LatentAttention a) {
      return latentAttention(a, step);
    }
    if (p instanceof Part.Gather g) {
      // Split by vocabulary, a device gathers the rows of its share of the tokens.
      BigInteger shards = BigInteger.valueOf(g.shards());
      BigInteger rows = step.tokens.add(shards).subtract(BigInteger.ONE).divide(shards);
      return new Cost(
          BigInteger.ZERO, step.bytes(g.hidden().multiply(rows)), BigInteger.ZERO, step.bytes(g.hidden().multiply(step.tokens)));
    }
    // The kinds of the newer families last: a run of the others never loads their classes.
    if (p instanceof Part.Elementwise e) {
      return Ops.elementwise(e.elements().multiply(step.rows(e.rows())), e.flops(), e.reads(), e.writes(), step.w);
    }
    if (p instanceof Part.SoftCap s) {
      // Divide, tanh and multiply, per score, in the attention kernel.
      BigInteger flops = BigInteger.valueOf(3).multiply(s.heads()).multiply(scores(s.window(), step));
      return new Cost(flops, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }
    if (p instanceof Part.Conv c) {
      return Ops.conv(c.channels(), c.kernel(), step.tokens, step.query.queriesWithCache(), step.query.batchSize(), step.w);
    }
    if (p instanceof Part.DeltaRule d) {
      return Ops.deltaRule(d, step.tokens, step.query.queriesWithCache(), step.query.batchSize(), step.w);
    }
    throw new IllegalStateException("no cost for " + p);
  }

  /** A projection: m·n outputs of k inputs each; its weight's stored bytes; its input at the weight's input type. */
  private Cost linear(Part.Linear l, Step step) {
    BigInteger m = step.rows(l.rows()).multiply(l.perRow());
    return matmul(
        m,
        l.n(),
        l.k(),
        step.w,
        step.tensors.bytes(l.weight(), l.n(), l.k()),
        step.tensors.inputType(l.weight()).bytes(m.multiply(l.k())));
  }

  /**
   * Gate and up, or down, projections of a gated part: FLOPs, inputs and outputs of its
   * token-part pairs (k per token; a device's share of them for routed experts), and the weights
   * of the parts read, with their biases when the parts have them (one add per output of each
   * pair).
   */
  private Cost gated(Part.Gated g, Step step) {
    boolean up = g.projection() == Part.Gated.Projection.GATE_UP;
    BigInteger n = outputs(g);
    BigInteger k = up ? g.hidden() : g.intermediate();
    BigInteger pairs = g.routed() ? step.pairs(g.perToken()) : step.tokens.multiply(BigInteger.valueOf(g.perToken()));
    long read = g.routed() ? expertsRead(g.held(), g.parts(), g.perToken(), step.moeTokens) : g.perToken();
    BigInteger inputs;
    if (!g.routed() || step.whole()) {
      // Each part reads the tokens' rows at its own input type.
      Tensors.Gated each = gatedTensors(g, 0, g.perToken(), step);
      inputs = up ? each.gateUpInput() : each.downInput();
    } else {
      // A device's share of the pairs, read at its first expert's input type.
      Tensors.Gated first = step.tensors.gated(g.kind(), g.layer(), 0, 1, g.hidden(), g.intermediate(), BigInteger.ONE);
      BigInteger perRow = up ? first.gateUpInput() : first.downInput();
      inputs = perRow.multiply(pairs);
    }
    Tensors.Gated weights = gatedTensors(g, 0, read, step);
    Cost product = matmul(pairs, n, k, step.w, up ? weights.gateUpBytes() : weights.downBytes(), inputs);
    if (!g.biased()) {
      return product;
    }
    return product.plus(new Cost(pairs.multiply(n), step.bytes(n.multiply(BigInteger.valueOf(read))), BigInteger.ZERO, BigInteger.ZERO));
  }

  /** The width of a gated part's projection outputs: 2·I for gate and up, H for down. */
  private static BigInteger outputs(Part.Gated g) {
    return g.projection() == Part.Gated.Projection.GATE_UP ? g.intermediate().shiftLeft(1) : g.hidden();
  }

  private static Tensors.Gated gatedTensors(Part.Gated g, long first, long count, Step step) {
    return step.tensors.gated(g.kind(), g.layer(), first, count, g.hidden(), g.intermediate(), step.tokens);
  }

  /** The weights of the routed experts a device holds that the step does not read. */
  private BigInteger idleExperts(Part p, Step step) {
    if (!(p instanceof Part.Gated g) || !g.routed()) {
      return BigInteger.ZERO;
    }
    long read = expertsRead(g.held(), g.parts(), g.perToken(), step.moeTokens);
    Tensors.Gated idle = gatedTensors(g, read, g.held() - read, step);
    BigInteger bytes = g.projection() == Part.Gated.Projection.GATE_UP ? idle.gateUpBytes() : idle.downBytes();
    if (!g.biased()) {
      return bytes;
    }
    return bytes.add(step.bytes(outputs(g).multiply(BigInteger.valueOf(g.held() - read))));
  }

  /**
   * Bytes of the recurrent state {@code p} keeps for the batch after the step, whatever the
   * context's length: the last K−1 inputs of a convolution, a delta rule's float32 state.
   */
  private static BigInteger stateBytes(Part p, Step step) {
    if (!p.keepsState()) {
      return BigInteger.ZERO;
    }
    BigInteger queries = step.query.batchSize();
    if (p instanceof Part.Conv c) {
      return step.bytes(queries.multiply(c.channels()).multiply(c.kernel().subtract(BigInteger.ONE)));
    }
    if (p instanceof Part.DeltaRule d) {
      return queries.multiply(d.stateElements()).shiftLeft(2);
    }
    return BigInteger.ZERO;
  }

  /** Elements {@code p} holds in the KV cache after the step, over the batch. */
  private BigInteger cachedElements(Part p, Step step) {
    if (p instanceof Part.Attention a) {
      return heldTokens(a.window(), step).multiply(a.cachedDims());
    }
    if (p instanceof Part.LatentAttention a) {
      return heldTokens(Window.FULL, step).multiply(a.cachedDims());
    }
    return BigInteger.ZERO;
  }
}
