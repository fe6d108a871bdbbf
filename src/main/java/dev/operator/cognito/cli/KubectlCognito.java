package dev.operator.cognito.cli;

import dev.operator.cognito.api.CognitoUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl cognito}: day-2 commands over CognitoUsers with the caller's own kubeconfig and
 * context, as cert-manager's cmctl and CloudNativePG's kubectl cnpg offer. Each command does what a
 * person would do with kubectl (list, annotate), so it needs no right kubectl would not.
 */
public final class KubectlCognito {

  static final String RECONCILE = "cognito.operator.dev/reconcile-requested-at";
  static final String ROTATE = "cognito.operator.dev/rotate-requested-at";
  static final String PAUSED = "cognito.operator.dev/paused";

  static final String USAGE =
      String.join(
          "\n",
          "usage: kubectl cognito COMMAND [NAME] [-n NAMESPACE | -A]",
          "  status [NAME]     a table of CognitoUsers: Ready, reason, user status, last password,",
          "                    pending changes",
          "  reconcile NAME    a pass with a fresh read of the user now",
          "  rotate NAME       a new generated password now (passwordSecretRef.generate only)",
          "  pause NAME        no call to Cognito for this CognitoUser until resumed",
          "  resume NAME       end a pause (one fresh read, then what changed meanwhile)",
          "The current kubeconfig context is used, and its namespace unless -n or -A is given.");

  private final KubernetesClient client;
  private final PrintStream out;
  private final PrintStream err;

  KubectlCognito(KubernetesClient client, PrintStream out, PrintStream err) {
    this.client = client;
    this.out = out;
    this.err = err;
  }

  /** Whether {@code args} name a command of this tool rather than the operator's own start. */
  public static boolean isCommand(String[] args) {
    return args.length > 0
        && List.of("status", "reconcile", "rotate", "pause", "resume", "help", "--help", "-h")
            .contains(args[0]);
  }

  /** Runs one command; the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return new KubectlCognito(client, out, err).execute(args);
    }
  }

  int execute(String[] args) {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args, client.getNamespace());
    } catch (IllegalArgumentException e) {
      err.println("kubectl cognito: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      return switch (parsed.command()) {
        case "help", "--help", "-h" -> {
          out.println(USAGE);
          yield 0;
        }
        case "status" -> status(parsed);
        case "reconcile" ->
            annotate(parsed, RECONCILE, Instant.now().toString(), "reconcile asked");
        case "rotate" -> rotate(parsed);
        case "pause" -> annotate(parsed, PAUSED, "true", "paused");
        case "resume" -> annotate(parsed, PAUSED, null, "resumed");
        default -> throw new IllegalStateException(parsed.command());
      };
    } catch (KubernetesClientException e) {
      err.println("kubectl cognito: " + ClusterErrors.explain(e, parsed));
      return 1;
    }
  }

  private int status(Arguments args) {
    List<CognitoUser> users = new ArrayList<>();
    var resources = client.resources(CognitoUser.class);
    if (args.allNamespaces()) {
      users.addAll(resources.inAnyNamespace().list().getItems());
    } else if (args.name().isPresent()) {
      CognitoUser one = resources.inNamespace(args.namespace()).withName(args.name().get()).get();
      if (one == null) {
        err.println(
            "kubectl cognito: no CognitoUser "
                + args.name().get()
                + " in namespace "
                + args.namespace());
        return 1;
      }
      users.add(one);
    } else {
      users.addAll(resources.inNamespace(args.namespace()).list().getItems());
    }
    if (users.isEmpty()) {
      out.println(
          "No CognitoUsers"
              + (args.allNamespaces() ? "" : " in namespace " + args.namespace())
              + ".");
      return 0;
    }
    out.print(StatusTable.of(users, args.allNamespaces()));
    return 0;
  }

  private int rotate(Arguments args) {
    CognitoUser user = existing(args);
    if (user == null) {
      return 1;
    }
    if (user.getSpec() == null
        || user.getSpec().getPasswordSecretRef() == null
        || user.getSpec().getPasswordSecretRef().getGenerate() == null) {
      err.println(
          "kubectl cognito: "
              + args.namespace()
              + "/"
              + user.getMetadata().getName()
              + " has no generated password (spec.passwordSecretRef.generate); change the"
              + " password in its Secret to rotate it");
      return 1;
    }
    return annotate(args, ROTATE, Instant.now().toString(), "rotation asked");
  }

  private int annotate(Arguments args, String key, String value, String done) {
    if (existing(args) == null) {
      return 1;
    }
    String name = args.name().orElseThrow();
    client
        .resources(CognitoUser.class)
        .inNamespace(args.namespace())
        .withName(name)
        .edit(
            u -> {
              Map<String, String> annotations =
                  u.getMetadata().getAnnotations() == null
                      ? new HashMap<>()
                      : new HashMap<>(u.getMetadata().getAnnotations());
              if (value == null) {
                annotations.remove(key);
              } else {
                annotations.put(key, value);
              }
              u.getMetadata().setAnnotations(annotations);
              return u;
            });
    out.println(
        "cognitouser/"
            + name
            + " "
            + done
            + " ("
            + key
            + (value == null ? " removed" : "=" + value)
            + ")");
    return 0;
  }

  private CognitoUser existing(Arguments args) {
    if (args.name().isEmpty()) {
      err.println("kubectl cognito: " + args.command() + " needs the name of a CognitoUser");
      return null;
    }
    CognitoUser user =
        client
            .resources(CognitoUser.class)
            .inNamespace(args.namespace())
            .withName(args.name().get())
            .get();
    if (user == null) {
      err.println(
          "kubectl cognito: no CognitoUser "
              + args.name().get()
              + " in namespace "
              + args.namespace());
    }
    return user;
  }

  /** A command line, parsed. */
  record Arguments(String command, Optional<String> name, String namespace, boolean allNamespaces) {

    static Arguments parse(String[] args, String contextNamespace) {
      if (args.length == 0) {
        throw new IllegalArgumentException("no command");
      }
      String command = args[0];
      Optional<String> name = Optional.empty();
      String namespace = contextNamespace == null ? "default" : contextNamespace;
      boolean all = false;
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-n") || a.equals("--namespace")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(a + " needs a namespace");
          }
          namespace = args[++i];
        } else if (a.startsWith("--namespace=")) {
          namespace = a.substring("--namespace=".length());
        } else if (a.equals("-A") || a.equals("--all-namespaces")) {
          all = true;
        } else if (a.startsWith("-")) {
          throw new IllegalArgumentException("unknown flag " + a);
        } else if (name.isEmpty()) {
          name = Optional.of(a);
        } else {
          throw new IllegalArgumentException("one name at most, got " + name.get() + " and " + a);
        }
      }
      if (all && !command.equals("status")) {
        throw new IllegalArgumentException("-A is for status only");
      }
      return new Arguments(command, name, namespace, all);
    }
  }
}
