package dev.roofline.analyzer.source;

/**
 * The Hub answered, and the answer is no: a gated, missing or forbidden repository, no {@code
 * config.json}, no such revision. Only a gated answer lets the search go on to the cache and the
 * bundled snapshots.
 */
final class HubAnswerException extends Exception {
  private static final long serialVersionUID = 1L;

  enum Kind {
    GATED,
    REPO_NOT_FOUND,
    ENTRY_NOT_FOUND,
    REVISION_NOT_FOUND,
    FORBIDDEN,
    OTHER
  }

  private final Kind kind;

  HubAnswerException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
