package dev.roofline.analyzer.report;

import java.util.List;

/**
 * A GitHub-flavoured Markdown table as the {@code tabulate} library's {@code github} format draws
 * it: each column as wide as its header plus two or its longest cell (in code points), cells
 * padded by their column's alignment, a dashed rule with no colons under the headers.
 */
public final class MarkdownTable {

  /** How a column's cells (and header) are padded. */
  public enum Align {
    LEFT,
    /** Centred, the odd space on the right. */
    CENTER,
    RIGHT
  }

  private MarkdownTable() {}

  /** Appends the table of {@code rows} under {@code headers} to {@code out}. */
  public static void render(StringBuilder out, List<String> headers, List<Align> align, List<String[]> rows) {
    // Two passes: widths first, then the lines.
    int[] width = new int[headers.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = length(headers.get(c)) + 2;
      for (String[] row : rows) {
        width[c] = Math.max(width[c], length(row[c]));
      }
    }
    line(out, headers.toArray(new String[0]), width, align);
    out.append('|');
    for (int c = 0; c < width.length; c++) {
      out.append("-".repeat(width[c] + 2)).append('|');
    }
    out.append('\n');
    for (String[] row : rows) {
      line(out, row, width, align);
    }
  }

  private static void line(StringBuilder out, String[] cells, int[] width, List<Align> align) {
    out.append('|');
    for (int c = 0; c < cells.length; c++) {
      out.append(' ');
      pad(out, cells[c], width[c], align.get(c));
      out.append(" |");
    }
    out.append('\n');
  }

  private static void pad(StringBuilder out, String text, int width, Align align) {
    int extra = width - length(text);
    int left =
        switch (align) {
          case LEFT -> 0;
          case RIGHT -> extra;
          case CENTER -> extra / 2;
        };
    out.append(" ".repeat(left)).append(text).append(" ".repeat(extra - left));
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
