package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.CommunicationRow;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.NodeTiming;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.Parallel;
import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.Roofline;

/**
 * The operator table as RFC 4180 comma-separated values: a header, a row per operator (per block),
 * then the total (over all blocks). Exact integers; ratios as the shortest decimal of their double
 * (beyond a double's range, their exact value to 17 digits: see {@link Decimals#of}), empty when
 * undefined. With a device, each row's bound and times are appended. Storage, model and workload
 * facts are in the JSON output only.
 */
public final class CsvReport implements Renderer {

  static final String HEADER = "name,blocks,flops,weight_bytes,input_bytes,output_bytes,operational_intensity";
  /** Appended with a device, so that columns read by position keep their place. */
  static final String ROOF_HEADER = ",bound,compute_time_s,memory_time_s,time_s";
  /**
   * Appended for a model split over devices: whether a row is an operator ({@code op}), the total
   * ({@code total}) or a collective ({@code comm}, after the total), and a collective's fields.
   */
  static final String SPLIT_HEADER = ",kind,collective,group,link,bytes,calls";

  @Override
  public String render(Analysis analysis) {
    Roofline roof = analysis.roofline();
    StringBuilder out = new StringBuilder(160 * (analysis.rows().size() + 2));
    Parallel parallel = analysis.parallel();
    out.append(HEADER).append(roof == null ? "" : ROOF_HEADER).append(parallel == null ? "" : SPLIT_HEADER).append('\n');
    for (int i = 0; i < analysis.rows().size(); i++) {
      OperatorRow r = analysis.rows().get(i);
      row(out, r.label(), r.blocks(), r.perBlock(), roof == null ? null : roof.nodes().get(i), parallel == null ? null : "op");
    }
    row(out, "Total", analysis.total().blocks(), analysis.total().figures(), roof == null ? null : roof.total(),
        parallel == null ? null : "total");
    if (parallel != null) {
      for (CommunicationRow c : parallel.communication()) {
        field(out, c.carries()).append(",,,,,,,,,,").append(Decimals.of(c.totalS()));
        out.append(",comm,").append(c.collective()).append(',').append(c.group()).append(',').append(c.link());
        out.append(',').append(c.bytes()).append(',').append(c.calls()).append('\n');
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, long blocks, Figures f, NodeTiming t, String kind) {
    field(out, name).append(',').append(blocks);
    out.append(',').append(f.flops());
    out.append(',').append(f.weightBytes());
    out.append(',').append(f.inputBytes());
    out.append(',').append(f.outputBytes());
    out.append(',');
    Rational intensity = f.intensity();
    if (intensity != null) {
      out.append(Decimals.of(intensity));
    }
    if (t != null) {
      out.append(',').append(TableReport.bound(t.bound()));
      out.append(',').append(Decimals.of(t.computeS()));
      out.append(',').append(Decimals.of(t.memoryS()));
      out.append(',').append(Decimals.of(t.timeS()));
    }
    if (kind != null) {
      out.append(',').append(kind).append(",,,,,");
    }
    out.append('\n');
  }

  /** {@code value} as one field: quoted, with quotes doubled, only when it holds a comma, a quote or a line break. */
  static StringBuilder field(StringBuilder out, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      return out.append(value);
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(c);
      if (c == '"') {
        out.append('"');
      }
    }
    return out.append('"');
  }
}
