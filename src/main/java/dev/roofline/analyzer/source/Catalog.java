package dev.roofline.analyzer.source;

import dev.roofline.analyzer.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Configs of well-known models shipped inside the jar, so that they can be analysed with no
 * network and an empty cache. Keyed by repo id; {@code index.txt} lists the ids, and each config
 * is the resource {@code org--name.json}, as published.
 */
public final class Catalog {

  private static final String FOLDER = "dev/roofline/analyzer/catalog/";

  private Catalog() {}

  /** The repo ids of the bundled configs, sorted. */
  public static List<String> ids() {
    try {
      byte[] index = Resources.read(Catalog.class, FOLDER + "index.txt");
      if (index == null) {
        return List.of();
      }
      List<String> ids = new ArrayList<>();
      for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.strip());
        }
      }
      Collections.sort(ids);
      return List.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled id equal to {@code repo}, ignoring case. */
  static Optional<String> find(RepoId repo) {
    String wanted = repo.toString();
    for (String id : ids()) {
      if (id.equalsIgnoreCase(wanted)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** The bytes of the bundled config of {@code id}, an id of {@link #ids()}. */
  static byte[] read(String id) {
    String resource = FOLDER + id.replace("/", "--") + ".json";
    try {
      byte[] bytes = Resources.read(Catalog.class, resource);
      if (bytes == null) {
        throw new IllegalStateException("bundled config missing: " + resource);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
