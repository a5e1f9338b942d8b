package dev.roofline.analyzer.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels beside markers: never over each other, always inside the area, the same every time. */
class LabelPlacerTest {

  private static final Rectangle2D AREA = new Rectangle2D.Double(100, 50, 800, 400);

  /** Twelve labels for markers at one point (operators with the same intensity), and a big disc. */
  private static List<LabelPlacer.Placement> crowd() {
    List<LabelPlacer.Circle> markers = new ArrayList<>();
    markers.add(new LabelPlacer.Circle(500, 250, 40));
    for (int i = 0; i < 12; i++) {
      markers.add(new LabelPlacer.Circle(560, 300, 6));
    }
    LabelPlacer placer = new LabelPlacer(AREA, markers, List.of(), 4);
    List<LabelPlacer.Placement> placed = new ArrayList<>();
    placed.add(placer.place(markers.get(0), 120, 15));
    for (int i = 1; i < markers.size(); i++) {
      placed.add(placer.place(markers.get(i), 90 + 10 * i, 15));
    }
    return placed;
  }

  @Test
  void crowdedLabelsDoNotOverlapAndStayInside() {
    List<LabelPlacer.Placement> placed = crowd();
    for (int i = 0; i < placed.size(); i++) {
      Rectangle2D a = placed.get(i).box();
      assertThat(AREA.contains(a)).as("label %d inside", i).isTrue();
      for (int j = i + 1; j < placed.size(); j++) {
        assertThat(a.intersects(placed.get(j).box())).as("labels %d and %d", i, j).isFalse();
      }
    }
  }

  @Test
  void labelsAvoidMarkersAndThoseSetApartHaveALeader() {
    List<LabelPlacer.Placement> placed = crowd();
    LabelPlacer.Circle disc = new LabelPlacer.Circle(500, 250, 40);
    LabelPlacer.Circle point = new LabelPlacer.Circle(560, 300, 6);
    int leaders = 0;
    for (int i = 0; i < placed.size(); i++) {
      LabelPlacer.Placement p = placed.get(i);
      LabelPlacer.Circle own = i == 0 ? disc : point;
      assertThat(disc.meets(p.box())).isFalse();
      assertThat(point.meets(p.box())).isFalse();
      // Beside its marker (at the gap) without a leader; further out, with one ending on the label.
      double distance = distance(own, p.box());
      if (p.leader() == null) {
        assertThat(distance).as("label %d", i).isLessThanOrEqualTo(own.r() + 4 + 1e-9);
      } else {
        leaders++;
        assertThat(distance).as("label %d", i).isGreaterThan(own.r() + 4);
        assertThat(p.box().outcode(p.leader().to())).as("the leader ends on label %d", i).isZero();
        assertThat(Math.hypot(p.leader().from().getX() - own.x(), p.leader().from().getY() - own.y()))
            .isCloseTo(own.r(), org.assertj.core.data.Offset.offset(1e-9));
      }
    }
    // The eight places beside the point cannot hold twelve labels.
    assertThat(leaders).isGreaterThanOrEqualTo(4);
  }

  /** From the circle's centre to the nearest point of the box. */
  private static double distance(LabelPlacer.Circle c, Rectangle2D box) {
    double dx = c.x() - Math.max(box.getMinX(), Math.min(c.x(), box.getMaxX()));
    double dy = c.y() - Math.max(box.getMinY(), Math.min(c.y(), box.getMaxY()));
    return Math.hypot(dx, dy);
  }

  @Test
  void theFirstChoiceIsRightOfTheMarkerAtTheGap() {
    LabelPlacer.Circle m = new LabelPlacer.Circle(300, 200, 10);
    LabelPlacer.Placement p = new LabelPlacer(AREA, List.of(m), List.of(), 4).place(m, 80, 14);
    assertThat(p.box()).isEqualTo(new Rectangle2D.Double(314, 193, 80, 14));
    assertThat(p.leader()).isNull();
  }

  @Test
  void aLineThroughTheMarkerMovesTheLabelOffItAtTheSameDistance() {
    LabelPlacer.Circle m = new LabelPlacer.Circle(300, 200, 10);
    java.awt.geom.Line2D roof = new java.awt.geom.Line2D.Double(100, 200, 900, 200);
    LabelPlacer.Placement p = new LabelPlacer(AREA, List.of(m), List.of(roof), 4).place(m, 80, 14);
    assertThat(p.box().intersectsLine(roof)).isFalse();
    assertThat(p.leader()).isNull();
    // Above the line on the right: the corner that faces the marker at the gap, on the diagonal.
    double d = 14 / Math.sqrt(2);
    assertThat(p.box()).isEqualTo(new Rectangle2D.Double(300 + d, 200 - d - 14, 80, 14));
  }

  @Test
  void aMarkerAtTheRightEdgeGetsItsLabelOnTheLeft() {
    LabelPlacer.Circle m = new LabelPlacer.Circle(890, 200, 5);
    LabelPlacer.Placement p = new LabelPlacer(AREA, List.of(m), List.of(), 4).place(m, 80, 14);
    assertThat(p.box().getMaxX()).isLessThanOrEqualTo(890 - 5);
    assertThat(AREA.contains(p.box())).isTrue();
  }

  /** Right beside a marker or nowhere: the eight places around a point hold eight labels, not a ninth. */
  @Test
  void placeBesideTakesOnlyThePlacesNextToTheMarker() {
    LabelPlacer.Circle m = new LabelPlacer.Circle(500, 250, 6);
    LabelPlacer placer = new LabelPlacer(AREA, List.of(m), List.of(), 4);
    int placed = 0;
    for (int i = 0; i < 12; i++) {
      LabelPlacer.Placement p = placer.placeBeside(m, 30, 14);
      if (p == null) {
        break;
      }
      assertThat(p.leader()).isNull();
      assertThat(distance(m, p.box())).isLessThanOrEqualTo(m.r() + 4 + 1e-9);
      placed++;
    }
    assertThat(placed).isBetween(4, 8);
    // A refusal reserves nothing: a label far from the marker still finds its first choice.
    LabelPlacer.Circle far = new LabelPlacer.Circle(200, 100, 5);
    assertThat(placer.placeBeside(far, 30, 14).box()).isEqualTo(new Rectangle2D.Double(209, 93, 30, 14));
  }

  /** A key goes to the bottom-right corner, below a roofline's flat roof, unless something is there. */
  @Test
  void aKeyTakesTheFirstFreeCorner() {
    Rectangle2D box = new LabelPlacer(AREA, List.of(), List.of(), 4).placeInCorner(200, 100);
    assertThat(box).isEqualTo(new Rectangle2D.Double(900 - 4 - 200, 450 - 4 - 100, 200, 100));
    // A marker in the bottom-right corner, a line across the top-left one: bottom left it is.
    LabelPlacer.Circle corner = new LabelPlacer.Circle(850, 400, 10);
    java.awt.geom.Line2D line = new java.awt.geom.Line2D.Double(100, 60, 400, 60);
    LabelPlacer placer = new LabelPlacer(AREA, List.of(corner), List.of(line), 4);
    Rectangle2D key = placer.placeInCorner(200, 100);
    assertThat(key).isEqualTo(new Rectangle2D.Double(104, 346, 200, 100));
    // It is reserved: a label beside a marker inside it goes elsewhere.
    LabelPlacer.Circle inside = new LabelPlacer.Circle(150, 400, 3);
    assertThat(placer.place(inside, 40, 14).box().intersects(key)).isFalse();
  }

  @Test
  void deterministic() {
    List<LabelPlacer.Placement> a = crowd();
    List<LabelPlacer.Placement> b = crowd();
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).box()).isEqualTo(b.get(i).box());
    }
  }
}
