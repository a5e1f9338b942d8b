package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.report.ReportFormat;
import dev.roofline.analyzer.source.HubSettings;
import dev.roofline.analyzer.source.Revision;
import java.util.Objects;

/**
 * One run, as the command line asks for it, checked: the model argument, the batch, where to look
 * for the config, the output format, whether to read the config's {@code quantization_config} and
 * the precisions given, the cost model, the device to place the step on (null: none), the file to
 * draw the roofline chart to (null: none; only with a device), how the model is split over devices
 * (only with a device), and the tokens per query of a whole request (null: one step; only with a
 * device). A sweep ({@code sweep}, else null) is many such runs: its scenarios stand for the batch,
 * the layout, the output tokens and the device, which are then null, one device, null and null.
 * Made from the options in one place ({@link AnalyzeCommand}); nothing after it reads an option.
 */
record Request(
    String model,
    Query query,
    Revision revision,
    HubSettings hub,
    ReportFormat format,
    QuantizationMode quantization,
    PrecisionOptions precision,
    CostModel costModel,
    DeviceSpec device,
    PlotTarget plot,
    Layout layout,
    java.math.BigInteger outputTokens,
    Sweeping sweep) {
  Request {
    Objects.requireNonNull(model, "model");
    if (sweep == null) {
      Objects.requireNonNull(query, "query");
    } else if (query != null || device != null || !layout.single() || outputTokens != null) {
      throw new IllegalArgumentException("a sweep's scenarios give the batch, layout, output tokens and device");
    }
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(quantization, "quantization");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(costModel, "costModel");
    Objects.requireNonNull(layout, "layout");
    if ((!layout.single() || outputTokens != null) && device == null) {
      throw new IllegalArgumentException("a split needs a device");
    }
    if (plot != null && device == null && sweep == null) {
      throw new IllegalArgumentException("a plot needs a device");
    }
  }
}
