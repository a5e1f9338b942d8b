package dev.roofline.analyzer.source;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh Hub on loopback and a fresh HF_HOME for every test. */
abstract class HubTestBase {

  @TempDir Path home;
  HubFixture hub;

  @BeforeEach
  void startHub() throws Exception {
    hub = new HubFixture(home);
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }
}
