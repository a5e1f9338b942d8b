package dev.roofline.analyzer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the command: its exit code and both streams. */
public record CliRun(int exitCode, String out, String err) {

  /** A run with no Hub variables set but HF_HOME in a folder no test writes to. */
  public static CliRun of(String... args) {
    return withEnv(Map.of("HF_HOME", "target/no-hf-home", "HF_HUB_OFFLINE", "1"), args);
  }

  /** A run that sees {@code env} as its whole environment. */
  public static CliRun withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Shown when an assertion on this run fails. */
  public String describe() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
