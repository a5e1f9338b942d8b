package dev.roofline.analyzer.cli;

import dev.roofline.analyzer.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the name and the version the build recorded. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {Main.NAME + " " + Version.get()};
  }
}
