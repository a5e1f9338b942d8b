package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.ScenarioRow;
import dev.roofline.analyzer.analysis.SweepKey;
import dev.roofline.analyzer.analysis.SweepLimits;
import dev.roofline.analyzer.analysis.SweepTally;
import dev.roofline.analyzer.report.MarkdownTable.Align;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A sweep as a ranked Markdown table: the valid rows that fit first, by tokens/s per device, then
 * per query, then in the scenarios' order; then those that do not fit. It shows the best {@value
 * #SHOWN} (with a Pareto front, the whole front), holding no more than that while the rows stream
 * past. After the table, what the sweep added up to, the first scenario that broke a rule, and, on
 * the last line, the best scenario that fits.
 */
final class SweepTable implements SweepOutput {

  /** The rows a ranked table shows: a screenful; CSV and JSON list every row. */
  static final int SHOWN = 25;

  /** A row with its place in the scenarios' order. */
  private record Ranked(ScenarioRow row, long order) {}

  /** Better first: fitting, more tokens/s per device, more per query, earlier. */
  private static final Comparator<Ranked> RANK =
      (a, b) -> {
        boolean fa = a.row().fitting();
        boolean fb = b.row().fitting();
        if (fa != fb) {
          return fa ? -1 : 1;
        }
        if (SweepTally.better(a.row(), b.row())) {
          return -1;
        }
        if (SweepTally.better(b.row(), a.row())) {
          return 1;
        }
        return Long.compare(a.order(), b.order());
      };

  private final SweepColumns columns;
  private final SweepLimits limits;
  private final PrintWriter out;
  /** The best rows so far, the worst of them at the head. */
  private final PriorityQueue<Ranked> best = new PriorityQueue<>(RANK.reversed());
  private long order;
  private long ranked;

  SweepTable(SweepColumns columns, SweepLimits limits, PrintWriter out) {
    this.columns = columns;
    this.limits = limits;
    this.out = out;
  }

  @Override
  public void row(ScenarioRow row) {
    long at = order++;
    if (!row.valid()) {
      return;
    }
    ranked++;
    best.add(new Ranked(row, at));
    if (!limits.pareto() && best.size() > SHOWN) {
      best.poll();
    }
  }

  @Override
  public void end(SweepTally tally) {
    List<Ranked> rows = new ArrayList<>(best);
    rows.sort(RANK);
    StringBuilder text = new StringBuilder(256 * (rows.size() + 8));
    if (!rows.isEmpty()) {
      table(text, rows);
      text.append('\n');
    }
    summary(text, tally);
    out.print(text);
    out.flush();
  }

  private void table(StringBuilder text, List<Ranked> rows) {
    List<String> headers = new ArrayList<>();
    List<Align> align = new ArrayList<>();
    headers.add("Rank");
    align.add(Align.RIGHT);
    for (SweepKey k : columns.keys()) {
      headers.add(k.id());
      align.add(k.numeric() ? Align.RIGHT : Align.LEFT);
    }
    String[] figures =
        columns.request()
            ? new String[] {"Devices", "Fits", "Memory per Device", "TTFT", "TPOT", "End-to-End", "Tokens/s",
              "Tokens/s per Device", "Tokens/s per Query", "Compute-bound", "Communication"}
            : new String[] {"Devices", "Fits", "Memory per Device", "Step Time", "Tokens/s", "Tokens/s per Device",
              "Tokens/s per Query", "Compute-bound", "Communication"};
    for (String f : figures) {
      headers.add(f);
      align.add(f.equals("Fits") ? Align.CENTER : Align.RIGHT);
    }
    List<String[]> cells = new ArrayList<>(rows.size());
    int rank = 0;
    for (Ranked ranked : rows) {
      ScenarioRow r = ranked.row();
      List<String> line = new ArrayList<>(headers.size());
      line.add(Integer.toString(++rank));
      for (SweepKey k : columns.keys()) {
        line.add(k.text(r.scenario()));
      }
      line.add(r.devices().toString());
      line.add(r.fits() == null ? "N/A" : r.fits() ? "yes" : "no");
      line.add(Quantities.iec(r.memoryPerDeviceBytes(), "B"));
      line.add(Quantities.si(r.stepTimeS(), "s"));
      if (columns.request()) {
        line.add(time(r.tpotS()));
        line.add(Quantities.si(r.e2eS(), "s"));
      }
      line.add(Quantities.fixed(r.tokensPerS()));
      line.add(Quantities.fixed(r.tokensPerSPerDevice()));
      line.add(r.tokensPerSPerQuery() == null ? "N/A" : Quantities.fixed(r.tokensPerSPerQuery()));
      line.add(Quantities.percent(r.computeBoundShare()));
      line.add(Quantities.percent(r.communicationShare()));
      cells.add(line.toArray(new String[0]));
    }
    MarkdownTable.render(text, headers, align, cells);
  }

  private void summary(StringBuilder text, SweepTally tally) {
    text.append("Scenarios: ").append(tally.scenarios()).append(" (").append(tally.invalid()).append(" invalid, ");
    if (limits.timed()) {
      text.append(tally.kept()).append(" within ").append(limitsText());
    } else {
      text.append(tally.scenarios() - tally.invalid()).append(" valid");
    }
    text.append(", ").append(tally.fitting()).append(" of them fit)\n");
    if (limits.pareto()) {
      text.append("Pareto front: ").append(ranked).append(ranked == 1 ? " scenario" : " scenarios")
          .append(" that fit and that no other beats on both tokens/s per device and tokens/s per query\n");
    } else if (ranked > best.size()) {
      text.append("Shown: the best ").append(best.size()).append(" of ").append(ranked)
          .append(" by tokens/s per device (CSV and JSON output list every row)\n");
    }
    ScenarioRow invalid = tally.firstInvalid();
    if (invalid != null) {
      text.append("First invalid: ").append(name(invalid)).append(": ").append(invalid.reason()).append('\n');
    }
    ScenarioRow b = tally.best();
    if (b == null) {
      text.append("Best: no scenario ").append(limits.timed() ? "within the limits " : "").append("fits\n");
      return;
    }
    text.append("Best: ").append(name(b)).append(": ").append(Quantities.fixed(b.tokensPerSPerDevice()))
        .append(" tokens/s per device, ")
        .append(b.tokensPerSPerQuery() == null ? "N/A" : Quantities.fixed(b.tokensPerSPerQuery()))
        .append(" per query (").append(columns.request() ? "TTFT " : "step ").append(Quantities.si(b.stepTimeS(), "s"));
    if (columns.request()) {
      text.append(", TPOT ").append(time(b.tpotS()));
    }
    text.append("; ").append(b.devices()).append(b.devices().equals(BigInteger.ONE) ? " device, " : " devices, ")
        .append(Quantities.iec(b.memoryPerDeviceBytes(), "B")).append(" per device)\n");
  }

  /** The scenario of {@code r} by its swept keys: {@code device h100-sxm, tp 8, batch 64}. */
  private String name(ScenarioRow r) {
    StringBuilder name = new StringBuilder();
    for (SweepKey k : columns.keys()) {
      if (name.length() > 0) {
        name.append(", ");
      }
      name.append(k.id()).append(' ').append(k.text(r.scenario()));
    }
    return name.toString();
  }

  private String limitsText() {
    StringBuilder text = new StringBuilder();
    if (limits.maxTtft() != null) {
      text.append(columns.request() ? "TTFT ≤ " : "step time ≤ ").append(Quantities.si(limits.maxTtft(), "s"));
    }
    if (limits.maxTpot() != null) {
      text.append(text.length() > 0 ? " and " : "").append("TPOT ≤ ").append(Quantities.si(limits.maxTpot(), "s"));
    }
    return text.toString();
  }

  private static String time(Rational r) {
    return r == null ? "N/A" : Quantities.si(r, "s");
  }
}
