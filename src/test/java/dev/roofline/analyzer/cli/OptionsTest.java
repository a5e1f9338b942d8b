package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spellings of the same command line that the original's parser accepted give the same report. */
class OptionsTest {

  private static final String CONFIG = "src/test/resources/golden/reference-suite/llama/config-0.json";

  private static CliRun run(String line) {
    return CliRun.of(line.replace("CONFIG", CONFIG).split(" "));
  }

  @ParameterizedTest(name = "[{1}] = [{0}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --cached-tokens 3 5 --input-tokens 1 2 --batch-size 4 -- CONFIG | --cached 3 5 --input 1 2 --batch 4 -- CONFIG
          --cached-tokens 3 5 --input-tokens 1 2 --batch-size 4 -- CONFIG | --cached-tokens=3 5 --input-tokens=1 2 --batch-size=4 CONFIG
          --cached-tokens 3 5 --input-tokens 1 2 --batch-size 4 -- CONFIG | CONFIG --batch-size 4 --input-tokens 1 2 --cached-tokens 3 5
          --cached-tokens 3 5 --input-tokens 1 2 --batch-size 4 -- CONFIG | --cached-tokens 9 --cached-tokens 3 5 --input-tokens 1 2 --batch-size 4 -- CONFIG
          --cached-tokens 1000 --input-tokens 7 -- CONFIG                 | --cached-tokens 1_000 --input-tokens +7 -- CONFIG
          --cached-tokens 0 --input-tokens 1 -- CONFIG                    | CONFIG
          """)
  void sameReport(String canonical, String variant) {
    CliRun want = run(canonical);
    CliRun got = run(variant);
    assertThat(want.exitCode()).as(want.describe()).isZero();
    assertThat(got.exitCode()).as(got.describe()).isZero();
    assertThat(got.out()).isEqualTo(want.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --input-tokens 4 CONFIG      | --input-tokens: 'src/test/resources/golden/reference-suite/llama/config-0.json' is not an integer (put -- before the model name or config path)
          --cached-tokens -- CONFIG    | --cached-tokens expects one or more integers
          --cached-tokens -3 -- CONFIG | --cached-tokens must not be negative (got -3)
          """)
  void tokenListErrors(String line, String message) {
    CliRun r = run(line);
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: " + message);
    assertThat(r.out()).isEmpty();
  }
}
