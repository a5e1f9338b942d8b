package dev.roofline.analyzer.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The device a step is placed on, as outputs show it: its id and name ({@code custom} for a device
 * given by its figures), the precision whose peak is used (a catalog column such as {@code bf16};
 * null when the peak was given for an element type without one), the peak FLOP/s and memory
 * bandwidth in bytes/s, the memory per device (null when unknown), and the fractions of peak and
 * bandwidth assumed reached.
 */
public record DeviceFigures(
    String id,
    String name,
    String precision,
    BigDecimal peakFlopsPerS,
    BigDecimal memBandwidthBytesPerS,
    BigInteger memCapacityBytes,
    BigDecimal flopsEfficiency,
    BigDecimal memEfficiency) {

  public DeviceFigures {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(peakFlopsPerS, "peakFlopsPerS");
    Objects.requireNonNull(memBandwidthBytesPerS, "memBandwidthBytesPerS");
    Objects.requireNonNull(flopsEfficiency, "flopsEfficiency");
    Objects.requireNonNull(memEfficiency, "memEfficiency");
  }
}
