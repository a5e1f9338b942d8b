package dev.roofline.analyzer.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output, remembering why a write failed: a {@link java.io.PrintWriter} only says that
 * one did, and the user should hear that the disk is full or the reader has gone.
 */
final class WatchedOutput extends FilterOutputStream {

  private IOException failure;

  WatchedOutput(OutputStream out) {
    super(out);
  }

  /** The first write or flush that failed; null when none did. */
  IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
