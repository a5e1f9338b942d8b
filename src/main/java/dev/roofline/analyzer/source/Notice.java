package dev.roofline.analyzer.source;

import dev.roofline.analyzer.SafeText;
import java.util.Objects;

/**
 * Something the user should know about a run that succeeded, e.g. that a cached or bundled copy of
 * the config was used; its wording on the terminal is the command's. The text quotes outside text
 * (a server's message, a path), so it is kept to one printable line.
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
    text = SafeText.line(Objects.requireNonNull(text, "text"));
  }

  static Notice note(String text) {
    return new Notice(Severity.NOTE, text);
  }

  static Notice warning(String text) {
    return new Notice(Severity.WARNING, text);
  }
}
