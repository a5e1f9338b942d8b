package dev.roofline.analyzer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outputs {@code --format} chooses from, by name; the first is the default. */
public enum ReportFormat {
  /** The original's Markdown table and storage line. */
  TABLE("table"),
  /** Every figure, exact, as one JSON object. */
  JSON("json"),
  /** The operator table as comma-separated values. */
  CSV("csv");

  private final String id;
  ReportFormat(String id) {
    this.id = id;
  }

  /** The name users type. */
  public String id() {
    return id;
  }

  /** The format's renderer, made when asked for, so that a run loads only the one it uses. */
  public Renderer renderer() {
    return switch (this) {
      case TABLE -> new TableReport();
      case JSON -> new JsonReport();
      case CSV -> new CsvReport();
    };
  }

  /** The format named {@code id}, in any case ({@code json}, {@code JSON}), or null. */
  public static ReportFormat named(String id) {
    String name = id.toLowerCase(Locale.ROOT);
    for (ReportFormat f : values()) {
      if (f.id.equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The names of every format, in order. */
  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ReportFormat f : values()) {
      ids.add(f.id);
    }
    return ids;
  }
}
