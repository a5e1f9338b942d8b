package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.report.TableReport;
import dev.roofline.analyzer.source.Catalog;
import dev.roofline.analyzer.source.ConfigSource;
import dev.roofline.analyzer.source.HubSettings;
import dev.roofline.analyzer.source.LoadedConfig;
import dev.roofline.analyzer.source.Revision;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * The command: options in, one report out. Its options are declared with picocli's programmatic
 * API rather than annotations, which spares every run the reflection over annotated fields (a
 * large part of the start-up time of a process this short).
 */
final class AnalyzeCommand implements Callable<Integer> {

  static final String CACHED = "--cached-tokens";
  static final String INPUT = "--input-tokens";
  static final String BATCH = "--batch-size";
  static final String REVISION = "--revision";
  static final String OFFLINE = "--offline";
  static final String LIST_MODELS = "--list-models";

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
            .arity("0..1")
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
        OptionSpec.builder(LIST_MODELS)
            .arity("0")
            .type(boolean.class)
            .description("Print the repo ids of the bundled snapshots and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
    spec.addOption(
        OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
    return spec;
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
    codes.put("0", "success");
    codes.put(String.valueOf(Main.EXIT_CONFIG), "the config cannot be had or used");
    codes.put(String.valueOf(Main.EXIT_USAGE), "usage error (options, token counts)");
    codes.put(String.valueOf(Main.EXIT_BUG), "internal error (a bug)");
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
    // Every usage check comes before any file or network access.
    String model = spec.positionalParameters().get(0).getValue();
    if (model == null) {
      throw usage("Missing required parameter: '<model_name_or_config>'", null);
    }
    Query query;
    Revision revision;
    HubSettings hub;
    try {
      query =
          Query.of(
              spec.findOption(CACHED).getValue(),
              spec.findOption(INPUT).getValue(),
              spec.findOption(BATCH).getValue());
      revision = new Revision(spec.findOption(REVISION).getValue());
      hub = HubSettings.from(env, Boolean.TRUE.equals(spec.findOption(OFFLINE).getValue()));
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage(), e);
    }
    LoadedConfig loaded = ConfigSource.resolve(model, hub, revision);
    ModelConfig config = Graphs.readConfig(loaded.json(), loaded.origin());
    String report = TableReport.render(Analysis.of(Graphs.build(config, query)));
    if (loaded.notice() != null) {
      commandLine.getErr().print(loaded.notice() + "\n");
      commandLine.getErr().flush();
    }
    out.print(report);
    out.flush();
    return 0;
  }

  private ParameterException usage(String message, Exception cause) {
    return new ParameterException(commandLine, message, cause);
  }
}
