package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The required fields, checked again in case the CRD's schema was not applied. */
final class SpecCheck {

  private SpecCheck() {}

  static Optional<String> problemWith(CognitoUserSpec spec) {
    if (spec == null) {
      return Optional.of("spec is missing");
    }
    List<String> missing = new ArrayList<>();
    if (isBlank(spec.getUserPoolId())) {
      missing.add("spec.userPoolId");
    }
    if (isBlank(spec.getUsername())) {
      missing.add("spec.username");
    }
    if (spec.getPasswordSecretRef() == null || isBlank(spec.getPasswordSecretRef().getName())) {
      missing.add("spec.passwordSecretRef.name");
    }
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("Required field(s) missing: " + String.join(", ", missing));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
