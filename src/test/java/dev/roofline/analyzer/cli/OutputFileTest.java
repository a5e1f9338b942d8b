package dev.roofline.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files, written atomically through a temporary file that never outlives the call. */
class OutputFileTest {

  @TempDir Path dir;

  private Stream<Path> list() throws Exception {
    return Files.list(dir);
  }

  @Test
  void writesNewFilesWithTheUsualPermissionsAndReplacesOldOnes() throws Exception {
    Path target = dir.resolve("a.svg");
    OutputFile.write(target, "first".getBytes(StandardCharsets.UTF_8));
    assertThat(target).hasContent("first");
    // The permissions any new file gets here (not the owner-only ones of a temporary file).
    Path plain = Files.createFile(dir.resolve("plain"));
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
    Files.delete(plain);
    OutputFile.write(target, "second".getBytes(StandardCharsets.UTF_8));
    assertThat(target).hasContent("second");
    try (Stream<Path> files = list()) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aRelativePathIsWrittenInTheWorkingFolder() throws Exception {
    Path relative = Path.of("target", "output-file-test.svg");
    try {
      OutputFile.write(relative, new byte[] {1, 2, 3});
      assertThat(Files.readAllBytes(relative)).containsExactly(1, 2, 3);
    } finally {
      Files.deleteIfExists(relative);
    }
  }

  @Test
  void failuresNameTheTargetAndLeaveNothing() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("b.svg"));
    assertThatThrownBy(() -> OutputFile.write(folder, new byte[1]))
        .isInstanceOf(OutputException.class)
        .hasMessage("cannot write " + folder + ": it is a folder");
    Path missing = dir.resolve("nowhere/c.svg");
    assertThatThrownBy(() -> OutputFile.write(missing, new byte[1]))
        .hasMessage("cannot write " + missing + ": no such folder " + dir.resolve("nowhere"));
    Path file = Files.createFile(dir.resolve("d"));
    assertThatThrownBy(() -> OutputFile.write(file.resolve("e.svg"), new byte[1]))
        .hasMessage("cannot write " + file.resolve("e.svg") + ": " + file + " is not a folder");
    try (Stream<Path> files = list()) {
      assertThat(files).containsExactlyInAnyOrder(folder, file);
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }
}
