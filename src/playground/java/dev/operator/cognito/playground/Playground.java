package dev.operator.cognito.playground;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./playground}: the operator at work with no cluster and no AWS account. Starts a
 * Kubernetes API that kubectl can use (a real kube-apiserver and etcd, or an in-memory one: {@link
 * ApiServerChoice}), cognito-local with the example pool and user, and the operator's own jar;
 * applies deploy/examples/; then shows every status change until Ctrl-C. {@code --demo} runs a
 * scripted walk-through instead; {@code sign-in USERNAME PASSWORD} asks the running playground's
 * Cognito whether it accepts a password.
 */
public final class Playground {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: ./playground [--apiserver real|memory]         start, and show status changes"
              + " until Ctrl-C",
          "       ./playground --demo [--apiserver real|memory]  run the scripted walk-through,"
              + " then stop",
          "       ./playground sign-in USER PASSWORD             does the running playground's"
              + " Cognito accept it?",
          "--apiserver real:   a real kube-apiserver and etcd (the default once scripts/kube-binaries"
              + " has built them)",
          "--apiserver memory: Fabric8's in-memory API server (the default until then)");

  private Playground() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    PlaygroundSettings settings = PlaygroundSettings.from(System.getenv());
    int code;
    try {
      code = run(args, settings, out);
    } catch (PlaygroundException e) {
      out.println("playground: " + e.getMessage());
      code = 1;
    }
    out.flush();
    System.exit(code);
  }

  static int run(String[] args, PlaygroundSettings settings, PrintStream out) {
    if (args.length == 3 && args[0].equals("sign-in")) {
      return SignInCommand.run(settings, args[1], args[2], out);
    }
    PlaygroundOptions options;
    ApiServerChoice choice;
    try {
      options = PlaygroundOptions.parse(args);
      if (options.help()) {
        out.println(USAGE);
        return 0;
      }
      choice = ApiServerChoice.decide(options.apiServer(), KubeBinaries.inCache());
    } catch (IllegalArgumentException e) {
      out.println("playground: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
    choice.announcement().forEach(out::println);
    out.flush();
    return options.demo() ? demo(settings, choice, out) : interactive(settings, choice, out);
  }

  private static int interactive(
      PlaygroundSettings settings, ApiServerChoice choice, PrintStream out) {
    Examples examples = Examples.read(settings.examples());
    out.println(
        "playground: starting the Kubernetes API, cognito-local and the operator"
            + " (no cluster, no AWS account needed)");
    PlaygroundSession session = new PlaygroundSession(settings, choice.kind(), examples, out);
    AtomicReference<StatusFeed> feed = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println();
                  out.println("playground: stopping everything it started ...");
                  // before the API server goes, so that its informer has nothing to complain of
                  Optional.ofNullable(feed.get()).ifPresent(StatusFeed::close);
                  session.close();
                  out.println("playground: stopped; nothing left running");
                  out.flush();
                  stopped.countDown();
                },
                "playground-stop"));
    startOrExplain(session);
    new TryNext(settings, examples, session).print(out);
    feed.set(StatusFeed.start(session.kubernetes(), out));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int demo(PlaygroundSettings settings, ApiServerChoice choice, PrintStream out) {
    Examples examples = Examples.read(settings.examples());
    out.println("playground --demo: starting the Kubernetes API, cognito-local and the operator");
    try (PlaygroundSession session =
        new PlaygroundSession(settings, choice.kind(), examples, out)) {
      Runtime.getRuntime().addShutdownHook(new Thread(session::close, "playground-stop"));
      startOrExplain(session);
      out.println("playground --demo: the walk-through");
      boolean passed = new Demo(session, examples, settings.examples(), out).run();
      out.println(
          passed
              ? "playground --demo: every step passed"
              : "playground --demo: a step failed (the operator's log: "
                  + session.relative(settings.workDir().resolve("operator.log"))
                  + ")");
      return passed ? 0 : 1;
    }
  }

  private static void startOrExplain(PlaygroundSession session) {
    try {
      session.start();
    } catch (java.io.IOException e) {
      throw new PlaygroundException("cannot start: " + e.getMessage());
    }
  }
}
