package dev.roofline.analyzer.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A branch, tag or commit of a Hub repository, checked before it is used in a path or URL. */
public record Revision(String value) {

  public static final Revision MAIN = new Revision("main");

  public Revision {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("invalid revision '" + value + "': " + problem);
    }
  }

  /**
   * Why {@code value} is no revision, or null when it is one: a name that git accepts for a branch
   * or tag ({@code git check-ref-format}), which a 40-hex commit also is. So it cannot name the
   * {@code refs} folder itself ({@code .}), leave it ({@code ..}), or be read two ways in a URL.
   */
  public static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "it is empty";
    }
    if (value.contains("..")) {
      return "it contains '..'";
    }
    if (value.contains("\\")) {
      return "it contains '\\'";
    }
    if (value.startsWith("/")) {
      return "it starts with '/'";
    }
    if (value.endsWith("/") || value.contains("//")) {
      return "it has an empty part between '/'";
    }
    if (value.endsWith(".")) {
      return "it ends with '.'";
    }
    if (value.equals("@") || value.contains("@{")) {
      return "it is '@' or contains '@{'";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "it contains a control character";
      }
      if (" ~^:?*[".indexOf(c) >= 0) {
        return "it contains '" + c + "'";
      }
    }
    int start = 0;
    while (start <= value.length()) {
      int end = value.indexOf('/', start);
      String part = value.substring(start, end < 0 ? value.length() : end);
      if (part.startsWith(".") || part.endsWith(".lock")) {
        return "'" + part + "' starts with '.' or ends with '.lock'";
      }
      start = end < 0 ? value.length() + 1 : end + 1;
    }
    return null;
  }

  /** True for {@code main}, the only revision the bundled snapshots are of. */
  public boolean isMain() {
    return value.equals(MAIN.value);
  }

  /** True when this is a full commit hash, which needs no ref to be looked up. */
  public boolean isCommit() {
    return isCommitHash(value);
  }

  static boolean isCommitHash(String s) {
    return isLowerHex(s, 40);
  }

  /** True when {@code s} is {@code length} lower-case hexadecimal digits. */
  static boolean isLowerHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Percent-encoded as one path segment: {@code refs/pr/1} → {@code refs%2Fpr%2F1}. (A revision
   * holds no space, which a form encoder would turn into {@code +}.)
   */
  public String urlSegment() {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return value;
  }
}
