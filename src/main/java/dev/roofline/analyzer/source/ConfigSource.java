package dev.roofline.analyzer.source;

import dev.roofline.analyzer.config.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns the positional argument, a path to a {@code config.json} or to a folder that holds one,
 * into the bytes of the config.
 */
public final class ConfigSource {

  /** The largest config read; real ones are a few kilobytes. */
  static final long MAX_CONFIG_BYTES = 16L << 20;

  private ConfigSource() {}

  /** The bytes of the config {@code argument} names, with the name to use in messages. */
  public static LoadedConfig resolve(String argument) {
    Path path;
    try {
      path = Path.of(argument);
    } catch (InvalidPathException e) {
      throw new ConfigException("'" + argument + "' is not a valid path: " + e.getReason());
    }
    if (Files.isDirectory(path)) {
      Path inner = path.resolve("config.json");
      if (!Files.isRegularFile(inner)) {
        throw new ConfigException(
            argument + ": the folder holds no config.json; pass a config.json or a model folder");
      }
      return read(inner, inner.toString());
    }
    if (Files.exists(path)) {
      return read(path, argument);
    }
    throw new ConfigException(argument + ": no such file; pass the path of a config.json");
  }

  /** Reads a local file, refusing anything larger than a config can be. */
  public static LoadedConfig read(Path file, String origin) {
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new ConfigException(
            origin + ": too large for a config.json (over " + (MAX_CONFIG_BYTES >> 20) + " MiB)");
      }
      return new LoadedConfig(Files.readAllBytes(file), origin);
    } catch (NoSuchFileException e) {
      throw new ConfigException(origin + ": no such file; pass the path of a config.json", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(origin + ": permission denied", e);
    } catch (IOException e) {
      throw new ConfigException(origin + ": cannot read: " + e.getMessage(), e);
    }
  }
}
