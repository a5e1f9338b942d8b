package dev.roofline.analyzer.report;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Bound;
import dev.roofline.analyzer.analysis.CommunicationRow;
import dev.roofline.analyzer.analysis.DeviceMemory;
import dev.roofline.analyzer.analysis.DeviceFigures;
import dev.roofline.analyzer.analysis.Figures;
import dev.roofline.analyzer.analysis.MemoryVerdict;
import dev.roofline.analyzer.analysis.NodeTiming;
import dev.roofline.analyzer.analysis.OperatorRow;
import dev.roofline.analyzer.analysis.Parallel;
import dev.roofline.analyzer.analysis.RequestFigures;
import dev.roofline.analyzer.analysis.PrecisionSummary;
import dev.roofline.analyzer.analysis.Rational;
import dev.roofline.analyzer.analysis.Roofline;
import dev.roofline.analyzer.analysis.StepFigures;
import dev.roofline.analyzer.analysis.StorageItem;
import dev.roofline.analyzer.report.MarkdownTable.Align;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The default report: a GitHub-flavoured Markdown table with a row per operator and the total,
 * then an empty line and the minimum-storage line, followed by a line naming the precisions when
 * any differs from the config's dtype; with a device, two more columns (bound and time) and,
 * after another empty line, the step on that device. Lines end with {@code \n} on every platform.
 */
public final class TableReport implements Renderer {

  /** One line of the table: its name, its block-count cell, its figures and, with a device, its timing. */
  private record Line(String name, String blocks, Figures figures, NodeTiming timing) {}

  /** The table's columns, each declared once: header, alignment, and (in {@link #cell}) its cell. */
  private enum Column {
    NODE("Node", Align.LEFT),
    BLOCKS("Block Count", Align.CENTER),
    COMPUTE("Compute", Align.RIGHT),
    WEIGHT("Bandwidth (Weight)", Align.RIGHT),
    INPUT("Bandwidth (Input)", Align.RIGHT),
    OUTPUT("Bandwidth (Output)", Align.RIGHT),
    INTENSITY("Operational Intensity", Align.RIGHT),
    BOUND("Bound", Align.CENTER),
    TIME("Time", Align.RIGHT);

    private final String header;
    private final Align align;

    Column(String header, Align align) {
      this.header = header;
      this.align = align;
    }
  }

  /** The cell of {@code column} for {@code l}. (A switch, not a class per column: less to load.) */
  private static String cell(Column column, Line l) {
    Figures f = l.figures();
    return switch (column) {
      case NODE -> l.name();
      case BLOCKS -> l.blocks();
      case COMPUTE -> Quantities.si(f.flops(), "FLOPs");
      case WEIGHT -> Quantities.iec(f.weightBytes(), "B");
      case INPUT -> Quantities.iec(f.inputBytes(), "B");
      case OUTPUT -> Quantities.iec(f.outputBytes(), "B");
      // From the exact quotient, so that no finite value prints as inf.
      case INTENSITY -> f.bytes().signum() == 0 ? "N/A" : Quantities.si(f.flops(), f.bytes(), "FLOPs/Bytes");
      case BOUND -> bound(l.timing().bound());
      case TIME -> Quantities.si(l.timing().timeS(), "s");
    };
  }

  private static final Column[] COSTS = {
    Column.NODE, Column.BLOCKS, Column.COMPUTE, Column.WEIGHT, Column.INPUT, Column.OUTPUT, Column.INTENSITY
  };
  private static final Column[] ROOF = {Column.BOUND, Column.TIME};

  private static final String REFINED = "refined";
  private static final String REFINED_LINE =
      "Cost model: refined (2·m·n·k FLOPs per projection, causal attention over every query head with its"
          + " softmax, the experts the batch touches, embedding, final norm and LM head rows)\n";

  /** The whole report for {@code analysis}, ending with a newline. */
  @Override
  public String render(Analysis analysis) {
    Roofline roof = analysis.roofline();
    long blocks = analysis.total().blocks();
    List<Line> lines = new ArrayList<>(analysis.rows().size() + 1);
    for (int i = 0; i < analysis.rows().size(); i++) {
      OperatorRow r = analysis.rows().get(i);
      // A row that occurs once per step is in 1 of 1.
      String count = r.blocks() + " / " + (r.perStep() ? 1 : blocks);
      lines.add(new Line(r.label(), count, r.perBlock(), roof == null ? null : roof.nodes().get(i)));
    }
    Line total =
        new Line("Total (" + blocks + " Blocks)", "N/A", analysis.total().figures(), roof == null ? null : roof.total());

    List<Column> columns = new ArrayList<>(List.of(COSTS));
    if (roof != null) {
      columns.addAll(List.of(ROOF));
    }
    List<String> headers = new ArrayList<>(columns.size());
    List<Align> align = new ArrayList<>(columns.size());
    for (Column c : columns) {
      headers.add(c.header);
      align.add(c.align);
    }
    List<String[]> cells = new ArrayList<>(lines.size() + 2);
    for (Line l : lines) {
      cells.add(cells(columns, l));
    }
    String[] blank = new String[columns.size()];
    java.util.Arrays.fill(blank, "");
    cells.add(blank);
    cells.add(cells(columns, total));

    StringBuilder out = new StringBuilder(256 * (cells.size() + 8));
    MarkdownTable.render(out, headers, align, cells);
    out.append('\n');
    storageLine(out, analysis);
    if (REFINED.equals(analysis.costModel())) {
      out.append(REFINED_LINE);
    }
    PrecisionSummary precision = analysis.precision();
    if (precision.differsFromDtype()) {
      out.append("Precision: weights ").append(precision.weights());
      out.append(", KV-cache ").append(precision.kv());
      out.append(", activations ").append(precision.activations());
      out.append(" (from ").append(precision.source()).append(")\n");
    }
    Parallel parallel = analysis.parallel();
    if (parallel != null) {
      out.append('\n');
      communication(out, parallel);
    }
    if (roof != null) {
      out.append('\n');
      summary(out, roof, parallel);
    }
    if (analysis.request() != null) {
      request(out, analysis.request(), parallel != null);
    }
    return out.toString();
  }

  private static String[] cells(List<Column> columns, Line line) {
    String[] cells = new String[columns.size()];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = cell(columns.get(c), line);
    }
    return cells;
  }

  /** A whole request: its latencies, its rates, and the memory of its fullest step. */
  private static void request(StringBuilder out, RequestFigures r, boolean split) {
    out.append("Request: TTFT ").append(Quantities.si(r.ttftS(), "s"));
    if (r.tpotS() == null) {
      out.append(", TPOT N/A");
    } else {
      out.append(", TPOT ").append(Quantities.si(r.tpotS(), "s"))
          .append(" (first ").append(Quantities.si(r.tpotFirstS(), "s"))
          .append(", last ").append(Quantities.si(r.tpotLastS(), "s")).append(')');
    }
    out.append(", end-to-end ").append(Quantities.si(r.e2eS(), "s")).append(" for ").append(r.outputTokens())
        .append(r.outputTokens().equals(java.math.BigInteger.ONE) ? " output token\n" : " output tokens\n");
    out.append("Output throughput: ").append(Quantities.fixed(r.outputTokensPerS())).append(" tokens/s, ")
        .append(Quantities.fixed(r.outputTokensPerSPerDevice())).append(" per device, ")
        .append(r.outputTokensPerSPerQuery() == null ? "N/A" : Quantities.fixed(r.outputTokensPerSPerQuery()))
        .append(" per query\n");
    out.append("Request memory: ").append(Quantities.iec(r.neededBytes(), "B")).append(split ? " on the fullest device" : "")
        .append(" at its fullest step (")
        .append(r.worstStep().signum() == 0 ? "the first" : "decode step " + r.worstStep()).append(')');
    if (r.fits() != null) {
      out.append(": ").append(r.fits() ? "fits" : "does not fit");
    }
    out.append('\n');
  }

  /** The fullest device's memory, its parts, and whether it fits. */
  private static void deviceMemory(StringBuilder out, Parallel p) {
    DeviceMemory m = p.memory();
    out.append("Memory per device: ").append(Quantities.iec(m.totalBytes(), "B")).append(" on the fullest");
    if (p.pp() > 1) {
      out.append(" (stage ").append(m.stage() + 1).append(" of ").append(p.pp()).append(')');
    }
    out.append(" = (Weights) ").append(Quantities.iec(m.weightBytes(), "B"));
    out.append(" + (KV-cache) ").append(Quantities.iec(m.kvCacheBytes(), "B"));
    if (m.recurrentStateBytes().signum() > 0) {
      out.append(" + (Recurrent state) ").append(Quantities.iec(m.recurrentStateBytes(), "B"));
    }
    if (m.idleExpertBytes().signum() > 0) {
      out.append(" + (Additional Experts) ").append(Quantities.iec(m.idleExpertBytes(), "B"));
    }
    if (m.embeddingBytes().signum() > 0) {
      out.append(" + (Embedding Table) ").append(Quantities.iec(m.embeddingBytes(), "B"));
    }
    if (m.capacityBytes() == null) {
      out.append(" (no device capacity given)\n");
      return;
    }
    out.append("; ").append(Quantities.iec(m.capacityBytes(), "B")).append(" per device: ");
    out.append(Boolean.TRUE.equals(m.fits()) ? "fits" : "does not fit").append('\n');
  }

  static String bound(Bound b) {
    return b == Bound.COMPUTE ? "compute" : "memory";
  }

  private static void storageLine(StringBuilder out, Analysis analysis) {
    out.append("Minimum Storage Requirement: ");
    List<StorageItem> terms = analysis.storage().terms();
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        out.append(" + ");
      }
      StorageItem t = terms.get(i);
      out.append('(').append(t.label()).append(") ").append(Quantities.iec(t.bytes(), "B"));
    }
    out.append(" = ").append(Quantities.iec(analysis.storage().totalBytes(), "B")).append('\n');
  }

  /** The device with its roof, the step's time, shares and rate, and whether the model fits. */
  /** The collectives of a split step, a row each, and their sum. */
  private static void communication(StringBuilder out, Parallel p) {
    out.append("Communication (per micro-batch step, not overlapped with compute):\n\n");
    List<String> headers = List.of("Collective", "Carries", "Group", "Link", "Bytes", "Calls", "Time per Call", "Time");
    List<Align> align =
        List.of(Align.LEFT, Align.LEFT, Align.CENTER, Align.CENTER, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT);
    List<String[]> rows = new ArrayList<>(p.communication().size() + 2);
    for (CommunicationRow r : p.communication()) {
      rows.add(
          new String[] {
            r.collective(),
            r.carries(),
            r.group().toString(),
            r.link(),
            Quantities.iec(r.bytes(), "B"),
            Long.toString(r.calls()),
            Quantities.si(r.timeS(), "s"),
            Quantities.si(r.totalS(), "s")
          });
    }
    rows.add(new String[] {"", "", "", "", "", "", "", ""});
    rows.add(new String[] {"Total", "", "", "", "", "", "", Quantities.si(p.communicationTimeS(), "s")});
    MarkdownTable.render(out, headers, align, rows);
  }

  /** The layout and its links, in one line. */
  private static void layout(StringBuilder out, Parallel p) {
    out.append("Parallelism: tp ").append(p.tp()).append(" × dp ").append(p.dp()).append(" × pp ").append(p.pp());
    out.append(" = ").append(p.devices()).append(p.devices().equals(java.math.BigInteger.ONE) ? " device" : " devices");
    out.append(", ep ").append(p.ep()).append("; scale-up ");
    link(out, p.scaleUpName(), p.scaleUpBytesPerS());
    out.append(" in domains of ").append(p.nodeSize()).append(", scale-out ");
    link(out, p.scaleOutName(), p.scaleOutBytesPerS());
    out.append(efficiency(p.linkEfficiency()));
    if (p.linkLatencyS().signum() > 0) {
      out.append(", ").append(Quantities.si(p.linkLatencyS().doubleValue(), "s")).append(" a call");
    }
    out.append('\n');
  }

  private static void link(StringBuilder out, String name, java.math.BigDecimal bandwidth) {
    out.append(bandwidth == null ? "unknown" : Quantities.si(bandwidth.doubleValue(), "B/s"));
    if (name != null) {
      out.append(" (").append(name).append(')');
    }
  }

  private static void summary(StringBuilder out, Roofline roof, Parallel parallel) {
    DeviceFigures d = roof.device();
    out.append("Device: ").append(d.id());
    if (!d.name().equals(d.id())) {
      out.append(" (").append(d.name()).append(')');
    }
    out.append(", ").append(d.precision() == null ? "given" : d.precision()).append(" peak ");
    out.append(Quantities.si(d.peakFlopsPerS().doubleValue(), "FLOP/s")).append(efficiency(d.flopsEfficiency()));
    out.append(", memory bandwidth ").append(Quantities.si(d.memBandwidthBytesPerS().doubleValue(), "B/s"));
    out.append(efficiency(d.memEfficiency()));
    out.append(", ridge ").append(Quantities.si(roof.ridgeIntensity(), "FLOPs/Bytes")).append('\n');

    if (parallel != null) {
      layout(out, parallel);
    }
    StepFigures step = roof.step();
    out.append("Step time: ").append(Quantities.si(step.timeS(), "s"));
    out.append(" (compute-bound ").append(percent(step.computeBoundShare()));
    out.append(", memory-bound ").append(percent(step.memoryBoundShare()));
    if (parallel != null) {
      out.append(", communication ").append(percent(parallel.communicationShare()));
    }
    out.append(")\n");
    if (parallel != null) {
      if (parallel.pp() > 1) {
        out.append("Tick: ").append(Quantities.si(parallel.tickS(), "s"))
            .append(" (the slowest of ").append(parallel.pp()).append(" stages with its send)\n");
      }
      out.append("Throughput: ").append(Quantities.fixed(step.tokensPerS())).append(" tokens/s, ")
          .append(Quantities.fixed(parallel.tokensPerSPerDevice())).append(" per device (")
          .append(step.inputTokens()).append(step.inputTokens().equals(java.math.BigInteger.ONE) ? " token" : " tokens")
          .append(" every ").append(parallel.pp() > 1 ? parallel.pp() + " ticks" : "step").append(")\n");
      deviceMemory(out, parallel);
      return;
    }
    out.append("Throughput: ").append(Quantities.fixed(step.tokensPerS())).append(" tokens/s (")
        .append(step.inputTokens()).append(step.inputTokens().equals(java.math.BigInteger.ONE) ? " token" : " tokens")
        .append(" per step)\n");

    MemoryVerdict m = roof.memory();
    out.append("Memory: ").append(Quantities.iec(m.neededBytes(), "B")).append(" needed");
    if (m.capacityBytes() == null) {
      out.append(" (no device capacity given)\n");
      return;
    }
    out.append(", ").append(Quantities.iec(m.capacityBytes(), "B")).append(" per device: ");
    if (Boolean.TRUE.equals(m.fits())) {
      out.append("fits\n");
    } else {
      out.append("does not fit: needs at least ").append(m.minDevices()).append(" devices\n");
    }
  }

  private static String efficiency(BigDecimal fraction) {
    return fraction.compareTo(BigDecimal.ONE) == 0 ? "" : " × " + fraction.stripTrailingZeros().toPlainString();
  }

  private static String percent(Rational share) {
    return Quantities.percent(share);
  }
}
