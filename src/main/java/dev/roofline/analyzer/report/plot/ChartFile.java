package dev.roofline.analyzer.report.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/** A chart drawn on the logical canvas, as SVG text (UTF-8) or as a PNG image. */
final class ChartFile {
  private ChartFile() {}

  static byte[] write(JFreeChart chart, PlotFormat format) {
    return switch (format) {
      case SVG -> svg(chart);
      case PNG -> png(chart);
    };
  }

  private static Rectangle2D canvas() {
    return new Rectangle2D.Double(0, 0, Style.WIDTH, Style.HEIGHT);
  }

  /**
   * An SVG document: see {@link SvgCanvas}. The canvas is named in no signature or local here, so
   * that verifying this class, which a PNG needs too, loads no class of the SVG writer.
   */
  private static byte[] svg(JFreeChart chart) {
    return SvgCanvas.document(Style.WIDTH, Style.HEIGHT, g2 -> chart.draw(g2, canvas()));
  }

  private static byte[] png(JFreeChart chart) {
    int width = (int) Math.round(Style.WIDTH * Style.PNG_SCALE);
    int height = (int) Math.round(Style.HEIGHT * Style.PNG_SCALE);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g2.scale(Style.PNG_SCALE, Style.PNG_SCALE);
      chart.draw(g2, canvas());
    } finally {
      g2.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      // Into memory: cannot fail but for a bug.
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
