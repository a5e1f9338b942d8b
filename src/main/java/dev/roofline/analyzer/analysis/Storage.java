package dev.roofline.analyzer.analysis;

import java.math.BigInteger;
import java.util.List;

/** The minimum storage a step needs: its terms in order, and their sum. */
public record Storage(List<StorageItem> terms) {

  public Storage {
    terms = List.copyOf(terms);
  }

  /** The sum of the terms. */
  public BigInteger totalBytes() {
    BigInteger sum = BigInteger.ZERO;
    for (StorageItem t : terms) {
      sum = sum.add(t.bytes());
    }
    return sum;
  }
}
