package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Bound;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
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

  static JFreeChart of(Analysis analysis) {
    ChartData data = ChartData.of(analysis);

    DecadeAxis x = ChartFrame.axis(ChartText.X_AXIS, new DecadeFormat(""), data.xMin(), data.xMax(), false);
    DecadeAxis y = ChartFrame.axis(ChartText.Y_AXIS, new DecadeFormat("FLOP/s"), data.yMin(), data.yMax(), false);

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

    XYPlot plot = ChartFrame.plot(roofs, x, y, lines);
    plot.addAnnotation(
        new MarkerLayer(
            data,
            ChartText.ridge("ridge ", data.roof().ridge()),
            ChartText.ridge("attainable ridge ", data.attainable().ridge())));

    JFreeChart chart = ChartFrame.chart(ChartText.title(analysis), plot, ChartText.subtitle(analysis), ChartText.NOTE);
    // The legend in two rows above the note: the roofs, then the kinds of marker. Titles at an
    // edge stack inwards in the order added.
    chart.addSubtitle(ChartFrame.legend(() -> markerItems(data), 2));
    chart.addSubtitle(ChartFrame.legend(() -> roofItems(analysis, data), 8));
    return chart;
  }

  /** {@code min(peak, bandwidth × x)} across the axis, in decades: its two ends and the ridge. */
  private static XYSeries roof(String key, ChartData.Roof roof, ChartData data) {
    XYSeries s = new XYSeries(key);
    s.add(data.xMin(), roof.y(data.xMin()));
    s.add(roof.ridgeX(), roof.peakY());
    s.add(data.xMax(), roof.y(data.xMax()));
    return s;
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
