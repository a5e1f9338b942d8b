package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.config.PrecisionOptionException;
import dev.roofline.analyzer.config.PrecisionOptions;
import dev.roofline.analyzer.config.QuantizationMode;
import dev.roofline.analyzer.device.DeviceCatalog;
import dev.roofline.analyzer.device.DeviceOptions;
import dev.roofline.analyzer.device.DeviceSpec;
import dev.roofline.analyzer.device.LinkOptions;
import dev.roofline.analyzer.graph.CostModel;
import dev.roofline.analyzer.graph.Layout;
import dev.roofline.analyzer.graph.LayoutException;
import dev.roofline.analyzer.graph.Links;
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
  static final String TP = "--tp";
  static final String DP = "--dp";
  static final String EP = "--ep";
  static final String PP = "--pp";
  static final String LINK_BANDWIDTH = "--link-bandwidth";
  static final String NET_BANDWIDTH = "--net-bandwidth";
  static final String NODE_SIZE = "--node-size";
  static final String LINK_EFFICIENCY = "--link-efficiency";
  static final String LINK_LATENCY = "--link-latency";
  static final String OUTPUT_TOKENS = "--output-tokens";
  static final String SWEEP = "--sweep";
  static final String MAX_TTFT = "--max-ttft";
  static final String MAX_TPOT = "--max-tpot";
  static final String PARETO = "--pareto";
  static final LinkOptions.Names LINK_NAMES =
      new LinkOptions.Names(LINK_BANDWIDTH, NET_BANDWIDTH, NODE_SIZE, LINK_EFFICIENCY, LINK_LATENCY);

  private final Map<String, String> env;
  private CommandLine commandLine;

  private AnalyzeCommand(Map<String, String> env) {
    this.env = env;
  }

  /** The command line of the tool with every option, reading the Hub settings from {@code env}. */
  static CommandLine commandLine(Map<String, String> env) {
    return commandLine(env, new String[] {"--help"});
  }

  /**
   * The command line of the tool for {@code args}, reading the Hub settings from {@code env}. The
   * options of the many-device split are declared only when an argument could name one (or asks
   * for the help, which lists them): declaring an option costs every run's start-up, and most runs
   * use none of these.
   */
  static CommandLine commandLine(Map<String, String> env, String[] args) {
    AnalyzeCommand command = new AnalyzeCommand(env);
    command.commandLine =
        new CommandLine(spec(command, mayName(args, SPLIT_OPTIONS), mayName(args, SWEEP_OPTIONS)));
    return command.commandLine;
  }

  /** The options of the many-device split and of whole requests. */
  private static final List<String> SPLIT_OPTIONS =
      List.of(TP, DP, EP, PP, LINK_BANDWIDTH, NET_BANDWIDTH, NODE_SIZE, LINK_EFFICIENCY, LINK_LATENCY, OUTPUT_TOKENS);

  /** The options of sweeps. */
  private static final List<String> SWEEP_OPTIONS = List.of(SWEEP, MAX_TTFT, MAX_TPOT, PARETO);

  /**
   * Whether an argument before {@code --} could name one of {@code options}: a prefix of one of
   * them, with or without {@code =value}, or a request for the help.
   */
  static boolean mayName(String[] args, List<String> options) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("-h") || (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('h') > 0)) {
        return true;
      }
      if (arg.startsWith("--") && arg.length() > 2) {
        int equals = arg.indexOf('=');
        String key = equals < 0 ? arg : arg.substring(0, equals);
        if ("--help".startsWith(key)) {
          return true;
        }
        for (String option : options) {
          if (option.startsWith(key)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static CommandSpec spec(AnalyzeCommand command, boolean split, boolean sweep) {
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
    if (split) {
      split(spec);
    }
    if (sweep) {
      sweep(spec);
    }
    rest(spec);
    return spec;
  }

  /** Declares the options of the many-device split, before {@code --plot}'s neighbours in the help. */
  private static void split(CommandSpec spec) {
    spec.addOption(text(TP, "N", "Tensor parallel: each attention layer and dense part over N devices (default: 1)."));
    spec.addOption(
        text(DP, "N", "Attention data parallel: N groups of tp devices, each with its share of the queries (default: 1)."));
    spec.addOption(text(EP, "N", "Expert parallel: the routed experts over N of the tp·dp devices (default: 1)."));
    spec.addOption(text(PP, "N", "Pipeline parallel: the layers in N stages (default: 1)."));
    spec.addOption(
        text(LINK_BANDWIDTH, "X", "Scale-up bandwidth per device, one direction, bytes/s (default: the catalog's)."));
    spec.addOption(
        text(NET_BANDWIDTH, "X", "Scale-out bandwidth per device, one direction, bytes/s (default: the catalog's)."));
    spec.addOption(text(NODE_SIZE, "N", "Devices per scale-up domain (default: the catalog's, 8 on an HGX board)."));
    spec.addOption(text(LINK_EFFICIENCY, "F", "Fraction of the link bandwidth collectives reach, in (0, 1] (default: 1)."));
    spec.addOption(text(LINK_LATENCY, "TIME", "Time added to every collective call: 10us, 1e-5 (default: 0)."));
    spec.addOption(
        OptionSpec.builder(OUTPUT_TOKENS)
            .paramLabel("N")
            .type(BigInteger.class)
            .converters(new WholeNumber())
            .description(
                "A whole request: the step above, then N − 1 decode steps; TTFT, TPOT, end-to-end"
                    + " latency and output tokens/s (needs a device).")
            .build());
  }

  /** Declares the options of sweeps. */
  private static void sweep(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder(SWEEP)
            .paramLabel("KEY=VALUES")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description(
                "Run every scenario of the values (repeatable: the cartesian product, the last varying"
                    + " fastest), a row each: KEY one of batch, cached, input, output, tp, dp, ep, pp, device;"
                    + " VALUES a list (1,8,64; h100-sxm,mi300x) or a range A..B, A..B:xF, A..B:+S.")
            .build());
    spec.addOption(text(MAX_TTFT, "TIME", "Keep only scenarios whose time to first token (step time) is at most TIME: 2s, 500ms."));
    spec.addOption(text(MAX_TPOT, "TIME", "Keep only scenarios whose time per output token is at most TIME: 50ms."));
    spec.addOption(
        OptionSpec.builder(PARETO)
            .arity("0")
            .type(boolean.class)
            .description(
                "Keep only the scenarios that fit and that no other beats on both tokens/s per device and"
                    + " tokens/s per query.")
            .build());
  }

  private static void rest(CommandSpec spec) {
    spec.addOption(
        text(PLOT, "FILE", "Also draw the step's roofline chart (a sweep's: its scenarios' rates) to FILE, .svg or .png"
            + " (needs a device)."));
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
    if (Boolean.TRUE.equals(value(spec, LIST_MODELS))) {
      for (String id : Catalog.ids()) {
        out.print(id + "\n");
      }
      out.flush();
      return 0;
    }
    if (Boolean.TRUE.equals(value(spec, LIST_DEVICES))) {
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
    List<String> sweeps = value(spec, SWEEP);
    boolean sweep = sweeps != null && !sweeps.isEmpty();
    Query query = null;
    if (!sweep) {
      String sweepOnly = Boolean.TRUE.equals(value(spec, PARETO)) ? PARETO
          : value(spec, MAX_TTFT) != null ? MAX_TTFT : value(spec, MAX_TPOT) != null ? MAX_TPOT : null;
      if (sweepOnly != null) {
        throw new UsageException(sweepOnly + " keeps some scenarios of a sweep: add " + SWEEP + " KEY=VALUES");
      }
      List<BigInteger> cached = value(spec, CACHED);
      List<BigInteger> input = value(spec, INPUT);
      try {
        query = Query.of(cached, input, value(spec, BATCH));
      } catch (Query.Invalid e) {
        throw new UsageException(message(e, cached.size(), input.size()));
      }
    }
    String rev = value(spec, REVISION);
    String problem = Revision.problem(rev);
    if (problem != null) {
      throw new UsageException("invalid " + REVISION + " '" + rev + "': " + problem);
    }
    ReportFormat format = format(spec);
    String mode = value(spec, QUANTIZATION);
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
              value(spec, WEIGHT_DTYPE),
              value(spec, KV_DTYPE),
              value(spec, ACT_DTYPE));
    } catch (PrecisionOptionException e) {
      throw new UsageException(option(e.part()) + ": " + e.getMessage());
    }
    HubSettings hub;
    try {
      hub = HubSettings.from(env, Boolean.TRUE.equals(value(spec, OFFLINE)));
    } catch (HubSettings.InvalidSetting e) {
      throw new UsageException(e.getMessage());
    }
    DeviceOptions device =
        new DeviceOptions(
            value(spec, DEVICE),
            value(spec, PEAK_FLOPS),
            value(spec, MEM_BANDWIDTH),
            value(spec, MEM_CAPACITY),
            value(spec, FLOPS_EFFICIENCY),
            value(spec, MEM_EFFICIENCY),
            DEVICE_NAMES);
    String plotFile = value(spec, PLOT);
    CostModel costs = Boolean.TRUE.equals(value(spec, REFINED)) ? CostModel.REFINED : CostModel.ORIGINAL;
    if (sweep) {
      Sweeping sweeping = SweepOptions.sweeping(spec, sweeps, device);
      PlotTarget plot = plotFile == null ? null : plotTarget(plotFile, true);
      return new Request(
          model, null, new Revision(rev), hub, format, quantization, precision, costs, null, plot, Layout.SINGLE, null,
          sweeping);
    }
    // Throws DeviceException, a usage error, before any file or network access.
    DeviceSpec deviceSpec = device.isEmpty() ? null : DeviceSpec.of(device);
    PlotTarget plot = plotFile == null ? null : plotTarget(plotFile, deviceSpec != null);
    Layout layout = layout(spec, deviceSpec, query);
    BigInteger outputTokens = value(spec, OUTPUT_TOKENS);
    if (outputTokens != null) {
      if (outputTokens.signum() < 1) {
        throw new UsageException(outputTokensProblem(outputTokens));
      }
      if (deviceSpec == null) {
        throw new UsageException(
            OUTPUT_TOKENS + " needs a device to time the request on: add " + DEVICE + " ID (see " + LIST_DEVICES
                + "), or " + PEAK_FLOPS + " and " + MEM_BANDWIDTH);
      }
    }
    return new Request(
        model, query, new Revision(rev), hub, format, quantization, precision, costs, deviceSpec, plot, layout, outputTokens,
        null);
  }

  /** What is wrong with {@code n} output tokens (fewer than 1). */
  static String outputTokensProblem(BigInteger n) {
    return OUTPUT_TOKENS + " must be at least 1 (got " + n + ")";
  }

  /**
   * What is wrong with a batch of {@code batch} queries, {@code values} token values repeated
   * {@code repeat} times, split into {@code dp} attention groups of {@code pp} micro-batches: null
   * when every group and micro-batch holds the same pattern of queries.
   */
  static String batchSplit(BigInteger batch, int values, BigInteger repeat, long dp, long pp) {
    BigInteger groups = BigInteger.valueOf(dp).multiply(BigInteger.valueOf(pp));
    if (repeat.mod(groups).signum() == 0) {
      return null;
    }
    return BATCH + " (" + batch + ") must be a multiple of " + DP + " × " + PP + " × the values in " + CACHED
        + " (" + dp + " × " + pp + " × " + values + " = " + groups.multiply(BigInteger.valueOf(values))
        + "): every attention group and micro-batch holds the same queries";
  }

  /**
   * The layout the parallel and link options give ({@link Layout#SINGLE} without them): degrees of
   * at least 1, a device to time the links on, and a batch every attention group and micro-batch
   * holds the same pattern of.
   */
  private static Layout layout(CommandSpec spec, DeviceSpec device, Query query) {
    String[] names = {TP, DP, EP, PP};
    long[] degrees = new long[names.length];
    String given = null;
    for (int i = 0; i < names.length; i++) {
      String text = value(spec, names[i]);
      degrees[i] = text == null ? 1 : LinkOptions.degree(names[i], text);
      given = given == null && text != null ? names[i] : given;
    }
    LinkOptions links =
        new LinkOptions(
            value(spec, LINK_BANDWIDTH),
            value(spec, NET_BANDWIDTH),
            value(spec, NODE_SIZE),
            value(spec, LINK_EFFICIENCY),
            value(spec, LINK_LATENCY),
            LINK_NAMES);
    if (given == null && links.any()) {
      given = links.firstGiven();
    }
    if (given == null || (degrees[0] == 1 && degrees[1] == 1 && degrees[2] == 1 && degrees[3] == 1 && !links.any())) {
      // One device: degrees of 1 change nothing.
      return Layout.SINGLE;
    }
    if (device == null) {
      throw new UsageException(
          given + " needs a device to time the step on: add " + DEVICE + " ID (see " + LIST_DEVICES + "), or "
              + PEAK_FLOPS + " and " + MEM_BANDWIDTH);
    }
    long tp = degrees[0];
    long dp = degrees[1];
    long pp = degrees[3];
    String split = batchSplit(query.batchSize(), query.cached().size(), query.repeat(), dp, pp);
    if (split != null) {
      throw new UsageException(split);
    }
    BigInteger devices = BigInteger.valueOf(tp).multiply(BigInteger.valueOf(dp)).multiply(BigInteger.valueOf(pp));
    long instance = devices.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    LinkOptions.Figures f = links.resolve(device.id(), instance);
    Links resolved =
        new Links(f.scaleUpName(), f.scaleUp(), f.scaleOutName(), f.scaleOut(), f.nodeSize(), f.efficiency(), f.latency());
    return new Layout(tp, dp, degrees[2], pp, resolved);
  }

  /**
   * The output {@code --format} names.
   *
   * @throws UsageException for a name of no format
   */
  private static ReportFormat format(CommandSpec spec) {
    String name = value(spec, FORMAT);
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

  /**
   * The value of option {@code name} (its full name): null when it is not given or, for this run,
   * not declared. Looked up in the spec's map of names, not by picocli's search over every option.
   */
  static <T> T value(CommandSpec spec, String name) {
    OptionSpec option = spec.optionsMap().get(name);
    return option == null ? null : option.getValue();
  }

  /** What a layout's broken rule means in the options' terms. */
  static String message(LayoutException e) {
    java.util.List<BigInteger> v = e.values();
    return switch (e.problem()) {
      case EXPERTS_NEEDED -> EP + " " + v.get(0) + " needs a model with routed experts (" + EP + " 1 is allowed everywhere)";
      case EP_GROUP -> EP + " " + v.get(0) + " must divide " + TP + " × " + DP + " (" + v.get(1) + ")";
      case EP_EXPERTS -> EP + " " + v.get(0) + " must divide the routed experts (" + v.get(1) + ")";
      case TP_HEADS -> TP + " " + v.get(0) + " must divide the attention heads (" + v.get(1) + ")";
      case TP_KV_HEADS -> TP + " " + v.get(0) + " and the key/value heads (" + v.get(1) + ") must divide one another";
      case PP_LAYERS -> PP + " " + v.get(0) + " must not exceed the layers (" + v.get(1) + ")";
      case NO_BANDWIDTH -> (v.get(0).signum() == 0
              ? "the device's scale-up bandwidth is not known: give it with " + LINK_BANDWIDTH
              : "the device's scale-out bandwidth is not known: give it with " + NET_BANDWIDTH)
          + " (bytes/s per device and direction)";
    };
  }

  /** What a batch's broken rule means in the options' terms. */
  static String message(Query.Invalid e, int cachedValues, int inputValues) {
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
