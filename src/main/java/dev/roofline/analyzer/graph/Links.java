package dev.roofline.analyzer.graph;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The links between the devices of an instance: the scale-up fabric joining the devices of one
 * domain ({@code nodeSize} of them: an HGX board's 8, an NVL72 rack's 72) and the scale-out network
 * between domains, each with its name and its bandwidth per device in one direction (bytes/s; null
 * when not known); the fraction of that bandwidth collectives reach, and the fixed time each call
 * costs (seconds).
 */
public record Links(
    String scaleUpName,
    BigDecimal scaleUp,
    String scaleOutName,
    BigDecimal scaleOut,
    long nodeSize,
    BigDecimal efficiency,
    BigDecimal latency) {

  /** No links: a single device. */
  public static final Links NONE = new Links(null, null, null, null, 1, BigDecimal.ONE, BigDecimal.ZERO);

  public Links {
    Objects.requireNonNull(efficiency, "efficiency");
    Objects.requireNonNull(latency, "latency");
    if (nodeSize < 1 || efficiency.signum() <= 0 || efficiency.compareTo(BigDecimal.ONE) > 0 || latency.signum() < 0) {
      throw new IllegalArgumentException("bad links: " + nodeSize + ", " + efficiency + ", " + latency);
    }
  }

  /** The bandwidth of {@code link}, or null when it is not known. */
  public BigDecimal bandwidth(Link link) {
    return link == Link.SCALE_UP ? scaleUp : scaleOut;
  }

  /** The two kinds of link. */
  public enum Link {
    /** Within one domain (NVLink, Infinity Fabric, ICI, PCIe). */
    SCALE_UP("scale-up"),
    /** Between domains (InfiniBand, Ethernet). */
    SCALE_OUT("scale-out");

    private final String key;

    Link(String key) {
      this.key = key;
    }

    /** {@code scale-up} or {@code scale-out}, as outputs name it. */
    public String key() {
      return key;
    }
  }
}
