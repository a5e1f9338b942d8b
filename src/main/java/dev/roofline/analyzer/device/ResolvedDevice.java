package dev.roofline.analyzer.device;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The device a run is analysed on, with the figures for the model's precision: what the roofline
 * needs. Values are exact; the efficiencies are the fractions of the peak and of the bandwidth
 * that kernels reach.
 *
 * @param id the catalog id, or {@code custom}
 * @param name the catalog name, or {@code custom}
 * @param precision the catalog column the model's element type, or the activations' type,
 *     selects; null only when the peak was given and the element type has no column (float64,
 *     int32, ...)
 * @param peakFlops peak FLOP/s at that precision
 * @param memBandwidth memory bandwidth in bytes per second
 * @param memCapacity memory per device in bytes, or null (then no memory verdict)
 */
public record ResolvedDevice(
    String id,
    String name,
    Precision precision,
    BigDecimal peakFlops,
    BigDecimal memBandwidth,
    BigInteger memCapacity,
    BigDecimal flopsEfficiency,
    BigDecimal memEfficiency) {

  public ResolvedDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (peakFlops.signum() <= 0 || memBandwidth.signum() <= 0) {
      throw new IllegalArgumentException("peak and bandwidth must be positive");
    }
    if (memCapacity != null && memCapacity.signum() <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    if (!isFraction(flopsEfficiency) || !isFraction(memEfficiency)) {
      throw new IllegalArgumentException("efficiencies must lie in (0, 1]");
    }
  }

  private static boolean isFraction(BigDecimal f) {
    return f.signum() > 0 && f.compareTo(BigDecimal.ONE) <= 0;
  }

  /**
   * The device that {@code options} describe, for a model of element type {@code dtype}: all the
   * checks of {@link DeviceSpec#of} and of {@link DeviceSpec#forDType} in one call.
   *
   * @throws DeviceException naming the option at fault
   */
  public static ResolvedDevice of(DeviceOptions options, String dtype) {
    return DeviceSpec.of(options).forDType(dtype);
  }
}
