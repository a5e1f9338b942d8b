package dev.roofline.analyzer.analysis;

import java.util.Objects;

/**
 * What was asked to be analysed: the argument as the user gave it, where its config came from,
 * and, for a Hub repository, the revision asked for and the commit found (each null when unknown).
 */
public record Subject(String argument, Provenance provenance, String revision, String commit) {
  public Subject {
    Objects.requireNonNull(argument, "argument");
    Objects.requireNonNull(provenance, "provenance");
  }
}
