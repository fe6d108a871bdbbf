package dev.operator.cognito.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** Serves /metrics (Prometheus text), /healthz and /readyz on one port. */
public final class HealthAndMetricsServer implements AutoCloseable {

  private final HttpServer server;

  private HealthAndMetricsServer(HttpServer server) {
    this.server = server;
  }

  public static HealthAndMetricsServer start(
      int port, PrometheusMeterRegistry registry, Health health) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext(
        "/healthz",
        exchange -> {
          boolean alive = health.isAlive();
          respond(exchange, alive ? 200 : 503, "text/plain", alive ? "ok\n" : "stopped\n");
        });
    server.createContext(
        "/readyz",
        exchange -> {
          var problem = health.notReadyBecause();
          respond(
              exchange,
              problem.isEmpty() ? 200 : 503,
              "text/plain",
              problem.map(p -> "not ready: " + p + "\n").orElse("ready\n"));
        });
    server.setExecutor(Executors.newFixedThreadPool(2, daemonThreads()));
    server.start();
    return new HealthAndMetricsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "health-and-metrics");
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void respond(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
