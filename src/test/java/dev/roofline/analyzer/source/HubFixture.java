package dev.roofline.analyzer.source;

import dev.roofline.analyzer.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * A Hub on loopback (OkHttp's MockWebServer) and an HF_HOME of its own for one test; runs the
 * command in-process with an environment that points at both.
 */
final class HubFixture implements AutoCloseable {

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String ETAG = "a".repeat(64);
  /** A small llama config; its report is the same wherever it is read from. */
  static final String CONFIG =
      "{\"model_type\": \"llama\", \"hidden_size\": 256, \"num_attention_heads\": 8,"
          + " \"num_key_value_heads\": 2, \"intermediate_size\": 512, \"num_hidden_layers\": 4,"
          + " \"vocab_size\": 1000, \"torch_dtype\": \"bfloat16\"}";

  final MockWebServer server = new MockWebServer();
  final Path home;
  final Map<String, String> env = new HashMap<>();

  HubFixture(Path home) throws IOException {
    this.home = home;
    server.start();
    env.put("HF_ENDPOINT", server.url("/").toString());
    env.put("HF_HOME", home.toString());
  }

  Path cache() {
    return home.resolve("hub");
  }

  /** A 200 answer carrying {@code body} with the Hub's commit and ETag headers. */
  static MockResponse ok(String body) {
    return new MockResponse.Builder()
        .code(200)
        .body(body)
        .addHeader("X-Repo-Commit", COMMIT)
        .addHeader("ETag", "\"" + ETAG + "\"")
        .build();
  }

  /** An error answer with the Hub's {@code X-Error-Code} (null: none). */
  static MockResponse error(int code, String errorCode) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body("{\"error\": \"no\"}");
    if (errorCode != null) {
      b.addHeader("X-Error-Code", errorCode);
      b.addHeader("X-Error-Message", "server says " + errorCode);
    }
    return b.build();
  }

  CliRun run(String... args) {
    return CliRun.withEnv(env, args);
  }

  /** The report of {@code json} read as a local file: what every other source must print. */
  CliRun runLocal(String json, String... options) throws IOException {
    Path file = Files.createTempFile(home, "local", ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    String[] args = Stream.concat(Stream.of(options), Stream.of("--", file.toString())).toArray(String[]::new);
    return CliRun.withEnv(Map.of("HF_HUB_OFFLINE", "1"), args);
  }

  /** Every file and link under the cache, relative, for asserting what was (not) written. */
  String cacheListing() throws IOException {
    if (!Files.exists(cache())) {
      return "";
    }
    try (Stream<Path> s = Files.walk(cache())) {
      return String.join("\n", s.map(p -> cache().relativize(p).toString()).sorted().toList());
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
