package dev.operator.cognito.support;

/** Reads a value out of a /metrics scrape in Prometheus' text format. */
public final class PrometheusText {

  private PrometheusText() {}

  /** The value of the first series whose line starts with {@code series}, or 0 if none does. */
  public static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
