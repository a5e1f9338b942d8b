package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A collective call of a split model, symbolically: its kind, what it carries, the devices of its
 * group and the link they use, and its size, {@code perRow} elements for each row of the step
 * ({@code rows}; the tokens of {@code tokenGroups} attention groups for the experts' dispatch and
 * combine). It follows operator {@code after} in each of that operator's blocks, or, for the
 * pipeline's send ({@code after} null), crosses each of the stages' boundaries once.
 */
public record Collective(
    Kind kind,
    Purpose purpose,
    Op after,
    BigInteger group,
    Links.Link link,
    Part.Rows rows,
    BigInteger perRow,
    long tokenGroups) {

  public Collective {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(rows, "rows");
    if ((after == null) != (purpose == Purpose.PIPELINE_SEND)) {
      throw new IllegalArgumentException("only the pipeline's send follows no operator");
    }
  }

  /** The kinds of collective, with their names in outputs. */
  public enum Kind {
    ALL_REDUCE("AllReduce"),
    ALL_GATHER("AllGather"),
    REDUCE_SCATTER("ReduceScatter"),
    SEND("Send");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What a collective carries: an operator's partial outputs, the experts' tokens, or the stage's activations. */
  public enum Purpose {
    /** The outputs of the operator it follows (a row-parallel projection's partial sums, logits). */
    OUTPUT(null),
    /** The tokens of every attention group, to the experts' devices. */
    MOE_DISPATCH("MoE dispatch"),
    /** The experts' outputs, back to the tokens' devices. */
    MOE_COMBINE("MoE combine"),
    /** A micro-batch's hidden states, to the next pipeline stage. */
    PIPELINE_SEND("Pipeline send");

    private final String label;

    Purpose(String label) {
      this.label = label;
    }

    /** Its name in outputs, null for {@link #OUTPUT} (the operator's name is used). */
    public String label() {
      return label;
    }
  }

  /** What the collective carries, as outputs name it: the operator's row, or its purpose. */
  public String carries() {
    return purpose == Purpose.OUTPUT ? after.id().label() : purpose.label();
  }
}
