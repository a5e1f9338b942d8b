package dev.roofline.analyzer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pareto front of points offered one at a time, both coordinates to maximise, exactly: the
 * points that no other point dominates (at least as good on both, better on one). Points equal on
 * both are all kept. Only the front is held: a stream of any length takes the memory of its front.
 *
 * <p>Held by {@code x}; along the front {@code y} falls as {@code x} grows, so a new point is
 * dominated exactly when the first point at or beyond its {@code x} is as high (and not the same
 * point), and the points it dominates are those just below its {@code x} that are no higher.
 *
 * @param <T> what a point carries
 */
public final class ParetoFront<T> {

  /** The points at one {@code x}: their {@code y}, and what they carry, in the order offered. */
  private static final class Place<T> {
    final Rational y;
    final List<T> items = new ArrayList<>(1);

    Place(Rational y) {
      this.y = y;
    }
  }

  private final TreeMap<Rational, Place<T>> front = new TreeMap<>();
  private int size;

  /** Offers the point ({@code x}, {@code y}) carrying {@code item}; whether it is on the front now. */
  public boolean offer(Rational x, Rational y, T item) {
    Map.Entry<Rational, Place<T>> at = front.ceilingEntry(x);
    if (at != null) {
      int dy = at.getValue().y.compareTo(y);
      boolean sameX = at.getKey().compareTo(x) == 0;
      if (sameX && dy == 0) {
        at.getValue().items.add(item);
        size++;
        return true;
      }
      if (dy >= 0) {
        return false;
      }
    }
    // Not dominated: remove what it dominates, from its own x downwards while no higher than it.
    for (Map.Entry<Rational, Place<T>> below = front.floorEntry(x);
        below != null && below.getValue().y.compareTo(y) <= 0;
        below = front.lowerEntry(below.getKey())) {
      front.remove(below.getKey());
      size -= below.getValue().items.size();
    }
    Place<T> place = new Place<>(y);
    place.items.add(item);
    front.put(x, place);
    size++;
    return true;
  }

  /** The number of points on the front. */
  public int size() {
    return size;
  }

  /** What the points of the front carry, by {@code x} rising (and {@code y} falling). */
  public List<T> items() {
    List<T> all = new ArrayList<>(size);
    for (Place<T> p : front.values()) {
      all.addAll(p.items);
    }
    return all;
  }
}
