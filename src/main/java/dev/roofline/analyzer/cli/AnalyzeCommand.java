package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.config.PrecisionOptionException;
import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import dev.roofline.analyzer.device.DeviceCatalog;
import dev.roofline.analyzer.device.DeviceOptions;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.report.ReportFormat;
import dev.roofline.analyzer.report.plot.PlotFormat;
import dev.roofline.analyzer.source.Catalog;
import dev.roofline.analyzer.source.HubSettings;
import dev.roofline.analyzer.source.Revision;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command: its options, and their translation into one checked {@link Request}, which {@link
 * Pipeline} carries out. The options are declared with picocli's programmatic API rather than
 * annotations, which spares every run the reflection over annotated fields (a large part of the
 * start-up time of a process this short). Option names appear in messages only from here.
 */
final class AnalyzeCommand implements Callable<Integer> {

  static final String CACHED = "--cached-tokens";
  static final String INPUT = "--input-tokens";
  static final String BATCH = "--batch-size";
  static final String REVISION = "--revision";
  static final String OFFLINE = "--offline";
  static final String LIST_MODELS = "--list-models";
  static final String FORMAT = "--format";
  static final String DEVICE = "--device";
  static final String LIST_DEVICES = "--list-devices";
  static final String PEAK_FLOPS = "--peak-flops";
  static final String MEM_BANDWIDTH = "--mem-bandwidth";
  static final String MEM_CAPACITY = "--mem-capacity";
  static final String FLOPS_EFFICIENCY = "--flops-efficiency";
  static final String MEM_EFFICIENCY = "--mem-efficiency";
  /** The device options' names, for the device package's messages. */
  private static final DeviceOptions.Names DEVICE_NAMES =
      new DeviceOptions.Names(
          DEVICE, LIST_DEVICES, PEAK_FLOPS, MEM_BANDWIDTH, MEM_CAPACITY, FLOPS_EFFICIENCY, MEM_EFFICIENCY);
  static final String PLOT = "--plot";
  // No name may begin with --c, --i, --b or --h: the original's unique prefixes must stay unique.
  static final String QUANTIZATION = "--quantization";
  static final String WEIGHT_DTYPE = "--weight-dtype";
  static final String KV_DTYPE = "--kv-dtype";
  static final String ACT_DTYPE = "--act-dtype";
  static final String REFINED = "--refined";

  private final Map<String, String> env;
  private CommandLine commandLine;

  private AnalyzeCommand(Map<String, String> env) {
    this.env = env;
  }

  /** The command line of the tool, reading the Hub settings from {@code env}. */
  static CommandLine commandLine(Map<String, String> env) {
    AnalyzeCommand command = new AnalyzeCommand(env);
    command.commandLine = new CommandLine(spec(command));
    return command.commandLine;
  }

  private static CommandSpec spec(AnalyzeCommand command) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(Main.NAME).versionProvider(new VersionProvider());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(false)
        .description(
            "Compute (FLOPs), memory traffic (weight, input and output bytes), operational"
                + " intensity and minimum storage of one inference step of a transformer LLM,"
                + " layer by layer and for the whole model.")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes())
        .footerHeading("%nExample:%n")
        .footer("  " + Main.NAME + " --cached-tokens 1024 -- meta-llama/Llama-3.1-8B");
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .paramLabel("<model_name_or_config>")
            .type(String.class)
            .description("A config.json, a folder that holds one, or a HuggingFace repo id (org/name).")
            .build());
    spec.addOption(
        tokens(CACHED, BigInteger.ZERO, "Tokens already in the KV cache, one value per query (default: 0)."));
    spec.addOption(
        tokens(INPUT, BigInteger.ONE, "New tokens fed in this step, one value per query (default: 1)."));
    spec.addOption(
        OptionSpec.builder(BATCH)
            .paramLabel("B")
            .type(BigInteger.class)
            .converters(new WholeNumber())
            .description(
                "Number of queries in the batch: a multiple of the number of values above, which"
                    + " are repeated to fill it (default: one query per value).")
            .build());
    spec.addOption(
        OptionSpec.builder(REVISION)
            .paramLabel("REV")
            .type(String.class)
            .initialValue("main")
            .description("Branch, tag or commit of a Hub repository (default: main).")
            .build());
    spec.addOption(
        OptionSpec.builder(OFFLINE)
            .arity("0")
            .type(boolean.class)
            .description("Do not ask the Hub: use the HuggingFace cache or a bundled snapshot.")
            .build());
    spec.addOption(
        OptionSpec.builder(FORMAT)
            .paramLabel("FORMAT")
            .type(String.class)
            .initialValue(ReportFormat.TABLE.id())
            .description(
                "Output: " + String.join(", ", ReportFormat.ids()) + " (default: table, the original's Markdown table).")
            .build());
    spec.addOption(
        OptionSpec.builder(QUANTIZATION)
            .paramLabel("MODE")
            .type(String.class)
            .initialValue(NONE)
            .description(
                "none (default): every tensor at the config's dtype; auto: weights, activations and KV"
                    + " cache as the config's quantization_config says (fp8, awq, gptq, compressed-tensors;"
                    + " mxfp4 for gpt-oss).")
            .build());
    spec.addOption(
        text(WEIGHT_DTYPE, "D", "Format of the linear weights, scales included: float32, bfloat16, float16, fp8,"
            + " int8, int4, fp4, mxfp4 (overrides quantization_config)."));
    spec.addOption(text(KV_DTYPE, "D", "Element type of the KV cache: float32, bfloat16, float16, fp8, int8."));
    spec.addOption(
        text(ACT_DTYPE, "D", "Type of the quantized projections' inputs, and the device peak used: float32,"
            + " bfloat16, float16, fp8, int8, fp4."));
    spec.addOption(
        OptionSpec.builder(REFINED)
            .arity("0")
            .type(boolean.class)
            .description(
                "Count what efficient engines compute and move: 2·m·n·k FLOPs, causal, sliding and"
                    + " chunked attention, the experts a batch touches, the embedding, final norm and LM"
                    + " head (default: the original's conventions).")
            .build());
    spec.addOption(
        text(DEVICE, "ID", "Place the step on a device of the catalog (see " + LIST_DEVICES
            + "): bound, time, tokens/s, memory fit."));
    spec.addOption(
        text(PEAK_FLOPS, "X", "Peak FLOP/s (989.4e12, 989.4T): a custom device, or an override."));
    spec.addOption(
        text(MEM_BANDWIDTH, "X", "Memory bandwidth in bytes/s (3.35T): a custom device, or an override."));
    spec.addOption(text(MEM_CAPACITY, "X", "Memory per device in bytes (80GB, 80GiB)."));
    spec.addOption(
        text(FLOPS_EFFICIENCY, "F", "Fraction of the peak reached, in (0, 1] (default: 1)."));
    spec.addOption(
        text(MEM_EFFICIENCY, "F", "Fraction of the bandwidth reached, in (0, 1] (default: 1)."));
    spec.addOption(
        text(PLOT, "FILE", "Also draw the step's roofline chart to FILE, .svg or .png (needs a device)."));
    spec.addOption(
        OptionSpec.builder(LIST_DEVICES)
            .arity("0")
            .type(boolean.class)
            .help(true)
            .description("Print the device catalog with its sources (a table; JSON or CSV with " + FORMAT + ") and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder(LIST_MODELS)
            .arity("0")
            .type(boolean.class)
            .help(true)
            .description("Print the repo ids of the bundled snapshots and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
    spec.addOption(
        OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
    return spec;
  }

  private static final String NONE = "none";
  private static final String AUTO = "auto";

  private static OptionSpec text(String name, String label, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description).build();
  }

  private static OptionSpec tokens(String name, BigInteger initial, String description) {
    return OptionSpec.builder(name)
        .paramLabel("N")
        .arity("1..*")
        .type(List.class)
        .auxiliaryTypes(BigInteger.class)
        .initialValue(List.of(initial))
        .parameterConsumer(new TokenListConsumer())
        .description(description)
        .build();
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "success; also --help, --version, " + LIST_DEVICES + " and " + LIST_MODELS);
    codes.put(String.valueOf(Main.EXIT_CONFIG), "the config cannot be had or used, or the plot cannot be written");
    codes.put(String.valueOf(Main.EXIT_USAGE), "usage error (options, token counts)");
    codes.put(String.valueOf(Main.EXIT_BUG), "internal error (a bug)");
    codes.put(String.valueOf(Main.EXIT_OUTPUT), "the report could not be written (a full disk)");
    codes.put(String.valueOf(Main.EXIT_BROKEN_PIPE), "the reader of the report went away");
    return codes;
  }

  @Override
  public Integer call() {
    CommandSpec spec = commandLine.getCommandSpec();
    PrintWriter out = commandLine.getOut();
    if (Boolean.TRUE.equals(spec.findOption(LIST_MODELS).getValue())) {
      for (String id : Catalog.ids()) {
        out.print(id + "\n");
      }
      out.flush();
      return 0;
    }
    if (Boolean.TRUE.equals(spec.findOption(LIST_DEVICES).getValue())) {
      out.print(DeviceListing.render(DeviceCatalog.bundled(), format(spec)));
      out.flush();
      return 0;
    }
    return Pipeline.run(request(spec), out, commandLine.getErr());
  }

  /**
   * The request the options make, with every usage check done (before any file or network access).
   *
   * @throws UsageException naming the option that cannot be used
   */
  private Request request(CommandSpec spec) {
    String model = spec.positionalParameters().get(0).getValue();
    List<BigInteger> cached = spec.findOption(CACHED).getValue();
    List<BigInteger> input = spec.findOption(INPUT).getValue();
    BigInteger batch = spec.findOption(BATCH).getValue();
    Query query;
    try {
      query = Query.of(cached, input, batch);
    } catch (Query.Invalid e) {
      throw new UsageException(message(e, cached.size(), input.size()));
    }
    String rev = spec.findOption(REVISION).getValue();
    String problem = Revision.problem(rev);
    if (problem != null) {
      throw new UsageException("invalid " + REVISION + " '" + rev + "': " + problem);
    }
    ReportFormat format = format(spec);
    String mode = spec.findOption(QUANTIZATION).getValue();
    QuantizationMode quantization;
    // In any case, as the format, the types and the device ids.
    String modeName = mode.toLowerCase(Locale.ROOT);
    if (NONE.equals(modeName)) {
      quantization = QuantizationMode.NONE;
    } else if (AUTO.equals(modeName)) {
      quantization = QuantizationMode.AUTO;
    } else {
      throw new UsageException(
          QUANTIZATION + ": unknown mode '" + mode + "' (choose from: " + NONE + ", " + AUTO + ")");
    }
    PrecisionOptions precision;
    try {
      precision =
          PrecisionOptions.parse(
              spec.findOption(WEIGHT_DTYPE).getValue(),
              spec.findOption(KV_DTYPE).getValue(),
              spec.findOption(ACT_DTYPE).getValue());
    } catch (PrecisionOptionException e) {
      throw new UsageException(option(e.part()) + ": " + e.getMessage());
    }
    HubSettings hub;
    try {
      hub = HubSettings.from(env, Boolean.TRUE.equals(spec.findOption(OFFLINE).getValue()));
    } catch (HubSettings.InvalidSetting e) {
      throw new UsageException(e.getMessage());
    }
    DeviceOptions device =
        new DeviceOptions(
            spec.findOption(DEVICE).getValue(),
            spec.findOption(PEAK_FLOPS).getValue(),
            spec.findOption(MEM_BANDWIDTH).getValue(),
            spec.findOption(MEM_CAPACITY).getValue(),
            spec.findOption(FLOPS_EFFICIENCY).getValue(),
            spec.findOption(MEM_EFFICIENCY).getValue(),
            DEVICE_NAMES);
    // Throws DeviceException, a usage error, before any file or network access.
    DeviceSpec deviceSpec = device.isEmpty() ? null : DeviceSpec.of(device);
    String plotFile = spec.findOption(PLOT).getValue();
    PlotTarget plot = plotFile == null ? null : plotTarget(plotFile, deviceSpec != null);
    CostModel costs = Boolean.TRUE.equals(spec.findOption(REFINED).getValue()) ? CostModel.REFINED : CostModel.ORIGINAL;
    return new Request(model, query, new Revision(rev), hub, format, quantization, precision, costs, deviceSpec, plot);
  }

  /**
   * The output {@code --format} names.
   *
   * @throws UsageException for a name of no format
   */
  private static ReportFormat format(CommandSpec spec) {
    String name = spec.findOption(FORMAT).getValue();
    ReportFormat format = ReportFormat.named(name);
    if (format == null) {
      throw new UsageException(
          FORMAT + ": unknown format '" + name + "' (choose from: " + String.join(", ", ReportFormat.ids()) + ")");
    }
    return format;
  }

  /** The chart file {@code name} asks for: an SVG or PNG file, on a run with a device. */
  private static PlotTarget plotTarget(String name, boolean hasDevice) {
    Path file;
    try {
      file = Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException(PLOT + ": '" + name + "' is not a valid path");
    }
    PlotFormat format = file.getFileName() == null ? null : PlotFormat.ofFileName(file.getFileName().toString());
    if (format == null) {
      throw new UsageException(PLOT + ": '" + name + "' must end in .svg or .png");
    }
    if (!hasDevice) {
      throw new UsageException(
          PLOT + " needs a device to draw the roof: add " + DEVICE + " ID (see "
              + LIST_DEVICES + "), or " + PEAK_FLOPS + " and " + MEM_BANDWIDTH);
    }
    return new PlotTarget(file, format);
  }

  /** The option that sets {@code part}. */
  private static String option(PrecisionOptionException.Part part) {
    return switch (part) {
      case WEIGHTS -> WEIGHT_DTYPE;
      case KV -> KV_DTYPE;
      case ACTIVATIONS -> ACT_DTYPE;
    };
  }

  /** What a batch's broken rule means in the options' terms. */
  private static String message(Query.Invalid e, int cachedValues, int inputValues) {
    return switch (e.problem()) {
      case LENGTHS_DIFFER -> CACHED + " and " + INPUT + " must have the same number of values (got "
          + cachedValues + " and " + inputValues + ")";
      case NEGATIVE_CACHED -> CACHED + " must not be negative (got " + e.value() + ")";
      case NEGATIVE_INPUT -> INPUT + " must not be negative (got " + e.value() + ")";
      case BATCH_NOT_A_MULTIPLE -> BATCH + " must be a positive multiple of the number of values in " + CACHED
          + " and " + INPUT + " (" + cachedValues + "), got " + e.value();
      case NO_INPUT_TOKENS -> INPUT + " must add up to at least 1 token (every intensity would divide by zero)";
    };
  }
}
