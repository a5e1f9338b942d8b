package dev.roofline.analyzer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepoIdTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "meta-llama/Llama-3.1-8B, models--meta-llama--Llama-3.1-8B",
    "gpt2, models--gpt2",
    "a/b, models--a--b",
    "_/x_, models--_--x_",
    "Org.name/model-v1.0_final, models--Org.name--model-v1.0_final"
  })
  void validIdsAndTheirCacheFolders(String id, String folder) {
    RepoId repo = RepoId.parse(id);
    assertThat(repo.toString()).isEqualTo(id);
    assertThat(repo.cacheFolder()).isEqualTo(folder);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ../x      | contains '..'
          a/../../b | contains '..'
          a--b/c    | contains '--'
          /abs/x    | more than one '/'
          /abs      | '' is not a valid name
          a/b/c     | more than one '/'
          a/.git    | ends with '.git'
          .a/b      | '.a' is not a valid name
          a/b-      | 'b-' is not a valid name
          a/b%20    | 'b%20' is not a valid name
          """)
  void invalidIdsSayWhy(String id, String why) {
    assertThatThrownBy(() -> RepoId.parse(id)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
  }

  @ParameterizedTest(name = "name of {0} characters")
  @CsvSource({"96, true", "97, false"})
  void namesHaveAtMost96Characters(int length, boolean valid) {
    String id = "org/" + "n".repeat(length);
    if (valid) {
      assertThat(RepoId.parse(id).name()).hasSize(length);
    } else {
      assertThatThrownBy(() -> RepoId.parse(id)).hasMessage("the name is longer than 96 characters");
    }
  }

  @ParameterizedTest(name = "--revision {0}")
  @CsvSource({"main, main", "refs/pr/1, refs%2Fpr%2F1", "v1.0+beta#2, v1.0%2Bbeta%232", "é, %C3%A9"})
  void revisionsAreOneUrlSegment(String revision, String segment) {
    assertThat(new Revision(revision).urlSegment()).isEqualTo(segment);
  }
}
