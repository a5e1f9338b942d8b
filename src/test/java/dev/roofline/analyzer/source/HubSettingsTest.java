package dev.roofline.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The environment variables of huggingface_hub, read the way it reads them. */
class HubSettingsTest {

  @TempDir Path dir;

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void defaultsFollowHuggingfaceHub() {
    HubSettings s = HubSettings.from(env(), false);
    assertThat(s.endpoint()).isEqualTo("https://huggingface.co");
    assertThat(s.hubCache()).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"));
    assertThat(s.offline()).isFalse();
    assertThat(s.etagTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.downloadTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void cacheRootComesFromHfHubCacheThenLegacyThenHfHomeThenXdg() {
    assertThat(HubSettings.from(env("XDG_CACHE_HOME", "/x"), false).hubCache()).isEqualTo(Path.of("/x/huggingface/hub"));
    assertThat(HubSettings.from(env("XDG_CACHE_HOME", "/x", "HF_HOME", "/h"), false).hubCache()).isEqualTo(Path.of("/h/hub"));
    assertThat(HubSettings.from(env("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "/legacy"), false).hubCache())
        .isEqualTo(Path.of("/legacy"));
    assertThat(HubSettings.from(env("HF_HUB_CACHE", "/new", "HUGGINGFACE_HUB_CACHE", "/legacy"), false).hubCache())
        .isEqualTo(Path.of("/new"));
  }

  @Test
  void endpointLosesItsTrailingSlashes() {
    assertThat(HubSettings.from(env("HF_ENDPOINT", "http://mirror.local:8080//"), false).endpoint())
        .isEqualTo("http://mirror.local:8080");
  }

  @ParameterizedTest(name = "{0}={1} → offline {2}")
  @CsvSource({
    "HF_HUB_OFFLINE, 1, true", "HF_HUB_OFFLINE, ON, true", "HF_HUB_OFFLINE, yes, true", "HF_HUB_OFFLINE, True, true",
    "TRANSFORMERS_OFFLINE, 1, true", "HF_HUB_OFFLINE, 0, false", "HF_HUB_OFFLINE, no, false", "HF_HUB_OFFLINE, '', false"
  })
  void offlineValues(String name, String value, boolean offline) {
    assertThat(HubSettings.from(env(name, value), false).offline()).isEqualTo(offline);
  }

  @Test
  void tokenComesFromTheEnvironmentThenTheTokenFileAndIsNeverPrinted() throws Exception {
    Files.writeString(dir.resolve("token"), "\n  from-file \n");
    assertThat(HubSettings.from(env("HF_HOME", dir.toString()), false).token()).isEqualTo("from-file");
    assertThat(HubSettings.from(env("HF_HOME", dir.toString(), "HUGGING_FACE_HUB_TOKEN", "legacy"), false).token()).isEqualTo("legacy");
    HubSettings s = HubSettings.from(env("HF_TOKEN", " hf_abc ", "HUGGING_FACE_HUB_TOKEN", "legacy"), false);
    assertThat(s.token()).isEqualTo("hf_abc");
    assertThat(s.toString()).doesNotContain("hf_abc");
    assertThat(HubSettings.from(env("HF_HOME", dir.resolve("none").toString(), "HF_TOKEN", "  "), false).token()).isNull();
  }

  @Test
  void timeoutsAreSecondsWithFractions() {
    HubSettings s = HubSettings.from(env("HF_HUB_ETAG_TIMEOUT", "1.5", "HF_HUB_DOWNLOAD_TIMEOUT", "30"), false);
    assertThat(s.etagTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.downloadTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> HubSettings.from(env("HF_HUB_DOWNLOAD_TIMEOUT", "-1"), false))
        .hasMessage("HF_HUB_DOWNLOAD_TIMEOUT must be a positive number of seconds, got '-1'");
  }

  @ParameterizedTest(name = "{0} s")
  @CsvSource({"3000000, 2147483647", "1e300, 2147483647", "Infinity, 2147483647", "1e-300, 1", "0.0004, 1", "0.5, 500"})
  void timeoutsAreClampedToWhatTheHttpClientTakes(String seconds, long millis) {
    // The client takes whole milliseconds up to 2^31 − 1 and reads 0 as "no time-out".
    HubSettings s = HubSettings.from(env("HF_HUB_ETAG_TIMEOUT", seconds, "HF_HUB_DOWNLOAD_TIMEOUT", seconds), false);
    assertThat(s.etagTimeout().toMillis()).isEqualTo(millis);
    assertThat(s.downloadTimeout().toMillis()).isEqualTo(millis);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "http://hf_mirror:8080, hf_mirror:8080, http://hf_mirror:8080",
    "https://user:secret@mirror.example/hf/, mirror.example, https://mirror.example/hf",
    "http://a@b@mirror:81?x=@y, mirror:81, http://mirror:81?x=@y",
    "https://huggingface.co, huggingface.co, https://huggingface.co"
  })
  void hostAndEndpointForMessagesComeFromTheTextWithoutCredentials(String endpoint, String host, String shown) {
    HubSettings s = HubSettings.from(env("HF_ENDPOINT", endpoint), false);
    assertThat(s.host()).isEqualTo(host);
    assertThat(s.endpointForMessages()).isEqualTo(shown);
    assertThat(s.toString()).doesNotContain("secret");
  }
}
