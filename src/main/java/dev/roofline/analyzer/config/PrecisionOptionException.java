package dev.roofline.analyzer.config;

/**
 * A weight, KV or activation type given on the command line that is not one of the known names.
 * Its message is one line that names the bad value and the known ones but no option: the command
 * line layer knows which option {@link #part()} came from and says so.
 */
public final class PrecisionOptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which of the three precisions the bad value was meant for. */
  public enum Part {
    WEIGHTS,
    KV,
    ACTIVATIONS
  }

  private final Part part;

  public PrecisionOptionException(Part part, String message) {
    super(message, null, false, false);
    this.part = part;
  }

  public Part part() {
    return part;
  }
}
