package dev.roofline.analyzer.report.plot;

import java.util.Map;

/**
 * What the SVG canvas adds to drawing: groups with attributes, and element ids. {@link MarkerLayer}
 * asks for it by {@code instanceof} on this interface, which names no SVG library type, so that
 * drawing a PNG loads no class of the SVG writer.
 */
interface SvgGroups {
  /** Draws {@code drawing} into a new group, {@code <g>}, with {@code attributes}. */
  void group(Map<String, String> attributes, Runnable drawing);

  /** Draws {@code drawing} in place and gives the first shape it draws the id {@code id}. */
  void identify(String id, Runnable drawing);
}
