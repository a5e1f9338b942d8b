package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Provenance;
import dev.roofline.analyzer.analysis.Subject;
import dev.roofline.analyzer.config.ElementType;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.config.ParsedConfig;
import dev.roofline.analyzer.config.Precision;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.LayoutException;
import dev.roofline.analyzer.graph.OperatorGraph;
import dev.roofline.analyzer.report.plot.RooflinePlot;
import dev.roofline.analyzer.source.ConfigSource;
import dev.roofline.analyzer.source.LoadedConfig;
import dev.roofline.analyzer.source.Notice;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Carries out a request: the config from its source, read into its record, its precisions
 * resolved, analysed, rendered in the requested format, and drawn as a chart when asked. The whole
 * report is made, and the chart written, before anything is printed, so a failure leaves stdout
 * empty.
 */
final class Pipeline {

  /**
   * A Hub or cached copy is usable when one of the families can read it; what it read is kept, so
   * the copy chosen is not parsed a second time.
   */
  private static final class FamilyCheck implements ConfigSource.Check {
    private byte[] json;
    private ParsedConfig parsed;

    @Override
    public void check(byte[] json, String origin) {
      parsed = Graphs.parseConfig(json, origin);
      this.json = json;
    }

    /** {@code json} read: as the check read it, or anew (a local file is not checked first). */
    ParsedConfig read(byte[] json, String origin) {
      return parsed != null && Arrays.equals(this.json, json) ? parsed : Graphs.parseConfig(json, origin);
    }
  }

  // The model a request names (the class itself holds it, so that a run loads no class more):
  // where its config came from, the config read, its precisions, and who asked for it.
  final LoadedConfig loaded;
  final ParsedConfig parsed;
  final ModelConfig config;
  final Precision precision;
  final Subject subject;

  private Pipeline(Request request) {
    FamilyCheck families = new FamilyCheck();
    loaded = ConfigSource.resolve(request.model(), request.hub(), request.revision(), families);
    parsed = families.read(loaded.json(), loaded.origin());
    config = parsed.model();
    precision = parsed.precision(request.quantization(), request.precision(), loaded.origin());
    subject = subject(request, loaded);
  }

  /** Reads the config {@code request} names, and resolves its precisions. */
  static Pipeline model(Request request) {
    return new Pipeline(request);
  }

  /** The device of {@code spec} with the peak of this model's precision. */
  ResolvedDevice device(DeviceSpec spec) {
    return device(spec, config, precision);
  }

  /** Runs {@code request}, writing the report to {@code out} and notices to {@code err}; the exit code. */
  static int run(Request request, PrintWriter out, PrintWriter err) {
    if (request.sweep() != null) {
      // The sweep's classes load here, and only here.
      return SweepRun.run(request, out, err);
    }
    Pipeline model = model(request);
    ModelConfig config = model.config;
    // The device's peak is the column of the activations' precision, known only now.
    ResolvedDevice device = request.device() == null ? null : model.device(request.device());
    OperatorGraph graph = Graphs.operators(config, model.precision);
    Analysis analysis;
    try {
      analysis =
          Analysis.of(
              model.subject,
              config,
              graph,
              request.costModel(),
              request.query(),
              device,
              request.layout(),
              request.outputTokens());
    } catch (LayoutException e) {
      throw new UsageException(AnalyzeCommand.message(e));
    }
    String report = request.format().renderer().render(analysis);
    if (request.plot() != null) {
      // The charting classes load here, and only here.
      OutputFile.write(request.plot().file(), RooflinePlot.render(analysis, request.plot().format()));
    }
    BigInteger longest =
        request.outputTokens() == null
            ? null
            : longest(request.query()).add(request.outputTokens()).subtract(BigInteger.ONE);
    notes(model, request, longest, "the request reaches ", err);
    out.print(report);
    out.flush();
    return 0;
  }

  /**
   * Prints on {@code err} where the config came from when that is not what was asked for, that
   * {@code longest} tokens of context (null: not asked) are past what the model was made for,
   * {@code reaching} saying what reaches them, and that the config's quantization is not read.
   */
  static void notes(Pipeline model, Request request, BigInteger longest, String reaching, PrintWriter err) {
    LoadedConfig loaded = model.loaded;
    Notice notice = loaded.notice();
    if (notice != null) {
      err.print((notice.severity() == Notice.Severity.WARNING ? "warning: " : "note: ") + notice.text() + "\n");
    }
    BigInteger made = model.parsed.maxPositionEmbeddings();
    if (longest != null && made != null && longest.compareTo(made) > 0) {
      err.print(
          "note: "
              + reaching
              + longest
              + " tokens of context, past the "
              + made
              + " the model was made for (max_position_embeddings)\n");
    }
    Precision precision = model.precision;
    if (precision.ignoresQuantizationConfig()) {
      err.print(
          "note: "
              + loaded.origin()
              + " has a quantization_config, not read without "
              + AnalyzeCommand.QUANTIZATION
              + " auto: every tensor "
              + (request.precision().any() ? "the options do not set " : "")
              + "is counted at "
              + precision.configType().name()
              + "\n");
    }
    err.flush();
  }

  /**
   * The device with the peak of the precision the projections compute at: the model's dtype's
   * column, or the activation type's when that differs (fp8 for W8A8 FP8; W4A16 keeps the 16-bit
   * one).
   */
  static ResolvedDevice device(DeviceSpec spec, ModelConfig config, Precision precision) {
    ElementType activations = precision.activations();
    if (activations.equals(precision.configType())) {
      return spec.forDType(config.dtype().name());
    }
    return spec.forActivations(activations.name(), activations.peakColumn().orElseThrow());
  }

  /** The longest query's cached and input tokens. */
  private static BigInteger longest(dev.roofline.analyzer.graph.Query query) {
    BigInteger longest = BigInteger.ZERO;
    for (int q = 0; q < query.cached().size(); q++) {
      longest = longest.max(query.cached().get(q).add(query.input().get(q)));
    }
    return longest;
  }

  private static Subject subject(Request request, LoadedConfig loaded) {
    Provenance provenance =
        switch (loaded.kind()) {
          case FILE -> Provenance.FILE;
          case HUB -> Provenance.HUB;
          case CACHE -> Provenance.CACHE;
          case BUNDLED -> Provenance.BUNDLED;
        };
    String revision = provenance == Provenance.FILE ? null : request.revision().value();
    return new Subject(request.model(), provenance, revision, loaded.commit());
  }
}
