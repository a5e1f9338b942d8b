package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.analysis.Analysis;
import dev.roofline.analyzer.config.ConfigReader;
import dev.roofline.analyzer.config.ModelConfig;
import dev.roofline.analyzer.graph.Graphs;
import dev.roofline.analyzer.graph.Query;
import dev.roofline.analyzer.report.TableReport;
import dev.roofline.analyzer.source.ConfigSource;
import dev.roofline.analyzer.source.LoadedConfig;
import java.math.BigInteger;
import java.util.List;
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

  @Parameters(
      index = "0",
      paramLabel = "<model_name_or_config>",
      description = "A config.json, or a folder that holds one.")
  String model;

  @Override
  public Integer call() {
    Query query;
    try {
      query = Query.of(cachedTokens, inputTokens, batchSize);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    LoadedConfig loaded = ConfigSource.resolve(model);
    ModelConfig config = ConfigReader.read(loaded.json(), loaded.origin());
    String report = TableReport.render(Analysis.of(Graphs.build(config, query)));
    spec.commandLine().getOut().print(report);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
