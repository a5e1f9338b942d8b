package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.SafeText;
import dev.roofline.analyzer.config.ConfigException;
import dev.roofline.analyzer.config.UnsupportedQuantizationException;
import dev.roofline.analyzer.device.DeviceException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one error path: usage errors, unusable configs and unwritable outputs become one {@code
 * error:} line on stderr and their exit code; anything else is a bug and keeps its stack trace.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** The prefix some of the parser's own messages start with, where ours print {@code error: }. */
  private static final String PARSER_PREFIX = "Error: ";

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String message = e.getMessage();
    if (message != null && message.startsWith(PARSER_PREFIX)) {
      message = message.substring(PARSER_PREFIX.length());
    }
    return usage(e.getCommandLine().getErr(), message);
  }

  private static int usage(PrintWriter err, String message) {
    err.print("error: " + oneLine(message) + " (see '" + Main.NAME + " --help')\n");
    err.flush();
    return Main.EXIT_USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof UsageException || e instanceof DeviceException) {
      return usage(err, e.getMessage());
    }
    if (e instanceof UnsupportedQuantizationException) {
      err.print(
          "error: "
              + oneLine(e.getMessage())
              + "; count without it with "
              + AnalyzeCommand.QUANTIZATION
              + " none (the default), or give the precisions with "
              + AnalyzeCommand.WEIGHT_DTYPE
              + ", "
              + AnalyzeCommand.KV_DTYPE
              + " and "
              + AnalyzeCommand.ACT_DTYPE
              + "\n");
      err.flush();
      return Main.EXIT_CONFIG;
    }
    if (e instanceof ConfigException) {
      return failure(err, e.getMessage(), Main.EXIT_CONFIG);
    }
    if (e instanceof OutputException) {
      return failure(err, e.getMessage(), Main.EXIT_FILE);
    }
    err.print("internal error (a bug, please report it with the command line):\n");
    e.printStackTrace(err);
    err.flush();
    return Main.EXIT_BUG;
  }

  private static int failure(PrintWriter err, String message, int code) {
    err.print("error: " + oneLine(message) + "\n");
    err.flush();
    return code;
  }

  /** Messages quote outside text (arguments, config values, server headers): one safe line. */
  private static String oneLine(String message) {
    return message == null ? "unknown error" : SafeText.line(message);
  }
}
