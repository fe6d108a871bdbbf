package dev.operator.cognito.support;

import dev.operator.cognito.playground.CognitoLocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * cognito-local (pinned in package.json, installed by the build) running on a free port in a fresh
 * directory, started the way the playground starts it. One instance serves the whole test JVM;
 * tests isolate themselves with pools of their own.
 */
public final class CognitoLocal {

  /**
   * Pools cognito-local creates itself are named {@code local_...}, a region no SDK knows, which
   * the operator refuses; pools loaded from files at start keep ids with a real region. So the
   * tests' pools are made up front, and {@link TestCognito#createPool} hands them out.
   */
  static final List<String> POOL_IDS =
      java.util.stream.IntStream.rangeClosed(1, 64)
          .mapToObj(i -> String.format("us-east-1_Test%03d", i))
          .toList();

  /** A pool holding one user who signs in through an identity provider (EXTERNAL_PROVIDER). */
  public static final String FEDERATED_POOL = "us-east-1_Federated";

  public static final String FEDERATED_USER = "Google_1234567890";

  private static CognitoLocalProcess shared;

  private CognitoLocal() {}

  public static synchronized CognitoLocalProcess shared() {
    if (shared == null) {
      try {
        shared =
            CognitoLocalProcess.start(
                Path.of("").toAbsolutePath(),
                Files.createTempDirectory("cognito-local-"),
                freePort(),
                java.util.stream.Stream.concat(
                        POOL_IDS.stream(), java.util.stream.Stream.of(FEDERATED_POOL))
                    .toList(),
                Map.of(FEDERATED_POOL, federatedUser()));
      } catch (IOException e) {
        throw new UncheckedIOException("could not start cognito-local", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  private static String federatedUser() {
    return "{\""
        + FEDERATED_USER
        + "\":{\"Username\":\""
        + FEDERATED_USER
        + "\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"6c1f3c8e-0000-4000-8000-000000000001\"}],"
        + "\"Enabled\":true,\"UserStatus\":\"EXTERNAL_PROVIDER\","
        + "\"UserCreateDate\":\"2026-01-01T00:00:00.000Z\","
        + "\"UserLastModifiedDate\":\"2026-01-01T00:00:00.000Z\",\"RefreshTokens\":[]}}";
  }

  public static URI endpoint() {
    return shared().endpoint();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
