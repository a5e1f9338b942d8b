package dev.roofline.analyzer.report;

import com.fasterxml.jackson.core.io.NumberOutput;

/** Number text for machine-readable outputs, locale-free. */
final class Decimals {
  private Decimals() {}

  /**
   * The shortest decimal that reads back to {@code x} (Schubfach, as {@code Double.toString} of
   * Java 19 and later; Java 17's is not always the shortest).
   */
  static String shortest(double x) {
    return NumberOutput.toString(x, true);
  }
}
