package dev.roofline.analyzer.report.plot;

import java.awt.Color;
import java.awt.Font;

/** The chart's fonts and colours, in one place: one sans-serif family, ink on white. */
final class Style {
  private Style() {}

  /** The logical canvas; the PNG is drawn at {@link #PNG_SCALE} times this size. */
  static final int WIDTH = 1000;

  static final int HEIGHT = 625;
  static final double PNG_SCALE = 1.6;

  private static final String FAMILY = Font.SANS_SERIF;
  static final Font TITLE = new Font(FAMILY, Font.BOLD, 17);
  static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 12);
  static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 13);
  static final Font TICK_LABEL = new Font(FAMILY, Font.PLAIN, 12);
  static final Font POINT_LABEL = new Font(FAMILY, Font.PLAIN, 11);
  /** The numbers that stand for labels at crowded markers and in their key. */
  static final Font POINT_NUMBER = new Font(FAMILY, Font.BOLD, 11);
  static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 12);
  static final Font NOTE = new Font(FAMILY, Font.PLAIN, 11);

  static final Color INK = new Color(0x22, 0x22, 0x22);
  static final Color MUTED = new Color(0x55, 0x55, 0x55);
  static final Color AXIS = new Color(0x88, 0x88, 0x88);
  static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  static final Color MINOR_GRID = new Color(0xF1, 0xF1, 0xF1);
  static final Color ROOF = new Color(0x22, 0x22, 0x22);
  static final Color ATTAINABLE = new Color(0x66, 0x66, 0x66);
  static final Color MEMORY = new Color(0x1F, 0x6F, 0xB4);
  static final Color COMPUTE = new Color(0xE0, 0x6A, 0x1B);
  static final Color LEADER = new Color(0x88, 0x88, 0x88);
  static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 215);
}
