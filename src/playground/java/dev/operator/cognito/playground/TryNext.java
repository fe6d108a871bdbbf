package dev.operator.cognito.playground;

import java.io.PrintStream;

/** What to try next, printed once the playground runs: copy-and-paste lines, no passwords. */
final class TryNext {

  private final PlaygroundSettings settings;
  private final Examples examples;
  private final PlaygroundSession session;

  TryNext(PlaygroundSettings settings, Examples examples, PlaygroundSession session) {
    this.settings = settings;
    this.examples = examples;
    this.session = session;
  }

  void print(PrintStream out) {
    String ns = examples.namespace().equals("default") ? "" : " -n " + examples.namespace();
    String secret = examples.secretName();
    String key = examples.secretKey();
    out.println();
    out.println("Try it, in another shell in this directory:");
    out.println("  export KUBECONFIG=" + settings.kubeconfig());
    out.println("  kubectl get cognitousers" + ns + "                  # -o wide adds the reason");
    out.println("  kubectl describe cognitouser " + examples.name() + ns);
    out.println(
        "  ./playground sign-in "
            + examples.username()
            + " \"$(kubectl get secret "
            + secret
            + ns
            + " -o jsonpath='{.data."
            + key
            + "}' | base64 -d)\"");
    out.println("  # rotate the password, then sign in with the new one and the old one:");
    out.println(
        "  kubectl patch secret "
            + secret
            + ns
            + " -p '{\"stringData\":{\""
            + key
            + "\":\"Your-N3w-Passw0rd!\"}}'");
    out.println("  ./playground sign-in " + examples.username() + " 'Your-N3w-Passw0rd!'");
    out.println(
        "  kubectl edit cognitouser " + examples.name() + ns + "   # e.g. permanent: false");
    session.apiServer().tryNext().forEach(out::println);
    out.println();
    out.println(
        "Cognito (any AWS credentials): AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER="
            + session.cognitoEndpoint());
    out.println("Ctrl-C stops everything. Status changes of every CognitoUser follow:");
    out.println();
    out.flush();
  }
}
