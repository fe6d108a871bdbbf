package dev.operator.cognito.playground;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes REST path taken apart: {@code /apis/GROUP/VERSION/namespaces/NS/PLURAL/NAME/SUB}.
 */
public record ApiPath(
    String groupVersion, String namespace, String plural, String name, String subresource) {

  public static Optional<ApiPath> parse(String path) {
    List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    int start;
    String groupVersion;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      groupVersion = parts.get(1);
      start = 2;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      groupVersion = parts.get(1) + "/" + parts.get(2);
      start = 3;
    } else {
      return Optional.empty();
    }
    List<String> rest = parts.subList(start, parts.size());
    if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
      return Optional.of(
          new ApiPath(groupVersion, rest.get(1), rest.get(2), at(rest, 3), at(rest, 4)));
    }
    return Optional.of(new ApiPath(groupVersion, null, rest.get(0), at(rest, 1), at(rest, 2)));
  }

  public boolean isCollection() {
    return name == null;
  }

  private static String at(List<String> parts, int index) {
    return parts.size() > index ? parts.get(index) : null;
  }
}
