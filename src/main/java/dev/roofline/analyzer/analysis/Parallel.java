package dev.roofline.analyzer.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A step of a model split over devices: the layout ({@code tp} × {@code dp} × {@code pp} devices,
 * {@code ep} expert groups), its links (names and bandwidths per device and direction, null when
 * not known; domain size, efficiency, latency in seconds), the collectives of one micro-batch's
 * step, their time, the pipeline's tick (the slowest stage with its send), the instance's
 * throughput in new tokens per second and per device, the share of the step spent communicating,
 * and the fullest device's memory.
 */
public record Parallel(
    long tp,
    long dp,
    long ep,
    long pp,
    BigInteger devices,
    String scaleUpName,
    BigDecimal scaleUpBytesPerS,
    String scaleOutName,
    BigDecimal scaleOutBytesPerS,
    long nodeSize,
    BigDecimal linkEfficiency,
    BigDecimal linkLatencyS,
    List<CommunicationRow> communication,
    Rational communicationTimeS,
    Rational tickS,
    Rational tokensPerS,
    Rational tokensPerSPerDevice,
    Rational communicationShare,
    DeviceMemory memory) {

  public Parallel {
    Objects.requireNonNull(devices, "devices");
    communication = List.copyOf(communication);
    Objects.requireNonNull(communicationTimeS, "communicationTimeS");
    Objects.requireNonNull(tickS, "tickS");
    Objects.requireNonNull(tokensPerS, "tokensPerS");
    Objects.requireNonNull(tokensPerSPerDevice, "tokensPerSPerDevice");
    Objects.requireNonNull(communicationShare, "communicationShare");
    Objects.requireNonNull(memory, "memory");
  }
}
