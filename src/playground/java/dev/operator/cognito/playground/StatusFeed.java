package dev.operator.cognito.playground;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One line for each change of a CognitoUser's status, as it happens, in any namespace. */
final class StatusFeed implements AutoCloseable {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintStream out;
  private final Map<String, String> lastShown = new ConcurrentHashMap<>();
  private SharedIndexInformer<CognitoUser> informer;

  private StatusFeed(PrintStream out) {
    this.out = out;
  }

  static StatusFeed start(KubernetesClient client, PrintStream out) {
    StatusFeed feed = new StatusFeed(out);
    feed.informer =
        client
            .resources(CognitoUser.class)
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(CognitoUser user) {
                    feed.show(user);
                  }

                  @Override
                  public void onUpdate(CognitoUser before, CognitoUser after) {
                    feed.show(after);
                  }

                  @Override
                  public void onDelete(CognitoUser user, boolean finalStateUnknown) {
                    feed.lastShown.remove(key(user));
                    feed.print(key(user) + "  deleted");
                  }
                });
    return feed;
  }

  /**
   * What a person wants to know of a CognitoUser, in one line: Ready, its reason, Cognito's user
   * status, when a password was last set (so that each rotation shows) and the message.
   */
  static String describe(CognitoUser user) {
    if (user.getStatus() == null) {
      return "waiting for the operator";
    }
    CognitoUserStatus status = user.getStatus();
    StringBuilder line = new StringBuilder();
    status
        .condition("Ready")
        .ifPresent(
            c -> line.append("Ready=").append(c.getStatus()).append("  ").append(c.getReason()));
    if (status.getUserStatus() != null) {
      line.append("  ").append(status.getUserStatus());
    }
    if (status.getAppliedPassword() != null) {
      line.append("  password set ").append(status.getAppliedPassword().getAppliedAt());
    }
    status
        .condition("Ready")
        .map(Condition::getMessage)
        .ifPresent(m -> line.append(": ").append(m));
    return line.isEmpty() ? "no Ready condition yet" : line.toString();
  }

  private void show(CognitoUser user) {
    String line = describe(user);
    if (!line.equals(lastShown.put(key(user), line))) {
      print(key(user) + "  " + line);
    }
  }

  private synchronized void print(String line) {
    out.println(LocalTime.now().format(TIME) + "  " + line);
    out.flush();
  }

  private static String key(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
