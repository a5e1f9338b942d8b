package dev.roofline.analyzer.device;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Quantities as typed on the command line, read exactly: a decimal number ({@code 989.4e12}) with
 * an optional SI prefix ({@code 989.4T}); a capacity may also carry a byte unit with an SI or IEC
 * prefix ({@code 80GB} = 80·10^9, {@code 80GiB} = 80·2^30). Scanned by hand, without regular
 * expressions, as all code a run of this short-lived process takes.
 */
final class Quantity {

  /** Longer text is no number anyone types; the bound keeps every exact product small. */
  private static final int MAX_LENGTH = 64;

  /** Magnitudes beyond these are typos, and would make exact arithmetic slow. */
  private static final BigDecimal SMALLEST = new BigDecimal("1e-30");

  private static final BigDecimal LARGEST = new BigDecimal("1e30");

  private static final String SI = "kMGTPE";

  private static final BigInteger KIBI = BigInteger.valueOf(1024);

  private Quantity() {}

  /** A positive rate (FLOP/s, bytes/s): a number with an optional SI prefix. */
  static BigDecimal rate(String option, String text, String example) {
    String problem = option + " must be a positive number with an optional SI prefix, such as " + example;
    int end = numberEnd(text);
    BigDecimal value = number(text, end, problem);
    int power = siPower(text.substring(end));
    if (power < 0) {
      throw invalid(problem, text);
    }
    return checked(value.movePointRight(power), problem, text);
  }

  /** A positive whole number of bytes: a number, an optional SI or IEC prefix, an optional B. */
  static BigInteger bytes(String option, String text) {
    String problem =
        option + " must be a positive number of bytes, such as 80e9, 80G, 80GB or 80GiB";
    int end = numberEnd(text);
    BigDecimal value = number(text, end, problem);
    String unit = text.substring(end);
    if (unit.endsWith("B")) {
      unit = unit.substring(0, unit.length() - 1);
    }
    BigDecimal scaled;
    if (unit.length() == 2 && unit.charAt(1) == 'i') {
      int power = siIndex(unit.charAt(0)) + 1;
      if (power == 0) {
        throw invalid(problem, text);
      }
      scaled = value.multiply(new BigDecimal(KIBI.pow(power)));
    } else {
      int power = siPower(unit);
      if (power < 0) {
        throw invalid(problem, text);
      }
      scaled = value.movePointRight(power);
    }
    scaled = checked(scaled, problem, text);
    try {
      return scaled.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new DeviceException(
          option + " must be a whole number of bytes (got '" + text + "' = " + scaled.toPlainString() + " bytes)");
    }
  }

  /** A fraction {@code f} with 0 < f ≤ 1, a plain number. */
  static BigDecimal fraction(String option, String text) {
    String problem = option + " must be a number greater than 0 and at most 1, such as 0.7";
    int end = numberEnd(text);
    if (end != text.length()) {
      throw invalid(problem, text);
    }
    BigDecimal value = checked(number(text, end, problem), problem, text);
    if (value.compareTo(BigDecimal.ONE) > 0) {
      throw invalid(problem, text);
    }
    return value;
  }

  /**
   * A time of at least 0 seconds: a number with an optional unit, {@code s}, {@code ms}, {@code us}
   * (or {@code µs}) or {@code ns}: {@code 10us}, {@code 1e-5}.
   */
  static BigDecimal seconds(String option, String text) {
    String problem = option + " must be a time of at least 0, such as 10us, 5e-6 or 0.01ms";
    int end = numberEnd(text);
    BigDecimal value = number(text, end, problem);
    int shift =
        switch (text.substring(end)) {
          case "", "s" -> 0;
          case "ms" -> 3;
          case "us", "µs" -> 6;
          case "ns" -> 9;
          default -> throw invalid(problem, text);
        };
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return checked(value.movePointLeft(shift), problem, text);
  }

  /** A whole number of at least 1. */
  static long count(String option, String text) {
    String problem = option + " must be a whole number of at least 1, such as 8";
    int end = numberEnd(text);
    if (end != text.length() || text.length() > 18) {
      throw invalid(problem, text);
    }
    BigDecimal value = number(text, end, problem);
    try {
      long n = value.longValueExact();
      if (n < 1) {
        throw invalid(problem, text);
      }
      return n;
    } catch (ArithmeticException e) {
      throw invalid(problem, text);
    }
  }

  /**
   * Where the number at the start of {@code text} ends: digits, an optional point and digits, an
   * optional exponent ({@code e}, an optional sign, digits). An {@code E} not followed by digits
   * is left for the prefix (exa).
   */
  private static int numberEnd(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      i++;
    }
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (text.charAt(j) == '-' || text.charAt(j) == '+')) {
        j++;
      }
      if (j < n && isDigit(text.charAt(j))) {
        while (j < n && isDigit(text.charAt(j))) {
          j++;
        }
        i = j;
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static BigDecimal number(String text, int end, String problem) {
    if (text.length() > MAX_LENGTH) {
      throw invalid(problem, text);
    }
    try {
      return new BigDecimal(text.substring(0, end));
    } catch (NumberFormatException e) {
      throw invalid(problem, text);
    }
  }

  /** The power of ten of an SI prefix ({@code ""}, k/K, M, G, T, P, E), or −1. */
  private static int siPower(String prefix) {
    if (prefix.isEmpty()) {
      return 0;
    }
    int index = prefix.length() == 1 ? siIndex(prefix.charAt(0)) : -1;
    return index < 0 ? -1 : 3 * (index + 1);
  }

  /** 0 for kilo (k or K), 1 for mega, ... 5 for exa; −1 for any other letter. */
  private static int siIndex(char prefix) {
    return SI.indexOf(prefix == 'K' ? 'k' : prefix);
  }

  /** {@code value}, when it is positive and of a sane magnitude. */
  private static BigDecimal checked(BigDecimal value, String problem, String text) {
    if (value.signum() <= 0) {
      throw invalid(problem, text);
    }
    if (value.compareTo(SMALLEST) < 0) {
      throw new DeviceException(problem + " (got '" + text + "'; the smallest accepted is 1e-30)");
    }
    if (value.compareTo(LARGEST) > 0) {
      throw new DeviceException(problem + " (got '" + text + "'; the largest accepted is 1e30)");
    }
    return value;
  }

  private static DeviceException invalid(String problem, String text) {
    return new DeviceException(problem + " (got '" + text + "')");
  }
}
