package dev.operator.cognito.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CognitoUser's spec and status without letting one malformed object (a field of another
 * type than this version expects, as after a newer CRD is applied) stop the informer that holds
 * every CognitoUser. Unknown fields are ignored by the model itself.
 */
final class TolerantRead {

  private static final Logger log = LoggerFactory.getLogger(TolerantRead.class);

  private TolerantRead() {}

  /** Reads a {@code T}; what cannot be read as one becomes {@link #unreadable}. */
  private abstract static class Reader<T> extends JsonDeserializer<T> {
    private final Class<T> type;

    Reader(Class<T> type) {
      this.type = type;
    }

    abstract T unreadable(JsonMappingException why);

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode tree = parser.readValueAsTree();
      try {
        return context.readTreeAsValue(tree, type);
      } catch (JsonMappingException e) {
        return unreadable(e);
      }
    }
  }

  /** A spec that cannot be read becomes one that says why: reported, and no call is made. */
  static final class SpecReader extends Reader<CognitoUserSpec> {
    SpecReader() {
      super(CognitoUserSpec.class);
    }

    @Override
    CognitoUserSpec unreadable(JsonMappingException why) {
      return CognitoUserSpec.unreadable(describe("spec", why));
    }
  }

  /**
   * A status that cannot be read is taken as absent: the operator then has no record that it can
   * verify, and acts as it does for a status that was lost.
   */
  static final class StatusReader extends Reader<CognitoUserStatus> {
    StatusReader() {
      super(CognitoUserStatus.class);
    }

    @Override
    CognitoUserStatus unreadable(JsonMappingException why) {
      log.warn(
          "a CognitoUser's status could not be read and is ignored: {}", describe("status", why));
      return null;
    }
  }

  /** Names the field and what was wrong with it, without the value itself. */
  private static String describe(String root, JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    String what = e.getOriginalMessage();
    int cut = what.indexOf(" from ");
    return root
        + (path.isEmpty() ? "" : "." + path)
        + ": "
        + (cut > 0 ? what.substring(0, cut) : what)
            .replace("Cannot deserialize value of type", "expected");
  }
}
