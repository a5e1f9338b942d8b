package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Bound;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The roofline chart of an analysis as a JFreeChart: log–log axes (over decades: see {@link
 * DecadeAxis}) with a tick and a light grid line per decade, the roof (and, when efficiencies lower it, the attainable roof, dashed) as line
 * series, the points as a {@link MarkerLayer}, the title and workload above, the legend and a
 * note below. White throughout; one font family.
 */
final class RooflineChart {
  private RooflineChart() {}

  private static final Stroke ROOF_STROKE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Stroke ATTAINABLE_STROKE =
      new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
  private static final Stroke GRID_STROKE = new BasicStroke(0.8f);

  static JFreeChart of(Analysis analysis) {
    ChartData data = ChartData.of(analysis);

    // Rotated text (the y axis's label) drawn as text, which SVG keeps as text, rather than as the
    // glyph outlines of JFreeChart's workaround for an old JDK bug. A library-wide setting: this
    // process draws no other chart.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
    DecadeAxis x = axis(ChartText.X_AXIS, new DecadeFormat(""), data.xMin(), data.xMax());
    DecadeAxis y = axis(ChartText.Y_AXIS, new DecadeFormat("FLOP/s"), data.yMin(), data.yMax());

    XYSeriesCollection roofs = new XYSeriesCollection();
    roofs.addSeries(roof("roof", data.roof(), data));
    if (data.derated()) {
      roofs.addSeries(roof("attainable", data.attainable(), data));
    }
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setSeriesPaint(0, Style.ROOF);
    lines.setSeriesStroke(0, ROOF_STROKE);
    lines.setSeriesPaint(1, Style.ATTAINABLE);
    lines.setSeriesStroke(1, ATTAINABLE_STROKE);

    XYPlot plot = new XYPlot(roofs, x, y, lines);
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
    plot.addAnnotation(
        new MarkerLayer(
            data,
            ChartText.ridge("ridge ", data.roof().ridge()),
            ChartText.ridge("attainable ridge ", data.attainable().ridge())));

    JFreeChart chart = new JFreeChart(ChartText.title(analysis), Style.TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(14, 14, 10, 14));
    RenderingHints hints = new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    hints.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    hints.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    chart.setRenderingHints(hints);
    chart.getTitle().setPaint(Style.INK);

    TextTitle workload = new TextTitle(ChartText.subtitle(analysis), Style.SUBTITLE);
    workload.setPaint(Style.MUTED);
    workload.setPadding(new RectangleInsets(4, 0, 8, 0));
    chart.addSubtitle(workload);
    TextTitle note = new TextTitle(ChartText.NOTE, Style.NOTE);
    note.setPaint(Style.MUTED);
    note.setPosition(RectangleEdge.BOTTOM);
    note.setHorizontalAlignment(HorizontalAlignment.CENTER);
    note.setPadding(new RectangleInsets(2, 0, 0, 0));
    chart.addSubtitle(note);
    // The legend in two rows above the note: the roofs, then the kinds of marker. Titles at an
    // edge stack inwards in the order added.
    chart.addSubtitle(legend(() -> markerItems(data), 2));
    chart.addSubtitle(legend(() -> roofItems(analysis, data), 8));
    return chart;
  }

  private static DecadeAxis axis(String label, DecadeFormat format, double lower, double upper) {
    DecadeAxis axis = new DecadeAxis(label, format, lower, upper);
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

  /** {@code min(peak, bandwidth × x)} across the axis, in decades: its two ends and the ridge. */
  private static XYSeries roof(String key, ChartData.Roof roof, ChartData data) {
    XYSeries s = new XYSeries(key);
    s.add(data.xMin(), roof.y(data.xMin()));
    s.add(roof.ridgeX(), roof.peakY());
    s.add(data.xMax(), roof.y(data.xMax()));
    return s;
  }

  private static LegendTitle legend(LegendItemSource source, double top) {
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

  private static LegendItemCollection roofItems(Analysis analysis, ChartData data) {
    LegendItemCollection items = new LegendItemCollection();
    Shape line = new Line2D.Double(-12, 0, 12, 0);
    items.add(lineItem(ChartText.roof(analysis.roofline()), line, ROOF_STROKE, Style.ROOF));
    if (data.derated()) {
      items.add(lineItem(ChartText.attainableRoof(analysis.roofline()), line, ATTAINABLE_STROKE, Style.ATTAINABLE));
    }
    return items;
  }

  private static LegendItemCollection markerItems(ChartData data) {
    LegendItemCollection items = new LegendItemCollection();
    Shape disc = new Ellipse2D.Double(-6, -6, 12, 12);
    items.add(discItem("Memory-bound operator", disc, MarkerLayer.fill(Bound.MEMORY), MarkerLayer.stroke(Bound.MEMORY)));
    items.add(discItem("Compute-bound operator", disc, MarkerLayer.fill(Bound.COMPUTE), MarkerLayer.stroke(Bound.COMPUTE)));
    items.add(discItem("Model total", disc, Color.WHITE, Style.INK));
    if (!data.decode().isEmpty()) {
      items.add(discItem("Last decode step (hollow)", disc, Color.WHITE, MarkerLayer.stroke(Bound.MEMORY)));
    }
    return items;
  }

  private static LegendItem lineItem(String label, Shape line, Stroke stroke, Color paint) {
    LegendItem item = new LegendItem(label, null, null, null, line, stroke, paint);
    item.setLabelPaint(Style.INK);
    return item;
  }

  private static LegendItem discItem(String label, Shape shape, Color fill, Color outline) {
    LegendItem item = new LegendItem(label, null, null, null, shape, fill, new BasicStroke(1.5f), outline);
    item.setLabelPaint(Style.INK);
    return item;
  }
}
