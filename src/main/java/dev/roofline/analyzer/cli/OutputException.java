package dev.roofline.analyzer.cli;

/**
 * An output file cannot be written (a missing folder, a folder in its place, no permission, a
 * full disk): one line for the user naming the file, and exit code 1. Nothing of the file is left.
 */
final class OutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OutputException(String message) {
    super(message, null, false, false);
  }
}
