package dev.roofline.analyzer.config;

/**
 * The size of a regular expression before it is compiled: about the instructions RE2 compiles it
 * to, found in one pass over its text. A counted repetition ({@code x{n}}, {@code x{n,m}}, {@code
 * x{n,}}) is compiled as copies of what it repeats, so repetitions nested in each other multiply:
 * a pattern of a few characters may stand for millions of instructions, which are refused before
 * anything is compiled.
 */
final class PatternSize {
  /** Beyond any limit: sizes are not counted further, so nothing overflows. */
  private static final long CAP = 1L << 31;

  private PatternSize() {}

  /**
   * The size of {@code regex}: one per character matched, one per repetition operator ({@code *},
   * {@code +}, {@code ?}) or alternative ({@code |}), three per capturing group; a counted
   * repetition {@code {n,m}} makes {@code m} copies of what it applies to and adds {@code m − n}
   * ({@code {n}}: {@code n} copies; {@code {n,}}: {@code n + 1}). Text that is not a valid
   * expression is sized all the same; compiling it fails.
   */
  static long estimate(String regex) {
    int n = regex.length();
    // The size so far and the size of the last item of each open group, and whether the group
    // captures; [0] is the whole pattern.
    long[] sum = new long[n + 2];
    long[] last = new long[n + 2];
    boolean[] capturing = new boolean[n + 2];
    int depth = 0;
    int i = 0;
    while (i < n) {
      char c = regex.charAt(i);
      int next = i + 1;
      long item = 1;
      switch (c) {
        case '\\' -> {
          if (next < n && regex.charAt(next) == 'Q') {
            // \Q…\E: each character a literal.
            int end = regex.indexOf("\\E", next + 1);
            int stop = end < 0 ? n : end;
            item = Math.max(1, stop - (next + 1));
            next = end < 0 ? n : end + 2;
          } else {
            next = skipEscape(regex, next);
          }
        }
        case '[' -> next = skipClass(regex, next);
        case '(' -> {
          int body = groupBody(regex, next);
          if (body < 0) {
            // Flags only, as (?i): nothing to match.
            i = -body;
            continue;
          }
          depth++;
          sum[depth] = 0;
          last[depth] = 0;
          capturing[depth] = next >= n || regex.charAt(next) != '?' || regex.charAt(body - 1) == '>';
          i = body;
          continue;
        }
        case ')' -> {
          if (depth > 0) {
            item = capturing[depth] ? sum[depth] + 3 : Math.max(sum[depth], 1);
            depth--;
          }
        }
        case '|' -> {
          sum[depth] = cap(sum[depth] + 1);
          last[depth] = 0;
          i = next;
          continue;
        }
        case '*', '+', '?' -> {
          // A ? after a repetition makes it lazy, which costs nothing more.
          boolean lazy = c == '?' && i > 0 && "*+?}".indexOf(regex.charAt(i - 1)) >= 0;
          sum[depth] = cap(sum[depth] + (lazy ? 0 : 1));
          i = next;
          continue;
        }
        case '{' -> {
          int end = repeatEnd(regex, next);
          if (end >= 0) {
            long operand = last[depth];
            long repeated = cap(repeated(regex, next, operand));
            sum[depth] = cap(sum[depth] - operand + repeated);
            last[depth] = repeated;
            i = end;
            continue;
          }
        }
        default -> {
          // A literal character.
        }
      }
      sum[depth] = cap(sum[depth] + item);
      last[depth] = item;
      i = next;
    }
    // Groups left open (an invalid pattern) count as closed.
    while (depth > 0) {
      long inner = sum[depth] + 3;
      depth--;
      sum[depth] = cap(sum[depth] + inner);
    }
    return cap(sum[0] + 2);
  }

  /**
   * Where {@code regex} has a repetition with no lower bound, {@code {,m}} or {@code {,}}: Python
   * reads it as {@code {0,m}}, RE2 as the characters themselves; −1 when it has none.
   */
  static int openRepeat(String regex) {
    int n = regex.length();
    int i = 0;
    while (i < n) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i = skipEscape(regex, i + 1);
      } else if (c == '[') {
        i = skipClass(regex, i + 1);
      } else if (c == '{' && regex.startsWith(",", i + 1)) {
        int digits = skipDigits(regex, i + 2);
        if (digits < n && regex.charAt(digits) == '}') {
          return i;
        }
        i++;
      } else {
        i++;
      }
    }
    return -1;
  }

  /**
   * Where the body of the group whose {@code (} is just before {@code i} starts: after {@code
   * (?:}, {@code (?i:}, {@code (?P<name>}; or, for flags alone ({@code (?i)}), minus the index
   * after them.
   */
  private static int groupBody(String regex, int i) {
    int n = regex.length();
    if (i >= n || regex.charAt(i) != '?') {
      return i;
    }
    if (regex.startsWith("?P<", i) || (regex.startsWith("?<", i) && !regex.startsWith("?<=", i) && !regex.startsWith("?<!", i))) {
      int close = regex.indexOf('>', i);
      return close < 0 ? n : close + 1;
    }
    for (int j = i + 1; j < n; j++) {
      char c = regex.charAt(j);
      if (c == ':') {
        return j + 1;
      }
      if (c == ')') {
        return -(j + 1);
      }
      if (!Character.isLetter(c) && c != '-') {
        return j;
      }
    }
    return n;
  }

  private static long cap(long v) {
    return Math.min(v, CAP);
  }

  /** The index after an escape whose backslash is just before {@code i}. */
  private static int skipEscape(String regex, int i) {
    int n = regex.length();
    if (i >= n) {
      return n;
    }
    char c = regex.charAt(i);
    if ((c == 'p' || c == 'P' || c == 'x') && i + 1 < n && regex.charAt(i + 1) == '{') {
      int close = regex.indexOf('}', i + 2);
      return close < 0 ? n : close + 1;
    }
    return i + 1;
  }

  /** The index after a character class whose {@code [} is just before {@code i}. */
  private static int skipClass(String regex, int i) {
    int n = regex.length();
    if (i < n && regex.charAt(i) == '^') {
      i++;
    }
    // A ] first is a member, not the end.
    if (i < n && regex.charAt(i) == ']') {
      i++;
    }
    while (i < n) {
      char c = regex.charAt(i);
      if (c == ']') {
        return i + 1;
      }
      if (c == '\\') {
        i = skipEscape(regex, i + 1);
      } else if (c == '[' && i + 1 < n && regex.charAt(i + 1) == ':') {
        int close = regex.indexOf(":]", i + 2);
        i = close < 0 ? i + 1 : close + 2;
      } else {
        i++;
      }
    }
    return n;
  }

  /**
   * The index after the counted repetition whose {@code {} is just before {@code i}, or −1 when
   * the brace starts none (it is then a literal): {@code {n}}, {@code {n,}} or {@code {n,m}}.
   */
  private static int repeatEnd(String regex, int i) {
    int n = regex.length();
    int digits = skipDigits(regex, i);
    if (digits == i || digits >= n) {
      return -1;
    }
    if (regex.charAt(digits) == '}') {
      return digits + 1;
    }
    if (regex.charAt(digits) != ',') {
      return -1;
    }
    int more = skipDigits(regex, digits + 1);
    return more < n && regex.charAt(more) == '}' ? more + 1 : -1;
  }

  /**
   * The size of {@code operand} repeated by the counted repetition whose {@code {} is just before
   * {@code i}: {@code m} copies and {@code m − n} optional marks for {@code {n,m}}, {@code n}
   * copies for {@code {n}}, {@code n + 1} copies and a mark for {@code {n,}}; at least one.
   */
  private static long repeated(String regex, int i, long operand) {
    int digits = skipDigits(regex, i);
    long min = number(regex, i, digits);
    if (regex.charAt(digits) == '}') {
      return Math.max(operand * min, 1);
    }
    int more = skipDigits(regex, digits + 1);
    if (more == digits + 1) {
      return operand * (min + 1) + 1;
    }
    long max = Math.max(min, number(regex, digits + 1, more));
    return Math.max(operand * max + (max - min), 1);
  }

  private static int skipDigits(String regex, int i) {
    while (i < regex.length() && regex.charAt(i) >= '0' && regex.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** The decimal number {@code regex[from, to)}, at most {@link #CAP}. */
  private static long number(String regex, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = cap(v * 10 + (regex.charAt(i) - '0'));
    }
    return v;
  }
}
