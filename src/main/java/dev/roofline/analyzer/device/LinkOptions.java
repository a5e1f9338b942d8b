package dev.roofline.analyzer.device;

import java.math.BigDecimal;

/**
 * The link options as typed, each null when not given, and the names the command line gives
 * them: the scale-up and scale-out bandwidths per device and direction, the devices of a scale-up
 * domain, the fraction of the bandwidth collectives reach, and the time each call adds.
 */
public record LinkOptions(
    String linkBandwidth, String netBandwidth, String nodeSize, String efficiency, String latency, Names names) {

  /** The names of the link options on the command line. */
  public record Names(String linkBandwidth, String netBandwidth, String nodeSize, String efficiency, String latency) {}

  /** The name of the first link option given, or null. */
  public String firstGiven() {
    String[] values = {linkBandwidth, netBandwidth, nodeSize, efficiency, latency};
    String[] all = {names.linkBandwidth(), names.netBandwidth(), names.nodeSize(), names.efficiency(), names.latency()};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        return all[i];
      }
    }
    return null;
  }

  /** Whether any link option is given. */
  public boolean any() {
    return linkBandwidth != null || netBandwidth != null || nodeSize != null || efficiency != null || latency != null;
  }

  /**
   * The links of device {@code device} (a catalog id, or {@code custom}): the options, else the
   * interconnect catalog's figures; a device the catalog has no links for has one scale-up domain
   * of {@code devices} (the instance), and no known bandwidth.
   *
   * @throws DeviceException naming the option whose value cannot be used
   */
  public Figures resolve(String device, long devices) {
    Interconnect known = DeviceSpec.CUSTOM.equals(device) ? null : Interconnect.of(device);
    BigDecimal up =
        linkBandwidth != null
            ? Quantity.rate(names.linkBandwidth(), linkBandwidth, "450e9 or 450G")
            : known == null ? null : known.scaleUpBytesPerS();
    BigDecimal out =
        netBandwidth != null
            ? Quantity.rate(names.netBandwidth(), netBandwidth, "50e9 or 50G")
            : known == null ? null : known.scaleOutBytesPerS();
    long node = nodeSize != null ? Quantity.count(names.nodeSize(), nodeSize) : known == null ? devices : known.domain();
    BigDecimal reached = efficiency == null ? BigDecimal.ONE : Quantity.fraction(names.efficiency(), efficiency);
    BigDecimal alpha = latency == null ? BigDecimal.ZERO : Quantity.seconds(names.latency(), latency);
    return new Figures(
        linkBandwidth == null && known != null ? known.scaleUpName() : null,
        up,
        netBandwidth == null && known != null ? known.scaleOutName() : null,
        out,
        node,
        reached,
        alpha);
  }

  /** Resolved links: names (null when given as numbers), bandwidths (null: not known), domain size, efficiency, latency. */
  public record Figures(
      String scaleUpName,
      BigDecimal scaleUp,
      String scaleOutName,
      BigDecimal scaleOut,
      long nodeSize,
      BigDecimal efficiency,
      BigDecimal latency) {}

  /**
   * A time of at least 0 seconds, as {@code option} names it, read as the link latency is: a
   * number with an optional unit, {@code s}, {@code ms}, {@code us} (or {@code µs}) or {@code ns}.
   */
  public static BigDecimal time(String option, String text) {
    return Quantity.seconds(option, text);
  }

  /** A positive whole number option (a parallel degree), as {@code option} names it. */
  public static long degree(String option, String text) {
    return Quantity.count(option, text);
  }
}
