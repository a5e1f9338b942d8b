package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Analysis;

/**
 * The roofline chart of an analysis as the bytes of an SVG or PNG file. The only entry to this
 * package, and the only code that loads the charting library: runs without a chart never reach
 * it. It names no AWT type, so that it can make AWT headless before AWT starts.
 */
public final class RooflinePlot {
  private RooflinePlot() {}

  /**
   * The chart of {@code analysis}, which must have a roofline (a device), in {@code format}.
   *
   * @throws IllegalArgumentException when the analysis has no roofline
   */
  public static byte[] render(Analysis analysis, PlotFormat format) {
    if (analysis.roofline() == null) {
      throw new IllegalArgumentException("a roofline chart needs a device");
    }
    // No display is needed, or wanted: set before the first AWT class initialises.
    System.setProperty("java.awt.headless", "true");
    return ChartFile.write(RooflineChart.of(analysis), format);
  }
}
