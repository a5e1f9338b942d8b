package dev.roofline.analyzer.config;

/**
 * A model configuration that cannot be had or used: missing file, malformed JSON, unsupported
 * model type, a field of the wrong type. Its message is one line meant for the user.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
