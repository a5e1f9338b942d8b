package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.ScenarioRow;
import dev.roofline.analyzer.analysis.SweepKey;
import dev.roofline.analyzer.analysis.SweepTally;
import java.io.PrintWriter;

/**
 * A sweep as RFC 4180 comma-separated values: the header, then a line per row as it comes.
 * Integers exact, ratios as in the operator CSV ({@link Decimals#of}); a figure a row does not have
 * (an invalid row's, TPOT without a decode step, a verdict without a capacity) is an empty field.
 */
final class SweepCsv implements SweepOutput {
  private final SweepColumns columns;
  private final PrintWriter out;
  private final StringBuilder line = new StringBuilder(256);

  SweepCsv(SweepColumns columns, PrintWriter out) {
    this.columns = columns;
    this.out = out;
    out.print(String.join(",", columns.names()) + "\n");
  }

  @Override
  public void row(ScenarioRow r) {
    StringBuilder b = line;
    b.setLength(0);
    for (SweepKey k : columns.keys()) {
      CsvReport.field(b, k.text(r.scenario())).append(',');
    }
    if (r.valid()) {
      b.append(r.devices()).append(',');
      if (r.fits() != null) {
        b.append(r.fits());
      }
      b.append(',').append(r.memoryPerDeviceBytes()).append(',');
      ratio(b, r.stepTimeS());
      if (columns.request()) {
        ratio(b, r.tpotS());
        ratio(b, r.e2eS());
      }
      ratio(b, r.tokensPerS());
      ratio(b, r.tokensPerSPerDevice());
      ratio(b, r.tokensPerSPerQuery());
      ratio(b, r.computeBoundShare());
      ratio(b, r.communicationShare());
      b.append("true,\n");
    } else {
      b.append(columns.request() ? ",,,,,,,,,,," : ",,,,,,,,,").append("false,");
      CsvReport.field(b, r.reason()).append('\n');
    }
    out.append(b);
  }

  private static void ratio(StringBuilder b, Rational r) {
    if (r != null) {
      b.append(Decimals.of(r));
    }
    b.append(',');
  }

  @Override
  public void end(SweepTally tally) {
    out.flush();
  }
}
