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
}
