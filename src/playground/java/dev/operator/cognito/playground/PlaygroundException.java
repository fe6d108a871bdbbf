package dev.operator.cognito.playground;

/** Something the playground cannot do, said in a sentence a person can act on. */
public final class PlaygroundException extends RuntimeException {
  PlaygroundException(String message) {
    super(message);
  }
}
