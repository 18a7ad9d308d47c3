package org.ccpfhir.testsupport.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator knows of one app: its operations and their parameter names, the resource types
 * and search parameters it serves, valid bodies to mutate and its form endpoints. Built by each
 * app's fuzz IT from the app's own wire contracts, so new operations are fuzzed once listed.
 */
public final class FuzzTarget {

  /** One operation: path below the FHIR base (e.g. {@code $pseudonymize}), GET or POST. */
  public record Operation(String path, boolean post, List<String> parameters) {}

  /** A request the fuzzing caller's role may not make directly, as a Bundle entry has it. */
  public record Entry(String method, String url) {}

  final String name;
  final List<Operation> operations = new ArrayList<>();
  final Map<String, List<String>> searches = new LinkedHashMap<>();
  final List<String> validBodies = new ArrayList<>();
  final List<String> bodyPaths = new ArrayList<>();
  final List<String> formPaths = new ArrayList<>();
  final List<Entry> protectedEntries = new ArrayList<>();

  public FuzzTarget(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** A POST operation taking a Parameters body with these parameter names. */
  public FuzzTarget post(String operation, String... parameters) {
    operations.add(new Operation(operation, true, List.of(parameters)));
    return this;
  }

  /** A GET operation taking these query parameters. */
  public FuzzTarget get(String operation, String... parameters) {
    operations.add(new Operation(operation, false, List.of(parameters)));
    return this;
  }

  /** A resource type the app searches, with search parameter names. */
  public FuzzTarget search(String type, String... parameters) {
    searches.put(type, List.of(parameters));
    return this;
  }

  /** A valid JSON body (resource or Bundle) the generator mutates. */
  public FuzzTarget validBody(String json) {
    validBodies.add(json);
    return this;
  }

  /** Paths below the FHIR base that take resource bodies ("" for the base: transactions). */
  public FuzzTarget bodyPaths(String... paths) {
    bodyPaths.addAll(List.of(paths));
    return this;
  }

  /** Paths from the root that take form posts (e.g. {@code /oauth2/token}). */
  public FuzzTarget formPaths(String... paths) {
    formPaths.addAll(List.of(paths));
    return this;
  }

  /**
   * A request the caller of the run may not make directly (e.g. {@code GET AuditEvent}, {@code POST
   * $search-decide}); the batch shapes wrap these in Bundle entries ({@link
   * HostileRequests#BATCH_ENTRY_RULES}). {@code url} is below the FHIR base, as in {@code
   * Bundle.entry.request.url}.
   */
  public FuzzTarget protectedEntry(String method, String url) {
    protectedEntries.add(new Entry(method, url));
    return this;
  }
}
