package dev.roofline.analyzer.source;

import static dev.roofline.analyzer.source.HubFixture.COMMIT;
import static dev.roofline.analyzer.source.HubFixture.CONFIG;
import static dev.roofline.analyzer.source.HubFixture.ETAG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.cli.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outages and bad answers: falling back to the cache and the bundled snapshots, time-outs, bodies
 * not to use or cache, redirects, ids rejected before any I/O, caches written by Python tools, and
 * concurrent downloads.
 */
class HubFallbackTest extends HubTestBase {

  private String bundled(String id) {
    return new String(Catalog.read(id), StandardCharsets.UTF_8);
  }

  private String fillCache() {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun first = hub.run("acme/tiny-llama");
    assertThat(first.exitCode()).as(first.describe()).isZero();
    return first.out();
  }

  // --- HTTP 500 ----------------------------------------------------------------------------

  @Test
  void serverErrorFallsBackToTheCache() {
    String cached = fillCache();
    hub.server.enqueue(HubFixture.error(500, null));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(cached);
    assertThat(run.err()).startsWith("warning: ").contains("unreachable (HTTP 500)", "using the cached config");
  }

  @Test
  void serverErrorFallsBackToTheBundledSnapshot() throws IOException {
    hub.server.enqueue(HubFixture.error(503, null));
    CliRun run = hub.run("meta-llama/Llama-3.2-1B");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(hub.runLocal(bundled("meta-llama/Llama-3.2-1B")).out());
    assertThat(run.err()).isEqualTo("note: using the bundled snapshot of meta-llama/Llama-3.2-1B (" + host() + " unreachable (HTTP 503))\n");
  }

  @Test
  void serverErrorWithNothingElseListsWhatWasTried() throws IOException {
    hub.server.enqueue(HubFixture.error(502, null));
    CliRun run = hub.run("acme/unknown");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: cannot load config for 'acme/unknown': hub " + host() + " unreachable (HTTP 502), not in the cache ("
                + hub.cache().resolve("models--acme--unknown")
                + "), no bundled snapshot. Check the name, your network, or pass a local config.json.\n");
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void tooManyRequestsAndRequestTimeoutAreOutagesToo() throws IOException {
    hub.server.enqueue(HubFixture.error(429, null));
    assertThat(hub.run("meta-llama/Llama-3.2-1B").exitCode()).isZero();
    hub.server.enqueue(HubFixture.error(408, null));
    assertThat(hub.run("meta-llama/Llama-3.2-1B").err()).contains("unreachable (HTTP 408)");
  }

  // --- time-outs ---------------------------------------------------------------------------

  /**
   * The ETag time-out of the tests where it runs out: short, so that they do not wait, and far
   * below the server's delay, so that what ends the wait can only be the time-out.
   */
  private static final String SHORT_TIMEOUT = "0.2";

  private static MockResponse slow(long seconds) {
    return new MockResponse.Builder(HubFixture.ok(CONFIG)).headersDelay(seconds, TimeUnit.SECONDS).build();
  }

  @Test
  void slowerThanTheEtagTimeoutFallsBackToTheCache() {
    String cached = fillCache();
    hub.env.put("HF_HUB_ETAG_TIMEOUT", SHORT_TIMEOUT);
    hub.server.enqueue(slow(3));
    long start = System.nanoTime();
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2900);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(cached);
    assertThat(run.err()).contains("unreachable (timed out)", "using the cached config");
  }

  @Test
  void slowerThanTheEtagTimeoutFallsBackToTheCatalog() {
    hub.env.put("HF_HUB_ETAG_TIMEOUT", SHORT_TIMEOUT);
    hub.server.enqueue(slow(3));
    CliRun run = hub.run("meta-llama/Llama-3.2-3B");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).startsWith("note: using the bundled snapshot of meta-llama/Llama-3.2-3B").contains("timed out");
  }

  @Test
  void slowerThanTheEtagTimeoutWithNothingElseFails() {
    hub.env.put("HF_HUB_ETAG_TIMEOUT", SHORT_TIMEOUT);
    hub.server.enqueue(slow(3));
    CliRun run = hub.run("acme/slow");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot load config for 'acme/slow': hub ").contains("timed out");
  }

  @Test
  void aBodySlowerThanTheEtagTimeoutButWithinTheDownloadTimeoutIsRead() throws IOException {
    // A first download loads the HTTP client, so that the headers of the second come at once.
    fillCache();
    hub.env.put("HF_HUB_ETAG_TIMEOUT", "0.4");
    hub.env.put("HF_HUB_DOWNLOAD_TIMEOUT", "10");
    hub.server.enqueue(new MockResponse.Builder(HubFixture.ok(CONFIG)).bodyDelay(800, TimeUnit.MILLISECONDS).build());
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG).out());
  }

  @Test
  void aTimeoutThatIsNotANumberIsAUsageError() {
    hub.env.put("HF_HUB_ETAG_TIMEOUT", "soon");
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: HF_HUB_ETAG_TIMEOUT must be a positive number of seconds, got 'soon'");
    assertThat(hub.server.getRequestCount()).isZero();
  }

  // --- answers not to use, or not to cache --------------------------------------------------

  @Test
  void malformedJsonFromTheHubIsAnErrorAndIsNotCached() {
    hub.server.enqueue(HubFixture.ok("{\"model_type\": \"llama\",, }"));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: acme/tiny-llama (").contains("malformed JSON at line 1");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aTruncatedJsonDocumentIsAnErrorAndIsNotCached() throws IOException {
    hub.server.enqueue(HubFixture.ok(CONFIG.substring(0, 40)));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("malformed JSON");
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void aConnectionCutMidBodyIsAnOutageAndLeavesNoPartialFile() throws IOException {
    Buffer big = new Buffer().writeUtf8(CONFIG + " ".repeat(200_000));
    hub.server.enqueue(
        new MockResponse.Builder(HubFixture.ok(CONFIG))
            .body(big)
            .throttleBody(4096, 10, TimeUnit.MILLISECONDS)
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot load config for 'acme/tiny-llama': hub ");
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void aBodyOverSixteenMebibytesIsRefused() throws IOException {
    Buffer huge = new Buffer().writeUtf8("{\"model_type\": \"llama\", \"pad\": \"");
    huge.writeUtf8("x".repeat((16 << 20) + 10)).writeUtf8("\"}");
    hub.server.enqueue(new MockResponse.Builder(HubFixture.ok(CONFIG)).body(huge).build());
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: acme/tiny-llama: the Hub sent a config.json over 16 MiB; refusing it\n");
    assertThat(hub.cacheListing()).isEmpty();
  }

  @ParameterizedTest(name = "X-Repo-Commit: {0}")
  @ValueSource(strings = {"../../x", "0123", "0123456789ABCDEF0123456789ABCDEF01234567", ""})
  void anInvalidCommitIsNeverUsedAsAPath(String commit) throws IOException {
    hub.server.enqueue(
        new MockResponse.Builder().code(200).body(CONFIG).addHeader("X-Repo-Commit", commit).addHeader("ETag", ETAG).build());
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG).out());
    assertThat(run.err()).startsWith("warning: the Hub sent no valid commit hash or ETag");
    assertThat(hub.cacheListing()).isEmpty();
    assertThat(home.resolve("x")).doesNotExist();
  }

  @ParameterizedTest(name = "ETag: {0}")
  @ValueSource(strings = {"\"../../../evil\"", "W/\"abc\"", "xyz"})
  void anInvalidEtagIsNeverUsedAsAPath(String etag) throws IOException {
    hub.server.enqueue(
        new MockResponse.Builder().code(200).body(CONFIG).addHeader("X-Repo-Commit", COMMIT).addHeader("ETag", etag).build());
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void aWeakQuotedLinkedEtagIsUsedAsTheBlobName() throws IOException {
    String linked = "b".repeat(40);
    hub.server.enqueue(
        new MockResponse.Builder(HubFixture.ok(CONFIG)).setHeader("X-Linked-Etag", "W/\"" + linked + "\"").build());
    assertThat(hub.run("acme/tiny-llama").exitCode()).isZero();
    assertThat(hub.cache().resolve("models--acme--tiny-llama/blobs/" + linked)).hasContent(CONFIG);
  }

  // --- redirects ---------------------------------------------------------------------------

  @Test
  void aRedirectToAnotherHostDoesNotCarryTheToken() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      other.enqueue(HubFixture.ok(CONFIG));
      // "localhost" and "127.0.0.1" are different hosts to OkHttp, both on loopback.
      String target = "http://localhost:" + other.getPort() + "/cdn/config.json";
      hub.server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", target).build());
      hub.env.put("HF_TOKEN", "hf_redirect_secret");
      hub.env.put("HF_ENDPOINT", "http://127.0.0.1:" + hub.server.getPort());

      CliRun run = hub.run("acme/tiny-llama");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      RecordedRequest first = hub.server.takeRequest(1, TimeUnit.SECONDS);
      RecordedRequest second = other.takeRequest(1, TimeUnit.SECONDS);
      assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer hf_redirect_secret");
      assertThat(second.getTarget()).isEqualTo("/cdn/config.json");
      assertThat(second.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void aRedirectOnTheSameHostKeepsTheToken() throws Exception {
    hub.server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/acme/renamed/resolve/main/config.json").build());
    hub.server.enqueue(HubFixture.ok(CONFIG));
    hub.env.put("HF_TOKEN", "hf_same_host");
    assertThat(hub.run("acme/tiny-llama").exitCode()).isZero();
    hub.server.takeRequest();
    assertThat(hub.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer hf_same_host");
  }

  // --- ids rejected before any I/O ---------------------------------------------------------

  // The path-like ids name nothing that exists, so that they reach the checks (a folder ../x
  // that does exist is read as a model folder, as it should be).
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "../x-no-such-folder-1f3a", "a/../../b", "a--b/c", "/abs/x-no-such-folder-1f3a", "a/b/c", "a/.git", "a/b.git",
        "-a/b", "a/b c", "a/"
      })
  void invalidRepoIdsAreRejectedBeforeAnyNetworkOrCacheAccess(String id) {
    CliRun run = hub.run("--", id);
    assertThat(run.exitCode()).as(run.describe()).isIn(1, 2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: ").containsAnyOf("no such file", "nor a valid HuggingFace repo id");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cache()).doesNotExist();
  }

  @Test
  void aNameOf97CharactersIsRejected() {
    String id = "acme/" + "n".repeat(97);
    CliRun run = hub.run(id);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("longer than 96 characters");
    hub.server.enqueue(HubFixture.error(404, "RepoNotFound"));
    assertThat(hub.run("acme/" + "n".repeat(96)).err()).contains("not found on the Hub").doesNotContain("longer than");
    assertThat(hub.server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "--revision {0}")
  @ValueSource(strings = {"../../etc", "/etc", "a\\b", "x\ty", ""})
  void invalidRevisionsAreUsageErrorsBeforeAnyIo(String revision) {
    CliRun run = hub.run("--revision=" + revision, "acme/tiny-llama");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: invalid --revision");
    assertThat(hub.server.getRequestCount()).isZero();
    assertThat(hub.cache()).doesNotExist();
  }

  // --- caches of Python tools, concurrency -------------------------------------------------

  @Test
  void readsACacheLaidOutByHuggingfaceHub() throws IOException {
    // As huggingface_hub writes it: the blob named by its sha256, a relative link to it, the ref.
    String sha = "c".repeat(64);
    Path repo = hub.cache().resolve("models--acme--from-python");
    Files.createDirectories(repo.resolve("blobs"));
    Files.writeString(repo.resolve("blobs").resolve(sha), CONFIG);
    Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT));
    Files.createSymbolicLink(repo.resolve("snapshots").resolve(COMMIT).resolve("config.json"), Path.of("../../blobs/" + sha));
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), COMMIT);
    // Another snapshot that no ref names must not be picked.
    Files.createDirectories(repo.resolve("snapshots").resolve("f".repeat(40)));
    Files.writeString(repo.resolve("snapshots").resolve("f".repeat(40)).resolve("config.json"), "{}");

    hub.env.put("HF_HUB_OFFLINE", "1");
    CliRun run = hub.run("acme/from-python");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG).out());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void hfHubCacheOverridesHfHome() throws IOException {
    Path elsewhere = home.resolve("elsewhere");
    hub.env.put("HF_HUB_CACHE", elsewhere.toString());
    fillCache();
    assertThat(elsewhere.resolve("models--acme--tiny-llama/refs/main")).hasContent(COMMIT);
    assertThat(hub.cache()).doesNotExist();
  }

  @Test
  void twoConcurrentDownloadsIntoAnEmptyCacheBothSucceed() throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    hub.server.enqueue(HubFixture.ok(CONFIG));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<CliRun>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit((Callable<CliRun>) () -> hub.run("acme/tiny-llama")));
      }
      for (Future<CliRun> f : runs) {
        CliRun run = f.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    Path snapshot = hub.cache().resolve("models--acme--tiny-llama/snapshots/" + COMMIT + "/config.json");
    assertThat(snapshot).hasContent(CONFIG);
    assertThat(hub.cacheListing()).doesNotContain(".tmp");
    hub.env.put("HF_HUB_OFFLINE", "1");
    assertThat(hub.run("acme/tiny-llama").exitCode()).isZero();
  }

  // --- a config the run's options cannot use ------------------------------------------------

  /**
   * A quantization_config that --quantization auto cannot use does not make the config unusable:
   * it is the Hub's config, cached, and a later offline run reads it from the cache and reports
   * the same error; without the option both count it.
   */
  @Test
  void aConfigWhoseQuantizationAutoCannotUseIsStillCached() throws IOException {
    String quantized = CONFIG.substring(0, CONFIG.length() - 1) + ", \"quantization_config\": {\"quant_method\": \"hqq\"}}";
    hub.server.enqueue(HubFixture.ok(quantized));
    CliRun online = hub.run("--quantization", "auto", "acme/tiny-llama");
    assertThat(online.exitCode()).as(online.describe()).isEqualTo(1);
    assertThat(online.out()).isEmpty();
    assertThat(online.err()).startsWith("error: ").contains("'hqq'").doesNotContain("\tat ");
    assertThat(online.err().lines()).hasSize(1);
    Path snapshot = hub.cache().resolve("models--acme--tiny-llama/snapshots/" + COMMIT + "/config.json");
    assertThat(snapshot).hasContent(quantized);

    hub.env.put("HF_HUB_OFFLINE", "1");
    CliRun offline = hub.run("--quantization", "auto", "acme/tiny-llama");
    assertThat(offline.exitCode()).as(offline.describe()).isEqualTo(1);
    assertThat(offline.out()).isEmpty();
    assertThat(offline.err().lines()).hasSize(1);
    assertThat(offline.err().substring(offline.err().indexOf("quant_method")))
        .isEqualTo(online.err().substring(online.err().indexOf("quant_method")));
    assertThat(hub.run("acme/tiny-llama").exitCode()).isZero();
  }

  // --- no network at all -------------------------------------------------------------------

  @Test
  void withNoNetworkEveryBundledModelPrintsWhatItsLocalFileGives() throws IOException {
    hub.env.put("HF_ENDPOINT", "http://127.0.0.1:" + closedPort());
    for (String id : Catalog.ids()) {
      CliRun run = hub.run("--cached-tokens", "4096", "--input-tokens", "16", "--", id);
      assertThat(run.exitCode()).as(id + "\n" + run.describe()).isZero();
      assertThat(run.out()).as(id).isEqualTo(hub.runLocal(bundled(id), "--cached-tokens", "4096", "--input-tokens", "16").out());
      assertThat(run.err()).as(id).startsWith("note: using the bundled snapshot of " + id + " (");
      // DeepSeek-V3's config carries its FP8 checkpoint's quantization_config, gpt-oss-20b its
      // MXFP4 one: a second note says it is not read.
      boolean gptOss = id.equals("openai/gpt-oss-20b");
      boolean quantized = id.equals("deepseek-ai/DeepSeek-V3") || gptOss;
      assertThat(run.err().lines()).as(id).hasSize(quantized ? 2 : 1);
      if (quantized) {
        assertThat(run.err().lines().toList().get(1))
            .isEqualTo(
                "note: " + id + " has a quantization_config, not read without --quantization auto:"
                    + " every tensor is counted at " + (gptOss ? "float16" : "bfloat16"));
      }
    }
    CliRun unknown = hub.run("acme/not-bundled");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("error: cannot load config for 'acme/not-bundled': hub ").contains("no bundled snapshot");
  }

  @Test
  void bundledIdsMatchIgnoringCaseButOnlyAtMain() {
    hub.env.put("HF_HUB_OFFLINE", "1");
    CliRun run = hub.run("META-LLAMA/llama-3.1-8b");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEqualTo("note: using the bundled snapshot of meta-llama/Llama-3.1-8B (offline)\n");
    assertThat(hub.run("--revision", "v1", "meta-llama/Llama-3.1-8B").exitCode()).isEqualTo(1);
  }

  @Test
  void theCatalogIndexListsEveryBundledFile() throws IOException {
    Path folder = Path.of("src/main/resources/dev/roofline/analyzer/catalog");
    try (var files = Files.list(folder)) {
      List<String> onDisk =
          files.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .map(n -> n.substring(0, n.length() - 5).replaceFirst("--", "/"))
              .sorted()
              .toList();
      assertThat(Catalog.ids()).isEqualTo(onDisk);
    }
  }

  private String host() {
    return hub.server.url("/").host() + ":" + hub.server.getPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
