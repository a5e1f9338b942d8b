package dev.roofline.analyzer.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code modules_to_not_convert} as transformers applies it ({@code should_convert_module}): an
 * entry keeps a module unconverted when it matches the start of the module's full name as a
 * regular expression ({@code re.match}; so a prefix such as {@code model.layers.0}) or when the
 * name ends with it ({@code down_proj}). Entries with no metacharacter but {@code .} are matched
 * without compiling a pattern, {@code .} matching any character as in a regex.
 */
final class NotConvertList {
  private static final String METACHARACTERS = "\\^$*+?()[]{}|";

  private final List<String> literals;
  private final List<ModulePattern> patterns;
  private final List<String> patternKeys;

  private NotConvertList(List<String> literals, List<ModulePattern> patterns, List<String> patternKeys) {
    this.literals = literals;
    this.patterns = patterns;
    this.patternKeys = patternKeys;
  }

  static NotConvertList read(QuantFields f, String key, ModulePattern.Budget budget) {
    List<String> entries = f.strings(key);
    List<String> literals = new ArrayList<>();
    List<ModulePattern> patterns = new ArrayList<>();
    List<String> patternKeys = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      if (isLiteral(e)) {
        literals.add(e);
      } else {
        patterns.add(ModulePattern.compile(f, key + "[" + i + "]", e, e, budget));
        patternKeys.add(e);
      }
    }
    return new NotConvertList(List.copyOf(literals), List.copyOf(patterns), List.copyOf(patternKeys));
  }

  private static boolean isLiteral(String entry) {
    for (int i = 0; i < entry.length(); i++) {
      if (METACHARACTERS.indexOf(entry.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the list has any entry. */
  boolean isEmpty() {
    return literals.isEmpty() && patterns.isEmpty();
  }

  /** Whether {@code module} stays unconverted. */
  boolean excludes(String module) {
    for (String key : literals) {
      if (startsWithDotWildcard(module, key) || module.endsWith(key)) {
        return true;
      }
    }
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matchesStart(module) || module.endsWith(patternKeys.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code re.match(key, name)} for a key whose only metacharacter is {@code .}. */
  private static boolean startsWithDotWildcard(String name, String key) {
    if (name.length() < key.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '.' && c != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
