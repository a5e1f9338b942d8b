package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.analysis.Provenance;
import dev.roofline.analyzer.analysis.Subject;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.device.ResolvedDevice;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.report.plot.RooflinePlot;
import dev.roofline.analyzer.source.ConfigSource;
import dev.roofline.analyzer.source.LoadedConfig;
import dev.roofline.analyzer.source.Notice;
import java.io.PrintWriter;

/**
 * Carries out a request: the config from its source, read into its record, analysed, rendered in
 * the requested format, and drawn as a chart when asked. The whole report is made, and the chart
 * written, before anything is printed, so a failure leaves stdout empty.
 */
final class Pipeline {
  private Pipeline() {}

  /** A Hub or cached copy is usable when one of the families can read it. */
  private static final ConfigSource.Check FAMILIES =
      new ConfigSource.Check() {
        @Override
        public void check(byte[] json, String origin) {
          Graphs.readConfig(json, origin);
        }
      };

  /** Runs {@code request}, writing the report to {@code out} and notices to {@code err}; the exit code. */
  static int run(Request request, PrintWriter out, PrintWriter err) {
    LoadedConfig loaded = ConfigSource.resolve(request.model(), request.hub(), request.revision(), FAMILIES);
    ModelConfig config = Graphs.readConfig(loaded.json(), loaded.origin());
    // The device's peak is the column of the model's precision, known only now.
    ResolvedDevice device = request.device() == null ? null : request.device().forDType(config.dtype().name());
    Analysis analysis = Analysis.of(subject(request, loaded), config, request.query(), device);
    String report = request.format().renderer().render(analysis);
    if (request.plot() != null) {
      // The charting classes load here, and only here.
      OutputFile.write(request.plot().file(), RooflinePlot.render(analysis, request.plot().format()));
    }
    Notice notice = loaded.notice();
    if (notice != null) {
      err.print((notice.severity() == Notice.Severity.WARNING ? "warning: " : "note: ") + notice.text() + "\n");
      err.flush();
    }
    out.print(report);
    out.flush();
    return 0;
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
