package dev.roofline.analyzer.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compressed-tensors {@code targets} or {@code ignore} list: full module names, {@code re:}
 * regular expressions matched from the start of the name (Python's {@code re.match}), and the class
 * name {@code Linear}, which every linear module is. Patterns are compiled only here, when such a
 * list is read.
 */
final class TargetList {
  /** How a module matched, most specific first, as compressed-tensors orders them; or none. */
  static final int EXACT = 0;
  static final int REGEX = 1;
  static final int CLASS = 2;
  static final int NONE = -1;

  private final List<String> names;
  private final List<Pattern> patterns;
  private final boolean linearClass;

  private TargetList(List<String> names, List<Pattern> patterns, boolean linearClass) {
    this.names = names;
    this.patterns = patterns;
    this.linearClass = linearClass;
  }

  /** The list under {@code key}; empty when absent. */
  static TargetList read(QuantFields f, String key) {
    List<String> entries = f.strings(key);
    List<String> names = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    boolean linear = false;
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      if (e.startsWith("re:")) {
        patterns.add(compile(f, key + "[" + i + "]", e.substring(3)));
      } else if (e.equals("Linear")) {
        linear = true;
      } else {
        names.add(e);
      }
    }
    return new TargetList(List.copyOf(names), List.copyOf(patterns), linear);
  }

  static Pattern compile(QuantFields f, String key, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw f.error(key, "is not a valid regular expression: " + e.getDescription());
    }
  }

  /** Whether the list names modules (names or patterns), beyond the class {@code Linear}. */
  boolean namesModules() {
    return !names.isEmpty() || !patterns.isEmpty();
  }

  boolean isEmpty() {
    return names.isEmpty() && patterns.isEmpty() && !linearClass;
  }

  /** {@link #EXACT}, {@link #REGEX}, {@link #CLASS} or {@link #NONE}. */
  int match(String module, boolean linear) {
    if (names.contains(module)) {
      return EXACT;
    }
    for (Pattern p : patterns) {
      if (p.matcher(module).lookingAt()) {
        return REGEX;
      }
    }
    return linear && linearClass ? CLASS : NONE;
  }
}
