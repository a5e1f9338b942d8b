package dev.roofline.analyzer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file atomically: the bytes go to a new temporary file in the target's folder,
 * which is then renamed over the target in one step, so that readers see the old file or the new
 * one, never a part. A folder in the target's place is never replaced. On failure the temporary
 * file is removed and the target is as it was.
 */
final class OutputFile {
  private OutputFile() {}

  /**
   * Writes {@code bytes} to {@code target}.
   *
   * @throws OutputException naming {@code target} and what went wrong
   */
  static void write(Path target, byte[] bytes) {
    Path absolute = target.toAbsolutePath();
    Path folder = folder(target, absolute);
    Path temp = null;
    try {
      temp = create(folder, absolute.getFileName().toString());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      // rename(2) refuses to replace a folder (EISDIR), should one have appeared meanwhile.
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw new OutputException("cannot write " + target + ": " + reason(e, folder));
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Nothing more can be done; the error about the target is the one to report.
        }
      }
    }
  }

  /**
   * Checks that {@code target} can be written now: it is no folder, its folder is one, and a file
   * can be made there; so that a run that writes it only at the end of a long time fails first.
   *
   * @throws OutputException naming {@code target} and what is wrong
   */
  static void check(Path target) {
    Path absolute = target.toAbsolutePath();
    Path folder = folder(target, absolute);
    try {
      Files.delete(create(folder, absolute.getFileName().toString()));
    } catch (IOException e) {
      throw new OutputException("cannot write " + target + ": " + reason(e, folder));
    }
  }

  /** The folder of {@code target} ({@code absolute}), which must be one, while the target must not. */
  private static Path folder(Path target, Path absolute) {
    Path folder = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new OutputException("cannot write " + target + ": it is a folder");
    }
    if (folder == null || !Files.isDirectory(folder)) {
      String why =
          folder != null && Files.exists(folder) ? folder + " is not a folder" : "no such folder " + folder;
      throw new OutputException("cannot write " + target + ": " + why);
    }
    return folder;
  }

  /**
   * A new, empty, hidden file in {@code folder} named after {@code name}, with the permissions a
   * new file gets (unlike {@link Files#createTempFile}, which makes it private to the owner).
   */
  private static Path create(Path folder, String name) throws IOException {
    String stem = "." + name + "." + ProcessHandle.current().pid() + ".";
    for (long n = System.nanoTime(); ; n++) {
      Path temp = folder.resolve(stem + Long.toHexString(n) + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
            .close();
        return temp;
      } catch (FileAlreadyExistsException taken) {
        // Another writer's name: try the next.
      }
    }
  }

  /**
   * The cause in words: the system's reason when it gives one ("No space left on device"), never
   * the temporary file's name.
   */
  private static String reason(IOException e, Path folder) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "no file can be made in " + folder;
    }
    return e instanceof FileSystemException || e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
