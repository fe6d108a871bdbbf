package dev.operator.cognito.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps every log line of the test JVM, at every level (logback-test.xml sets DEBUG), so the tests
 * can prove that no password reaches a log.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

  // stand-ins for the API server and Cognito: they see passwords by design
  private static final List<String> TEST_DOUBLES =
      List.of(
          "io.fabric8.mockwebserver",
          "io.fabric8.kubernetes.client.server.mock",
          "WireMock",
          "wiremock",
          "com.github.tomakehurst");

  private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (TEST_DOUBLES.stream().anyMatch(event.getLoggerName()::startsWith)) {
      return;
    }
    StringBuilder line =
        new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append('\n').append(ThrowableProxyUtil.asString(t));
    }
    LINES.add(line.toString());
  }

  public static List<String> lines() {
    return List.copyOf(LINES);
  }
}
