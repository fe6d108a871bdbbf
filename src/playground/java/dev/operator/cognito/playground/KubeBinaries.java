package dev.operator.cognito.playground;

import dev.operator.cognito.support.RealApiServer;
import java.nio.file.Path;

/**
 * What the cache of kube-apiserver, etcd and kubectl holds, as far as the choice of API server
 * depends on it: whether the pinned release is built, and whether it could be built here.
 */
record KubeBinaries(boolean present, boolean buildable, Path dir, String version) {

  static KubeBinaries inCache() {
    RealApiServer.Binaries pinned = RealApiServer.Binaries.pinned();
    return new KubeBinaries(
        pinned.present(), RealApiServer.Binaries.buildable(), pinned.dir(), pinned.version());
  }

  /** The directory as a person reads it: {@code ~} for the home directory. */
  String shownDir() {
    Path home = Path.of(System.getProperty("user.home"));
    return dir.startsWith(home) ? "~/" + home.relativize(dir) : dir.toString();
  }
}
