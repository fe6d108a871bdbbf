package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The address kubectl talks to. Fabric8's in-memory server streams watches only over WebSockets,
 * while kubectl ({@code get -w}, {@code wait}, {@code delete}'s wait) reads them as a chunked HTTP
 * response, one JSON event per line. This door forwards every request to the in-memory server and,
 * for a watch, opens the WebSocket itself and writes each event as a line, as a Table when kubectl
 * asked for one. Clients that speak WebSockets (the operator) use the server directly.
 */
final class KubectlFrontDoor implements AutoCloseable {

  private static final List<String> FORWARDED_HEADERS =
      List.of("Accept", "Content-Type", "User-Agent");

  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI backend;
  private final TableView tables;
  private final ObjectMapper json = new ObjectMapper();

  private KubectlFrontDoor(
      HttpServer server, ExecutorService threads, URI backend, TableView tables) {
    this.server = server;
    this.threads = threads;
    this.backend = backend;
    this.tables = tables;
  }

  static KubectlFrontDoor start(int port, URI backend, TableView tables) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      ExecutorService threads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "kubectl-door");
                t.setDaemon(true);
                return t;
              });
      KubectlFrontDoor door = new KubectlFrontDoor(server, threads, backend, tables);
      server.createContext("/", door::handle);
      server.setExecutor(threads);
      server.start();
      return door;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String pathAndQuery =
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      if (exchange.getRequestMethod().equals("GET") && isWatch(uri.getRawQuery())) {
        streamWatch(exchange, uri.getRawPath(), pathAndQuery);
      } else {
        forward(exchange, pathAndQuery);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange exchange, String pathAndQuery)
      throws IOException, InterruptedException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(backend.resolve(pathAndQuery))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : FORWARDED_HEADERS) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            response.headers().firstValue("Content-Type").orElse("application/json"));
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
  }

  private void streamWatch(HttpExchange exchange, String path, String pathAndQuery)
      throws IOException, InterruptedException {
    boolean asTable = TableView.wanted(exchange.getRequestHeaders().getFirst("Accept"));
    Optional<String> plural = ApiPath.parse(path).map(ApiPath::plural);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    URI socket = URI.create(backend.toString().replaceFirst("^http", "ws")).resolve(pathAndQuery);
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder message = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
              String event = translate(message.toString(), asTable, plural);
              message.setLength(0);
              try {
                out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
              } catch (IOException kubectlWentAway) {
                ws.abort();
                ended.complete(null);
              }
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            ended.complete(null);
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            ended.complete(null);
          }
        };
    try {
      WebSocket ws = http.newWebSocketBuilder().buildAsync(socket, listener).join();
      try {
        ended.get();
      } finally {
        ws.abort();
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CompletionException e) {
      // the watch could not be opened or ended badly: the response simply ends, as on a timeout
    }
  }

  private String translate(String event, boolean asTable, Optional<String> plural) {
    if (!asTable || plural.isEmpty()) {
      return event;
    }
    try {
      JsonNode node = json.readTree(event);
      if (node instanceof ObjectNode watchEvent && node.has("object")) {
        watchEvent.set(
            "object", json.readTree(tables.render(plural.get(), node.path("object"), false)));
      }
      return node.toString();
    } catch (IOException e) {
      return event;
    }
  }

  private static boolean isWatch(String rawQuery) {
    if (rawQuery == null) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.equals("watch=true") || pair.equals("watch=1")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
