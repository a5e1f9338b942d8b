package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Row;
import dev.roofline.analyzer.graph.StorageTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * The default report: a GitHub-flavoured Markdown table with a row per operator and the total,
 * then an empty line and the minimum-storage line. Lines end with {@code \n} on every platform.
 */
public final class TableReport {

  private enum Align {
    LEFT,
    CENTER,
    RIGHT
  }

  private static final String[] HEADERS = {
    "Node",
    "Block Count",
    "Compute",
    "Bandwidth (Weight)",
    "Bandwidth (Input)",
    "Bandwidth (Output)",
    "Operational Intensity"
  };
  private static final Align[] ALIGN = {
    Align.LEFT, Align.CENTER, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT
  };

  private TableReport() {}

  /** The whole report for {@code analysis}, ending with a newline. */
  public static String render(Analysis analysis) {
    List<String[]> cells = new ArrayList<>(analysis.rows().size() + 2);
    for (Row r : analysis.rows()) {
      cells.add(cells(r, r.blocks() + " / " + analysis.blocks()));
    }
    String[] blank = new String[HEADERS.length];
    java.util.Arrays.fill(blank, "");
    cells.add(blank);
    cells.add(cells(analysis.total(), "N/A"));

    StringBuilder out = new StringBuilder(256 * (cells.size() + 4));
    table(out, cells);
    out.append('\n');
    storageLine(out, analysis);
    return out.toString();
  }

  private static String[] cells(Row r, String blocks) {
    return new String[] {
      r.name(),
      blocks,
      Quantities.si(r.cost().flops(), "FLOPs"),
      Quantities.iec(r.cost().weight(), "B"),
      Quantities.iec(r.cost().input(), "B"),
      Quantities.iec(r.cost().output(), "B"),
      Quantities.si(r.cost().flops(), r.cost().bytes(), "FLOPs/Bytes")
    };
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    // Two passes: widths first (header + 2, or the longest cell, in code points), then the lines.
    int[] width = new int[HEADERS.length];
    for (int c = 0; c < HEADERS.length; c++) {
      width[c] = length(HEADERS[c]) + 2;
      for (String[] row : rows) {
        width[c] = Math.max(width[c], length(row[c]));
      }
    }
    line(out, HEADERS, width);
    out.append('|');
    for (int c = 0; c < width.length; c++) {
      out.append("-".repeat(width[c] + 2)).append('|');
    }
    out.append('\n');
    for (String[] row : rows) {
      line(out, row, width);
    }
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int c = 0; c < cells.length; c++) {
      out.append(' ');
      pad(out, cells[c], width[c], ALIGN[c]);
      out.append(" |");
    }
    out.append('\n');
  }

  /** {@code text} padded to {@code width}; centring puts the odd space on the right. */
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

  private static void storageLine(StringBuilder out, Analysis analysis) {
    out.append("Minimum Storage Requirement: ");
    List<StorageTerm> terms = analysis.storage();
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        out.append(" + ");
      }
      StorageTerm t = terms.get(i);
      out.append('(').append(t.label()).append(") ").append(Quantities.iec(t.bytes(), "B"));
    }
    out.append(" = ").append(Quantities.iec(analysis.storageTotal(), "B")).append('\n');
  }
}
