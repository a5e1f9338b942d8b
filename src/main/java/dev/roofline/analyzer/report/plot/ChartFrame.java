package dev.roofline.analyzer.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/**
 * What every chart of the tool shares, in one place: log axes over decades, a white plot with a
 * light grid per decade and a lighter one within, the title, a subtitle and a note below, legends
 * without a frame. White throughout; one font family ({@link Style}).
 */
final class ChartFrame {
  private ChartFrame() {}

  private static final Stroke GRID_STROKE = new BasicStroke(0.8f);

  /** A decade axis, labelling 2 and 5 times each decade too when it is short and {@code labelsShort}. */
  static DecadeAxis axis(String label, DecadeFormat format, double lower, double upper, boolean labelsShort) {
    // Rotated text (the y axis's label) drawn as text, which SVG keeps as text, rather than as the
    // glyph outlines of JFreeChart's workaround for an old JDK bug. A library-wide setting: this
    // process draws no other chart.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
    DecadeAxis axis = new DecadeAxis(label, format, lower, upper, labelsShort);
    axis.setLabelFont(Style.AXIS_LABEL);
    axis.setLabelPaint(Style.INK);
    axis.setTickLabelFont(Style.TICK_LABEL);
    axis.setTickLabelPaint(Style.MUTED);
    axis.setAxisLinePaint(Style.AXIS);
    axis.setTickMarkPaint(Style.AXIS);
    // The minor grid lines mark 2 to 9 times each decade; ticks there too would only add weight.
    axis.setMinorTickMarksVisible(false);
    axis.setTickMarkOutsideLength(4f);
    axis.setLabelInsets(new RectangleInsets(6, 6, 6, 6));
    return axis;
  }

  /** A white plot of {@code data} on {@code x} and {@code y}, framed, with a grid line per tick. */
  static XYPlot plot(XYDataset data, ValueAxis x, ValueAxis y, XYItemRenderer renderer) {
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Style.AXIS);
    plot.setOutlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setInsets(new RectangleInsets(8, 4, 4, 20));
    plot.setDomainGridlinePaint(Style.GRID);
    plot.setRangeGridlinePaint(Style.GRID);
    plot.setDomainGridlineStroke(GRID_STROKE);
    plot.setRangeGridlineStroke(GRID_STROKE);
    plot.setDomainMinorGridlinesVisible(true);
    plot.setRangeMinorGridlinesVisible(true);
    plot.setDomainMinorGridlinePaint(Style.MINOR_GRID);
    plot.setRangeMinorGridlinePaint(Style.MINOR_GRID);
    plot.setDomainMinorGridlineStroke(GRID_STROKE);
    plot.setRangeMinorGridlineStroke(GRID_STROKE);
    return plot;
  }

  /** The chart of {@code plot} under {@code title}, {@code subtitle} below it, {@code note} at the bottom. */
  static JFreeChart chart(String title, XYPlot plot, String subtitle, String note) {
    JFreeChart chart = new JFreeChart(title, Style.TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(14, 14, 10, 14));
    RenderingHints hints = new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    hints.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    hints.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    chart.setRenderingHints(hints);
    chart.getTitle().setPaint(Style.INK);

    TextTitle below = new TextTitle(subtitle, Style.SUBTITLE);
    below.setPaint(Style.MUTED);
    below.setPadding(new RectangleInsets(4, 0, 8, 0));
    chart.addSubtitle(below);
    TextTitle bottom = new TextTitle(note, Style.NOTE);
    bottom.setPaint(Style.MUTED);
    bottom.setPosition(RectangleEdge.BOTTOM);
    bottom.setHorizontalAlignment(HorizontalAlignment.CENTER);
    bottom.setPadding(new RectangleInsets(2, 0, 0, 0));
    chart.addSubtitle(bottom);
    return chart;
  }

  /** A legend at the bottom, {@code top} units below what is above it. */
  static LegendTitle legend(LegendItemSource source, double top) {
    LegendTitle legend = new LegendTitle(source);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemFont(Style.LEGEND);
    legend.setItemPaint(Style.INK);
    legend.setBackgroundPaint(Color.WHITE);
    legend.setFrame(BlockBorder.NONE);
    legend.setPadding(new RectangleInsets(top, 0, 0, 0));
    legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 16));
    return legend;
  }
}
