package dev.roofline.analyzer.report.plot;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.DeviceFigures;
import dev.roofline.analyzer.analysis.ModelSummary;
import dev.roofline.analyzer.analysis.Parallel;
import dev.roofline.analyzer.analysis.PrecisionSummary;
import dev.roofline.analyzer.analysis.RequestFigures;
import dev.roofline.analyzer.analysis.Provenance;
import dev.roofline.analyzer.analysis.Roofline;
import dev.roofline.analyzer.analysis.StepFigures;
import dev.roofline.analyzer.analysis.Subject;
import dev.roofline.analyzer.analysis.Workload;
import dev.roofline.analyzer.report.Quantities;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The words of a roofline chart: its title, subtitle, axis and legend texts, point labels. */
final class ChartText {
  private ChartText() {}

  static final String X_AXIS = "Operational intensity (FLOPs/byte)";
  static final String Y_AXIS = "Attainable performance (FLOP/s)";

  /** {@code Roofline of <model> on <device>, <precision>}. */
  static String title(Analysis analysis) {
    DeviceFigures d = analysis.roofline().device();
    // A device given by its figures is named by its id alone (custom).
    String device = d.name().equals(d.id()) ? d.id() + " device" : d.name() + " (" + d.id() + ")";
    String precision = d.precision() == null ? "given peak" : d.precision();
    return "Roofline of " + model(analysis.model()) + " on " + device + ", " + precision;
  }

  /** The model as asked for: a Hub name as given, a file by its name. */
  static String model(ModelSummary model) {
    return model(model.subject());
  }

  /** The model as asked for: a Hub name as given, a file by its name. */
  static String model(Subject subject) {
    String argument = subject.argument();
    if (subject.provenance() == Provenance.FILE) {
      Path name = Path.of(argument).getFileName();
      return name == null ? argument : name.toString();
    }
    return argument;
  }

  /**
   * The architecture, its data type (and the formats of the weights and the KV cache where they
   * differ from it) and the precision whose peak is the roof (a quantized model's dtype may be
   * bfloat16 and its roof the fp8 peak); on a second line, the workload, then the step's time and
   * rate.
   */
  static String subtitle(Analysis analysis) {
    ModelSummary m = analysis.model();
    PrecisionSummary p = analysis.precision();
    Workload w = analysis.workload();
    DeviceFigures d = analysis.roofline().device();
    StepFigures step = analysis.roofline().step();
    String stored =
        (p.weights().equals(m.dtype()) ? "" : ", " + p.weights() + " weights")
            + (p.kv().equals(m.dtype()) ? "" : ", " + p.kv() + " KV cache");
    Parallel split = analysis.parallel();
    String devices =
        split == null
            ? ""
            : ", one of tp " + split.tp() + " × dp " + split.dp() + " × pp " + split.pp() + " devices, communication "
                + Quantities.percent(split.communicationShare()) + " of the step";
    return m.modelType() + ", dtype " + m.dtype() + stored + ", " + (d.precision() == null ? "given" : d.precision())
        + " peak, " + m.blocks() + " blocks" + devices + "\ntokens per query: "
        + tokens(w.cachedTokens()) + " cached, " + tokens(w.inputTokens()) + " input · batch "
        + grouped(w.batchSize()) + " · step " + Quantities.significant(step.timeS(), "s") + ", "
        + Quantities.significant(step.tokensPerS(), "tokens/s") + request(analysis.request());
  }

  /** A request's latencies, for the subtitle; hollow markers show its last decode step. */
  private static String request(RequestFigures r) {
    if (r == null) {
      return "";
    }
    String tpot = r.tpotS() == null ? "" : ", TPOT " + Quantities.significant(r.tpotS(), "s") + " (hollow: last decode step)";
    return " · " + grouped(r.outputTokens()) + " output tokens: TTFT " + Quantities.significant(r.ttftS(), "s") + tpot;
  }

  /** The roof's legend entry. */
  static String roof(Roofline r) {
    DeviceFigures d = r.device();
    return "Roof: " + Quantities.significant(d.peakFlopsPerS().doubleValue(), "FLOP/s") + " peak, "
        + Quantities.significant(d.memBandwidthBytesPerS().doubleValue(), "B/s");
  }

  /** The attainable roof's legend entry: the efficiencies. */
  static String attainableRoof(Roofline r) {
    DeviceFigures d = r.device();
    return "Attainable: " + percent(d.flopsEfficiency()) + " of peak, " + percent(d.memEfficiency()) + " of bandwidth";
  }

  static String ridge(String prefix, double intensity) {
    return prefix + Quantities.significant(intensity, "FLOPs/byte");
  }

  /** An operator's label: its name and share of the step time. */
  static String operator(ChartData.Point p) {
    return p.label() + " (" + String.format(Locale.ROOT, "%.1f%%", p.share() * 100) + ")";
  }

  static final String NOTE =
      "Marker area: share of the step time (blocks × time). Labelled: operators with "
          + Math.round(ChartData.LABEL_SHARE * 100) + "% of it or more.";

  private static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** One value as is, several in brackets (the first three of a longer list, and their number). */
  static String tokens(List<BigInteger> values) {
    if (values.size() == 1) {
      return grouped(values.get(0));
    }
    int shown = values.size() <= 4 ? values.size() : 3;
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < shown; i++) {
      b.append(i == 0 ? "" : ", ").append(grouped(values.get(i)));
    }
    if (shown < values.size()) {
      b.append(", … (").append(values.size()).append(" values)");
    }
    return b.append(']').toString();
  }

  /** Numbers of more digits are shown by their power of ten, which a subtitle has room for. */
  private static final int MAX_DIGITS = 15;

  /**
   * Digits in groups of three: {@code 1,048,576}; a number of more than {@value #MAX_DIGITS}
   * digits, to three significant digits and its power of ten, marked when rounded: {@code 1e400},
   * {@code ≈1.23e45}.
   */
  static String grouped(BigInteger n) {
    String digits = n.abs().toString();
    if (digits.length() > MAX_DIGITS) {
      BigDecimal exact = new BigDecimal(n);
      BigDecimal rounded = exact.round(new MathContext(3, RoundingMode.HALF_EVEN));
      return (rounded.compareTo(exact) == 0 ? "" : "≈") + Quantities.scientific(rounded);
    }
    StringBuilder b = new StringBuilder(n.signum() < 0 ? "-" : "");
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        b.append(',');
      }
      b.append(digits.charAt(i));
    }
    return b.toString();
  }
}
