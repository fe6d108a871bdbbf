package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a CognitoUser, for `kubectl describe`. */
public final class UserEventRecorder {

  static final String COMPONENT = "cognito-user-operator";
  private static final Logger log = LoggerFactory.getLogger(UserEventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  public UserEventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  void record(CognitoUser user, UserEvent event) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    String namespace = user.getMetadata().getNamespace();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(user.getMetadata().getName() + "." + UUID.randomUUID())
                  .withNamespace(namespace)
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(user.getApiVersion())
                          .withKind(user.getKind())
                          .withName(user.getMetadata().getName())
                          .withNamespace(namespace)
                          .withUid(user.getMetadata().getUid())
                          .withResourceVersion(user.getMetadata().getResourceVersion())
                          .build())
                  .withType(event.type().name())
                  .withReason(event.reason())
                  .withMessage(event.message())
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .withReportingInstance(instance)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // an Event is a courtesy: losing one must not fail the reconciliation
      log.warn(
          "Could not record Event {} on CognitoUser {}/{}: {}",
          event.reason(),
          namespace,
          user.getMetadata().getName(),
          e.getMessage());
    }
  }
}
