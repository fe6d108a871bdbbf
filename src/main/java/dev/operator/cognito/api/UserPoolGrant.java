package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An administrator's grant: which namespaces may manage users of which Cognito user pools.
 * Cluster-scoped, so that tenants who may create CognitoUsers in their namespace cannot grant
 * themselves anything.
 */
@Group(CognitoUser.GROUP)
@Version(CognitoUser.VERSION)
@AdditionalPrinterColumn(name = "Pools", jsonPath = ".spec.userPools", type = Type.STRING)
@AdditionalPrinterColumn(name = "Role", jsonPath = ".spec.awsRoleArn", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class UserPoolGrant extends CustomResource<UserPoolGrantSpec, Void> {

  @Override
  @JsonPropertyDescription("Which namespaces the grant applies to, and which pools it gives them.")
  public UserPoolGrantSpec getSpec() {
    return super.getSpec();
  }
}
