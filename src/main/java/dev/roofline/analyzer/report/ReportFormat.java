package dev.roofline.analyzer.report;

import java.util.ArrayList;
import java.util.List;

/** The outputs {@code --format} chooses from, by name; the first is the default. */
public enum ReportFormat {
  /** The original's Markdown table and storage line. */
  TABLE("table", new TableReport()),
  /** Every figure, exact, as one JSON object. */
  JSON("json", new JsonReport()),
  /** The operator table as comma-separated values. */
  CSV("csv", new CsvReport());

  private final String id;
  private final Renderer renderer;

  ReportFormat(String id, Renderer renderer) {
    this.id = id;
    this.renderer = renderer;
  }

  /** The name users type. */
  public String id() {
    return id;
  }

  public Renderer renderer() {
    return renderer;
  }

  /** The format named {@code id} (exact, lower-case), or null. */
  public static ReportFormat named(String id) {
    for (ReportFormat f : values()) {
      if (f.id.equals(id)) {
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
