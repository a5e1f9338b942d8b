package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One scenario of a sweep: a batch of {@code batch} queries of {@code cached} cached and {@code
 * input} input tokens each, a request of {@code output} tokens per query (null: one step), split
 * {@code tp × dp × pp} ways with {@code ep} expert groups, on the catalog device {@code device}.
 * Nothing here is checked: a scenario that breaks a rule is a row with its reason.
 */
public record Scenario(
    BigInteger batch,
    BigInteger cached,
    BigInteger input,
    BigInteger output,
    long tp,
    long dp,
    long ep,
    long pp,
    String device) {

  public Scenario {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(cached, "cached");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(device, "device");
  }
}
