package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one error path: a bug keeps its stack trace and exits 70; user errors are one line. */
class ErrorHandlerTest {

  private final StringWriter err = new StringWriter();
  private final CommandLine cmd = AnalyzeCommand.commandLine(Map.of());

  ErrorHandlerTest() {
    cmd.setErr(new PrintWriter(err));
  }

  @Test
  void aBugExitsSeventyWithItsStackTrace() {
    int code = new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cmd, null);
    assertThat(code).isEqualTo(Main.EXIT_BUG).isEqualTo(70);
    assertThat(err.toString())
        .startsWith("internal error (a bug")
        .contains("java.lang.IllegalStateException: boom", "\tat dev.roofline.analyzer.cli.ErrorHandlerTest");
  }

  @Test
  void anUnusableConfigIsOneLineAndExitsOne() {
    int code = new ErrorHandler().handleExecutionException(new ConfigException("x.json: bad\nsecond line"), cmd, null);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("error: x.json: bad second line\n");
  }

  @Test
  void anUnwritableOutputIsOneLineAndExitsOne() {
    int code = new ErrorHandler().handleExecutionException(new OutputException("cannot write a.svg: it is a folder"), cmd, null);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("error: cannot write a.svg: it is a folder\n");
  }

  @Test
  void ourUsageExceptionIsOneLineAndExitsTwo() {
    int code = new ErrorHandler().handleExecutionException(new UsageException("--format: unknown"), cmd, null);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: --format: unknown (see 'transformer-roofline-analyzer --help')\n");
  }

  @Test
  void anIllegalArgumentFromInsideIsStillABug() {
    int code = new ErrorHandler().handleExecutionException(new IllegalArgumentException("inner"), cmd, null);
    assertThat(code).isEqualTo(70);
    assertThat(err.toString()).contains("java.lang.IllegalArgumentException: inner", "\tat ");
  }

  @Test
  void listModelsNeedsNoModelArgumentButTheSynopsisShowsItRequired() {
    CliRun list = CliRun.of("--list-models");
    assertThat(list.exitCode()).as(list.describe()).isZero();
    assertThat(list.out()).contains("meta-llama/Llama-3.1-8B\n");
    String help = CliRun.of("--help").out();
    assertThat(help).contains(" <model_name_or_config>").doesNotContain("[<model_name_or_config>]");
  }
}
