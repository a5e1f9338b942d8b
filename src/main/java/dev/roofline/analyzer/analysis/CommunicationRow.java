package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One collective of a split step: its kind ({@code AllReduce}), what it carries ({@code Attn -
 * O_Proj}, {@code MoE dispatch}), the devices of its group, its link ({@code scale-up} or {@code
 * scale-out}), the bytes of the whole tensor per call, the calls a micro-batch's step makes, and
 * the time of one call and of them all, in seconds.
 */
public record CommunicationRow(
    String collective, String carries, BigInteger group, String link, BigInteger bytes, long calls, Rational timeS, Rational totalS) {
  public CommunicationRow {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(carries, "carries");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(timeS, "timeS");
    Objects.requireNonNull(totalS, "totalS");
  }
}
