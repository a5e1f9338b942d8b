package dev.roofline.analyzer;

/**
 * Text from outside (a config's values, a server's headers, file names) made safe to print as one
 * line on a terminal: line breaks become one space, and every control or format character but the tab
 * (escape sequences, bells, bidirectional overrides) is shown as an escape such as {@code \x1b} or
 * {@code \u202e} instead of acting on the terminal.
 */
public final class SafeText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SafeText() {}

  /** {@code text} as one printable line, without leading or trailing blanks. */
  public static String line(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingBreak = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        pendingBreak = true;
        continue;
      }
      if (pendingBreak) {
        // A line break and the blanks around it become one space.
        if (c == ' ' || c == '\t') {
          continue;
        }
        trimEnd(out);
        out.append(' ');
        pendingBreak = false;
      }
      if (needsEscape(c)) {
        escape(out, c);
      } else {
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  /** {@code text} as one printable line of at most {@code max} characters, marked {@code …} when cut. */
  public static String excerpt(String text, int max) {
    String line = line(text);
    return line.length() <= max ? line : line.substring(0, max) + "…";
  }

  private static boolean needsEscape(char c) {
    if (c < 0x20) {
      return c != '\t';
    }
    if (c >= 0x7f && c <= 0x9f) {
      return true;
    }
    if (c < 0xad) {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static void escape(StringBuilder out, char c) {
    if (c <= 0xff) {
      out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
    } else {
      out.append("\\u");
      for (int shift = 12; shift >= 0; shift -= 4) {
        out.append(HEX[(c >> shift) & 0xf]);
      }
    }
  }

  private static void trimEnd(StringBuilder out) {
    int n = out.length();
    while (n > 0 && (out.charAt(n - 1) == ' ' || out.charAt(n - 1) == '\t')) {
      n--;
    }
    out.setLength(n);
  }
}
