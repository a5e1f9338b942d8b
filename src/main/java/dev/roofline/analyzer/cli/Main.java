package dev.roofline.analyzer.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Entry point: runs the command and exits once with its exit code. */
public final class Main {

  /** The command's name, as users type it. */
  public static final String NAME = "transformer-roofline-analyzer";

  /** Exit code of a usage error (unknown option, bad token counts). */
  public static final int EXIT_USAGE = 2;

  /** Exit code when the config cannot be had or used. */
  public static final int EXIT_CONFIG = 1;

  /** Exit code when an output file (the chart) cannot be written: the same as for a config. */
  public static final int EXIT_OUTPUT = EXIT_CONFIG;

  /** Exit code of an internal failure: {@code EX_SOFTWARE} of sysexits. */
  public static final int EXIT_BUG = 70;

  private Main() {}

  public static void main(String[] args) {
    // UTF-8 whatever the platform's charset; the report's lines end with \n on every platform.
    PrintWriter out = utf8(new FileOutputStream(FileDescriptor.out));
    PrintWriter err = utf8(new FileOutputStream(FileDescriptor.err));
    System.exit(run(args, out, err));
  }

  private static PrintWriter utf8(FileOutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
  }

  /** Runs the command on {@code args}, writing to {@code out} and {@code err}; the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with {@code env} for the environment. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cmd = AnalyzeCommand.commandLine(env);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setAbbreviatedOptionsAllowed(true);
    ErrorHandler errors = new ErrorHandler();
    cmd.setParameterExceptionHandler(errors);
    cmd.setExecutionExceptionHandler(errors);
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
