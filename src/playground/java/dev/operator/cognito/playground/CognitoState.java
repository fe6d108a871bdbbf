package dev.operator.cognito.playground;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the running playground's Cognito is, written while it runs so that {@code ./playground
 * sign-in} in another shell can find it. Holds addresses and ids, never a password.
 */
record CognitoState(URI endpoint, String region, String poolId, String clientId) {

  void save(Path file) {
    Properties p = new Properties();
    p.setProperty("endpoint", endpoint.toString());
    p.setProperty("region", region);
    p.setProperty("poolId", poolId);
    p.setProperty("clientId", clientId);
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, "the running playground's Cognito (deleted when it stops)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<CognitoState> load(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(
        new CognitoState(
            URI.create(p.getProperty("endpoint")),
            p.getProperty("region"),
            p.getProperty("poolId"),
            p.getProperty("clientId")));
  }
}
