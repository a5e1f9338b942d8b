package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.SafeText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
  public static final int EXIT_FILE = EXIT_CONFIG;

  /** Exit code of an internal failure: {@code EX_SOFTWARE} of sysexits. */
  public static final int EXIT_BUG = 70;

  /** Exit code when standard output cannot be written (a full disk): {@code EX_IOERR} of sysexits. */
  public static final int EXIT_OUTPUT = 74;

  /** Exit code when the reader of standard output has gone: a shell's code for SIGPIPE (128 + 13). */
  public static final int EXIT_BROKEN_PIPE = 141;

  private Main() {}

  public static void main(String[] args) {
    // UTF-8 whatever the platform's charset; the report's lines end with \n on every platform.
    WatchedOutput stdout = new WatchedOutput(new FileOutputStream(FileDescriptor.out));
    PrintWriter out = utf8(stdout);
    PrintWriter err = utf8(new FileOutputStream(FileDescriptor.err));
    System.exit(run(args, out, err, System.getenv(), stdout));
  }

  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
  }

  /** Runs the command on {@code args}, writing to {@code out} and {@code err}; the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with {@code env} for the environment. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    return run(args, out, err, env, null);
  }

  /** As above; {@code stdout}, when known, is the stream under {@code out}, to tell why it failed. */
  private static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, WatchedOutput stdout) {
    CommandLine cmd = AnalyzeCommand.commandLine(env, args);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setAbbreviatedOptionsAllowed(true);
    // "@file" is an argument like any other (a file of that name, or a repo id), never a file of
    // arguments to read: the original has no such feature, and it would read any file, even after --.
    cmd.setExpandAtFiles(false);
    ErrorHandler errors = new ErrorHandler();
    cmd.setParameterExceptionHandler(errors);
    cmd.setExecutionExceptionHandler(errors);
    int code = cmd.execute(args);
    // A PrintWriter keeps write errors to itself: ask, or a report lost to a full disk exits 0.
    if (out.checkError()) {
      code = outputFailed(err, stdout == null ? null : stdout.failure());
    }
    err.flush();
    return code;
  }

  private static int outputFailed(PrintWriter err, IOException failure) {
    String reason = failure == null ? null : failure.getMessage();
    if (reason != null && reason.contains("Broken pipe")) {
      // The reader stopped reading (| head): nothing to tell it, and the shell's code for SIGPIPE.
      return EXIT_BROKEN_PIPE;
    }
    err.print("error: cannot write to standard output" + (reason == null ? "" : " (" + SafeText.line(reason) + ")") + "\n");
    return EXIT_OUTPUT;
  }
}
