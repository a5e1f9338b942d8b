package dev.roofline.analyzer.graph;

/** The parts of a model's minimum storage, in the order the storage line lists them. */
public enum StorageKind {
  /** The weights one step reads. */
  WEIGHTS("weights", "Weights"),
  /** Keys and values of every cached and new token. */
  KV_CACHE("kv_cache", "KV-cache"),
  /**
   * The state a layer of linear attention keeps per query, whatever the context's length: its
   * convolution's last inputs and its delta rule's matrix.
   */
  RECURRENT_STATE("recurrent_state", "Recurrent state"),
  /** The weights of the experts a step does not read. */
  ADDITIONAL_EXPERTS("additional_experts", "Additional Experts"),
  /** One row of hidden values per vocabulary entry. */
  EMBEDDING_TABLE("embedding_table", "Embedding Table");

  private final String key;
  private final String label;

  StorageKind(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** A stable snake_case key for machine-readable outputs. */
  public String key() {
    return key;
  }

  /** The term's name on the storage line. */
  public String label() {
    return label;
  }
}
