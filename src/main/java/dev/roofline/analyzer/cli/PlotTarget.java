package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.report.plot.PlotFormat;
import java.nio.file.Path;
import java.util.Objects;

/** The file to draw the roofline chart to, and its format (from the file's extension). */
record PlotTarget(Path file, PlotFormat format) {
  PlotTarget {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
  }
}
