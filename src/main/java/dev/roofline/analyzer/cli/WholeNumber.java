package dev.roofline.analyzer.cli;

import java.math.BigInteger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an integer option value the way Python's {@code int()} does, so that every value the
 * original accepted is accepted: surrounding white space, a sign, any Unicode decimal digits, and
 * single underscores between digits ({@code 1_048_576}). Any size: no overflow.
 */
final class WholeNumber implements ITypeConverter<BigInteger> {

  @Override
  public BigInteger convert(String text) {
    BigInteger n = parse(text);
    if (n == null) {
      throw new TypeConversionException("'" + text + "' is not an integer");
    }
    return n;
  }

  /** The integer {@code text} denotes, or null. */
  static BigInteger parse(String text) {
    String s = text.strip();
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    StringBuilder digits = new StringBuilder(s.length());
    boolean afterDigit = false;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_') {
        if (!afterDigit) {
          return null;
        }
        afterDigit = false;
        continue;
      }
      int d = Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(cp, 10) : -1;
      if (d < 0) {
        return null;
      }
      digits.append((char) ('0' + d));
      afterDigit = true;
    }
    if (!afterDigit) {
      return null;
    }
    BigInteger n = new BigInteger(digits.toString());
    return negative ? n.negate() : n;
  }
}
