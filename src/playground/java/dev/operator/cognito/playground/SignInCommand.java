package dev.operator.cognito.playground;

import dev.operator.cognito.playground.CognitoAccount.SignIn;
import java.io.PrintStream;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code ./playground sign-in USERNAME PASSWORD}: asks the running playground's Cognito whether it
 * accepts that password, as an application signing the user in would. Exit code 0 when accepted
 * (also when Cognito then asks for a new password), 1 when refused, 2 when no playground runs.
 */
final class SignInCommand {

  private SignInCommand() {}

  static int run(PlaygroundSettings settings, String username, String password, PrintStream out) {
    Optional<CognitoState> state = CognitoState.load(settings.cognitoState());
    if (state.isEmpty()) {
      out.println(
          "playground: no playground is running (no "
              + settings.cognitoState()
              + "): start one with ./playground");
      return 2;
    }
    CognitoState cognito = state.get();
    try (CognitoAccount account = new CognitoAccount(cognito.endpoint(), cognito.region())) {
      SignIn answer = account.signIn(cognito.poolId(), cognito.clientId(), username, password);
      String where = " for '" + username + "' in pool " + cognito.poolId();
      switch (answer) {
        case ACCEPTED -> out.println("accepted: Cognito accepts this password" + where);
        case NEW_PASSWORD_REQUIRED ->
            out.println(
                "accepted, temporary: Cognito accepts this password"
                    + where
                    + " and asks the user to choose a new one (NEW_PASSWORD_REQUIRED)");
        case REFUSED -> out.println("refused: Cognito does not accept this password" + where);
      }
      return answer == SignIn.REFUSED ? 1 : 0;
    } catch (SdkClientException e) {
      out.println(
          "playground: Cognito does not answer at "
              + cognito.endpoint()
              + ": is ./playground still running?");
      return 2;
    }
  }
}
