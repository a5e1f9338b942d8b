package dev.roofline.analyzer.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A regular expression of a {@code quantization_config} list, matched against the start of a
 * module's full name as Python's {@code re.match} does. Patterns come from the config, so they are
 * matched by RE2/J, in time linear in the name, and kept small: at most {@link #MAX_LENGTH}
 * characters and {@link #MAX_INSTRUCTIONS} instructions each, and {@link #MAX_TOTAL} characters
 * and instructions for all of a config's together ({@link Budget}). RE2 has no backreferences and
 * no lookaround; a pattern that uses them is refused, naming what it uses. Only this class uses
 * RE2/J, so a config without patterns never loads it.
 */
final class ModulePattern {
  /** The longest pattern: real ones are tens of characters. */
  static final int MAX_LENGTH = 1000;

  /**
   * The most instructions a pattern compiles to: about one per character and per operator; a
   * counted repetition ({@code x{8}}) repeats what it applies to.
   */
  static final int MAX_INSTRUCTIONS = 2000;

  /** The most characters and instructions of all the patterns of one config. */
  static final int MAX_TOTAL = 20_000;

  private static final String LINEAR_TIME =
      ", which patterns matched in linear time cannot express";

  private final Pattern pattern;

  private ModulePattern(Pattern pattern) {
    this.pattern = pattern;
  }

  /** What the patterns of one config have spent of {@link #MAX_TOTAL}. */
  static final class Budget {
    private long spent;

    void spend(QuantFields f, String key, String quoted, long size) {
      spent += size;
      if (spent > MAX_TOTAL) {
        throw f.error(
            key,
            quoted
                + "is one pattern too many: the patterns of a quantization_config may have at most "
                + MAX_TOTAL
                + " characters and instructions in all");
      }
    }
  }

  /**
   * {@code regex}, the pattern of list entry {@code entry} at {@code key} (for messages, as the
   * config writes it: {@code re:…} in compressed-tensors lists).
   *
   * @throws ConfigException naming the key and the entry when the pattern is not valid, uses a
   *     construct RE2 does not have, or is too large
   */
  static ModulePattern compile(QuantFields f, String key, String entry, String regex, Budget budget) {
    String quoted = JsonFields.describe(entry) + " ";
    if (regex.length() > MAX_LENGTH) {
      throw f.error(
          key, quoted + "is a pattern of " + regex.length() + " characters; at most " + MAX_LENGTH + " are matched");
    }
    int open = PatternSize.openRepeat(regex);
    if (open >= 0) {
      String repeat = regex.substring(open, regex.indexOf('}', open) + 1);
      throw f.error(
          key,
          quoted
              + "uses "
              + repeat
              + ", which Python reads as {0"
              + repeat.substring(1)
              + " and RE2 as text: write {0"
              + repeat.substring(1));
    }
    long size = PatternSize.estimate(regex);
    if (size > MAX_INSTRUCTIONS) {
      throw tooLarge(f, key, quoted);
    }
    budget.spend(f, key, quoted, regex.length() + size);
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw f.error(key, quoted + refusal(e, regex));
    }
    if (p.programSize() > MAX_INSTRUCTIONS) {
      throw tooLarge(f, key, quoted);
    }
    return new ModulePattern(p);
  }

  private static ConfigException tooLarge(QuantFields f, String key, String quoted) {
    return f.error(
        key,
        quoted
            + "is too large a pattern: it compiles to more than "
            + MAX_INSTRUCTIONS
            + " instructions (a counted repetition such as {100} repeats what it applies to)");
  }

  /** Why RE2 refused a pattern: a construct it does not have, named, or the syntax error. */
  private static String refusal(PatternSyntaxException e, String regex) {
    String part = e.getPattern();
    boolean numbered = part.length() == 2 && part.charAt(0) == '\\' && part.charAt(1) >= '1' && part.charAt(1) <= '9';
    if (numbered || (part.equals("(?P") && regex.contains("(?P="))) {
      return "uses a backreference (" + (numbered ? part : "(?P=") + ")" + LINEAR_TIME;
    }
    if (part.startsWith("(?=") || part.startsWith("(?!")) {
      return "uses lookahead (" + part.substring(0, 3) + ")" + LINEAR_TIME;
    }
    if (part.startsWith("(?<=") || part.startsWith("(?<!")) {
      return "uses lookbehind (" + part.substring(0, 4) + ")" + LINEAR_TIME;
    }
    if (part.equals("\\Z")) {
      return "uses \\Z, which RE2 does not have: $ matches at the end of a module name";
    }
    // The part RE2 names, unless it is the whole pattern (shown already).
    String where = part.isEmpty() || part.equals(regex) ? "" : ": " + JsonFields.excerpt(part);
    return "is not a valid regular expression: " + e.getDescription() + where;
  }

  /** Whether the pattern matches at the start of {@code module} ({@code re.match}). */
  boolean matchesStart(String module) {
    return pattern.matcher(module).lookingAt();
  }

  /** The instructions of the compiled pattern: what matching one name costs, per character. */
  int instructions() {
    return pattern.programSize();
  }
}
