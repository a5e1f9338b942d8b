package dev.roofline.analyzer.source;

/**
 * The Hub could not be asked, or could not answer: no DNS, no connection, a time-out, HTTP 5xx,
 * 408 or 429. The search goes on to the cache and the bundled snapshots.
 */
final class HubUnreachableException extends Exception {
  private static final long serialVersionUID = 1L;

  HubUnreachableException(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }
}
