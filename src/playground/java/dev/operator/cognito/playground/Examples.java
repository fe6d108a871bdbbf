package dev.operator.cognito.playground;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.aws.UserTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The manifests under deploy/examples/, and the example user they describe. */
final class Examples {

  private final List<Path> files;
  private final CognitoUser user;
  private final Secret secret;
  private final Path secretFile;

  private Examples(List<Path> files, CognitoUser user, Secret secret, Path secretFile) {
    this.files = files;
    this.secretFile = secretFile;
    this.user = user;
    this.secret = secret;
  }

  static Examples read(Path directory) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<Path> files = new ArrayList<>();
    CognitoUser user = null;
    Secret secret = null;
    Path secretFile = null;
    try (Stream<Path> listing = Files.list(directory)) {
      for (Path file : listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        files.add(file);
        try (InputStream in = Files.newInputStream(file)) {
          HasMetadata object = serialization.unmarshal(in);
          if ("CognitoUser".equals(object.getKind())) {
            user = serialization.convertValue(object, CognitoUser.class);
          } else if (object instanceof Secret s) {
            secret = s;
            secretFile = file;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the examples in " + directory, e);
    }
    if (user == null || secret == null) {
      throw new PlaygroundException(directory + " must hold a CognitoUser and its Secret");
    }
    return new Examples(files, user, secret, secretFile);
  }

  List<Path> filesSecretsFirst() {
    List<Path> ordered = new ArrayList<>(files);
    ordered.remove(secretFile);
    ordered.add(0, secretFile);
    return ordered;
  }

  String namespace() {
    return user.getMetadata().getNamespace();
  }

  String name() {
    return user.getMetadata().getName();
  }

  String poolId() {
    return user.getSpec().getUserPoolId();
  }

  String region() {
    return UserTarget.of(user.getSpec().getRegion(), poolId(), username())
        .region()
        .orElse("us-east-1");
  }

  String username() {
    return user.getSpec().getUsername();
  }

  String secretName() {
    return secret.getMetadata().getName();
  }

  String secretKey() {
    return user.getSpec().getPasswordSecretRef().getKey();
  }

  /** The password the example Secret holds (never printed). */
  String password() {
    return secret.getStringData().get(secretKey());
  }
}
