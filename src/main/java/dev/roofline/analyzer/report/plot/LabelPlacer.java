package dev.roofline.analyzer.report.plot;

import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places labels beside circular markers so that no two labels overlap, deterministically: for each
 * label in turn (the caller orders them by importance), the candidate positions around its marker
 * are tried in a fixed order, ring after ring further out, and the first whose box lies within the
 * area and meets no placed label and no marker is taken; within a ring, places clear of the lines
 * (the roofs) come first. A label that finds no such place may cover markers, and, as a last
 * resort, other labels. A label set apart from its marker gets a leader line. A label may also be
 * asked for right beside its marker only ({@link #placeBeside}), and a larger box (a key) for a
 * corner of the area ({@link #placeInCorner}).
 */
final class LabelPlacer {

  /** A marker: centre and radius. */
  record Circle(double x, double y, double r) {
    boolean meets(Rectangle2D box) {
      double dx = x - Math.max(box.getMinX(), Math.min(x, box.getMaxX()));
      double dy = y - Math.max(box.getMinY(), Math.min(y, box.getMaxY()));
      return dx * dx + dy * dy < r * r;
    }
  }

  /** Where a label goes: its box, and the line from its marker when it stands apart (else null). */
  record Placement(Rectangle2D box, Leader leader) {}

  /** A leader line from a marker's edge to a label's box. */
  record Leader(Point2D from, Point2D to) {}

  // Directions in order of preference: right, then above and below on the right, then left, then
  // straight up and down. As unit vectors (x, y), y pointing down.
  private static final double D = Math.sqrt(0.5);
  private static final double[][] DIRECTIONS = {
    {1, 0}, {D, -D}, {D, D}, {-1, 0}, {-D, -D}, {-D, D}, {0, -1}, {0, 1}
  };
  private static final int RINGS = 10;

  private final Rectangle2D area;
  private final List<Circle> markers;
  private final List<Line2D> lines;
  private final double gap;
  private final List<Rectangle2D> placed = new ArrayList<>();

  /**
   * @param area where labels must lie
   * @param markers every marker drawn, which labels avoid
   * @param lines lines drawn, which labels avoid when they can
   * @param gap the space between a marker and its label, and between labels
   */
  LabelPlacer(Rectangle2D area, List<Circle> markers, List<Line2D> lines, double gap) {
    this.area = area;
    this.markers = List.copyOf(markers);
    this.lines = List.copyOf(lines);
    this.gap = gap;
  }

  /** A place for a label of {@code width} × {@code height} beside {@code marker}; reserves it. */
  Placement place(Circle marker, double width, double height) {
    Placement p = search(marker, width, height, true, true, RINGS);
    if (p == null) {
      p = search(marker, width, height, false, true, RINGS);
    }
    if (p == null) {
      p = search(marker, width, height, false, false, RINGS);
    }
    if (p == null) {
      // Larger than the area: at the area's corner.
      p = new Placement(new Rectangle2D.Double(area.getX(), area.getY(), width, height), null);
    }
    placed.add(p.box());
    return p;
  }

  /**
   * A place right beside {@code marker}, with no leader, that meets no other marker and no label;
   * reserved when found; null when there is none.
   */
  Placement placeBeside(Circle marker, double width, double height) {
    Placement p = search(marker, width, height, true, true, 1);
    if (p != null) {
      placed.add(p.box());
    }
    return p;
  }

  /**
   * A place in a corner of the area for a box of {@code width} × {@code height} (a key), tried in
   * the order bottom right (below the flat roof, where a roofline has no points), top left (above
   * the slope), bottom left, top right; the first clear of everything, else of markers and
   * labels, else of labels; reserved.
   */
  Rectangle2D placeInCorner(double width, double height) {
    double left = area.getMinX() + gap;
    double right = area.getMaxX() - gap - width;
    double top = area.getMinY() + gap;
    double bottom = area.getMaxY() - gap - height;
    double[][] corners = {{right, bottom}, {left, top}, {left, bottom}, {right, top}};
    for (boolean[] avoid : new boolean[][] {{true, true}, {false, true}, {false, false}}) {
      for (double[] c : corners) {
        Rectangle2D box = new Rectangle2D.Double(c[0], c[1], width, height);
        if (fits(box, avoid[0], avoid[1], true)) {
          placed.add(box);
          return box;
        }
      }
    }
    Rectangle2D box = new Rectangle2D.Double(corners[0][0], corners[0][1], width, height);
    placed.add(box);
    return box;
  }

  private Placement search(
      Circle marker, double width, double height, boolean avoidMarkers, boolean avoidLabels, int rings) {
    double step = height + gap;
    for (int ring = 0; ring < rings; ring++) {
      double distance = marker.r() + gap + ring * step;
      for (boolean avoidLines : new boolean[] {true, false}) {
        for (double[] d : DIRECTIONS) {
          double px = marker.x() + d[0] * distance;
          double py = marker.y() + d[1] * distance;
          // The box touches the candidate point with its side or corner that faces the marker.
          double x = d[0] > 0.3 ? px : d[0] < -0.3 ? px - width : px - width / 2;
          double y = d[1] > 0.3 ? py : d[1] < -0.3 ? py - height : py - height / 2;
          Rectangle2D box = new Rectangle2D.Double(x, y, width, height);
          if (fits(box, avoidLines, avoidMarkers, avoidLabels)) {
            return new Placement(box, ring == 0 ? null : leader(marker, box));
          }
        }
      }
    }
    return null;
  }

  private boolean fits(Rectangle2D box, boolean avoidLines, boolean avoidMarkers, boolean avoidLabels) {
    if (!area.contains(box)) {
      return false;
    }
    if (avoidLines) {
      for (Line2D l : lines) {
        if (box.intersectsLine(l)) {
          return false;
        }
      }
    }
    if (avoidLabels) {
      Rectangle2D padded =
          new Rectangle2D.Double(box.getX() - gap / 2, box.getY() - gap / 2, box.getWidth() + gap, box.getHeight() + gap);
      for (Rectangle2D other : placed) {
        if (other.intersects(padded)) {
          return false;
        }
      }
    }
    if (avoidMarkers) {
      for (Circle c : markers) {
        if (new Circle(c.x(), c.y(), c.r() + gap / 2).meets(box)) {
          return false;
        }
      }
    }
    return true;
  }

  /** From the marker's edge towards the box's nearest point, to that point. */
  private static Leader leader(Circle marker, Rectangle2D box) {
    double tx = Math.max(box.getMinX(), Math.min(marker.x(), box.getMaxX()));
    double ty = Math.max(box.getMinY(), Math.min(marker.y(), box.getMaxY()));
    double dx = tx - marker.x();
    double dy = ty - marker.y();
    double length = Math.hypot(dx, dy);
    Point2D from = new Point2D.Double(marker.x() + dx / length * marker.r(), marker.y() + dy / length * marker.r());
    return new Leader(from, new Point2D.Double(tx, ty));
  }
}
