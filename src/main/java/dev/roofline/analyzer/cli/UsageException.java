package dev.roofline.analyzer.cli;

/**
 * The command line cannot be used as given (token lists that make no batch, an unknown format, an
 * invalid revision or setting): one line for the user, and exit code 2.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
