package dev.roofline.analyzer.source;

/**
 * A HuggingFace model repository id, {@code name} or {@code namespace/name}, checked so that it
 * can be used in a URL and as a cache folder name without escaping either.
 */
public record RepoId(String namespace, String name) {

  private static final int MAX_NAME = 96;

  public RepoId {
    String problem = problem(namespace == null ? name : namespace + "/" + name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * The id {@code text} denotes (the constructor checks it).
   *
   * @throws IllegalArgumentException saying why it is not one
   */
  public static RepoId parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    return slash < 0 ? new RepoId(null, text) : new RepoId(text.substring(0, slash), text.substring(slash + 1));
  }

  /** Why {@code text} is not a valid repo id, or null when it is one. */
  static String problem(String text) {
    if (text == null || text.isEmpty()) {
      return "it is empty";
    }
    if (text.contains("..")) {
      return "it contains '..'";
    }
    if (text.contains("--")) {
      return "it contains '--'";
    }
    if (text.endsWith(".git")) {
      return "it ends with '.git'";
    }
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      return "it has more than one '/'";
    }
    for (String part : parts) {
      if (!validPart(part)) {
        return "'" + part + "' is not a valid name (letters, digits, '-', '_' and '.'; starting with a letter or digit)";
      }
    }
    if (parts[parts.length - 1].length() > MAX_NAME) {
      return "the name is longer than " + MAX_NAME + " characters";
    }
    return null;
  }

  /**
   * A letter, digit or {@code _} alone; or a letter or digit, then letters, digits, {@code _},
   * {@code .} and {@code -}, ending with a letter, digit or {@code _}.
   */
  private static boolean validPart(String part) {
    int n = part.length();
    if (n == 0) {
      return false;
    }
    if (n == 1) {
      return alnum(part.charAt(0)) || part.charAt(0) == '_';
    }
    if (!alnum(part.charAt(0))) {
      return false;
    }
    char last = part.charAt(n - 1);
    if (!alnum(last) && last != '_') {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = part.charAt(i);
      if (!alnum(c) && c != '_' && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** The repository's folder in the HuggingFace cache: {@code models--org--name}. */
  public String cacheFolder() {
    return "models--" + (namespace == null ? name : namespace + "--" + name);
  }
}
