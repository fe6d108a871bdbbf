package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An Amazon Cognito user-pool user whose password comes from a Kubernetes Secret. */
@Group(CognitoUser.GROUP)
@Version(CognitoUser.VERSION)
@ShortNames("cguser")
@AdditionalPrinterColumn(name = "Username", jsonPath = ".spec.username", type = Type.STRING)
@AdditionalPrinterColumn(name = "Pool", jsonPath = ".spec.userPoolId", type = Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.userStatus", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Enabled",
    jsonPath = ".status.enabled",
    type = Type.BOOLEAN,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class CognitoUser extends CustomResource<CognitoUserSpec, CognitoUserStatus>
    implements Namespaced {

  public static final String GROUP = "cognito.operator.dev";
  public static final String VERSION = "v1alpha1";

  // overridden only to document the two halves of the resource for kubectl explain
  @Override
  @JsonPropertyDescription("Which Cognito user to manage and where its password comes from.")
  public CognitoUserSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the operator observed and did, as of status.observedGeneration. Written only by the"
          + " operator.")
  public CognitoUserStatus getStatus() {
    return super.getStatus();
  }

  // one object this version cannot read must not stop the informer, and so every CognitoUser
  @Override
  @JsonDeserialize(using = TolerantRead.SpecReader.class)
  public void setSpec(CognitoUserSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = TolerantRead.StatusReader.class)
  public void setStatus(CognitoUserStatus status) {
    super.setStatus(status);
  }
}
