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

  /**
   * The terminology and admin interactions HAPI brings along ({@code $expand}, {@code
   * $validate-code}, {@code $lookup}, {@code $subsumes}, {@code $translate}, {@code $validate},
   * {@code $meta}, {@code _history}, {@code $everything}, {@code metadata?mode}): issue 16 found
   * them answering 500 on the bridgehead; an app that does not serve them must refuse them with a
   * 4xx.
   */
  public FuzzTarget hapiBuiltIns() {
    return this.post("ValueSet/$expand", "url", "valueSet", "filter", "count", "offset")
        .get("ValueSet/$expand", "url", "filter", "count", "offset", "displayLanguage")
        .post("ValueSet/$validate-code", "url", "valueSet", "code", "system", "coding")
        .get("ValueSet/$validate-code", "url", "code", "system", "display", "coding")
        .post("CodeSystem/$lookup", "system", "code", "coding", "version", "property")
        .get("CodeSystem/$lookup", "system", "code", "coding", "version")
        .post("CodeSystem/$validate-code", "url", "codeSystem", "code", "coding")
        .get("CodeSystem/$validate-code", "url", "code", "coding", "display")
        .post("CodeSystem/$subsumes", "system", "codeA", "codeB", "codingA")
        .get("CodeSystem/$subsumes", "system", "codeA", "codeB")
        .post("ConceptMap/$translate", "url", "conceptMap", "system", "code", "target")
        .get("ConceptMap/$translate", "url", "system", "code", "target", "reverse")
        .post("Patient/$validate", "resource", "mode", "profile")
        .post("Patient/x/$meta-add", "meta")
        .get("Patient/$meta")
        .get("Patient/_history", "_since", "_at", "_count")
        .get("_history", "_since", "_count")
        .get("Patient/$everything", "start", "end", "_count", "_since")
        .get("metadata", "mode");
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
