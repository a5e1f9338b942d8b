package dev.roofline.analyzer.graph;

import dev.roofline.analyzer.config.GqaConfig;
import dev.roofline.analyzer.config.LinearAttention;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Configs (bundled by repo id, or inline JSON) and their graphs, for the family tests. */
final class Fixtures {
  private Fixtures() {}

  /** A bundled config by repo id ({@code Qwen/Qwen3-8B}), or {@code json} itself when it is an object. */
  static ModelConfig config(String idOrJson) {
    if (idOrJson.startsWith("{")) {
      return Graphs.readConfig(idOrJson.getBytes(StandardCharsets.UTF_8), "inline.json");
    }
    return Graphs.readConfig(bundled(idOrJson), idOrJson);
  }

  static byte[] bundled(String id) {
    String resource = "/dev/roofline/analyzer/catalog/" + id.replace("/", "--") + ".json";
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("not bundled: " + id);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The graph of {@code idOrJson} for one query of {@code cached} and {@code input} tokens. */
  static Graph graph(String idOrJson, long cached, long input) {
    return Graphs.build(
        config(idOrJson), new Query(List.of(BigInteger.valueOf(cached)), List.of(BigInteger.valueOf(input)), BigInteger.ONE));
  }

  /**
   * The step of {@code idOrJson} counted by {@code costs} for {@code batch} queries of {@code cached}
   * and {@code input} tokens each, every tensor at the config's dtype.
   */
  static Graph graph(String idOrJson, CostModel costs, long cached, long input, long batch) {
    ModelConfig config = config(idOrJson);
    Query query =
        new Query(List.of(BigInteger.valueOf(cached)), List.of(BigInteger.valueOf(input)), BigInteger.valueOf(batch));
    return costs.evaluate(Graphs.operators(config, Precision.of(config.dtype())), query);
  }

  /**
   * FLOPs of the delta rule of one token in every layer of linear attention of {@code id}, which
   * no parameter accounts for: per value head 7·dk·dv + 7·dk + 14 (0 without linear attention).
   */
  static BigInteger deltaRuleFlops(String id) {
    ModelConfig config = config(id);
    if (!(config instanceof GqaConfig g) || g.linearAttention().isEmpty()) {
      return BigInteger.ZERO;
    }
    LinearAttention l = g.linearAttention().get();
    long dk = l.keyHeadDim();
    long dv = l.valueHeadDim();
    return BigInteger.valueOf(l.layers() * l.valueHeads() * (7 * dk * dv + 7 * dk + 14));
  }

  /** The node of {@code op}; fails when the graph has none. */
  static Node node(Graph graph, Operator op) {
    for (Node n : graph.nodes()) {
      if (n.operator() == op) {
        return n;
      }
    }
    throw new AssertionError("no " + op.label() + " in " + graph.nodes());
  }

  /** The block count of {@code op}, 0 when the graph has no such row. */
  static long blocks(Graph graph, Operator op) {
    for (Node n : graph.nodes()) {
      if (n.operator() == op) {
        return n.blocks();
      }
    }
    return 0;
  }

  /** The bytes of the storage term of {@code kind}; 0 when there is none. */
  static BigInteger storage(Graph graph, StorageKind kind) {
    for (StorageTerm t : graph.storage()) {
      if (t.kind() == kind) {
        return t.bytes();
      }
    }
    return BigInteger.ZERO;
  }

  /** Each counter summed over nodes, times their blocks: the Total row. */
  static Cost total(Graph graph) {
    Cost total = Cost.ZERO;
    for (Node n : graph.nodes()) {
      total = total.plus(n.cost().times(n.blocks()));
    }
    return total;
  }
}
