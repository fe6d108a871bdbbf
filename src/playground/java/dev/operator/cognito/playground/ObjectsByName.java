package dev.operator.cognito.playground;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory API server's objects (attribute set to JSON), plus an index by resource, namespace
 * and name. Fabric8's CRUD dispatcher finds one object by testing every stored attribute set
 * against the request's, on its single event-loop thread: with tens of thousands of objects a
 * lookup took milliseconds and the server, not the operator, set every benchmark figure. Lookups
 * through the index test only the objects with that name; every other use of the map is unchanged.
 *
 * <p>Not thread-safe: the dispatcher wraps it in {@link Collections#synchronizedMap} and
 * synchronizes on that wrapper to use {@link #find}.
 */
final class ObjectsByName extends AbstractMap<AttributeSet, String> {

  private final Map<AttributeSet, String> objects = new LinkedHashMap<>();
  private final Map<String, Set<AttributeSet>> byName = new HashMap<>();

  /** The one stored object that {@code query} names, if the query names one. */
  Optional<Map.Entry<AttributeSet, String>> find(AttributeSet query) {
    return nameKey(query)
        .map(key -> byName.getOrDefault(key, Set.of()))
        .flatMap(
            candidates ->
                candidates.stream()
                    .filter(stored -> stored.matches(query))
                    .findFirst()
                    .map(stored -> Map.entry(stored, objects.get(stored))));
  }

  /** Whether {@link #find} can answer {@code query}: it names one object of one resource. */
  static boolean namesOne(AttributeSet query) {
    return nameKey(query).isPresent();
  }

  @Override
  public String put(AttributeSet key, String value) {
    nameKey(key).ifPresent(k -> byName.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(key));
    return objects.put(key, value);
  }

  @Override
  public String remove(Object key) {
    if (key instanceof AttributeSet attributes && objects.containsKey(attributes)) {
      nameKey(attributes)
          .ifPresent(
              k -> {
                Set<AttributeSet> named = byName.get(k);
                if (named != null) {
                  named.remove(attributes);
                  if (named.isEmpty()) {
                    byName.remove(k);
                  }
                }
              });
    }
    return objects.remove(key);
  }

  @Override
  public void clear() {
    objects.clear();
    byName.clear();
  }

  @Override
  public String get(Object key) {
    return objects.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return objects.containsKey(key);
  }

  @Override
  public int size() {
    return objects.size();
  }

  /** Read-only: a removal through the view would bypass the index, so it fails loudly instead. */
  @Override
  public Set<Map.Entry<AttributeSet, String>> entrySet() {
    return Collections.unmodifiableSet(objects.entrySet());
  }

  private static Optional<String> nameKey(AttributeSet attributes) {
    Optional<String> plural = single(attributes, "plural");
    Optional<String> name = single(attributes, "name");
    if (plural.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    String namespace = single(attributes, "namespace").orElse("");
    return Optional.of(plural.get() + "/" + namespace + "/" + name.get());
  }

  private static Optional<String> single(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    if (attribute == null || attribute.getValues().size() != 1) {
      return Optional.empty();
    }
    String value = attribute.getValues().get(0).toString();
    // "*" matches anything: such an attribute names no one object
    return "*".equals(value) ? Optional.empty() : Optional.of(value);
  }
}
