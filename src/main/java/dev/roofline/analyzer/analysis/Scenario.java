package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One scenario of a sweep: a batch of {@code batch} queries whose cached and input token counts
 * follow the pattern {@code cached}/{@code input} (one pair per query, repeated to fill the batch,
 * as the token options give it; a swept count is the same for every query of the pattern), a
 * request of {@code output} tokens per query (null: one step), split {@code tp × dp × pp} ways with
 * {@code ep} expert groups, on the device {@code device} (a catalog id, or {@code custom}). Nothing
 * here is checked: a scenario that breaks a rule is a row with its reason.
 */
public record Scenario(
    BigInteger batch,
    List<BigInteger> cached,
    List<BigInteger> input,
    BigInteger output,
    long tp,
    long dp,
    long ep,
    long pp,
    String device) {

  public Scenario {
    Objects.requireNonNull(batch, "batch");
    cached = List.copyOf(cached);
    input = List.copyOf(input);
    Objects.requireNonNull(device, "device");
  }
}
