package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.config.ConfigReader;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The command: options in, one report out. */
@Command(
    name = Main.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = false,
    description =
        "Compute (FLOPs), memory traffic (weight, input and output bytes), operational intensity"
            + " and minimum storage of one inference step of a transformer LLM, layer by layer and"
            + " for the whole model.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the config cannot be read or used",
      "2:usage error (options, token counts)",
      "70:internal error (a bug)"
    },
    footerHeading = "%nExample:%n",
    footer = "  transformer-roofline-analyzer --cached-tokens 1024 --input-tokens 1 -- config.json%n")
final class AnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--cached-tokens",
      arity = "1..*",
      paramLabel = "N",
      parameterConsumer = TokenListConsumer.class,
      defaultValue = "0",
      description = "Tokens already in the KV cache, one value per query (default: ${DEFAULT-VALUE}).")
  List<BigInteger> cachedTokens;

  @Option(
      names = "--input-tokens",
      arity = "1..*",
      paramLabel = "N",
      parameterConsumer = TokenListConsumer.class,
      defaultValue = "1",
      description = "New tokens fed in this step, one value per query (default: ${DEFAULT-VALUE}).")
  List<BigInteger> inputTokens;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      converter = WholeNumber.class,
      description =
          "Number of queries in the batch: a multiple of the number of values above, which are"
              + " repeated to fill it (default: one query per value).")
  BigInteger batchSize;

  @Option(
      names = "--revision",
      paramLabel = "REV",
      defaultValue = "main",
      description = "Branch, tag or commit of a Hub repository (default: ${DEFAULT-VALUE}).")
  String revision;

  @Option(
      names = "--offline",
      description = "Do not ask the Hub: use the HuggingFace cache or a bundled snapshot.")
  boolean offline;

  @Option(names = "--list-models", description = "Print the repo ids of the bundled snapshots and exit.")
  boolean listModels;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<model_name_or_config>",
      description =
          "A config.json, a folder that holds one, or a HuggingFace repo id such as"
              + " meta-llama/Llama-3.1-8B.")
  String model;

  private final Map<String, String> env;

  AnalyzeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (listModels) {
      Catalog.ids().forEach(out::println);
      out.flush();
      return 0;
    }
    // Every usage check comes before any file or network access.
    if (model == null) {
      throw usage("Missing required parameter: '<model_name_or_config>'", null);
    }
    Query query;
    Revision rev;
    HubSettings hub;
    try {
      query = Query.of(cachedTokens, inputTokens, batchSize);
      rev = new Revision(revision);
      hub = HubSettings.from(env, offline);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage(), e);
    }
    LoadedConfig loaded = ConfigSource.resolve(model, hub, rev);
    ModelConfig config = ConfigReader.read(loaded.json(), loaded.origin());
    String report = TableReport.render(Analysis.of(Graphs.build(config, query)));
    if (loaded.notice() != null) {
      spec.commandLine().getErr().println(loaded.notice());
      spec.commandLine().getErr().flush();
    }
    out.print(report);
    out.flush();
    return 0;
  }

  private ParameterException usage(String message, Exception cause) {
    return new ParameterException(spec.commandLine(), message, cause);
  }
}
