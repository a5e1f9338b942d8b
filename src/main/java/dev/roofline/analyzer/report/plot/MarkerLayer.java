package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Bound;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The chart's points, drawn over the roofs: a disc per operator (area proportional to its share of
 * the step time, colour by bound; the largest first, so that small ones stay visible), the ridge
 * points, the model's total, and the labels, placed by {@link LabelPlacer}.
 *
 * <p>In SVG the points are wrapped in a group {@code roofline-points} whose {@code data-*}
 * attributes give the data area (in SVG units) and the axes' ranges (in data units, as decimals,
 * which may lie beyond a double's range), and each disc has an id
 * ({@code op-<operator id>}, {@code total}, {@code ridge}, {@code attainable-ridge}): a reader can
 * map a disc's centre back to data units.
 */
final class MarkerLayer extends AbstractXYAnnotation {
  private static final long serialVersionUID = 1L;

  /** Diameter of a disc that takes the whole step; discs of tiny shares keep {@link #MIN_DIAMETER}. */
  private static final double FULL_DIAMETER = 84;

  private static final double MIN_DIAMETER = 5;
  private static final double POINT_RADIUS = 4;
  private static final double DIAMOND_RADIUS = 6.5;
  private static final double TOTAL_RADIUS = 7;
  private static final double GAP = 4;

  private final ChartData data;
  private final String ridgeLabel;
  private final String attainableRidgeLabel;

  MarkerLayer(ChartData data, String ridgeLabel, String attainableRidgeLabel) {
    this.data = data;
    this.ridgeLabel = ridgeLabel;
    this.attainableRidgeLabel = attainableRidgeLabel;
  }

  static Color fill(Bound bound) {
    Color c = stroke(bound);
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
  }

  static Color stroke(Bound bound) {
    return bound == Bound.COMPUTE ? Style.COMPUTE : Style.MEMORY;
  }

  /** A disc's diameter: its area is proportional to {@code share}, above a visible minimum. */
  private static double diameter(double share) {
    return Math.max(MIN_DIAMETER, FULL_DIAMETER * Math.sqrt(share));
  }

  /** A label to place, beside a marker. */
  private record Label(String text, LabelPlacer.Circle at) {}

  /** Decades to the plot's Java2D space. */
  private record Projection(Rectangle2D area, ValueAxis x, ValueAxis y, RectangleEdge xEdge, RectangleEdge yEdge) {
    LabelPlacer.Circle circle(double xDecades, double yDecades, double radius) {
      return new LabelPlacer.Circle(x.valueToJava2D(xDecades, area, xEdge), y.valueToJava2D(yDecades, area, yEdge), radius);
    }
  }

  /**
   * A ridge point to mark: where the roof bends, its id, colour and label; the roof's is a filled
   * disc, the attainable roof's a dot in an open diamond, unlike the total's ring.
   */
  private record Ridge(String id, ChartData.Roof roof, Color color, boolean diamond, String label) {}

  @Override
  public void draw(
      Graphics2D g2,
      XYPlot plot,
      Rectangle2D dataArea,
      ValueAxis domainAxis,
      ValueAxis rangeAxis,
      int rendererIndex,
      PlotRenderingInfo info) {
    Projection at = new Projection(dataArea, domainAxis, rangeAxis, plot.getDomainAxisEdge(), plot.getRangeAxisEdge());
    if (g2 instanceof SvgGroups svg) {
      Map<String, String> group = new LinkedHashMap<>();
      group.put("id", "roofline-points");
      group.put("data-area-x", Double.toString(dataArea.getX()));
      group.put("data-area-y", Double.toString(dataArea.getY()));
      group.put("data-area-width", Double.toString(dataArea.getWidth()));
      group.put("data-area-height", Double.toString(dataArea.getHeight()));
      group.put("data-x-min", ChartData.value(domainAxis.getLowerBound()));
      group.put("data-x-max", ChartData.value(domainAxis.getUpperBound()));
      group.put("data-y-min", ChartData.value(rangeAxis.getLowerBound()));
      group.put("data-y-max", ChartData.value(rangeAxis.getUpperBound()));
      svg.group(group, () -> drawPoints(g2, at, dataArea));
    } else {
      drawPoints(g2, at, dataArea);
    }
  }

  private void drawPoints(Graphics2D g2, Projection at, Rectangle2D dataArea) {
    // Every marker is an obstacle to labels; labels are placed ridges first, then the total, then
    // the operators from the largest share down.
    List<LabelPlacer.Circle> obstacles = new ArrayList<>();
    List<Label> labels = new ArrayList<>();

    List<ChartData.Point> bySize = new ArrayList<>(data.operators());
    bySize.sort(Comparator.comparingDouble(ChartData.Point::share).reversed());
    List<Label> operatorLabels = new ArrayList<>();
    g2.setStroke(new BasicStroke(1f));
    for (ChartData.Point p : bySize) {
      LabelPlacer.Circle c = at.circle(p.x(), p.y(), diameter(p.share()) / 2);
      identified(g2, "op-" + p.id(), () -> {
        g2.setPaint(fill(p.bound()));
        g2.fill(ellipse(c));
        g2.setPaint(stroke(p.bound()).darker());
        g2.draw(ellipse(c));
      });
      obstacles.add(c);
      if (p.share() >= ChartData.LABEL_SHARE) {
        operatorLabels.add(new Label(ChartText.operator(p), c));
      }
    }

    List<Ridge> ridges = new ArrayList<>();
    ridges.add(new Ridge("ridge", data.roof(), Style.ROOF, false, ridgeLabel));
    if (data.derated()) {
      ridges.add(new Ridge("attainable-ridge", data.attainable(), Style.ATTAINABLE, true, attainableRidgeLabel));
    }
    g2.setStroke(new BasicStroke(1.5f));
    for (Ridge r : ridges) {
      LabelPlacer.Circle c = at.circle(r.roof().ridgeX(), r.roof().peakY(), r.diamond() ? DIAMOND_RADIUS : POINT_RADIUS);
      identified(g2, r.id(), () -> {
        g2.setPaint(r.color());
        if (r.diamond()) {
          // The dot first: in SVG the id goes to it, a circle at the point.
          g2.fill(ellipse(new LabelPlacer.Circle(c.x(), c.y(), 1.8)));
          g2.draw(diamond(c));
        } else {
          g2.fill(ellipse(c));
          g2.draw(ellipse(c));
        }
      });
      obstacles.add(c);
      labels.add(new Label(r.label(), c));
    }

    // The model's total: a ring with a dot, white inside.
    ChartData.Point t = data.total();
    LabelPlacer.Circle total = at.circle(t.x(), t.y(), TOTAL_RADIUS);
    identified(g2, "total", () -> {
      g2.setPaint(Color.WHITE);
      g2.fill(ellipse(total));
      g2.setPaint(Style.INK);
      g2.setStroke(new BasicStroke(2.2f));
      g2.draw(ellipse(total));
      g2.fill(ellipse(new LabelPlacer.Circle(total.x(), total.y(), 2)));
    });
    obstacles.add(total);
    labels.add(new Label(t.label(), total));
    labels.addAll(operatorLabels);

    // The roofs, which labels keep clear of when they can.
    List<Line2D> roofs = new ArrayList<>();
    for (Ridge r : ridges) {
      LabelPlacer.Circle left = at.circle(data.xMin(), r.roof().y(data.xMin()), 0);
      LabelPlacer.Circle ridge = at.circle(r.roof().ridgeX(), r.roof().peakY(), 0);
      LabelPlacer.Circle right = at.circle(data.xMax(), r.roof().peakY(), 0);
      roofs.add(new Line2D.Double(left.x(), left.y(), ridge.x(), ridge.y()));
      roofs.add(new Line2D.Double(ridge.x(), ridge.y(), right.x(), right.y()));
    }
    drawLabels(g2, labels, obstacles, roofs, dataArea);
  }

  /** A square on its corner, its corners {@code c.r()} from the centre. */
  private static Path2D diamond(LabelPlacer.Circle c) {
    Path2D.Double d = new Path2D.Double();
    d.moveTo(c.x(), c.y() - c.r());
    d.lineTo(c.x() + c.r(), c.y());
    d.lineTo(c.x(), c.y() + c.r());
    d.lineTo(c.x() - c.r(), c.y());
    d.closePath();
    return d;
  }

  private static Ellipse2D ellipse(LabelPlacer.Circle c) {
    return new Ellipse2D.Double(c.x() - c.r(), c.y() - c.r(), 2 * c.r(), 2 * c.r());
  }

  /** Draws a marker; in SVG, its first shape (the disc) gets the id {@code id}. */
  private static void identified(Graphics2D g2, String id, Runnable marker) {
    if (g2 instanceof SvgGroups svg) {
      svg.identify(id, marker);
    } else {
      marker.run();
    }
  }

  private static void drawLabels(
      Graphics2D g2, List<Label> labels, List<LabelPlacer.Circle> obstacles, List<Line2D> lines, Rectangle2D dataArea) {
    Font font = Style.POINT_LABEL;
    FontMetrics metrics = g2.getFontMetrics(font);
    double padX = 3;
    double padY = 1;
    Rectangle2D inside =
        new Rectangle2D.Double(
            dataArea.getX() + 2, dataArea.getY() + 2, dataArea.getWidth() - 4, dataArea.getHeight() - 4);
    LabelPlacer placer = new LabelPlacer(inside, obstacles, lines, GAP);
    List<LabelPlacer.Placement> placements = new ArrayList<>(labels.size());
    for (Label l : labels) {
      double w = metrics.getStringBounds(l.text(), g2).getWidth() + 2 * padX;
      double h = metrics.getAscent() + metrics.getDescent() + 2 * padY;
      placements.add(placer.place(l.at(), w, h));
    }
    g2.setStroke(new BasicStroke(0.8f));
    g2.setPaint(Style.LEADER);
    for (LabelPlacer.Placement p : placements) {
      if (p.leader() != null) {
        g2.draw(new Line2D.Double(p.leader().from(), p.leader().to()));
      }
    }
    g2.setFont(font);
    for (int i = 0; i < labels.size(); i++) {
      Rectangle2D box = placements.get(i).box();
      g2.setPaint(Style.LABEL_BACKGROUND);
      g2.fill(new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 4, 4));
      g2.setPaint(Style.INK);
      g2.drawString(labels.get(i).text(), (float) (box.getX() + padX), (float) (box.getY() + padY + metrics.getAscent()));
    }
  }
}
