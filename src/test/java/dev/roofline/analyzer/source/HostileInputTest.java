package dev.roofline.analyzer.source;

import static dev.roofline.analyzer.source.HubFixture.COMMIT;
import static dev.roofline.analyzer.source.HubFixture.CONFIG;
import static dev.roofline.analyzer.source.HubFixture.ETAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roofline.analyzer.cli.CliRun;
import dev.roofline.analyzer.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input: a careless user, a hostile file, a misbehaving Hub. Each test is one way of
 * breaking the tool that once worked (a crash, a hang, a leak, a poisoned cache), run in-process
 * against a Hub on loopback; the packaged tool's own cases are in {@code HostileEnvironmentIT}.
 * Every failure must be one clean line on stderr, with the documented exit code and the cache as
 * it should be.
 */
class HostileInputTest extends HubTestBase {

  private static final String BUNDLED = "meta-llama/Llama-3.2-1B";
  private static final String TOKEN = "hf_Q7xSecretTokenValue";

  /** One line on stderr: no stack trace, no control character, none of {@code secrets}. */
  private static void assertOneCleanLine(CliRun run, String... secrets) {
    assertThat(run.err().lines()).as(run.describe()).hasSize(1);
    assertThat(run.err()).as(run.describe()).endsWith("\n").doesNotContain("\tat ", "Caused by", "internal error");
    for (char c : run.err().substring(0, run.err().length() - 1).toCharArray()) {
      assertThat(c < 0x20 || (c >= 0x7f && c <= 0x9f)).as("control character %04x in %s", (int) c, run.err()).isFalse();
    }
    for (String secret : secrets) {
      assertThat(run.err() + run.out()).as(run.describe()).doesNotContain(secret);
    }
  }

  /** A config error or an unusable answer: exit 1, one clean line, nothing on stdout. */
  private static void assertConfigError(CliRun run, String start, String... secrets) {
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(start);
    assertOneCleanLine(run, secrets);
  }

  private String bundledReport(String... options) throws IOException {
    return hub.runLocal(new String(Catalog.read(BUNDLED), StandardCharsets.UTF_8), options).out();
  }

  /** The bundled snapshot served with one note saying why. */
  private void assertBundledWithNote(CliRun run, String reason) throws IOException {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(bundledReport());
    assertThat(run.err()).startsWith("note: using the bundled snapshot of " + BUNDLED + " (").contains(reason);
    assertOneCleanLine(run);
  }

  private String hostAndPort() {
    return hub.server.url("/").host() + ":" + hub.server.getPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  // --- 1. an http:// endpoint redirected to https:// ------------------------------------------

  /** A loopback port that keeps the first bytes a client sends on it, then hangs up. */
  private static final class FirstBytes implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    final CompletableFuture<byte[]> bytes =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                socket.setSoTimeout(20_000);
                try (Socket s = socket.accept()) {
                  s.setSoTimeout(10_000);
                  return s.getInputStream().readNBytes(3);
                }
              } catch (IOException e) {
                return new byte[0];
              }
            });

    FirstBytes() throws IOException {}

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void item01_aRedirectFromHttpToHttpsIsFollowedWithTlsNeverInClearText() throws Exception {
    try (FirstBytes target = new FirstBytes()) {
      String location = "https://127.0.0.1:" + target.socket.getLocalPort() + "/cdn/config.json";
      hub.server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", location).build());
      hub.env.put("HF_TOKEN", TOKEN);

      CliRun run = hub.run(BUNDLED);

      // A TLS connection opens with a handshake record (content type 22, version 3.x); a
      // clear-text one would have sent "GET".
      byte[] first = target.bytes.get(30, TimeUnit.SECONDS);
      assertThat(first).as(new String(first, StandardCharsets.ISO_8859_1)).startsWith(0x16, 0x03);
      assertThat(hub.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
      // The handshake fails (nothing speaks TLS there): an outage, so the bundled snapshot serves.
      assertBundledWithNote(run, "unreachable");
      assertOneCleanLine(run, TOKEN);
      assertThat(hub.cacheListing()).isEmpty();
    }
  }

  // --- 2. a negative Content-Length ---------------------------------------------------------

  private static MockResponse negativeContentLength() {
    return new MockResponse.Builder(HubFixture.ok(CONFIG)).setHeader("Content-Length", "-5").build();
  }

  @Test
  void item02_aNegativeContentLengthIsABrokenAnswerThatFallsBack() throws IOException {
    hub.server.enqueue(negativeContentLength());
    assertBundledWithNote(hub.run(BUNDLED), "unreachable (malformed answer: Content-Length -5)");
    assertThat(hub.cacheListing()).isEmpty();

    hub.server.enqueue(negativeContentLength());
    CliRun unknown = hub.run("acme/tiny-llama");
    assertConfigError(unknown, "error: cannot load config for 'acme/tiny-llama': hub " + hostAndPort() + " unreachable (malformed answer");
    assertThat(hub.cacheListing()).isEmpty();
  }

  // --- 3. tokens an HTTP header cannot carry ------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          HF_TOKEN with a line break inside | HF_TOKEN | hf_abc\\ndef  | hf_abcdef
          token file with CR LF             | FILE     | hf_crlf\\r\\n | hf_crlf
          token file with blanks and CR     | FILE     | \\t hf_x \\r  | hf_x
          """)
  void item03_lineEndsAndBlanksAreStrippedAsHuggingfaceHubStripsThem(String name, String source, String raw, String sent)
      throws Exception {
    String value = raw.strip().replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    if (source.equals("FILE")) {
      Files.writeString(home.resolve("token"), value);
    } else {
      hub.env.put(source, value);
    }
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(hub.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + sent);
    assertThat(hub.cache().resolve("models--acme--tiny-llama/refs/main")).hasContent(COMMIT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          token file saved with a byte-order mark | FILE                   | \\uFEFF | U+FEFF
          HF_TOKEN with an accented letter        | HF_TOKEN               | é       | U+00E9
          HF_TOKEN with a NUL                     | HF_TOKEN               | \\u0000 | U+0000
          legacy variable with an escape          | HUGGING_FACE_HUB_TOKEN | \\u001B | U+001B
          """)
  void item03_aTokenAHeaderCannotCarryIsOneLineThatDoesNotPrintIt(String name, String source, String bad, String code)
      throws Exception {
    String token = TOKEN + unescape(bad) + "tail";
    String where;
    if (source.equals("FILE")) {
      Path file = home.resolve("token");
      Files.writeString(file, unescape(bad) + TOKEN + "\n");
      where = "the token file " + file;
    } else {
      hub.env.put(source, token);
      where = source;
    }
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run(BUNDLED);
    assertConfigError(run, "error: " + where + " holds a character that cannot be sent in an HTTP header (" + code + ")", TOKEN);
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cacheListing()).isEmpty();
  }

  private static String unescape(String s) {
    return s.startsWith("\\u") ? String.valueOf((char) Integer.parseInt(s.substring(2), 16)) : s;
  }

  // --- 4. @argument files ---------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"@TOKEN", "-- @TOKEN", "@ARGS", "-- @DIR", "@/dev/zero"})
  void item04_anAtArgumentIsAnArgumentNotAFileToExpand(String args) throws Exception {
    Path token = Files.writeString(home.resolve("token"), TOKEN + "\n");
    // Lines a file of arguments would turn into options and a config.
    Path argsFile = Files.writeString(home.resolve("args"), "--cached-tokens\n77\n--\nacme/from-args-file\n");
    String[] argv =
        args.replace("TOKEN", token.toString()).replace("ARGS", argsFile.toString()).replace("DIR", home.toString()).split(" ");

    CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> hub.run(argv));

    String argument = argv[argv.length - 1];
    assertConfigError(run, "error: '" + argument + "' is neither an existing file nor a valid HuggingFace repo id", TOKEN, "from-args-file");
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cache()).doesNotExist();
  }

  // --- 5. devices, pipes and sparse giants ----------------------------------------------------

  @Test
  void item05_aDeviceOrAPipeIsRefusedAtOnceAndAGiantFileUnread() throws Exception {
    Path fifo = home.resolve("no-writer.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    Path giant = home.resolve("giant.json");
    try (RandomAccessFile f = new RandomAccessFile(giant.toFile(), "rw")) {
      f.setLength(6L << 30);
    }

    for (String path : List.of("/dev/zero", fifo.toString())) {
      CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> hub.run("--", path));
      assertConfigError(run, "error: " + path + ": not a regular file (a device, pipe or socket)");
    }
    CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> hub.run("--", giant.toString()));
    assertConfigError(run, "error: " + giant + ": too large for a config.json (over 16 MiB)");
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cache()).doesNotExist();
  }

  @Test
  void item05_aTokenFileLargerThanATokenIsRefused() throws Exception {
    Path file = home.resolve("token");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(6L << 30);
    }
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> hub.run("acme/tiny-llama"));
    assertConfigError(run, "error: the token file " + file + " is larger than a token can be");
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cacheListing()).isEmpty();
  }

  // --- 6. standard output that cannot be written ----------------------------------------------

  /** A run whose standard output fails every write, as on a full disk. */
  private static CliRun runWithFullDisk(Map<String, String> env, String... args) {
    OutputStream full =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(full), new PrintWriter(err), env);
    return new CliRun(code, "", err.toString());
  }

  @Test
  void item06_aReportThatCannotBeWrittenIsAnErrorNotASuccess() throws IOException {
    Path config = Files.writeString(home.resolve("config.json"), CONFIG);
    CliRun run = runWithFullDisk(hub.env, "--", config.toString());
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(Main.EXIT_OUTPUT).isEqualTo(74);
    assertThat(run.err()).isEqualTo("error: cannot write to standard output\n");
    assertOneCleanLine(run);
  }

  // --- 7. answers that parse but cannot be used -----------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[]", "{}", "{\"model_type\": \"llama\", \"hidden_size\": -1}"})
  void item07_anUnusableAnswerIsNeverCachedAndTheFallbacksStillServe(String body) throws IOException {
    hub.server.enqueue(HubFixture.ok(body));
    assertBundledWithNote(hub.run(BUNDLED), "the Hub's config.json cannot be used: " + BUNDLED + " (");
    assertThat(hub.cacheListing()).isEmpty();

    hub.env.put("HF_HUB_OFFLINE", "1");
    CliRun offline = hub.run(BUNDLED);
    assertThat(offline.exitCode()).as(offline.describe()).isZero();
    assertThat(offline.err()).isEqualTo("note: using the bundled snapshot of " + BUNDLED + " (offline)\n");

    hub.env.remove("HF_HUB_OFFLINE");
    hub.server.enqueue(HubFixture.ok(body));
    assertConfigError(hub.run("acme/tiny-llama"), "error: acme/tiny-llama (http://" + hostAndPort() + "/acme/tiny-llama/resolve/main/config.json): ");
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void item07_aCachedCopyThatCannotBeUsedDoesNotShadowTheBundledSnapshot() throws IOException {
    // As an earlier version left it: an unusable config stored under refs/main.
    Path repo = hub.cache().resolve("models--" + BUNDLED.replace("/", "--"));
    Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT));
    Files.writeString(repo.resolve("snapshots").resolve(COMMIT).resolve("config.json"), "[]");
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), COMMIT);
    hub.env.put("HF_HUB_OFFLINE", "1");

    assertBundledWithNote(hub.run(BUNDLED), "offline; the cached config cannot be used");

    Path other = hub.cache().resolve("models--acme--tiny-llama");
    Files.createDirectories(other.resolve("snapshots").resolve(COMMIT));
    Files.writeString(other.resolve("snapshots").resolve(COMMIT).resolve("config.json"), "[]");
    Files.createDirectories(other.resolve("refs"));
    Files.writeString(other.resolve("refs/main"), COMMIT);
    assertConfigError(
        hub.run("acme/tiny-llama"),
        "error: cannot load config for 'acme/tiny-llama': offline (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE or the offline option), the cached config cannot be used (acme/tiny-llama (cached ");
  }

  // --- 8. permissions of cache files ----------------------------------------------------------

  @Test
  void item08_cacheFilesGetTheModeOfANewFileUnderTheUmask() throws IOException {
    // What the umask gives a new file here, as huggingface_hub's files get it.
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(Files.createFile(home.resolve("probe")));
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    Path repo = hub.cache().resolve("models--acme--tiny-llama");
    assertThat(Files.getPosixFilePermissions(repo.resolve("blobs").resolve(ETAG))).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(repo.resolve("refs/main"))).isEqualTo(expected);
    assertThat(hub.cacheListing()).doesNotContain(".tmp");
  }

  // --- 9. revisions that are no ref names -----------------------------------------------------

  @ParameterizedTest(name = "--revision {0}")
  @ValueSource(
      strings = {".", "..", "refs/.", ".hidden", "a/.b", "v1.lock", "a//b", "a/", "v1.", "@", "a@{1}", "x~1", "x^", "a:b", "x?",
        "x*", "x[", "v1.0 beta"})
  void item09_aRevisionGitWouldRefuseIsAUsageError(String revision) {
    CliRun run = hub.run("--revision", revision, "acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: invalid --revision '" + revision + "': ");
    assertOneCleanLine(run);
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cache()).doesNotExist();
  }

  @ParameterizedTest(name = "--revision {0}")
  @ValueSource(strings = {"v1.0", "refs/pr/1", "release-2024.01", "feature/x_y", "a.b/c.d"})
  void item09_refNamesStillWork(String revision) throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("--revision", revision, "acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(hub.cache().resolve("models--acme--tiny-llama/refs").resolve(revision)).hasContent(COMMIT);
  }

  // --- 10. links planted in a shared cache ----------------------------------------------------

  @ParameterizedTest(name = "{0} links elsewhere")
  @ValueSource(strings = {"", "blobs", "snapshots", "refs"})
  void item10_nothingIsWrittenThroughALinkOutOfTheCache(String planted) throws IOException {
    Path outside = Files.createDirectories(home.resolve("outside"));
    Path repo = hub.cache().resolve("models--acme--tiny-llama");
    Path link = planted.isEmpty() ? repo : repo.resolve(planted);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, outside);

    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("acme/tiny-llama");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG).out());
    assertThat(run.err()).startsWith("warning: could not write the HuggingFace cache (").contains("not a folder inside the cache");
    assertOneCleanLine(run);
    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }

  // --- 11. terminal control characters ------------------------------------------------------

  @Test
  void item11_controlCharactersFromAConfigAreShownEscaped() throws IOException {
    Path config = Files.writeString(home.resolve("title.json"), "{\"model_type\": \"\\u001b]0;owned\\u0007\"}");
    CliRun run = hub.run("--", config.toString());
    assertConfigError(run, "error: " + config + ": unsupported model_type '\\x1b]0;owned\\x07'; supported: deepseek_v3, gemma2, gemma3, gemma3_text, glm4_moe, gpt_oss, kimi_k2, llama, llama4, mistral");
  }

  @Test
  void item11_controlCharactersFromHubHeadersAreShownEscaped() throws IOException {
    hub.server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .addHeader("X-Error-Code", "GatedRepo")
            .addHeaderLenient("X-Error-Message", "\u001b]0;owned\u0007 \u202egated")
            .build());
    CliRun note = hub.run(BUNDLED);
    assertBundledWithNote(note, "(Hub: \\x1b]0;owned\\x07 \\u202egated)");

    hub.server.enqueue(new MockResponse.Builder().code(503).addHeaderLenient("X-Error-Message", "down\u0007\u009b31m").build());
    assertConfigError(hub.run("acme/tiny-llama"), "error: cannot load config for 'acme/tiny-llama': hub " + hostAndPort() + " unreachable (HTTP 503 (Hub: down\\x07\\x9b31m))");
    assertThat(hub.cacheListing()).isEmpty();
  }

  // --- 12. secrets and server text in messages ------------------------------------------------

  @Test
  void item12_aTokenFilePassedAsTheConfigIsNotEchoed() throws IOException {
    Path token = Files.writeString(home.resolve("token"), TOKEN + "\n");
    CliRun run = hub.run("--", token.toString());
    assertConfigError(run, "error: " + token + ": malformed JSON at line 1, column ", TOKEN, "Q7x", "Secret");
  }

  @Test
  void item12_theServersMessageIsCutShortAndNeverShowsTheToken() throws IOException {
    hub.env.put("HF_TOKEN", TOKEN);
    hub.server.enqueue(
        new MockResponse.Builder(HubFixture.error(404, "RepoNotFound"))
            .setHeader("X-Error-Message", "no such repo; you sent Authorization: Bearer " + TOKEN + " " + "x".repeat(10_000))
            .build());
    CliRun run = hub.run("acme/tiny-llama");
    assertConfigError(run, "error: repository acme/tiny-llama not found on the Hub", TOKEN);
    assertThat(run.err()).contains("(Hub: no such repo; you sent Authorization: Bearer <token> xxx").contains("x…)");
    assertThat(run.err().length()).isLessThan(400);
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void item12_credentialsInTheEndpointAreNeverShown() throws IOException {
    hub.env.put("HF_ENDPOINT", "http://reader:pa55word@" + hostAndPort());
    hub.server.enqueue(HubFixture.ok("{\"model_type\": "));
    CliRun malformed = hub.run("acme/tiny-llama");
    assertConfigError(malformed, "error: acme/tiny-llama (http://" + hostAndPort() + "/acme/tiny-llama/resolve/main/config.json): malformed JSON", "pa55word", "reader");

    hub.env.put("HF_ENDPOINT", "http://reader:pa55word@127.0.0.1:" + closedPort());
    CliRun refused = hub.run("acme/tiny-llama");
    assertConfigError(refused, "error: cannot load config for 'acme/tiny-llama': hub 127.0.0.1:", "pa55word", "reader");

    hub.env.put("HF_ENDPOINT", "ftp://reader:pa55word@mirror");
    assertConfigError(hub.run("acme/tiny-llama"), "error: HF_ENDPOINT is not an http(s) URL: ftp://mirror", "pa55word", "reader");
    assertThat(hub.cacheListing()).isEmpty();
  }

  // --- 13. results beyond the range of a double -----------------------------------------------

  @Test
  void item13_resultsBeyondADoublePrintExactlyNeverInf() throws IOException {
    BigInteger huge = BigInteger.TEN.pow(400);
    Path config = Files.writeString(home.resolve("config.json"), CONFIG);
    CliRun run = hub.run("--cached-tokens", huge.toString(), "--", config.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).doesNotContain("inf", "nan");
    // KV-cache = Lyr × (cached + input) · 2 · kvDims · w = 4 · (10^400 + 1) · 2 · (32 · 2) · 2 bytes
    // (port spec §5); in YiB (2^80), with two decimals rounded half to even.
    BigInteger kv = BigInteger.valueOf(4 * 2 * 64 * 2).multiply(huge.add(BigInteger.ONE));
    String yib = new BigDecimal(kv).divide(new BigDecimal(BigInteger.TWO.pow(80)), 2, RoundingMode.HALF_EVEN).toPlainString();
    assertThat(run.out()).contains("(KV-cache) " + yib + " YiB + ");

    // The operational intensity of attention grows with the input tokens beyond a double too.
    CliRun inputs = hub.run("--input-tokens", huge.toString(), "--", config.toString());
    assertThat(inputs.exitCode()).as(inputs.describe()).isZero();
    assertThat(inputs.out()).doesNotContain("inf", "nan").contains(" QFLOPs/Bytes |");
  }

  // --- 14. huge and tiny time-outs ------------------------------------------------------------

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"HF_HUB_ETAG_TIMEOUT, 3000000", "HF_HUB_ETAG_TIMEOUT, 1e300", "HF_HUB_DOWNLOAD_TIMEOUT, 1e300", "HF_HUB_ETAG_TIMEOUT, Infinity"})
  void item14_aTimeoutBeyondTheClientsRangeIsClamped(String variable, String value) throws IOException {
    hub.env.put(variable, value);
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG).out());
    assertThat(hub.cache().resolve("models--acme--tiny-llama/refs/main")).hasContent(COMMIT);
  }

  // --- 15. the download time-out bounds each wait, not the whole body -------------------------

  @Test
  void item15_aBodyTricklingInWithShortWaitsIsReadWhateverItsTotalTime() throws IOException {
    hub.env.put("HF_HUB_ETAG_TIMEOUT", "1");
    hub.env.put("HF_HUB_DOWNLOAD_TIMEOUT", "0.5");
    // 16 bytes every 0.14 s: each wait well within the download time-out, and the whole body (192
    // bytes: 11 waits at least, 1.54 s) longer than both time-outs together.
    assertThat(CONFIG.length()).isGreaterThan(11 * 16);
    hub.server.enqueue(new MockResponse.Builder(HubFixture.ok(CONFIG)).throttleBody(16, 140, TimeUnit.MILLISECONDS).build());
    long start = System.nanoTime();
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(1500);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG).out());
    assertThat(hub.cache().resolve("models--acme--tiny-llama/blobs").resolve(ETAG)).hasContent(CONFIG);
  }

  @Test
  void item15_aBodyThatStallsLongerThanTheDownloadTimeoutIsAnOutage() throws IOException {
    hub.env.put("HF_HUB_ETAG_TIMEOUT", "10");
    hub.env.put("HF_HUB_DOWNLOAD_TIMEOUT", "0.2");
    hub.server.enqueue(new MockResponse.Builder(HubFixture.ok(CONFIG)).bodyDelay(3, TimeUnit.SECONDS).build());
    CliRun run = hub.run("acme/tiny-llama");
    assertConfigError(run, "error: cannot load config for 'acme/tiny-llama': hub " + hostAndPort() + " unreachable (timed out)");
    assertThat(hub.cacheListing()).isEmpty();
  }

  // --- 18. a host name URI cannot parse -------------------------------------------------------

  @Test
  void item18_theHostIsNamedFromTheEndpointsText() throws IOException {
    hub.env.put("HF_ENDPOINT", "http://hf_mirror.invalid:8080/");
    CliRun unknown = hub.run("acme/tiny-llama");
    assertConfigError(unknown, "error: cannot load config for 'acme/tiny-llama': hub hf_mirror.invalid:8080 unreachable (cannot resolve hf_mirror.invalid");
    assertThat(unknown.err()).doesNotContain("null");
    assertBundledWithNote(hub.run(BUNDLED), "(hf_mirror.invalid:8080 unreachable (cannot resolve");
    assertThat(hub.cache()).doesNotExist();
  }

  // --- no item's input is taken for a bug -----------------------------------------------------

  /** Prepares one item's input and runs the tool on it. */
  private interface Input {
    CliRun run(HostileInputTest test) throws Exception;
  }

  private static Arguments input(String item, Input input) {
    return Arguments.of(item, input);
  }

  static Stream<Arguments> everyItemsInput() {
    return Stream.of(
        input("1 redirect to https", t -> {
          try (FirstBytes target = new FirstBytes()) {
            t.hub.server.enqueue(new MockResponse.Builder().code(302)
                .addHeader("Location", "https://127.0.0.1:" + target.socket.getLocalPort() + "/c").build());
            return t.hub.run("acme/tiny-llama");
          }
        }),
        input("2 Content-Length -5", t -> {
          t.hub.server.enqueue(negativeContentLength());
          return t.hub.run("acme/tiny-llama");
        }),
        input("3 token with a BOM", t -> {
          Files.writeString(t.home.resolve("token"), "\uFEFF" + TOKEN);
          return t.hub.run("acme/tiny-llama");
        }),
        input("3 token with a NUL", t -> {
          t.hub.env.put("HF_TOKEN", "a\u0000b");
          return t.hub.run("acme/tiny-llama");
        }),
        input("4 -- @folder", t -> t.hub.run("--", "@" + t.home)),
        input("4 @/dev/zero", t -> t.hub.run("@/dev/zero")),
        input("5 /dev/zero", t -> t.hub.run("--", "/dev/zero")),
        input("6 stdout full", t -> runWithFullDisk(Map.of("HF_HUB_OFFLINE", "1"), BUNDLED)),
        input("7 [] from the Hub", t -> {
          t.hub.server.enqueue(HubFixture.ok("[]"));
          return t.hub.run("acme/tiny-llama");
        }),
        input("8 download into a fresh cache", t -> {
          t.hub.server.enqueue(HubFixture.ok(CONFIG));
          return t.hub.run("acme/tiny-llama");
        }),
        input("9 --revision .", t -> t.hub.run("--revision", ".", "acme/tiny-llama")),
        input("10 refs linked elsewhere", t -> {
          Path repo = Files.createDirectories(t.hub.cache().resolve("models--acme--tiny-llama"));
          Files.createSymbolicLink(repo.resolve("refs"), Files.createDirectories(t.home.resolve("outside")));
          t.hub.server.enqueue(HubFixture.ok(CONFIG));
          return t.hub.run("acme/tiny-llama");
        }),
        input("11 escape in model_type", t ->
            t.hub.run("--", Files.writeString(t.home.resolve("c.json"), "{\"model_type\": \"\\u001b]0;x\\u0007\"}").toString())),
        input("12 token file as config", t -> t.hub.run("--", Files.writeString(t.home.resolve("token"), TOKEN).toString())),
        input("13 10^400 cached tokens", t ->
            t.hub.run("--cached-tokens", BigInteger.TEN.pow(400).toString(), "--", Files.writeString(t.home.resolve("c.json"), CONFIG).toString())),
        input("14 HF_HUB_ETAG_TIMEOUT=1e300", t -> {
          t.hub.env.put("HF_HUB_ETAG_TIMEOUT", "1e300");
          t.hub.server.enqueue(HubFixture.ok(CONFIG));
          return t.hub.run("acme/tiny-llama");
        }),
        input("14 HF_HUB_ETAG_TIMEOUT=1e-300", t -> {
          t.hub.env.put("HF_HUB_ETAG_TIMEOUT", "1e-300");
          t.hub.server.enqueue(HubFixture.ok(CONFIG));
          return t.hub.run("acme/tiny-llama");
        }),
        input("15 trickling body", t -> {
          t.hub.env.put("HF_HUB_ETAG_TIMEOUT", "1");
          t.hub.env.put("HF_HUB_DOWNLOAD_TIMEOUT", "0.5");
          t.hub.server.enqueue(new MockResponse.Builder(HubFixture.ok(CONFIG)).throttleBody(64, 100, TimeUnit.MILLISECONDS).build());
          return t.hub.run("acme/tiny-llama");
        }),
        input("18 HF_ENDPOINT=http://hf_mirror:8080", t -> {
          t.hub.env.put("HF_ENDPOINT", "http://hf_mirror:8080");
          return t.hub.run("acme/tiny-llama");
        }));
  }

  @ParameterizedTest(name = "item {0}")
  @MethodSource("everyItemsInput")
  void noItemsInputIsTakenForABug(String item, Input input) throws Exception {
    CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> input.run(this));
    assertThat(run.exitCode()).as(run.describe()).isNotEqualTo(Main.EXIT_BUG);
    assertThat(run.err()).as(run.describe()).doesNotContain("internal error", "\tat ");
  }
}
