package dev.operator.cognito.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operator.cognito.playground.ApiServerChoice.Kind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which API server {@code ./playground} runs, and what its first lines say about it. */
class ApiServerChoiceTest {

  private static final Path DIR = Path.of("/cache/k8s/1.36.3-linux-amd64");
  private static final KubeBinaries BUILT = new KubeBinaries(true, true, DIR, "1.36.3");
  private static final KubeBinaries BUILDABLE = new KubeBinaries(false, true, DIR, "1.36.3");
  private static final KubeBinaries NO_GO = new KubeBinaries(false, false, DIR, "1.36.3");

  @Test
  void realIsTheDefaultOnceItsBinariesAreBuilt() {
    ApiServerChoice choice = ApiServerChoice.decide(Optional.empty(), BUILT);

    assertThat(choice.kind()).isEqualTo(Kind.REAL);
    assertThat(choice.announcement())
        .singleElement()
        .asString()
        .contains("a real kube-apiserver and etcd (1.36.3", "--apiserver memory");
  }

  @Test
  void memoryIsTheDefaultUntilThenAndTheLinesSayHowToGetTheRealOne() {
    for (KubeBinaries missing : new KubeBinaries[] {BUILDABLE, NO_GO}) {
      ApiServerChoice choice = ApiServerChoice.decide(Optional.empty(), missing);

      assertThat(choice.kind()).as("nothing is built implicitly").isEqualTo(Kind.MEMORY);
      assertThat(String.join("\n", choice.announcement()))
          .contains("in memory", "scripts/kube-binaries", "17 minutes", "180 MB", DIR.toString());
    }
  }

  @Test
  void realOnRequestIsBuiltFirstWhereGoIsThereSayingHowLongItTakes() {
    ApiServerChoice choice = ApiServerChoice.decide(Optional.of("real"), BUILDABLE);

    assertThat(choice.kind()).isEqualTo(Kind.REAL);
    assertThat(String.join("\n", choice.announcement()))
        .contains("not built yet", "scripts/kube-binaries", "17 minutes");
  }

  @Test
  void realOnRequestWithoutGoFailsInOneLine() {
    assertThatThrownBy(() -> ApiServerChoice.decide(Optional.of("real"), NO_GO))
        .isInstanceOf(PlaygroundException.class)
        .hasMessageContaining("no `go`")
        .hasMessageContaining("--apiserver memory")
        .hasMessageNotContaining("\n");
  }

  @Test
  void eitherIsChosenWhenAsked() {
    assertThat(ApiServerChoice.decide(Optional.of("memory"), BUILT).kind()).isEqualTo(Kind.MEMORY);
    assertThat(ApiServerChoice.decide(Optional.of("real"), BUILT).kind()).isEqualTo(Kind.REAL);
    assertThatThrownBy(() -> ApiServerChoice.decide(Optional.of("k3s"), BUILT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("real or memory");
  }

  @Test
  void theOptionsAreReadInAnyOrderAndInBothSpellings() {
    assertThat(PlaygroundOptions.parse("--demo", "--apiserver", "memory"))
        .isEqualTo(new PlaygroundOptions(true, Optional.of("memory"), false));
    assertThat(PlaygroundOptions.parse("--apiserver=real"))
        .isEqualTo(new PlaygroundOptions(false, Optional.of("real"), false));
    assertThat(PlaygroundOptions.parse())
        .isEqualTo(new PlaygroundOptions(false, Optional.empty(), false));
    assertThatThrownBy(() -> PlaygroundOptions.parse("--apiserver"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> PlaygroundOptions.parse("--dmeo")).hasMessageContaining("'--dmeo'");
  }
}
