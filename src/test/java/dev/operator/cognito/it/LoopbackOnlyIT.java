package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.RealApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real API server of the tests and the playground listens on loopback only: etcd asks no one
 * for credentials, so on any other interface anyone on the network could read the Secrets in it.
 * Read from Linux's socket tables: every listening TCP socket of a kube-apiserver or etcd process.
 */
class LoopbackOnlyIT {

  @Test
  void neitherEtcdNorKubeApiserverListensBeyondLoopback() throws IOException {
    Assumptions.assumeTrue(
        Files.isReadable(Path.of("/proc/net/tcp")), "reads Linux's /proc socket tables");
    try (RealApiServer server = RealApiServer.start()) {
      Map<String, List<String>> listening = listeningAddressesByProgram();

      assertThat(listening).as("programs with listening sockets").containsKeys("etcd");
      assertThat(listening).containsKey("kube-apiserver");
      for (String program : List.of("etcd", "kube-apiserver")) {
        assertThat(listening.get(program))
            .as("addresses %s listens on", program)
            .isNotEmpty()
            .allMatch(address -> address.startsWith("127.0.0.1:") || address.startsWith("::1:"));
      }
    }
  }

  /**
   * Listening sockets (local address:port) of this JVM's descendants named etcd or kube-apiserver
   * (not those of another build on the machine).
   */
  private static Map<String, List<String>> listeningAddressesByProgram() throws IOException {
    Map<String, String> addressByInode = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        if ("0A".equals(f[3])) { // LISTEN
          addressByInode.put(f[9], address(f[1]));
        }
      }
    }
    Map<String, List<String>> byProgram = new HashMap<>();
    List<Path> processes =
        ProcessHandle.current()
            .descendants()
            .map(p -> Path.of("/proc", Long.toString(p.pid())))
            .toList();
    for (Path process : processes) {
      String program;
      try {
        program = Files.readString(process.resolve("comm")).trim();
      } catch (IOException gone) {
        continue;
      }
      if (!program.equals("etcd") && !program.equals("kube-apiserver")) {
        continue;
      }
      try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
        for (Path fd : fds.toList()) {
          String target;
          try {
            target = Files.readSymbolicLink(fd).toString();
          } catch (IOException closed) {
            continue;
          }
          if (target.startsWith("socket:[")) {
            String inode = target.substring(8, target.length() - 1);
            if (addressByInode.containsKey(inode)) {
              byProgram
                  .computeIfAbsent(program, k -> new ArrayList<>())
                  .add(addressByInode.get(inode));
            }
          }
        }
      }
    }
    return byProgram;
  }

  /** /proc/net/tcp's hex address (little-endian IPv4, or IPv6) and port, as a:b. */
  private static String address(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String ip = parts[0];
    if (ip.length() == 8) {
      return String.format(
              "%d.%d.%d.%d",
              Integer.parseInt(ip.substring(6, 8), 16),
              Integer.parseInt(ip.substring(4, 6), 16),
              Integer.parseInt(ip.substring(2, 4), 16),
              Integer.parseInt(ip.substring(0, 2), 16))
          + ":"
          + port;
    }
    if (ip.equals("00000000000000000000000001000000")) {
      return "::1:" + port;
    }
    if (ip.equals("00000000000000000000FFFF0100007F")) {
      return "127.0.0.1:" + port; // IPv4 loopback mapped into IPv6
    }
    return (ip.equals("00000000000000000000000000000000") ? "::" : ip) + ":" + port;
  }
}
