package dev.operator.cognito.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The password in deploy/examples/secret.yaml, for leak checks (never printed). */
final class ExamplePassword {

  private ExamplePassword() {}

  static String read() {
    try {
      Matcher m =
          Pattern.compile("(?m)^\\s+password:\\s*\"?([^\"\\n]+)\"?\\s*$")
              .matcher(Files.readString(Path.of("deploy/examples/secret.yaml")));
      if (!m.find()) {
        throw new IllegalStateException("no password in deploy/examples/secret.yaml");
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
