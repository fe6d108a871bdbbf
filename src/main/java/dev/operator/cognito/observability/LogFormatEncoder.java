package dev.operator.cognito.observability;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The log line format chosen by {@code LOG_FORMAT}: {@code json} gives one JSON object per line
 * (logback's own JsonEncoder; the CognitoUser's namespace/name is its {@code mdc.cognitouser}
 * field), anything else the text pattern set in logback.xml. Chosen here rather than with logback's
 * conditional configuration, which needs a script engine.
 */
public class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

  private String pattern = "%d %-5level [%thread] %logger{36} - %msg%n";
  private String format = "text";
  private Encoder<ILoggingEvent> delegate;

  /** {@code json} or {@code text} (logback.xml passes {@code LOG_FORMAT}). */
  public void setFormat(String format) {
    this.format = format;
  }

  /** The text pattern (logback.xml's {@code <pattern>}). */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public void start() {
    if ("json".equals(format)) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(getContext());
      // the message as people read it, once, without logback's own bookkeeping
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      delegate = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(getContext());
      text.setPattern(pattern);
      delegate = text;
    }
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
