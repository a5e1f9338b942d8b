package dev.roofline.analyzer.source;

import dev.roofline.analyzer.config.ConfigException;
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
  private static final long MIN_TIMEOUT_NANOS = 1_000_000L;
  private static final long MAX_TIMEOUT_NANOS = Integer.MAX_VALUE * 1_000_000L;
  /** A token file larger than this is not a token (real ones are a few dozen bytes). */
  private static final int MAX_TOKEN_BYTES = 64 << 10;

  private final String endpoint;
  private final String envToken;
  private final String envTokenVariable;
  private final Path tokenPath;
  private final Path hubCache;
  private final boolean offline;
  private final Duration etagTimeout;
  private final Duration downloadTimeout;

  private HubSettings(
      String endpoint,
      String envToken,
      String envTokenVariable,
      Path tokenPath,
      Path hubCache,
      boolean offline,
      Duration etagTimeout,
      Duration downloadTimeout) {
    this.endpoint = endpoint;
    this.envToken = envToken;
    this.envTokenVariable = envTokenVariable;
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

    String tokenVariable = "HF_TOKEN";
    String token = cleanToken(env.get(tokenVariable));
    if (token == null) {
      tokenVariable = "HUGGING_FACE_HUB_TOKEN";
      token = cleanToken(env.get(tokenVariable));
    }
    String tokenFile = nonEmpty(env.get("HF_TOKEN_PATH"));
    Path tokenPath = tokenFile != null ? Path.of(tokenFile) : home.resolve("token");

    boolean offline =
        offlineOption || isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
    return new HubSettings(
        endpoint,
        token,
        tokenVariable,
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
      if (!(s > 0)) {
        throw new NumberFormatException();
      }
      // Waits beyond the HTTP client's range (some 24.8 days) are that range; waits under a
      // millisecond are one, since the client would read zero as "no time-out at all".
      return Duration.ofNanos(Math.max(MIN_TIMEOUT_NANOS, (long) Math.min(s * 1e9, MAX_TIMEOUT_NANOS)));
    } catch (NumberFormatException e) {
      throw new InvalidSetting(name + " must be a positive number of seconds, got '" + v + "'");
    }
  }

  private static String trim(String s) {
    return s == null ? null : s.strip();
  }

  /** What huggingface_hub makes of a token: line ends removed, blanks stripped; empty is none. */
  private static String cleanToken(String s) {
    return s == null ? null : nonEmpty(s.replace("\r", "").replace("\n", "").strip());
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The Hub's base URL, without a trailing slash. */
  public String endpoint() {
    return endpoint;
  }

  /** The base URL as messages show it: without a {@code user:password@} part. */
  public String endpointForMessages() {
    int start = authorityStart(endpoint);
    int at = endpoint.lastIndexOf('@', authorityEnd(endpoint, start) - 1);
    return at < start ? endpoint : endpoint.substring(0, start) + endpoint.substring(at + 1);
  }

  /**
   * The Hub's host and port as messages name them, read from the text of the URL (a name with an
   * underscore, as in {@code http://hf_mirror:8080}, is no host to {@link java.net.URI}).
   */
  public String host() {
    String shown = endpointForMessages();
    int start = authorityStart(shown);
    return shown.substring(start, authorityEnd(shown, start));
  }

  /** Where the authority ({@code user@host:port}) of {@code url} begins: after {@code ://}. */
  private static int authorityStart(String url) {
    int scheme = url.indexOf("://");
    return scheme < 0 ? 0 : scheme + 3;
  }

  /** Where the authority of {@code url} that begins at {@code start} ends. */
  private static int authorityEnd(String url, int start) {
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return end;
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
   *
   * @throws ConfigException when the token holds a character an HTTP header cannot carry
   */
  String token() {
    if (envToken != null) {
      return sendable(envToken, envTokenVariable, "fix or unset " + envTokenVariable);
    }
    byte[] bytes;
    try {
      if (!Files.isRegularFile(tokenPath)) {
        return null;
      }
      bytes = ConfigSource.readAtMost(tokenPath, MAX_TOKEN_BYTES);
    } catch (IOException e) {
      // An unreadable token file is no token.
      return null;
    }
    String where = "the token file " + tokenPath;
    if (bytes.length > MAX_TOKEN_BYTES) {
      throw new ConfigException(where + " is larger than a token can be; fix or delete the file");
    }
    String token = cleanToken(new String(bytes, StandardCharsets.UTF_8));
    return token == null ? null : sendable(token, where, "fix or delete the file");
  }

  /**
   * {@code token}, when an HTTP header can carry it (tab, space and visible ASCII); otherwise an
   * error that names where it came from but not the token.
   */
  private static String sendable(String token, String where, String remedy) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        throw new ConfigException(
            where + " holds a character that cannot be sent in an HTTP header ("
                + String.format(Locale.ROOT, "U+%04X", (int) c) + "); " + remedy);
      }
    }
    return token;
  }

  @Override
  public String toString() {
    return "HubSettings[endpoint=" + endpointForMessages() + ", cache=" + hubCache + ", offline=" + offline + ", token=<hidden>]";
  }
}
