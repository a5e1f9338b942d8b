package dev.roofline.analyzer.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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

  private static final AtomicLong TEMPORARIES = new AtomicLong();

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

  /**
   * Stores {@code bytes} as {@code config.json} of {@code repo} at {@code commit}. Files get the
   * mode any new file gets under the umask (as {@code huggingface_hub} gives them), so that a cache
   * shared between users stays shared; nothing is written through a link that leads out of the
   * cache.
   */
  void store(RepoId repo, Revision revision, String commit, String etag, byte[] bytes) throws IOException {
    if (!Revision.isCommitHash(commit) || HubClient.validEtag(etag) == null) {
      throw new IllegalArgumentException("commit and etag must be validated first");
    }
    Path realRoot = Files.createDirectories(root).toRealPath();
    Path folder = repoFolder(repo);
    Path blobs = directory(realRoot, inside(folder.resolve("blobs")));
    Path blob = blobs.resolve(etag);
    if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS) || Files.size(blob) != bytes.length) {
      writeAtomically(blob, bytes);
    }

    Path snapshot = directory(realRoot, inside(folder.resolve("snapshots").resolve(commit)));
    Path config = snapshot.resolve("config.json");
    Path link = Path.of("..", "..", "blobs", etag);
    Path temp = temporary(config);
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
      directory(realRoot, ref.getParent());
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

  /**
   * The folder {@code dir} under the root, made one level at a time; each level, once there, must
   * really be a folder under {@code realRoot}, the root with its links resolved. So a link planted
   * in a shared cache ({@code refs} pointing elsewhere) is refused before anything is written
   * through it.
   */
  private Path directory(Path realRoot, Path dir) throws IOException {
    Path current = root;
    for (Path name : root.relativize(dir)) {
      current = current.resolve(name);
      try {
        Files.createDirectory(current);
      } catch (FileAlreadyExistsException e) {
        // There already (a folder, a file or a link): checked below.
      }
      if (!Files.isDirectory(current) || !current.toRealPath().startsWith(realRoot)) {
        throw new IOException(current + " is not a folder inside the cache (a link to elsewhere?); not writing through it");
      }
    }
    return current;
  }

  /** A new name next to {@code target}, for writing it before moving it into place. */
  private static Path temporary(Path target) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + "." + ProcessHandle.current().pid()
            + "." + TEMPORARIES.incrementAndGet() + ".tmp");
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = temporary(target);
    try {
      // Not Files.createTempFile, whose files are private to their owner whatever the umask.
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
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
