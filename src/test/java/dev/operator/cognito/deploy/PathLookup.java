package dev.operator.cognito.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a command is installed, as a shell would find it. */
final class PathLookup {

  private PathLookup() {}

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
