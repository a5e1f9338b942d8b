package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --plot} that cannot be done: usage errors (exit 2) before any file is read, and files
 * that cannot be written (exit 1); each one {@code error:} line, nothing on stdout, no file left.
 */
class PlotErrorsTest {

  private static final String SCOUT = "src/test/resources/golden/seed-sample/config-scout.json";

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static void assertOneError(CliRun run, int exit, String... fragments) {
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(exit);
    assertThat(run.out()).as(run.describe()).isEmpty();
    assertThat(run.err()).startsWith("error: ").contains(fragments);
    assertThat(run.err().lines()).hasSize(1);
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  /** A chart needs a device; an extension other than .svg or .png is refused. Neither reads the config. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no device            | chart.svg  |                                    | --plot needs a device
          PDF                  | chart.pdf  | --device h100-sxm                  | must end in .svg or .png
          no extension         | chart      | --device h100-sxm                  | must end in .svg or .png
          svg inside the name  | chart.svg.txt | --peak-flops 1P --mem-bandwidth 1T | must end in .svg or .png
          """)
  void usageErrorsComeBeforeAnyFileIsRead(String name, String file, String device, String fragment) throws Exception {
    List<String> args = new ArrayList<>(List.of("--plot", dir.resolve(file).toString()));
    if (device != null) {
      args.addAll(List.of(device.split(" ")));
    }
    args.addAll(List.of("--", "no/such/config.json"));
    CliRun r = run(args.toArray(String[]::new));
    assertOneError(r, 2, fragment, "--plot");
    assertThat(r.err()).doesNotContain("no such file");
    assertThat(files()).isEmpty();
  }

  @Test
  void theNoDeviceMessageSaysHowToGiveOne() {
    CliRun r = run("--plot", "x.svg", "--", SCOUT);
    assertOneError(r, 2, "--device", "--peak-flops", "--mem-bandwidth", "--list-devices");
  }

  @Test
  void aCustomDeviceIsEnough() throws Exception {
    Path png = dir.resolve("Custom.Png");
    CliRun r = run("--plot", png.toString(), "--peak-flops", "1P", "--mem-bandwidth", "2T", "--", SCOUT);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(files()).containsExactly(png);
  }

  @Test
  void aMissingFolderIsExitOneNamingThePath() throws Exception {
    Path target = dir.resolve("no-such-folder/chart.svg");
    assertOneError(run("--plot", target.toString(), "--device", "h100-sxm", "--", SCOUT), 1,
        "cannot write " + target, "no such folder");
    assertThat(files()).isEmpty();
  }

  @Test
  void aFolderInThePlaceOfTheFileIsNeverReplaced() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("chart.svg"));
    Files.writeString(folder.resolve("keep.txt"), "kept");
    assertOneError(run("--plot", folder.toString(), "--device", "h100-sxm", "--", SCOUT), 1,
        "cannot write " + folder, "is a folder");
    assertThat(folder).isDirectory();
    assertThat(Files.readString(folder.resolve("keep.txt"))).isEqualTo("kept");
    assertThat(files()).containsExactly(folder);
    try (Stream<Path> inside = Files.list(folder)) {
      assertThat(inside).containsExactly(folder.resolve("keep.txt"));
    }
  }

  /** A path through a regular file cannot be written, even by root. */
  @Test
  void anUnwritablePathIsExitOneNamingThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    Path target = file.resolve("chart.png");
    assertOneError(run("--plot", target.toString(), "--device", "h100-sxm", "--", SCOUT), 1,
        "cannot write " + target, "is not a folder");
    assertThat(files()).containsExactly(file);
  }

  /** Permissions bind everyone but root, for whom this test cannot be made. */
  @Test
  void aReadOnlyFolderIsExitOneAndLeavesNothing() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path folder = Files.createDirectory(dir.resolve("read-only"));
    assertThat(folder.toFile().setWritable(false, false)).isTrue();
    try {
      Path target = folder.resolve("chart.svg");
      assertOneError(run("--plot", target.toString(), "--device", "h100-sxm", "--", SCOUT), 1,
          "cannot write " + target, "permission denied");
      try (Stream<Path> inside = Files.list(folder)) {
        assertThat(inside).isEmpty();
      }
    } finally {
      folder.toFile().setWritable(true, false);
    }
  }

  /**
   * The chart is written before the report: when stdout then fails (exit 74), the chart stays,
   * the same file a run with a working stdout writes.
   */
  @Test
  void aChartWrittenBeforeStdoutFailsStays() throws Exception {
    Path svg = dir.resolve("chart.svg");
    String[] args = {"--plot", svg.toString(), "--device", "h100-sxm", "--", SCOUT};
    java.io.Writer full =
        new java.io.Writer() {
          @Override
          public void write(char[] text, int offset, int length) throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(args, new java.io.PrintWriter(full), new java.io.PrintWriter(err), java.util.Map.of("HF_HUB_OFFLINE", "1"));
    assertThat(code).as(err.toString()).isEqualTo(Main.EXIT_OUTPUT);
    assertThat(err.toString()).isEqualTo("error: cannot write to standard output\n");
    byte[] written = Files.readAllBytes(svg);
    assertThat(files()).containsExactly(svg);

    Files.delete(svg);
    CliRun ok = run(args);
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
    assertThat(Files.readAllBytes(svg)).isEqualTo(written);
  }

  @Test
  void aConfigErrorWritesNoChart() throws Exception {
    Path svg = dir.resolve("chart.svg");
    assertOneError(run("--plot", svg.toString(), "--device", "h100-sxm", "--", dir.resolve("missing.json").toString()),
        1, "no such file");
    assertThat(files()).isEmpty();
  }
}
