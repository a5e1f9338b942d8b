package dev.roofline.analyzer.graph;

import java.math.BigInteger;
import java.util.Objects;

/**
 * How one model instance is split over devices, as serving engines do it: attention layers and
 * dense feed-forward parts over {@code tp} devices (tensor parallel), {@code dp} groups of them
 * each with its own queries and their KV cache (attention data parallel), the routed experts over
 * {@code ep} of the {@code tp·dp} devices of the mixture-of-experts group, the layers over {@code
 * pp} pipeline stages; and the links between the devices. Devices are numbered with tp innermost,
 * then dp, then pp; device {@code i} is in scale-up domain {@code ⌊i / nodeSize⌋}.
 */
public record Layout(long tp, long dp, long ep, long pp, Links links) {

  /** One device. */
  public static final Layout SINGLE = new Layout(1, 1, 1, 1, Links.NONE);

  public Layout {
    Objects.requireNonNull(links, "links");
    if (tp < 1 || dp < 1 || ep < 1 || pp < 1) {
      throw new IllegalArgumentException("degrees must be positive: " + tp + ", " + dp + ", " + ep + ", " + pp);
    }
  }

  /** Whether the instance is one device. */
  public boolean single() {
    return tp == 1 && dp == 1 && pp == 1 && ep == 1;
  }

  /** Devices of the instance: tp·dp·pp. */
  public BigInteger devices() {
    return big(tp).multiply(big(dp)).multiply(big(pp));
  }

  /** Devices of a mixture-of-experts group: tp·dp. */
  public BigInteger moeGroup() {
    return big(tp).multiply(big(dp));
  }

  /**
   * The link a collective over groups of {@code size} consecutive devices uses, the groups starting
   * at multiples of {@code size} among {@code count} of them: scale-up when every group lies in one
   * domain, else scale-out.
   */
  public Links.Link groupLink(BigInteger size, BigInteger count) {
    BigInteger node = big(links.nodeSize());
    // A group crosses a domain's edge when it is larger than a domain, or when groups do not tile
    // a domain and reach past the first: the group holding device node·1 then starts before it.
    boolean crosses =
        size.compareTo(node) > 0
            || (node.mod(size).signum() != 0 && size.multiply(count).compareTo(node) > 0);
    return crosses ? Links.Link.SCALE_OUT : Links.Link.SCALE_UP;
  }

  /**
   * The link of the pipeline's sends, from each device to the one {@code tp·dp} further: scale-up
   * only when the whole instance lies in one domain.
   */
  public Links.Link pipelineLink() {
    return devices().compareTo(big(links.nodeSize())) <= 0 ? Links.Link.SCALE_UP : Links.Link.SCALE_OUT;
  }

  /**
   * The first layer of pipeline stage {@code stage} of a model of {@code layers} layers: the first
   * {@code layers mod pp} stages hold ⌈layers/pp⌉ layers, the others ⌊layers/pp⌋.
   */
  public long stageStart(long stage, long layers) {
    long size = layers / pp;
    long extra = layers % pp;
    return stage * size + Math.min(stage, extra);
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
