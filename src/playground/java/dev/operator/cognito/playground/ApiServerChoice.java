package dev.operator.cognito.playground;

import java.util.List;
import java.util.Optional;

/**
 * Which Kubernetes API server the playground runs, and the lines that tell the user so before
 * anything starts. A real kube-apiserver and etcd is the default once their binaries are built;
 * until then the in-memory one is, because building them takes about 17 minutes, which nobody
 * should meet by surprise. {@code --apiserver real} asks for the build (which {@link
 * RealKubernetes} then runs through the test suite's support); where there is no Go to build with,
 * it fails at once, saying so.
 */
record ApiServerChoice(Kind kind, List<String> announcement) {

  enum Kind {
    REAL,
    MEMORY
  }

  /** {@code option}: the value of {@code --apiserver}, if given. */
  static ApiServerChoice decide(Optional<String> option, KubeBinaries binaries) {
    String real =
        "playground: Kubernetes API: a real kube-apiserver and etcd ("
            + binaries.version()
            + ", in "
            + binaries.shownDir()
            + ")";
    if (option.isEmpty()) {
      return binaries.present()
          ? new ApiServerChoice(
              Kind.REAL, List.of(real + "; --apiserver memory for the in-memory one instead"))
          : new ApiServerChoice(
              Kind.MEMORY,
              List.of(
                  "playground: Kubernetes API: in memory (Fabric8's mock server: no RBAC, no"
                      + " schema validation), as no real kube-apiserver is built yet",
                  "playground: for a real kube-apiserver and etcd, run scripts/kube-binaries once"
                      + " (about 17 minutes, ~180 MB in "
                      + binaries.shownDir()
                      + "), or ./playground --apiserver real, which runs it first"));
    }
    return switch (option.get()) {
      case "memory" ->
          new ApiServerChoice(
              Kind.MEMORY,
              List.of(
                  "playground: Kubernetes API: in memory (--apiserver memory: Fabric8's mock"
                      + " server, no RBAC, no schema validation)"));
      case "real" -> realOnRequest(binaries, real);
      default ->
          throw new IllegalArgumentException(
              "--apiserver takes real or memory, not '" + option.get() + "'");
    };
  }

  private static ApiServerChoice realOnRequest(KubeBinaries binaries, String real) {
    if (binaries.present()) {
      return new ApiServerChoice(Kind.REAL, List.of(real));
    }
    if (!binaries.buildable()) {
      throw new PlaygroundException(
          "--apiserver real needs kube-apiserver and etcd in "
              + binaries.shownDir()
              + ", and there is no `go` on the PATH to build them with (scripts/kube-binaries):"
              + " install Go, or use --apiserver memory");
    }
    return new ApiServerChoice(
        Kind.REAL,
        List.of(
            real + ", not built yet:",
            "playground: building them first with scripts/kube-binaries (once: about 17 minutes"
                + " on two cores, ~180 MB of binaries, and Go's own caches) ..."));
  }
}
