package dev.roofline.analyzer.source;

import dev.roofline.analyzer.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Turns the positional argument into the bytes of a config, in this order: an existing file, or a
 * folder that holds {@code config.json}; else a HuggingFace repo id, asked of the Hub (unless
 * offline), then looked up in the HuggingFace cache, then among the bundled snapshots.
 */
public final class ConfigSource {

  /** The largest config read; real ones are a few kilobytes. */
  static final int MAX_CONFIG_BYTES = 16 << 20;

  private ConfigSource() {}

  /**
   * Whether the bytes of a config can be used: the reading a local file gets, done on a Hub or
   * cached copy before it is stored or chosen.
   */
  public interface Check {
    /** Returns when {@code json} can be used. @throws ConfigException saying why not */
    void check(byte[] json, String origin);
  }

  /**
   * The bytes of the config {@code argument} names; Hub and cached copies must pass {@code check}
   * (one that does not is never cached, and never chosen over a fallback that works).
   */
  public static LoadedConfig resolve(String argument, HubSettings hub, Revision revision, Check check) {
    Path path = null;
    try {
      path = Path.of(argument);
    } catch (InvalidPathException e) {
      // Not a path on this system; it may still be a repo id.
    }
    if (path != null && Files.isDirectory(path)) {
      Path inner = path.resolve("config.json");
      if (!Files.isRegularFile(inner)) {
        throw new ConfigException(
            argument + ": the folder holds no config.json; pass a config.json or a model folder");
      }
      return read(inner, inner.toString(), LoadedConfig.Kind.FILE, null, null);
    }
    if (path != null && Files.exists(path)) {
      return read(path, argument, LoadedConfig.Kind.FILE, null, null);
    }
    if (looksLikePath(argument)) {
      throw new ConfigException(argument + ": no such file; pass the path of a config.json");
    }
    RepoId repo;
    try {
      repo = RepoId.parse(argument);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "'" + argument + "' is neither an existing file nor a valid HuggingFace repo id (" + e.getMessage() + ")");
    }
    return fromHub(repo, hub, revision, check);
  }

  /** Arguments that are meant as paths never reach the Hub. */
  static boolean looksLikePath(String argument) {
    return argument.endsWith(".json")
        || argument.startsWith("/")
        || argument.startsWith("./")
        || argument.startsWith("../")
        || argument.startsWith("~")
        || argument.equals(".")
        || argument.equals("..");
  }

  private static LoadedConfig fromHub(RepoId repo, HubSettings hub, Revision revision, Check check) {
    HfCache cache = new HfCache(hub.hubCache());
    String hubProblem;
    boolean gated = false;
    // A config the Hub sent that cannot be used: never cached, and the error when nothing else serves.
    ConfigException unusableDownload = null;
    if (hub.offline()) {
      hubProblem = "offline";
    } else {
      HubClient client = new HubClient(hub);
      try {
        HubClient.Download d = client.fetch(repo, revision);
        // The checks a local file gets, before the cache is written: a cached copy that cannot
        // be used would shadow the fallbacks below on every later run.
        unusableDownload = unusable(check, d.body(), repo + " (" + client.urlForMessages(repo, revision) + ")");
        if (unusableDownload == null) {
          return new LoadedConfig(d.body(), repo.toString(), LoadedConfig.Kind.HUB, d.commit(), store(cache, repo, revision, d));
        }
        hubProblem = "the Hub's config.json cannot be used: " + unusableDownload.getMessage();
      } catch (HubUnreachableException e) {
        hubProblem = hub.host() + " unreachable (" + e.getMessage() + ")";
      } catch (HubAnswerException e) {
        if (e.kind() != HubAnswerException.Kind.GATED) {
          throw new ConfigException(e.getMessage());
        }
        gated = true;
        hubProblem = e.getMessage();
      }
    }

    ConfigException unusableCached = null;
    Optional<Path> cached = cache.lookup(repo, revision);
    if (cached.isPresent()) {
      try {
        String using = hubProblem + "; using the cached config " + cached.get();
        Notice notice = hub.offline() ? null : gated ? Notice.note(using) : Notice.warning(using);
        String commit = cached.get().getParent().getFileName().toString();
        LoadedConfig config = read(cached.get(), repo.toString(), LoadedConfig.Kind.CACHE, commit, notice);
        unusableCached = unusable(check, config.json(), repo + " (cached " + cached.get() + ")");
        if (unusableCached == null) {
          return config;
        }
      } catch (ConfigException e) {
        unusableCached = e;
      }
    }

    Optional<String> bundled = revision.isMain() ? Catalog.find(repo) : Optional.empty();
    if (bundled.isPresent()) {
      String why = unusableCached == null ? hubProblem : hubProblem + "; the cached config cannot be used";
      return new LoadedConfig(
          Catalog.read(bundled.get()),
          bundled.get(),
          LoadedConfig.Kind.BUNDLED,
          null,
          Notice.note("using the bundled snapshot of " + bundled.get() + " (" + why + ")"));
    }
    if (unusableDownload != null) {
      throw unusableDownload;
    }

    String cachePart =
        unusableCached == null
            ? "not in the cache (" + cache.repoFolder(repo) + ")"
            : "the cached config cannot be used (" + unusableCached.getMessage() + ")";
    String noBundle = revision.isMain() ? "no bundled snapshot" : "no bundled snapshot of revision '" + revision + "'";
    if (gated) {
      throw new ConfigException(hubProblem + "; " + cachePart + ", " + noBundle);
    }
    String hubPart = hub.offline() ? "offline (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE or the offline option)" : "hub " + hubProblem;
    throw new ConfigException(
        "cannot load config for '" + repo + "': " + hubPart + ", " + cachePart + ", " + noBundle
            + ". Check the name, your network, or pass a local config.json.");
  }

  /** Why {@code json} cannot be used as a config, or null when it can. */
  private static ConfigException unusable(Check check, byte[] json, String origin) {
    try {
      check.check(json, origin);
      return null;
    } catch (ConfigException e) {
      return e;
    }
  }

  /** Stores a download in the cache; what to tell the user when it was not stored, else null. */
  private static Notice store(HfCache cache, RepoId repo, Revision revision, HubClient.Download d) {
    if (d.commit() == null || d.etag() == null) {
      return Notice.warning("the Hub sent no valid commit hash or ETag for " + repo + "; the config is used but not cached");
    }
    try {
      cache.store(repo, revision, d.commit(), d.etag(), d.body());
      return null;
    } catch (IOException | RuntimeException e) {
      return Notice.warning("could not write the HuggingFace cache (" + e.getMessage() + "); the config is used uncached");
    }
  }

  /**
   * Reads a local file, refusing anything larger than a config can be, and anything that is not a
   * regular file: a device such as {@code /dev/zero} never ends, and a pipe with no writer never
   * opens.
   */
  private static LoadedConfig read(Path file, String origin, LoadedConfig.Kind kind, String commit, Notice notice) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new ConfigException(origin + ": not a regular file (a device, pipe or socket); pass the path of a config.json");
      }
      // The size is checked before and while reading: a file may grow in between.
      if (attributes.size() > MAX_CONFIG_BYTES) {
        throw tooLarge(origin);
      }
      byte[] bytes = readAtMost(file, MAX_CONFIG_BYTES);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw tooLarge(origin);
      }
      return new LoadedConfig(bytes, origin, kind, commit, notice);
    } catch (NoSuchFileException e) {
      throw new ConfigException(origin + ": no such file; pass the path of a config.json", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(origin + ": permission denied", e);
    } catch (IOException e) {
      throw new ConfigException(origin + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static ConfigException tooLarge(String origin) {
    return new ConfigException(origin + ": too large for a config.json (over " + (MAX_CONFIG_BYTES >> 20) + " MiB)");
  }

  /** The first {@code max + 1} bytes of {@code file} at most, so that a longer file shows as such. */
  static byte[] readAtMost(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(max + 1);
    }
  }
}
