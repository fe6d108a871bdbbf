package dev.operator.cognito.playground;

import java.util.Optional;

/**
 * The options of {@code ./playground} (not {@code sign-in}): {@code --demo}, {@code --apiserver}.
 */
record PlaygroundOptions(boolean demo, Optional<String> apiServer, boolean help) {

  /** Throws IllegalArgumentException, naming the argument, for anything it does not know. */
  static PlaygroundOptions parse(String... args) {
    boolean demo = false;
    boolean help = false;
    Optional<String> apiServer = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--demo")) {
        demo = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.equals("--apiserver")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--apiserver needs a value: real or memory");
        }
        apiServer = Optional.of(args[++i]);
      } else if (arg.startsWith("--apiserver=")) {
        apiServer = Optional.of(arg.substring("--apiserver=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    return new PlaygroundOptions(demo, apiServer, help);
  }
}
