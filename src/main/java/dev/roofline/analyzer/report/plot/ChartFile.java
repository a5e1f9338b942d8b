package dev.roofline.analyzer.report.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;

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
   * An SVG document: coordinates to two decimals, fixed ids (the same chart gives the same bytes),
   * and no DOCTYPE, so that readers fetch no DTD.
   */
  private static byte[] svg(JFreeChart chart) {
    SVGGraphics2D g2 = new SVGGraphics2D(Style.WIDTH, Style.HEIGHT);
    g2.setDefsKeyPrefix("roofline-");
    g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
    g2.setTransformDoubleConverter(SVGUtils.createDoubleConverter(4));
    chart.draw(g2, canvas());
    String svg =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + g2.getSVGElement(null, true, new ViewBox(0, 0, Style.WIDTH, Style.HEIGHT), null, null)
            + "\n";
    return svg.getBytes(StandardCharsets.UTF_8);
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
