package dev.roofline.analyzer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The HuggingFace cache, laid out as {@code huggingface_hub} lays it out, so that each tool finds
 * what the other downloaded:
 *
 * <pre>
 * models--{org}--{name}/blobs/{etag}                    the bytes
 * models--{org}--{name}/snapshots/{commit}/config.json  a relative link to ../../blobs/{etag}
 * models--{org}--{name}/refs/{revision}                 the commit, no newline
 * </pre>
 *
 * Every file is written to a temporary name in its folder and moved into place atomically, so two
 * processes may fill the same entry at once and a reader never sees half a file.
 */
final class HfCache {

  private final Path root;

  HfCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The repository's folder (which may not exist). */
  Path repoFolder(RepoId repo) {
    return inside(root.resolve(repo.cacheFolder()));
  }

  /** The cached {@code config.json} of {@code repo} at {@code revision}, if there is one. */
  Optional<Path> lookup(RepoId repo, Revision revision) {
    Path folder = repoFolder(repo);
    String commit = revision.value();
    if (!revision.isCommit()) {
      Path ref = inside(folder.resolve("refs").resolve(revision.value()));
      try {
        if (!Files.isRegularFile(ref)) {
          return Optional.empty();
        }
        commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        return Optional.empty();
      }
      if (!Revision.isCommitHash(commit)) {
        return Optional.empty();
      }
    }
    Path config = inside(folder.resolve("snapshots").resolve(commit).resolve("config.json"));
    return Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
  }

  /** Stores {@code bytes} as {@code config.json} of {@code repo} at {@code commit}. */
  void store(RepoId repo, Revision revision, String commit, String etag, byte[] bytes) throws IOException {
    if (!Revision.isCommitHash(commit) || HubClient.validEtag(etag) == null) {
      throw new IllegalArgumentException("commit and etag must be validated first");
    }
    Path folder = repoFolder(repo);
    Path blobs = Files.createDirectories(inside(folder.resolve("blobs")));
    Path blob = inside(blobs.resolve(etag));
    if (!Files.isRegularFile(blob) || Files.size(blob) != bytes.length) {
      writeAtomically(blob, bytes);
    }

    Path snapshot = Files.createDirectories(inside(folder.resolve("snapshots").resolve(commit)));
    Path config = inside(snapshot.resolve("config.json"));
    Path link = Path.of("..", "..", "blobs", etag);
    Path temp = snapshot.resolve(".config.json." + Long.toHexString(System.nanoTime()) + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createSymbolicLink(temp, link);
      move(temp, config);
    } catch (UnsupportedOperationException | IOException e) {
      // No symbolic links here (some file systems, Windows without the right): a copy.
      Files.deleteIfExists(temp);
      writeAtomically(config, bytes);
    }

    if (!revision.isCommit() || !revision.value().equals(commit)) {
      Path ref = inside(folder.resolve("refs").resolve(revision.value()));
      Files.createDirectories(ref.getParent());
      writeAtomically(ref, commit.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** {@code path}, normalised, after checking that it lies under the cache root. */
  private Path inside(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("path escapes the cache: " + path);
    }
    return p;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
