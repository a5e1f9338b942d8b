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

  /** Why {@code value} is not a usable revision, or null when it is one. */
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
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "it contains a control character";
      }
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

  /** Percent-encoded as one path segment: {@code refs/pr/1} → {@code refs%2Fpr%2F1}. */
  public String urlSegment() {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return value;
  }
}
