package dev.roofline.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged launcher in a hostile environment, as a real process: standard output that cannot
 * be written, a umask, JVM option variables, an install folder whose path holds a colon. Each
 * failure must be one clean line on stderr with its exit code (never 70, never a trace).
 */
class HostileEnvironmentIT {

  private static final Path LAUNCHER = Path.of("target/transformer-roofline-analyzer").toAbsolutePath();
  private static final Path CONFIG = Path.of("src/test/resources/golden/reference-suite/llama/config-0.json").toAbsolutePath();
  private static final Path EXPECTED = Path.of("src/test/resources/golden/reference-suite/llama/output-0-0.txt");
  private static final List<String> ARGS =
      List.of("--cached-tokens", "0", "--input-tokens", "2048", "--batch-size", "100", "--", CONFIG.toString());

  @TempDir Path dir;

  /**
   * A run of {@code command} in an environment without HuggingFace variables but {@code env}, its
   * stdout sent to {@code stdout} (read back when it is a file of this test's).
   */
  private PackagedToolIT.Result run(List<String> command, Map<String, String> env, File stdout) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    for (String name : List.of("HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "XDG_CACHE_HOME", "HF_ENDPOINT", "HF_TOKEN")) {
      pb.environment().remove(name);
    }
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(stdout).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = stdout.toPath().startsWith(dir) ? Files.readString(stdout.toPath(), StandardCharsets.UTF_8) : "";
    return new PackagedToolIT.Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
  }

  private PackagedToolIT.Result run(List<String> command, Map<String, String> env) throws Exception {
    return run(command, env, Files.createTempFile(dir, "out", ".txt").toFile());
  }

  private static List<String> launcher(Path launcher, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(args);
    return cmd;
  }

  /** The launcher run by {@code sh} after {@code shell} (a umask, a redirection). */
  private static List<String> viaShell(String shell, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", shell + "; exec \"$0\" \"$@\"", LAUNCHER.toString()));
    cmd.addAll(args);
    return cmd;
  }

  private static String expected() throws IOException {
    return Files.readString(EXPECTED, StandardCharsets.UTF_8).stripTrailing() + "\n";
  }

  private static void assertOneLine(PackagedToolIT.Result r) {
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ", "Picked up", "Exception");
    assertThat(r.exit()).as(r.err()).isNotEqualTo(70);
  }

  // --- 6. standard output that cannot be written ----------------------------------------------

  @Test
  void item06_aFullDiskIsAnErrorWithItsReason() throws Exception {
    assumeTrue(new File("/dev/full").exists(), "no /dev/full here");
    PackagedToolIT.Result r = run(launcher(LAUNCHER, ARGS), Map.of(), new File("/dev/full"));
    assertThat(r.exit()).as(r.err()).isEqualTo(74);
    assertThat(r.err()).isEqualTo("error: cannot write to standard output (No space left on device)\n");
    assertOneLine(r);
  }

  @Test
  void item06_aClosedStandardOutputIsAnErrorToo() throws Exception {
    PackagedToolIT.Result r = run(viaShell("exec >&-", ARGS), Map.of());
    assertThat(r.exit()).as(r.err()).isEqualTo(74);
    assertThat(r.err()).startsWith("error: cannot write to standard output (");
    assertOneLine(r);
  }

  @Test
  void item06_aReaderThatHasGoneIsTheQuietExitOfSigpipe() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher(LAUNCHER, ARGS));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path err = dir.resolve("err.txt");
    pb.redirectError(err.toFile()).redirectInput(new File("/dev/null"));
    Process p = pb.start();
    // The reader goes before the tool writes (as `| true` does): its write finds a broken pipe.
    p.getInputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(141);
    assertThat(err).isEmptyFile();
  }

  // --- 8. the umask decides the mode of cache files -------------------------------------------

  @ParameterizedTest(name = "umask {0}")
  @CsvSource({"002, rw-rw-r--", "022, rw-r--r--", "077, rw-------"})
  void item08_cacheFilesGetTheModeTheUmaskGives(String umask, String mode) throws Exception {
    String commit = "0123456789abcdef0123456789abcdef01234567";
    String etag = "b".repeat(64);
    try (MockWebServer hub = new MockWebServer()) {
      hub.start();
      hub.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(Files.readString(CONFIG))
              .addHeader("X-Repo-Commit", commit)
              .addHeader("ETag", "\"" + etag + "\"")
              .build());
      PackagedToolIT.Result r =
          run(viaShell("umask " + umask, List.of("acme/shared-llama")),
              Map.of("HF_ENDPOINT", hub.url("/").toString(), "HF_HOME", dir.resolve("hf-home").toString()));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
    }
    Path repo = dir.resolve("hf-home/hub/models--acme--shared-llama");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo.resolve("blobs").resolve(etag)))).isEqualTo(mode);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repo.resolve("refs/main")))).isEqualTo(mode);
  }

  // --- 16. JVM option variables ---------------------------------------------------------------

  @Test
  void item16_jvmOptionVariablesAddNoLineToStderr() throws Exception {
    Map<String, String> env =
        Map.of("JAVA_TOOL_OPTIONS", "-Xss2m", "_JAVA_OPTIONS", "-Xms16m", "JDK_JAVA_OPTIONS", "-Xmx256m", "HF_HUB_OFFLINE", "1");
    PackagedToolIT.Result error = run(launcher(LAUNCHER, List.of("--", "no-such-config.json")), env);
    assertThat(error.exit()).isEqualTo(1);
    assertThat(error.out()).isEmpty();
    assertThat(error.err()).isEqualTo("error: no-such-config.json: no such file; pass the path of a config.json\n");
    assertOneLine(error);

    PackagedToolIT.Result ok = run(launcher(LAUNCHER, ARGS), env);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.err()).isEmpty();
    assertThat(ok.out()).isEqualTo(expected());
  }

  @Test
  void item16_theToolsOwnVariableCarriesJvmOptions() throws Exception {
    // user.home decides the default HuggingFace folder, which the error names.
    Path home = dir.resolve("elsewhere");
    Map<String, String> env = Map.of("TRANSFORMER_ROOFLINE_ANALYZER_JAVA_OPTIONS", "-Duser.home=" + home, "HF_HUB_OFFLINE", "1");
    PackagedToolIT.Result r = run(launcher(LAUNCHER, List.of("acme/not-cached")), env);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error: cannot load config for 'acme/not-cached': offline")
        .contains("not in the cache (" + home.resolve(".cache/huggingface/hub/models--acme--not-cached") + ")");
    assertOneLine(r);
  }

  // --- 17. an install folder whose path holds a colon -----------------------------------------

  @Test
  void item17_aLauncherInAFolderWithAColonRuns() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("tools:v1"));
    Path launcher = folder.resolve(LAUNCHER.getFileName());
    Files.copy(LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(Path.of("target/transformer-roofline-analyzer.jar"), folder.resolve("transformer-roofline-analyzer.jar"));
    Files.copy(Path.of("target/transformer-roofline-analyzer.jsa"), folder.resolve("transformer-roofline-analyzer.jsa"));

    PackagedToolIT.Result ok = run(launcher(launcher, ARGS), Map.of());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.err()).isEmpty();
    assertThat(ok.out()).isEqualTo(expected());

    PackagedToolIT.Result error = run(launcher(launcher, List.of("--", "no-such-config.json")), Map.of());
    assertThat(error.exit()).isEqualTo(1);
    assertThat(error.err()).isEqualTo("error: no-such-config.json: no such file; pass the path of a config.json\n");
  }
}
