package org.ccpfhir.profiles.operation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The one strict reader of an operation's input {@link Parameters}: every operation that takes a
 * Parameters body declares its parameters here and reads them through the answer, so a client
 * cannot reach an operation's code with a nameless entry, an entry without a value, an unknown or
 * repeated parameter, or a value of the wrong type. Each refusal is a 400 whose OperationOutcome
 * names the operation and the parameter ({@code expression}); it never quotes a value the client
 * sent (values may be identifying data).
 */
public final class OperationParameters {

  private final String operation;
  private final Map<String, List<Entry>> byName;

  private OperationParameters(String operation, Map<String, List<Entry>> byName) {
    this.operation = operation;
    this.byName = byName;
  }

  /** Declares the parameters of {@code operation} (e.g. {@code "$pseudonymize"}). */
  public static Spec of(String operation) {
    return new Spec(operation);
  }

  /** One parameter as sent, with its position in the request. */
  public record Entry(int index, ParametersParameterComponent component) {

    public String where() {
      return "Parameters.parameter[" + index + "]";
    }
  }

  /** Whether the parameter was given. */
  public boolean has(String name) {
    return !all(name).isEmpty();
  }

  /** Every occurrence of the parameter, in request order. */
  public List<Entry> all(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The parameter's primitive value as text; {@code null} when absent. */
  public String string(String name) {
    Entry entry = single(name);
    return entry == null ? null : primitive(name, entry);
  }

  /** The primitive values of a repeated parameter as text. */
  public List<String> strings(String name) {
    List<String> values = new ArrayList<>();
    for (Entry entry : all(name)) {
      values.add(primitive(name, entry));
    }
    return values;
  }

  /** The parameter's value as {@code type}; {@code null} when absent, 400 when of another type. */
  public <T extends Type> T value(String name, Class<T> type) {
    Entry entry = single(name);
    return entry == null ? null : value(name, entry, type);
  }

  /** The values of a repeated parameter, each of {@code type}. */
  public <T extends Type> List<T> values(String name, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (Entry entry : all(name)) {
      values.add(value(name, entry, type));
    }
    return values;
  }

  /** The parameter's resource as {@code type}; {@code null} when absent, 400 when another. */
  public <T extends Resource> T resource(String name, Class<T> type) {
    Entry entry = single(name);
    return entry == null ? null : resource(name, entry, type);
  }

  /** The resources of a repeated parameter, each of {@code type}. */
  public <T extends Resource> List<T> resources(String name, Class<T> type) {
    List<T> resources = new ArrayList<>();
    for (Entry entry : all(name)) {
      resources.add(resource(name, entry, type));
    }
    return resources;
  }

  /** A 400 naming this operation and the place of the problem; {@code message} quotes no value. */
  public InvalidRequestException invalid(String where, String message) {
    return invalid(operation, where, message);
  }

  /** A 400 as an OperationOutcome with the problem's place as {@code expression}. */
  public static InvalidRequestException invalid(String operation, String where, String message) {
    String text = operation + ": " + message;
    OperationOutcome outcome = new OperationOutcome();
    var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID);
    issue.setDiagnostics(text);
    if (where != null) {
      issue.addExpression(where);
    }
    return new InvalidRequestException(text, outcome);
  }

  private Entry single(String name) {
    List<Entry> entries = all(name);
    return entries.isEmpty() ? null : entries.get(0);
  }

  private String primitive(String name, Entry entry) {
    if (entry.component().getValue() instanceof PrimitiveType<?> primitive) {
      return primitive.getValueAsString();
    }
    throw invalid(entry.where(), "parameter '" + name + "' must have a primitive value[x]");
  }

  private <T extends Type> T value(String name, Entry entry, Class<T> type) {
    if (type.isInstance(entry.component().getValue())) {
      return type.cast(entry.component().getValue());
    }
    throw invalid(entry.where(), "parameter '" + name + "' must be of type " + typeName(type));
  }

  private <T extends Resource> T resource(String name, Entry entry, Class<T> type) {
    if (type.isInstance(entry.component().getResource())) {
      return type.cast(entry.component().getResource());
    }
    throw invalid(
        entry.where(), "parameter '" + name + "' must hold a " + typeName(type) + " resource");
  }

  private static String typeName(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.endsWith("Type")
        ? Character.toLowerCase(simple.charAt(0)) + simple.substring(1, simple.length() - 4)
        : simple;
  }

  /** The declared parameters of one operation: build it once (a constant), then only read. */
  public static final class Spec {

    private final String operation;
    private final Set<String> single = new LinkedHashSet<>();
    private final Set<String> repeated = new LinkedHashSet<>();
    private final Set<String> withParts = new LinkedHashSet<>();

    private Spec(String operation) {
      this.operation = operation;
    }

    /** The operation's name as declared, e.g. {@code "$pseudonymize"}. */
    public String operation() {
      return operation;
    }

    /**
     * Every declared parameter name (the curated OperationDefinition must document each one; the
     * apps' conformance tests check it).
     */
    public Set<String> names() {
      Set<String> names = new LinkedHashSet<>(single);
      names.addAll(repeated);
      names.addAll(withParts);
      return names;
    }

    /** Parameters that may be given at most once. */
    public Spec single(String... names) {
      single.addAll(List.of(names));
      return this;
    }

    /** Parameters that may be given any number of times. */
    public Spec repeated(String... names) {
      repeated.addAll(List.of(names));
      return this;
    }

    /**
     * Parameters whose content is nested {@code part}s (each part is checked like a parameter:
     * named, with exactly one value, resource or part); repeatable unless also declared single.
     */
    public Spec withParts(String... names) {
      withParts.addAll(List.of(names));
      return this;
    }

    /** Reads and checks the request; 400 on the first problem. */
    public OperationParameters read(Parameters input) {
      if (input == null) {
        throw invalid(operation, null, "the body must be a Parameters resource");
      }
      Map<String, List<Entry>> byName = new LinkedHashMap<>();
      List<ParametersParameterComponent> parameters = input.getParameter();
      for (int i = 0; i < parameters.size(); i++) {
        ParametersParameterComponent component = parameters.get(i);
        String where = "Parameters.parameter[" + i + "]";
        String name = component.getName();
        if (name == null || name.isBlank()) {
          throw invalid(operation, where, "a parameter has no name");
        }
        if (!single.contains(name) && !repeated.contains(name) && !withParts.contains(name)) {
          throw invalid(operation, where, "unknown parameter; expected one of " + known());
        }
        checkContent(component, where, name, withParts.contains(name));
        List<Entry> entries = byName.computeIfAbsent(name, n -> new ArrayList<>());
        if (!entries.isEmpty() && single.contains(name)) {
          throw invalid(operation, where, "parameter '" + name + "' may be given once");
        }
        entries.add(new Entry(i, component));
      }
      return new OperationParameters(operation, byName);
    }

    private void checkContent(
        ParametersParameterComponent component, String where, String name, boolean parts) {
      boolean value = component.getValue() != null;
      boolean resource = component.getResource() != null;
      boolean part = !component.getPart().isEmpty();
      if (value
          && component.getValue() instanceof PrimitiveType<?> primitive
          && !primitive.hasValue()) {
        throw invalid(operation, where, "parameter '" + name + "' has an empty value");
      }
      int contents = (value ? 1 : 0) + (resource ? 1 : 0) + (part ? 1 : 0);
      if (contents == 0) {
        throw invalid(operation, where, "parameter '" + name + "' has no value");
      }
      if (contents > 1) {
        throw invalid(
            operation, where, "parameter '" + name + "' must have one of value[x], resource, part");
      }
      if (part && !parts) {
        throw invalid(operation, where, "parameter '" + name + "' takes no parts");
      }
      for (int p = 0; p < component.getPart().size(); p++) {
        ParametersParameterComponent nested = component.getPart().get(p);
        String nestedWhere = where + ".part[" + p + "]";
        if (nested.getName() == null || nested.getName().isBlank()) {
          throw invalid(operation, nestedWhere, "a part has no name");
        }
        checkContent(nested, nestedWhere, nested.getName(), true);
      }
    }

    private String known() {
      Set<String> known = new LinkedHashSet<>(single);
      known.addAll(repeated);
      known.addAll(withParts);
      return known.toString();
    }
  }
}
