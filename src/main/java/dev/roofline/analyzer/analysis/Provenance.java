package dev.roofline.analyzer.analysis;

/** Where the analysed config came from. */
public enum Provenance {
  /** A local file, or a folder that holds one. */
  FILE("file"),
  /** Downloaded from the Hub by this run. */
  HUB("hub"),
  /** The HuggingFace cache. */
  CACHE("cache"),
  /** A snapshot bundled in the tool. */
  BUNDLED("bundled");

  private final String key;

  Provenance(String key) {
    this.key = key;
  }

  /** A stable lower-case key for machine-readable outputs. */
  public String key() {
    return key;
  }
}
