package dev.roofline.analyzer.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compressed-tensors {@code targets} or {@code ignore} list: full module names, looked up by
 * hash whatever their number; {@code re:} regular expressions matched from the start of the name
 * (Python's {@code re.match}; see {@link ModulePattern}); and the class name {@code Linear}, which
 * every linear module is.
 */
final class TargetList {
  /** How a module matched, most specific first, as compressed-tensors orders them; or none. */
  static final int EXACT = 0;
  static final int REGEX = 1;
  static final int CLASS = 2;
  static final int NONE = -1;

  private final Set<String> names;
  private final List<ModulePattern> patterns;
  private final boolean linearClass;
  /** A part of the name that selects a module wherever it stands (null: none). */
  private final String part;

  private TargetList(Set<String> names, List<ModulePattern> patterns, boolean linearClass, String part) {
    this.names = names;
    this.patterns = patterns;
    this.linearClass = linearClass;
    this.part = part;
  }

  /** The routed experts' modules ({@code …mlp.experts.…}): what MXFP4 quantizes. */
  static TargetList experts() {
    return new TargetList(Set.of(), List.of(), false, ".experts.");
  }

  /** The list under {@code key}; empty when absent. */
  static TargetList read(QuantFields f, String key, ModulePattern.Budget budget) {
    List<String> entries = f.strings(key);
    Set<String> names = new HashSet<>();
    List<ModulePattern> patterns = new ArrayList<>();
    boolean linear = false;
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      if (e.startsWith("re:")) {
        patterns.add(ModulePattern.compile(f, key + "[" + i + "]", e, e.substring(3), budget));
      } else if (e.equals("Linear")) {
        linear = true;
      } else {
        names.add(e);
      }
    }
    return new TargetList(names, List.copyOf(patterns), linear, null);
  }

  /** Whether the list names modules (names or patterns), beyond the class {@code Linear}. */
  boolean namesModules() {
    return !names.isEmpty() || !patterns.isEmpty() || part != null;
  }

  boolean isEmpty() {
    return names.isEmpty() && patterns.isEmpty() && !linearClass && part == null;
  }

  /** What matching one name costs: a look-up among the names, the instructions of the patterns. */
  long cost() {
    long c = (names.isEmpty() ? 0 : 1) + (part == null ? 0 : 1);
    for (ModulePattern p : patterns) {
      c += p.instructions();
    }
    return c;
  }

  /** {@link #EXACT}, {@link #REGEX}, {@link #CLASS} or {@link #NONE}. */
  int match(String module, boolean linear) {
    if (names.contains(module)) {
      return EXACT;
    }
    if (part != null && module.contains(part)) {
      return REGEX;
    }
    for (ModulePattern p : patterns) {
      if (p.matchesStart(module)) {
        return REGEX;
      }
    }
    return linear && linearClass ? CLASS : NONE;
  }
}
