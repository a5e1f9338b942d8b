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
 * points, the model's total, and the labels, placed by {@link LabelPlacer}: beside the operators'
 * discs when they all fit there, else numbers at the discs and a key in a free corner.
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

  /**
   * A label to place beside a marker: a text, or a number that stands for it in the key (with a
   * line to the marker's centre, marked by a dot, so that among overlapping discs it is clear
   * which one it names).
   */
  private record Label(String text, LabelPlacer.Circle at, boolean number) {
    Label(String text, LabelPlacer.Circle at) {
      this(text, at, false);
    }

    Font font() {
      return number ? Style.POINT_NUMBER : Style.POINT_LABEL;
    }
  }

  /** Decades to the plot's Java2D space. */
  private record Projection(Rectangle2D area, ValueAxis x, ValueAxis y, RectangleEdge xEdge, RectangleEdge yEdge) {
    LabelPlacer.Circle circle(double xDecades, double yDecades, double radius) {
      return new LabelPlacer.Circle(
          x.valueToJava2D(xDecades, area, xEdge), y.valueToJava2D(yDecades, area, yEdge), radius);
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

    // A request's last decode step first, hollow, under the first step's discs.
    g2.setStroke(new BasicStroke(1.6f));
    for (ChartData.Point p : data.decode()) {
      LabelPlacer.Circle c = at.circle(p.x(), p.y(), diameter(p.share()) / 2);
      identified(g2, "decode-" + p.id(), () -> {
        g2.setPaint(stroke(p.bound()));
        g2.draw(ellipse(c));
      });
      obstacles.add(c);
    }
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
      double radius = r.diamond() ? DIAMOND_RADIUS : POINT_RADIUS;
      LabelPlacer.Circle c = at.circle(r.roof().ridgeX(), r.roof().peakY(), radius);
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

    // The roofs, which labels keep clear of when they can.
    List<Line2D> roofs = new ArrayList<>();
    for (Ridge r : ridges) {
      LabelPlacer.Circle left = at.circle(data.xMin(), r.roof().y(data.xMin()), 0);
      LabelPlacer.Circle ridge = at.circle(r.roof().ridgeX(), r.roof().peakY(), 0);
      LabelPlacer.Circle right = at.circle(data.xMax(), r.roof().peakY(), 0);
      roofs.add(new Line2D.Double(left.x(), left.y(), ridge.x(), ridge.y()));
      roofs.add(new Line2D.Double(ridge.x(), ridge.y(), right.x(), right.y()));
    }
    Rectangle2D inside =
        new Rectangle2D.Double(
            dataArea.getX() + 2, dataArea.getY() + 2, dataArea.getWidth() - 4, dataArea.getHeight() - 4);

    // Each operator's label right beside its marker when all of them fit there; else, rather
    // than labels far off with leaders that cross, a number at each marker and a key in a free
    // corner of the plot. The ridges' and the total's labels are placed first either way.
    LabelPlacer placer = new LabelPlacer(inside, obstacles, roofs, GAP);
    List<LabelPlacer.Placement> placements = place(g2, placer, labels);
    List<LabelPlacer.Placement> beside = besideAll(g2, placer, operatorLabels);
    if (beside != null) {
      labels.addAll(operatorLabels);
      placements.addAll(beside);
      drawLabels(g2, labels, placements);
      return;
    }
    placer = new LabelPlacer(inside, obstacles, roofs, GAP);
    Rectangle2D key = placer.placeInCorner(keyWidth(g2, operatorLabels), keyHeight(g2, operatorLabels.size()));
    placements = place(g2, placer, labels);
    List<Label> numbers = new ArrayList<>(operatorLabels.size());
    for (int i = 0; i < operatorLabels.size(); i++) {
      numbers.add(new Label(Integer.toString(i + 1), operatorLabels.get(i).at(), true));
    }
    placements.addAll(place(g2, placer, numbers));
    labels.addAll(numbers);
    drawLabels(g2, labels, placements);
    drawKey(g2, key, operatorLabels);
  }

  /** Places {@code labels} right beside their markers, all of them; null when one does not fit. */
  private static List<LabelPlacer.Placement> besideAll(Graphics2D g2, LabelPlacer placer, List<Label> labels) {
    List<LabelPlacer.Placement> placements = new ArrayList<>(labels.size());
    for (Label l : labels) {
      LabelPlacer.Placement p = placer.placeBeside(l.at(), width(g2, l), height(g2, l.font()));
      if (p == null) {
        return null;
      }
      placements.add(p);
    }
    return placements;
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

  private static final double PAD_X = 3;
  private static final double PAD_Y = 1;
  /** The key's margin inside its frame, and the space between a number and its label. */
  private static final double KEY_PAD = 6;

  private static double width(Graphics2D g2, Label l) {
    return g2.getFontMetrics(l.font()).getStringBounds(l.text(), g2).getWidth() + 2 * PAD_X;
  }

  private static double height(Graphics2D g2, Font font) {
    FontMetrics metrics = g2.getFontMetrics(font);
    return metrics.getAscent() + metrics.getDescent() + 2 * PAD_Y;
  }

  /** Places {@code labels} in turn, anywhere beside their markers. */
  private static List<LabelPlacer.Placement> place(Graphics2D g2, LabelPlacer placer, List<Label> labels) {
    List<LabelPlacer.Placement> placements = new ArrayList<>(labels.size());
    for (Label l : labels) {
      placements.add(placer.place(l.at(), width(g2, l), height(g2, l.font())));
    }
    return placements;
  }

  private static void drawLabels(Graphics2D g2, List<Label> labels, List<LabelPlacer.Placement> placements) {
    g2.setStroke(new BasicStroke(0.8f));
    for (int i = 0; i < labels.size(); i++) {
      LabelPlacer.Leader leader = placements.get(i).leader();
      Label l = labels.get(i);
      g2.setPaint(Style.LEADER);
      if (l.number()) {
        // From the marker's centre to the nearest point of the number's box.
        Rectangle2D box = placements.get(i).box();
        double x = Math.max(box.getMinX(), Math.min(l.at().x(), box.getMaxX()));
        double y = Math.max(box.getMinY(), Math.min(l.at().y(), box.getMaxY()));
        g2.draw(new Line2D.Double(l.at().x(), l.at().y(), x, y));
        g2.setPaint(Style.INK);
        g2.fill(ellipse(new LabelPlacer.Circle(l.at().x(), l.at().y(), 1.5)));
      } else if (leader != null) {
        g2.draw(new Line2D.Double(leader.from(), leader.to()));
      }
    }
    for (int i = 0; i < labels.size(); i++) {
      Rectangle2D box = placements.get(i).box();
      Label l = labels.get(i);
      g2.setFont(l.font());
      g2.setPaint(Style.LABEL_BACKGROUND);
      g2.fill(new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 4, 4));
      g2.setPaint(Style.INK);
      float baseline = (float) (box.getY() + PAD_Y + g2.getFontMetrics().getAscent());
      g2.drawString(l.text(), (float) (box.getX() + PAD_X), baseline);
    }
  }

  /** The widest number of a key of {@code n} rows. */
  private static double numberWidth(Graphics2D g2, int n) {
    return g2.getFontMetrics(Style.POINT_NUMBER).getStringBounds(Integer.toString(n), g2).getWidth();
  }

  private static double keyWidth(Graphics2D g2, List<Label> rows) {
    double widest = 0;
    for (Label l : rows) {
      widest = Math.max(widest, width(g2, l) - 2 * PAD_X);
    }
    return numberWidth(g2, rows.size()) + KEY_PAD + widest + 2 * KEY_PAD;
  }

  private static double keyHeight(Graphics2D g2, int rows) {
    return rows * height(g2, Style.POINT_LABEL) + 2 * KEY_PAD;
  }

  /** The key in {@code box}: a row per operator, its number (right-aligned) and its label. */
  private static void drawKey(Graphics2D g2, Rectangle2D box, List<Label> rows) {
    g2.setPaint(Style.LABEL_BACKGROUND);
    RoundRectangle2D frame = new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 6, 6);
    g2.fill(frame);
    g2.setPaint(Style.GRID);
    g2.setStroke(new BasicStroke(1f));
    g2.draw(frame);
    double numbers = numberWidth(g2, rows.size());
    double row = height(g2, Style.POINT_LABEL);
    double ascent = g2.getFontMetrics(Style.POINT_LABEL).getAscent();
    for (int i = 0; i < rows.size(); i++) {
      float baseline = (float) (box.getY() + KEY_PAD + i * row + PAD_Y + ascent);
      String number = Integer.toString(i + 1);
      g2.setPaint(Style.INK);
      g2.setFont(Style.POINT_NUMBER);
      double w = g2.getFontMetrics().getStringBounds(number, g2).getWidth();
      g2.drawString(number, (float) (box.getX() + KEY_PAD + numbers - w), baseline);
      g2.setFont(Style.POINT_LABEL);
      g2.drawString(rows.get(i).text(), (float) (box.getX() + KEY_PAD + numbers + KEY_PAD), baseline);
    }
  }
}
