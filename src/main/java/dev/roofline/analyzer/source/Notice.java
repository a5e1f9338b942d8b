package dev.roofline.analyzer.source;

import java.util.Objects;

/**
 * Something the user should know about a run that succeeded, e.g. that a cached or bundled copy of
 * the config was used; its wording on the terminal is the command's.
 */
public record Notice(Severity severity, String text) {

  /** How much the notice matters. */
  public enum Severity {
    /** Information: the run did what was asked, in a way worth knowing. */
    NOTE,
    /** Something went wrong on the way, and the run went on without it. */
    WARNING
  }

  public Notice {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(text, "text");
  }

  static Notice note(String text) {
    return new Notice(Severity.NOTE, text);
  }

  static Notice warning(String text) {
    return new Notice(Severity.WARNING, text);
  }
}
