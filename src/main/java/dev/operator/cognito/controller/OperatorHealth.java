package dev.operator.cognito.controller;

import dev.operator.cognito.observability.Health;
import io.javaoperatorsdk.operator.Operator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What /healthz and /readyz say, and a watchdog: an operator framework that stopped without being
 * asked to (an informer that could not start, say) leaves a process that does nothing, so the
 * probes say so and the process is ended for Kubernetes to restart it.
 */
public final class OperatorHealth implements Health, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OperatorHealth.class);

  private final Operator operator;
  private final AtomicBoolean closing;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean reported = new AtomicBoolean();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "operator-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  public OperatorHealth(Operator operator, AtomicBoolean closing) {
    this.operator = operator;
    this.closing = closing;
  }

  /** From now on, a framework that is not running is a failure; {@code onStop} ends it. */
  public void watch(Runnable onStop) {
    started.set(true);
    watchdog.scheduleWithFixedDelay(
        () -> {
          if (!isAlive() && reported.compareAndSet(false, true)) {
            log.error(
                "the operator framework stopped without being asked to (see the errors above);"
                    + " the process ends so that Kubernetes restarts it");
            onStop.run();
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  /** Runs {@code task} every {@code interval} on the watchdog's thread, until closed. */
  public void every(java.time.Duration interval, Runnable task) {
    watchdog.scheduleWithFixedDelay(
        task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** For /healthz: false once the framework stopped on its own. */
  @Override
  public boolean isAlive() {
    return closing.get() || !started.get() || operator.getRuntimeInfo().isStarted();
  }

  /** For /readyz: what keeps the operator from being ready, if anything. */
  @Override
  public Optional<String> notReadyBecause() {
    if (!isAlive()) {
      return Optional.of("the operator framework stopped");
    }
    if (!operator.getRuntimeInfo().isStarted()) {
      return Optional.of("starting");
    }
    if (!operator.getRuntimeInfo().allEventSourcesAreHealthy()) {
      return Optional.of(
          "not watching: "
              + operator.getRuntimeInfo().unhealthyEventSources().values().stream()
                  .flatMap(sources -> sources.keySet().stream())
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
