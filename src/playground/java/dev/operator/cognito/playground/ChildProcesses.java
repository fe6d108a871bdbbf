package dev.operator.cognito.playground;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process the playground started, and anything that process started in turn. */
final class ChildProcesses {

  private ChildProcesses() {}

  static void stop(Process process) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
