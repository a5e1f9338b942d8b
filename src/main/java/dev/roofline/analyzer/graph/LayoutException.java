package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.List;

/**
 * A layout that cannot split the model: which rule it breaks, and the numbers involved (the
 * layout's degree first, then the model's size it must fit), for the command to name in its own
 * terms.
 */
public final class LayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rules a layout must keep. */
  public enum Problem {
    /** ep above 1 on a model without routed experts: ep. */
    EXPERTS_NEEDED,
    /** ep does not divide the mixture-of-experts group: ep, tp·dp. */
    EP_GROUP,
    /** ep does not divide the routed experts: ep, E. */
    EP_EXPERTS,
    /** tp does not divide the attention heads: tp, heads. */
    TP_HEADS,
    /** Neither of tp and the key/value heads divides the other: tp, kv heads. */
    TP_KV_HEADS,
    /** More pipeline stages than layers: pp, layers. */
    PP_LAYERS,
    /** A collective needs a link whose bandwidth is not known: the link (0 scale-up, 1 scale-out). */
    NO_BANDWIDTH
  }

  private final Problem problem;
  private final transient List<BigInteger> values;

  LayoutException(Problem problem, BigInteger... values) {
    super(problem + " " + List.of(values));
    this.problem = problem;
    this.values = List.of(values);
  }

  public Problem problem() {
    return problem;
  }

  /** The numbers of the rule broken, in the order {@link Problem} lists them. */
  public List<BigInteger> values() {
    return values;
  }
}
