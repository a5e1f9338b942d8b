package dev.roofline.analyzer.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code modules_to_not_convert} as transformers applies it ({@code should_convert_module}): an
 * entry keeps a module unconverted when it matches the start of the module's full name as a
 * regular expression ({@code re.match}; so a prefix such as {@code model.layers.0}) or when the
 * name ends with it ({@code down_proj}).
 *
 * <p>Entries with no metacharacter but {@code .} ({@code .} matching any character, as in a
 * regex) are matched without compiling a pattern, and by hash whatever their number: the ends of
 * a name are looked up among the entries, and its start, with the characters where an entry has a
 * {@code .} made dots, among the entries of each length and dot positions ({@link Shape}). Other
 * entries are patterns ({@link ModulePattern}).
 */
final class NotConvertList {
  private static final String METACHARACTERS = "\\^$*+?()[]{}|";

  /** Every entry: a name that ends with one stays unconverted ({@code str.endswith}). */
  private final Set<String> ends;

  /** The lengths of the entries. */
  private final int[] endLengths;

  /** The entries without metacharacters but {@code .}, by length and dot positions. */
  private final List<Shape> shapes;

  private final List<ModulePattern> patterns;

  /**
   * Literal entries of one length with dots at the same positions: a name starts with one when its
   * first {@code length} characters, made dots at those positions, are one of them.
   */
  private record Shape(int length, int[] dots, Set<String> entries) {
    boolean matchesStart(String name) {
      if (name.length() < length) {
        return false;
      }
      char[] start = new char[length];
      name.getChars(0, length, start, 0);
      for (int d : dots) {
        start[d] = '.';
      }
      return entries.contains(new String(start));
    }
  }

  private NotConvertList(Set<String> ends, List<Shape> shapes, List<ModulePattern> patterns) {
    this.ends = ends;
    this.endLengths = lengths(ends);
    this.shapes = shapes;
    this.patterns = patterns;
  }

  private static int[] lengths(Set<String> entries) {
    Set<Integer> lengths = new HashSet<>();
    for (String e : entries) {
      lengths.add(e.length());
    }
    int[] distinct = new int[lengths.size()];
    int i = 0;
    for (int length : lengths) {
      distinct[i++] = length;
    }
    return distinct;
  }

  static NotConvertList read(QuantFields f, String key, ModulePattern.Budget budget) {
    List<String> entries = f.strings(key);
    Set<String> ends = new HashSet<>(entries);
    Map<String, Shape> shapes = new HashMap<>();
    List<ModulePattern> patterns = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      if (isLiteral(e)) {
        int[] dots = dots(e);
        String kind = e.length() + Arrays.toString(dots);
        Shape shape = shapes.get(kind);
        if (shape == null) {
          shape = new Shape(e.length(), dots, new HashSet<>());
          shapes.put(kind, shape);
        }
        shape.entries().add(e);
      } else {
        patterns.add(ModulePattern.compile(f, key + "[" + i + "]", e, e, budget));
      }
    }
    return new NotConvertList(ends, List.copyOf(shapes.values()), List.copyOf(patterns));
  }

  private static boolean isLiteral(String entry) {
    for (int i = 0; i < entry.length(); i++) {
      if (METACHARACTERS.indexOf(entry.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The positions of the dots of {@code entry}. */
  private static int[] dots(String entry) {
    int count = 0;
    for (int i = 0; i < entry.length(); i++) {
      count += entry.charAt(i) == '.' ? 1 : 0;
    }
    int[] dots = new int[count];
    for (int i = 0, d = 0; i < entry.length(); i++) {
      if (entry.charAt(i) == '.') {
        dots[d++] = i;
      }
    }
    return dots;
  }

  /** Whether the list has any entry. */
  boolean isEmpty() {
    return ends.isEmpty();
  }

  /**
   * What matching one name costs: the instructions of the patterns, and a look-up for each shape
   * and each length of entry.
   */
  long cost() {
    long c = shapes.size() + endLengths.length;
    for (ModulePattern p : patterns) {
      c += p.instructions();
    }
    return c;
  }

  /** Whether {@code module} stays unconverted. */
  boolean excludes(String module) {
    for (int length : endLengths) {
      if (length <= module.length() && ends.contains(module.substring(module.length() - length))) {
        return true;
      }
    }
    for (Shape s : shapes) {
      if (s.matchesStart(module)) {
        return true;
      }
    }
    for (ModulePattern p : patterns) {
      if (p.matchesStart(module)) {
        return true;
      }
    }
    return false;
  }
}
