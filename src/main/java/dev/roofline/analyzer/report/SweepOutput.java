package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.ScenarioRow;
import dev.roofline.analyzer.analysis.SweepLimits;
import dev.roofline.analyzer.analysis.SweepTally;
import java.io.PrintWriter;

/**
 * A sweep's rows written as they come: CSV and JSON Lines write each at once; the table keeps the
 * best and writes them, ranked, at the end.
 */
public interface SweepOutput {

  /** Takes the next row, in the scenarios' order. */
  void row(ScenarioRow row);

  /** Ends the output: {@code tally} is what the sweep added up to. */
  void end(SweepTally tally);

  /** The output of {@code format} with {@code columns}, of the rows {@code limits} keeps, to {@code out}. */
  static SweepOutput of(ReportFormat format, SweepColumns columns, SweepLimits limits, PrintWriter out) {
    if (format == ReportFormat.CSV) {
      return new SweepCsv(columns, out);
    }
    if (format == ReportFormat.JSON) {
      return new SweepJson(columns, out);
    }
    return new SweepTable(columns, limits, out);
  }
}
