package dev.roofline.analyzer.device;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * An accelerator of the catalog: its memory, its memory bandwidth and its dense peak compute per
 * precision, with the source of these figures. Values are exact, as the catalog writes them.
 *
 * @param memoryBytes memory per device in bytes, or null when unknown
 * @param bandwidth memory bandwidth in bytes per second
 * @param peaks dense peak FLOP/s per precision; a precision the device lacks is absent
 */
public record Device(
    String id,
    String vendor,
    String name,
    BigInteger memoryBytes,
    BigDecimal bandwidth,
    Map<Precision, BigDecimal> peaks,
    String source) {

  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if (memoryBytes != null && memoryBytes.signum() <= 0) {
      throw new IllegalArgumentException(id + ": memory must be positive");
    }
    if (bandwidth.signum() <= 0) {
      throw new IllegalArgumentException(id + ": bandwidth must be positive");
    }
    for (BigDecimal peak : peaks.values()) {
      if (peak.signum() <= 0) {
        throw new IllegalArgumentException(id + ": peaks must be positive");
      }
    }
    peaks = Map.copyOf(peaks);
  }

  /** The dense peak FLOP/s at {@code precision}, or null when the device has none. */
  public BigDecimal peak(Precision precision) {
    return peaks.get(precision);
  }
}
