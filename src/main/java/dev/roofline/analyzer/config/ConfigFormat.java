package dev.roofline.analyzer.config;

/**
 * How the keys of a config become the record of one family: transformers' defaults, aliases and
 * checks. Each record holds its own format as {@code FORMAT}; a registry binds it to the
 * {@code model_type} names it reads and to the family's graph builder.
 */
public abstract class ConfigFormat<C extends ModelConfig> {
  private final Class<C> type;

  ConfigFormat(Class<C> type) {
    this.type = type;
  }

  /** The record this format reads. */
  public final Class<C> type() {
    return type;
  }

  /**
   * The record the keys of {@code fields} describe.
   *
   * @throws ConfigException naming the key that has the wrong type or breaks a rule
   */
  abstract C read(JsonFields fields);
}
