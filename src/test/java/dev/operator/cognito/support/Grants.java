package dev.operator.cognito.support;

import dev.operator.cognito.api.UserPoolGrant;
import dev.operator.cognito.api.UserPoolGrantSpec;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;

/** UserPoolGrants as an administrator writes them. */
public final class Grants {

  private Grants() {}

  /** {@code selector} (matchLabels) and {@code role} may be null. */
  public static UserPoolGrant grant(
      String name,
      List<String> namespaces,
      Map<String, String> selector,
      List<String> pools,
      String role) {
    UserPoolGrantSpec spec = new UserPoolGrantSpec();
    spec.setNamespaces(namespaces);
    if (selector != null) {
      spec.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
    }
    spec.setUserPools(pools);
    spec.setAwsRoleArn(role);
    UserPoolGrant grant = new UserPoolGrant();
    grant.getMetadata().setName(name);
    grant.setSpec(spec);
    return grant;
  }
}
