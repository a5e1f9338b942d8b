package dev.roofline.analyzer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to reach the HuggingFace Hub and where its cache lies, from the environment variables
 * {@code huggingface_hub} reads and the command's options. Building it does no I/O; the token file
 * is read only when the Hub is asked.
 */
public final class HubSettings {

  private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final String endpoint;
  private final String envToken;
  private final Path tokenPath;
  private final Path hubCache;
  private final boolean offline;
  private final Duration etagTimeout;
  private final Duration downloadTimeout;

  private HubSettings(
      String endpoint,
      String envToken,
      Path tokenPath,
      Path hubCache,
      boolean offline,
      Duration etagTimeout,
      Duration downloadTimeout) {
    this.endpoint = endpoint;
    this.envToken = envToken;
    this.tokenPath = tokenPath;
    this.hubCache = hubCache;
    this.offline = offline;
    this.etagTimeout = etagTimeout;
    this.downloadTimeout = downloadTimeout;
  }

  /**
   * The settings {@code env} gives, with {@code --offline} when {@code offlineOption}.
   *
   * @throws InvalidSetting when a timeout variable is not a number of seconds
   */
  public static HubSettings from(Map<String, String> env, boolean offlineOption) {
    String endpoint = nonEmpty(env.get("HF_ENDPOINT"));
    if (endpoint == null) {
      endpoint = "https://huggingface.co";
    }
    while (endpoint.endsWith("/")) {
      endpoint = endpoint.substring(0, endpoint.length() - 1);
    }

    Path home;
    if (nonEmpty(env.get("HF_HOME")) != null) {
      home = Path.of(env.get("HF_HOME"));
    } else if (nonEmpty(env.get("XDG_CACHE_HOME")) != null) {
      home = Path.of(env.get("XDG_CACHE_HOME"), "huggingface");
    } else {
      home = Path.of(System.getProperty("user.home"), ".cache", "huggingface");
    }
    String cache = nonEmpty(env.get("HF_HUB_CACHE"));
    if (cache == null) {
      cache = nonEmpty(env.get("HUGGINGFACE_HUB_CACHE"));
    }
    Path hubCache = cache != null ? Path.of(cache) : home.resolve("hub");

    String token = nonEmpty(trim(env.get("HF_TOKEN")));
    if (token == null) {
      token = nonEmpty(trim(env.get("HUGGING_FACE_HUB_TOKEN")));
    }
    String tokenFile = nonEmpty(env.get("HF_TOKEN_PATH"));
    Path tokenPath = tokenFile != null ? Path.of(tokenFile) : home.resolve("token");

    boolean offline =
        offlineOption || isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
    return new HubSettings(
        endpoint,
        token,
        tokenPath,
        hubCache.toAbsolutePath().normalize(),
        offline,
        seconds(env, "HF_HUB_ETAG_TIMEOUT"),
        seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT"));
  }

  /** An environment variable whose value cannot be used; the message names it. */
  public static final class InvalidSetting extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSetting(String message) {
      super(message, null, false, false);
    }
  }

  private static boolean isTrue(String v) {
    return v != null && TRUE.contains(v.strip().toLowerCase(Locale.ROOT));
  }

  private static Duration seconds(Map<String, String> env, String name) {
    String v = nonEmpty(trim(env.get(name)));
    if (v == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      double s = Double.parseDouble(v);
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos((long) Math.min(s * 1e9, Long.MAX_VALUE));
    } catch (NumberFormatException e) {
      throw new InvalidSetting(name + " must be a positive number of seconds, got '" + v + "'");
    }
  }

  private static String trim(String s) {
    return s == null ? null : s.strip();
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The Hub's base URL, without a trailing slash. */
  public String endpoint() {
    return endpoint;
  }

  /** The cache root, {@code $HF_HUB_CACHE}. */
  public Path hubCache() {
    return hubCache;
  }

  public boolean offline() {
    return offline;
  }

  public Duration etagTimeout() {
    return etagTimeout;
  }

  public Duration downloadTimeout() {
    return downloadTimeout;
  }

  /**
   * The bearer token: {@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN}, else the token file;
   * null when none is set. Never to be printed.
   */
  String token() {
    if (envToken != null) {
      return envToken;
    }
    try {
      if (Files.isRegularFile(tokenPath)) {
        return nonEmpty(trim(Files.readString(tokenPath, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      // An unreadable token file is no token.
    }
    return null;
  }

  @Override
  public String toString() {
    return "HubSettings[endpoint=" + endpoint + ", cache=" + hubCache + ", offline=" + offline + ", token=<hidden>]";
  }
}
