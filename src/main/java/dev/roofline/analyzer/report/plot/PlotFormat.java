package dev.roofline.analyzer.report.plot;

import java.util.Locale;

/** The file formats a roofline chart is written in, chosen by the file's extension. */
public enum PlotFormat {
  /** Scalable vector graphics: text stays text, the default for documents. */
  SVG("svg"),
  /** A 1600 × 1000 pixel PNG image. */
  PNG("png");

  private final String extension;

  PlotFormat(String extension) {
    this.extension = extension;
  }

  /** The extension, lower-case, without its dot. */
  public String extension() {
    return extension;
  }

  /** The format of a file named {@code fileName} by its extension in any case, or null. */
  public static PlotFormat ofFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (PlotFormat f : values()) {
      if (f.extension.equals(extension)) {
        return f;
      }
    }
    return null;
  }
}
