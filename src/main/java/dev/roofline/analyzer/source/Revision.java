package dev.roofline.analyzer.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A branch, tag or commit of a Hub repository, checked before it is used in a path or URL. */
public record Revision(String value) {

  public static final Revision MAIN = new Revision("main");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  public Revision {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("invalid --revision '" + value + "': " + problem);
    }
  }

  static String problem(String value) {
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
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "it contains a control character";
    }
    return null;
  }

  /** True when this is a full commit hash, which needs no ref to be looked up. */
  public boolean isCommit() {
    return isCommitHash(value);
  }

  static boolean isCommitHash(String s) {
    return s != null && COMMIT.matcher(s).matches();
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
