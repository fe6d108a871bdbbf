package dev.operator.cognito.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast Cognito: an HTTP endpoint speaking Cognito's JSON protocol for the calls the operator
 * makes, keeping users in memory and counting calls. cognito-local rewrites its whole store on each
 * write, so it cannot serve a benchmark. It is a test double: it sees passwords and never prints
 * them.
 */
final class CognitoStandIn implements AutoCloseable {

  private static final String TARGET = "AWSCognitoIdentityProviderService.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final class User {
    volatile String password;
    volatile String status = "FORCE_CHANGE_PASSWORD";
    final String sub;

    User(String sub) {
      this.sub = sub;
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> nextWrites = new ConcurrentHashMap<>();
  private final List<Long> writeTimes = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong subs = new AtomicLong();

  CognitoStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void addUser(String username) {
    users.put(username, new User("sub-" + subs.incrementAndGet()));
  }

  long calls(String operation) {
    return calls.getOrDefault(operation, new AtomicLong()).get();
  }

  /** Completes, with System.nanoTime() of its arrival, when {@code password} is set for the user. */
  CompletableFuture<Long> expect(String username, String password) {
    CompletableFuture<Long> arrival = new CompletableFuture<>();
    expected.put(username + "\u0000" + password, arrival);
    User user = users.get(username);
    if (user != null && password.equals(user.password)) {
      arrival.complete(System.nanoTime());
    }
    return arrival;
  }

  /**
   * Completes, with System.nanoTime() of its arrival, at the next AdminSetUserPassword for the user,
   * whatever the password: for passwords the operator generates, which the harness does not know.
   */
  CompletableFuture<Long> nextWrite(String username) {
    CompletableFuture<Long> arrival = new CompletableFuture<>();
    nextWrites.put(username, arrival);
    return arrival;
  }

  /** When each AdminSetUserPassword arrived (System.nanoTime()), from now on. */
  void clearWriteTimes() {
    writeTimes.clear();
  }

  List<Long> writeTimes() {
    synchronized (writeTimes) {
      return new ArrayList<>(writeTimes);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target == null ? "" : target.substring(TARGET.length());
      calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String username = request.path("Username").asText();
      ObjectNode response = JSON.createObjectNode();
      switch (operation) {
        case "AdminGetUser" -> {
          User user = users.get(username);
          if (user == null) {
            error(exchange, "UserNotFoundException");
            return;
          }
          response.put("Username", username).put("UserStatus", user.status).put("Enabled", true);
          response.putArray("UserAttributes").addObject().put("Name", "sub").put("Value", user.sub);
        }
        case "AdminSetUserPassword" -> {
          User user = users.get(username);
          if (user == null) {
            error(exchange, "UserNotFoundException");
            return;
          }
          long now = System.nanoTime();
          String password = request.path("Password").asText();
          user.password = password;
          user.status = request.path("Permanent").asBoolean() ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
          writeTimes.add(now);
          CompletableFuture<Long> waiting = expected.remove(username + "\u0000" + password);
          if (waiting != null) {
            waiting.complete(now);
          }
          CompletableFuture<Long> next = nextWrites.remove(username);
          if (next != null) {
            next.complete(now);
          }
        }
        case "AdminCreateUser" -> {
          users.putIfAbsent(username, new User("sub-" + subs.incrementAndGet()));
          User user = users.get(username);
          response
              .putObject("User")
              .put("Username", username)
              .put("UserStatus", user.status)
              .put("Enabled", true);
        }
        case "DescribeUserPool" ->
            response
                .putObject("UserPool")
                .put("Id", request.path("UserPoolId").asText())
                .putObject("Policies")
                .putObject("PasswordPolicy")
                .put("TemporaryPasswordValidityDays", 7);
        case "AdminListGroupsForUser" -> response.putArray("Groups");
        case "AdminInitiateAuth" -> {
          // a sign-in (ADMIN_USER_PASSWORD_AUTH): proves the password in Cognito is the one given
          User user = users.get(request.path("AuthParameters").path("USERNAME").asText());
          String password = request.path("AuthParameters").path("PASSWORD").asText();
          if (user == null || user.password == null || !user.password.equals(password)) {
            error(exchange, "NotAuthorizedException");
            return;
          }
          if ("FORCE_CHANGE_PASSWORD".equals(user.status)) {
            response.put("ChallengeName", "NEW_PASSWORD_REQUIRED").put("Session", "bench");
          } else {
            response
                .putObject("AuthenticationResult")
                .put("AccessToken", "bench")
                .put("IdToken", "bench")
                .put("RefreshToken", "bench")
                .put("TokenType", "Bearer")
                .put("ExpiresIn", 3600);
          }
        }
        default -> {
          error(exchange, "InvalidParameterException");
          return;
        }
      }
      send(exchange, 200, JSON.writeValueAsBytes(response));
    }
  }

  private static void error(HttpExchange exchange, String type) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    send(
        exchange,
        400,
        ("{\"__type\":\"" + type + "\",\"message\":\"" + type + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
