package dev.roofline.analyzer.source;

import dev.roofline.analyzer.config.ConfigException;
import dev.roofline.analyzer.config.ConfigReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the positional argument into the bytes of a config, in this order: an existing file, or a
 * folder that holds {@code config.json}; else a HuggingFace repo id, asked of the Hub (unless
 * offline), then looked up in the HuggingFace cache, then among the bundled snapshots.
 */
public final class ConfigSource {

  /** The largest config read; real ones are a few kilobytes. */
  static final long MAX_CONFIG_BYTES = 16L << 20;

  private ConfigSource() {}

  /** The bytes of the config {@code argument} names. */
  public static LoadedConfig resolve(String argument, HubSettings hub, Revision revision) {
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
    return fromHub(repo, hub, revision);
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

  private static LoadedConfig fromHub(RepoId repo, HubSettings hub, Revision revision) {
    HfCache cache = new HfCache(hub.hubCache());
    String hubProblem;
    boolean gated = false;
    if (hub.offline()) {
      hubProblem = "offline";
    } else {
      HubClient client = new HubClient(hub);
      try {
        HubClient.Download d = client.fetch(repo, revision);
        String origin = repo + " (" + client.url(repo, revision) + ")";
        ConfigReader.requireJson(d.body(), origin);
        Notice notice = null;
        if (d.commit() != null && d.etag() != null) {
          try {
            cache.store(repo, revision, d.commit(), d.etag(), d.body());
          } catch (IOException | RuntimeException e) {
            notice = Notice.warning("could not write the HuggingFace cache (" + e.getMessage() + "); the config is used uncached");
          }
        } else {
          notice = Notice.warning("the Hub sent no valid commit hash or ETag for " + repo + "; the config is used but not cached");
        }
        return new LoadedConfig(d.body(), repo.toString(), LoadedConfig.Kind.HUB, d.commit(), notice);
      } catch (HubUnreachableException e) {
        hubProblem = host(hub.endpoint()) + " unreachable (" + e.getMessage() + ")";
      } catch (HubAnswerException e) {
        if (e.kind() != HubAnswerException.Kind.GATED) {
          throw new ConfigException(e.getMessage());
        }
        gated = true;
        hubProblem = e.getMessage();
      }
    }

    Optional<Path> cached = cache.lookup(repo, revision);
    if (cached.isPresent()) {
      String using = hubProblem + "; using the cached config " + cached.get();
      Notice notice = hub.offline() ? null : gated ? Notice.note(using) : Notice.warning(using);
      String commit = cached.get().getParent().getFileName().toString();
      return read(cached.get(), repo.toString(), LoadedConfig.Kind.CACHE, commit, notice);
    }

    Optional<String> bundled = revision.isMain() ? Catalog.find(repo) : Optional.empty();
    if (bundled.isPresent()) {
      String why = hub.offline() ? "offline" : hubProblem;
      return new LoadedConfig(
          Catalog.read(bundled.get()),
          bundled.get(),
          LoadedConfig.Kind.BUNDLED,
          null,
          Notice.note("using the bundled snapshot of " + bundled.get() + " (" + why + ")"));
    }

    String notCached = "not in the cache (" + cache.repoFolder(repo) + ")";
    String noBundle = revision.isMain() ? "no bundled snapshot" : "no bundled snapshot of revision '" + revision + "'";
    if (gated) {
      throw new ConfigException(hubProblem + "; " + notCached + ", " + noBundle);
    }
    String hubPart = hub.offline() ? "offline (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE or the offline option)" : "hub " + hubProblem;
    throw new ConfigException(
        "cannot load config for '" + repo + "': " + hubPart + ", " + notCached + ", " + noBundle
            + ". Check the name, your network, or pass a local config.json.");
  }

  private static String host(String endpoint) {
    try {
      URI uri = URI.create(endpoint);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return endpoint;
    }
  }

  /** Reads a local file, refusing anything larger than a config can be. */
  private static LoadedConfig read(Path file, String origin, LoadedConfig.Kind kind, String commit, Notice notice) {
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new ConfigException(
            origin + ": too large for a config.json (over " + (MAX_CONFIG_BYTES >> 20) + " MiB)");
      }
      return new LoadedConfig(Files.readAllBytes(file), origin, kind, commit, notice);
    } catch (NoSuchFileException e) {
      throw new ConfigException(origin + ": no such file; pass the path of a config.json", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(origin + ": permission denied", e);
    } catch (IOException e) {
      throw new ConfigException(origin + ": cannot read: " + e.getMessage(), e);
    }
  }
}
