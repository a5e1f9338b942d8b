package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every abbreviation the original's parser accepted still means the same option: the original's
 * options are told apart by their first letter after {@code --}, so every prefix from {@code --c},
 * {@code --i}, {@code --b} and {@code --h} on must resolve as before, whatever options were added.
 */
class OptionPrefixesTest {

  private static final String CONFIG = "src/test/resources/golden/reference-suite/llama/config-0.json";

  private static CliRun run(List<String> args) {
    return CliRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --cached-tokens | 3 5
          --input-tokens  | 1 2
          --batch-size    | 4
          """)
  void everyPrefixOfAnOriginalOptionResolvesToIt(String option, String values) {
    List<String> full = args(option, values);
    CliRun want = run(full);
    assertThat(want.exitCode()).as(want.describe()).isZero();
    for (int n = 3; n <= option.length(); n++) {
      String prefix = option.substring(0, n);
      CliRun got = run(args(prefix, values));
      assertThat(got.exitCode()).as(prefix + "\n" + got.describe()).isZero();
      assertThat(got.out()).as(prefix).isEqualTo(want.out());
      CliRun withEquals = run(argsWithEquals(prefix, values));
      assertThat(withEquals.out()).as(prefix + "=").isEqualTo(want.out());
    }
  }

  /** The other two options of the three, at their full names, fill the batch. */
  private static List<String> args(String option, String values) {
    List<String> args = new ArrayList<>();
    addDefaults(args, option);
    args.add(option);
    args.addAll(List.of(values.split(" ")));
    args.add("--");
    args.add(CONFIG);
    return args;
  }

  private static List<String> argsWithEquals(String option, String values) {
    List<String> args = new ArrayList<>();
    addDefaults(args, option);
    String[] v = values.split(" ");
    args.add(option + "=" + v[0]);
    args.addAll(List.of(v).subList(1, v.length));
    args.add("--");
    args.add(CONFIG);
    return args;
  }

  private static void addDefaults(List<String> args, String except) {
    if (!"--cached-tokens".startsWith(except.substring(0, 3))) {
      args.addAll(List.of("--cached-tokens", "3", "5"));
    }
    if (!"--input-tokens".startsWith(except.substring(0, 3))) {
      args.addAll(List.of("--input-tokens", "1", "2"));
    }
    if (!"--batch-size".startsWith(except.substring(0, 3))) {
      args.addAll(List.of("--batch-size", "4"));
    }
  }

  /** A prefix of more than one option is a usage error of one line, with one {@code error:} prefix. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          --f   | '--format', '--flops-efficiency'
          --mem | '--mem-bandwidth', '--mem-capacity', '--mem-efficiency'
          --p   | '--peak-flops', '--pp', '--pareto', '--plot'
          --max | '--max-ttft', '--max-tpot'
          --l   | '--link-bandwidth', '--link-efficiency', '--link-latency', '--list-devices', '--list-models'
          """)
  void anAmbiguousPrefixIsOneUsageErrorLine(String prefix, String options) {
    CliRun run = CliRun.of(prefix, "json", "--", CONFIG);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("error: '" + prefix + "' is not unique: it matches " + options + " (see '" + Main.NAME + " --help')\n");
  }

  @Test
  void everyPrefixOfHelpShowsTheHelp() {
    String help = CliRun.of("--help").out();
    assertThat(help).startsWith("Usage: ");
    for (int n = 3; n <= "--help".length(); n++) {
      CliRun got = CliRun.of("--help".substring(0, n));
      assertThat(got.exitCode()).as(got.describe()).isZero();
      assertThat(got.out()).isEqualTo(help);
    }
  }

  @Test
  void noOptionBeginsWithTheOriginalsLetters() {
    String help = CliRun.of("--help").out();
    List<String> names = new ArrayList<>();
    for (String word : help.split("[\\s,\\[\\]=]+")) {
      if (word.startsWith("--") && word.length() > 2) {
        names.add(word);
      }
    }
    assertThat(names).contains("--device", "--format", "--cached-tokens");
    for (String name : names) {
      if (name.matches("--[cibh].*")) {
        assertThat(name).isIn("--cached-tokens", "--input-tokens", "--batch-size", "--help");
      }
    }
  }
}
