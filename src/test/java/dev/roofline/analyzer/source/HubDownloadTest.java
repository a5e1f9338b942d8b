package dev.roofline.analyzer.source;

import static dev.roofline.analyzer.source.HubFixture.COMMIT;
import static dev.roofline.analyzer.source.HubFixture.CONFIG;
import static dev.roofline.analyzer.source.HubFixture.ETAG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roofline.analyzer.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloading from the Hub, the cache it fills, tokens, offline use, and the Hub's refusals. */
class HubDownloadTest extends HubTestBase {

  @Test
  void downloadsPrintsAndCachesInTheHuggingfaceHubLayout() throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("--cached-tokens", "100", "--", "acme/tiny-llama");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(hub.runLocal(CONFIG, "--cached-tokens", "100").out());

    RecordedRequest request = hub.server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/acme/tiny-llama/resolve/main/config.json");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("User-Agent")).startsWith("transformer-roofline-analyzer/");

    Path repo = hub.cache().resolve("models--acme--tiny-llama");
    assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT);
    assertThat(Files.readString(repo.resolve("blobs").resolve(ETAG))).isEqualTo(CONFIG);
    Path snapshot = repo.resolve("snapshots").resolve(COMMIT).resolve("config.json");
    assertThat(Files.isSymbolicLink(snapshot)).isTrue();
    assertThat(Files.readSymbolicLink(snapshot)).isEqualTo(Path.of("..", "..", "blobs", ETAG));
    assertThat(Files.readString(snapshot)).isEqualTo(CONFIG);
    // Nothing but the three entries, no temporary files left behind.
    assertThat(hub.cacheListing())
        .isEqualTo(
            String.join(
                "\n",
                "",
                "models--acme--tiny-llama",
                "models--acme--tiny-llama/blobs",
                "models--acme--tiny-llama/blobs/" + ETAG,
                "models--acme--tiny-llama/refs",
                "models--acme--tiny-llama/refs/main",
                "models--acme--tiny-llama/snapshots",
                "models--acme--tiny-llama/snapshots/" + COMMIT,
                "models--acme--tiny-llama/snapshots/" + COMMIT + "/config.json"));
  }

  @Test
  void secondRunWithTheHubDownIsServedFromTheCacheWithOneWarning() throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    String first = hub.run("acme/tiny-llama").out();
    hub.server.close();

    CliRun second = hub.run("acme/tiny-llama");
    assertThat(second.exitCode()).as(second.describe()).isZero();
    assertThat(second.out()).isEqualTo(first);
    assertThat(second.err().lines()).hasSize(1);
    assertThat(second.err()).startsWith("warning: ").contains("unreachable", "using the cached config");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"HF_HUB_OFFLINE, 1", "HF_HUB_OFFLINE, ON", "TRANSFORMERS_OFFLINE, yes", "HF_HUB_OFFLINE, True", "--offline, ''"})
  void offlineMakesNoRequestAtAll(String variable, String value) throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    String online = hub.run("acme/tiny-llama").out();
    assertThat(hub.server.getRequestCount()).isEqualTo(1);

    CliRun offline;
    if (variable.startsWith("--")) {
      offline = hub.run(variable, "acme/tiny-llama");
    } else {
      hub.env.put(variable, value);
      offline = hub.run("acme/tiny-llama");
    }
    assertThat(offline.exitCode()).as(offline.describe()).isZero();
    assertThat(offline.out()).isEqualTo(online);
    assertThat(offline.err()).isEmpty();
    assertThat(hub.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void offlineWithNothingCachedListsWhatWasTried() {
    hub.env.put("HF_HUB_OFFLINE", "1");
    CliRun run = hub.run("acme/never-seen");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: cannot load config for 'acme/never-seen': offline")
        .contains("not in the cache (" + hub.cache().resolve("models--acme--never-seen") + ")", "no bundled snapshot");
    assertThat(hub.server.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "token file", "HF_TOKEN_PATH"})
  void sendsTheTokenFromEachSource(String source) throws Exception {
    String token = "hf_secret" + source.length();
    switch (source) {
      case "token file" -> Files.writeString(home.resolve("token"), token + "\n");
      case "HF_TOKEN_PATH" -> {
        Path file = home.resolve("elsewhere.txt");
        Files.writeString(file, "  " + token + "  \n");
        hub.env.put("HF_TOKEN_PATH", file.toString());
      }
      default -> hub.env.put(source, " " + token + "\n");
    }
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(hub.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
  }

  @Test
  void hfTokenWinsOverTheOtherSources() throws Exception {
    hub.env.put("HF_TOKEN", "first");
    hub.env.put("HUGGING_FACE_HUB_TOKEN", "second");
    Files.writeString(home.resolve("token"), "third");
    hub.server.enqueue(HubFixture.ok(CONFIG));
    hub.run("acme/tiny-llama");
    assertThat(hub.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer first");
  }

  @Test
  void revisionIsEncodedAsOneSegmentAndItsRefIsCached() throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    CliRun run = hub.run("--revision", "refs/pr/1", "acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(hub.server.takeRequest().getTarget()).isEqualTo("/acme/tiny-llama/resolve/refs%2Fpr%2F1/config.json");
    Path ref = hub.cache().resolve("models--acme--tiny-llama/refs/refs/pr/1");
    assertThat(Files.readString(ref)).isEqualTo(COMMIT);

    hub.env.put("HF_HUB_OFFLINE", "1");
    assertThat(hub.run("--revision", "refs/pr/1", "acme/tiny-llama").out()).isEqualTo(run.out());
    assertThat(hub.run("--revision", COMMIT, "acme/tiny-llama").out()).isEqualTo(run.out());
    assertThat(hub.run("--revision", "v2", "acme/tiny-llama").exitCode()).isEqualTo(1);
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          404, RepoNotFound,      repository acme/tiny-llama not found on the Hub: check the id; if it is private, set HF_TOKEN (Hub: server says RepoNotFound)
          401, RepoNotFound,      repository acme/tiny-llama not found on the Hub: check the id; if it is private, set HF_TOKEN
          401, -,                 repository acme/tiny-llama not found on the Hub: check the id; if it is private, set HF_TOKEN
          404, EntryNotFound,     repository acme/tiny-llama has no config.json at revision 'main' (Hub: server says EntryNotFound)
          404, RevisionNotFound,  revision 'main' not found in repository acme/tiny-llama; check the revision you asked for
          403, -,                 access to acme/tiny-llama is forbidden: your token lacks permission for it
          401, GatedRepo,         acme/tiny-llama is a gated model: request access at https://huggingface.co/acme/tiny-llama and set HF_TOKEN (Hub: server says GatedRepo); not in the cache
          403, GatedRepo,         acme/tiny-llama is a gated model: request access at https://huggingface.co/acme/tiny-llama and set HF_TOKEN
          """)
  void refusalsStopWithTheirMessageAndWriteNothing(int code, String errorCode, String message) throws Exception {
    String token = "hf_TopSecretToken123";
    hub.env.put("HF_TOKEN", token);
    hub.server.enqueue(HubFixture.error(code, errorCode));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + message);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err() + run.out()).doesNotContain(token);
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void aGatedBundledModelFallsBackToTheSnapshotWithANote() throws Exception {
    hub.server.enqueue(HubFixture.error(401, "GatedRepo"));
    CliRun run = hub.run("--input-tokens", "8", "--", "meta-llama/Llama-3.1-8B");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    String bundled = new String(Catalog.read("meta-llama/Llama-3.1-8B"), StandardCharsets.UTF_8);
    assertThat(run.out()).isEqualTo(hub.runLocal(bundled, "--input-tokens", "8").out());
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("note: using the bundled snapshot of meta-llama/Llama-3.1-8B (meta-llama/Llama-3.1-8B is a gated model")
        .contains("request access at https://huggingface.co/meta-llama/Llama-3.1-8B and set HF_TOKEN");
    assertThat(hub.cacheListing()).isEmpty();
  }

  @Test
  void aGatedModelInTheCacheIsReadFromThereWithANote() throws Exception {
    hub.server.enqueue(HubFixture.ok(CONFIG));
    String first = hub.run("acme/tiny-llama").out();
    hub.server.enqueue(HubFixture.error(403, "GatedRepo"));
    CliRun run = hub.run("acme/tiny-llama");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo(first);
    assertThat(run.err()).startsWith("note: acme/tiny-llama is a gated model").contains("using the cached config");
  }

  @Test
  void listModelsPrintsTheBundledIds() {
    CliRun run = hub.run("--list-models");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList()).isEqualTo(Catalog.ids()).contains("meta-llama/Llama-4-Scout-17B-16E").hasSize(26);
    assertThat(hub.server.getRequestCount()).isZero();
  }
}
