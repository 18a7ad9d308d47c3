package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The conformance resources of this module (folder {@code ccp-profiles/} on the classpath, listed
 * in its {@code index.txt}): StructureDefinitions with snapshots, SearchParameters and
 * OperationDefinitions.
 *
 * <p>Snapshots are generated at build time. A definition that comes without one (e.g. when the
 * classes were built by an IDE that skipped the Maven build step) gets it generated on load.
 * Immutable; getters return copies.
 */
public final class MdsResourceLoader {

  public static final String RESOURCE_DIR = "ccp-profiles/";
  static final String INDEX = RESOURCE_DIR + "index.txt";

  private static final class Holder {
    private static final MdsResourceLoader SHARED = load(FhirContext.forR4Cached());
  }

  private final List<StructureDefinition> structureDefinitions;
  private final List<SearchParameter> searchParameters;
  private final List<OperationDefinition> operationDefinitions;
  private final boolean snapshotsFromBuild;

  private MdsResourceLoader(
      List<StructureDefinition> structureDefinitions,
      List<SearchParameter> searchParameters,
      List<OperationDefinition> operationDefinitions,
      boolean snapshotsFromBuild) {
    this.structureDefinitions = List.copyOf(structureDefinitions);
    this.searchParameters = List.copyOf(searchParameters);
    this.operationDefinitions = List.copyOf(operationDefinitions);
    this.snapshotsFromBuild = snapshotsFromBuild;
  }

  /** The resources loaded once with the cached R4 context. */
  public static MdsResourceLoader shared() {
    return Holder.SHARED;
  }

  /** Loads the resources from the classpath (parsing and, if needed, snapshot generation). */
  public static MdsResourceLoader load(FhirContext ctx) {
    IParser parser = ctx.newJsonParser();
    List<StructureDefinition> sds = new ArrayList<>();
    List<SearchParameter> sps = new ArrayList<>();
    List<OperationDefinition> ops = new ArrayList<>();
    try (InputStream indexStream = open(INDEX)) {
      for (String file : readIndex(indexStream)) {
        try (InputStream in = open(RESOURCE_DIR + file)) {
          IBaseResource resource =
              parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
          if (resource instanceof StructureDefinition sd) {
            sds.add(sd);
          } else if (resource instanceof SearchParameter sp) {
            sps.add(sp);
          } else if (resource instanceof OperationDefinition op) {
            ops.add(op);
          } else {
            throw new IllegalStateException("Unexpected resource in " + file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + INDEX, e);
    }
    boolean complete = sds.stream().allMatch(StructureDefinition::hasSnapshot);
    List<StructureDefinition> withSnapshots = complete ? sds : Snapshots.generate(ctx, sds);
    return new MdsResourceLoader(withSnapshots, sps, ops, complete);
  }

  public List<StructureDefinition> structureDefinitions() {
    return structureDefinitions.stream().map(StructureDefinition::copy).toList();
  }

  public Optional<StructureDefinition> structureDefinition(String url) {
    String plain = MdsProfiles.stripVersion(url);
    return structureDefinitions.stream()
        .filter(sd -> sd.getUrl().equals(plain))
        .findFirst()
        .map(StructureDefinition::copy);
  }

  public List<SearchParameter> searchParameters() {
    return searchParameters.stream().map(SearchParameter::copy).toList();
  }

  public List<OperationDefinition> operationDefinitions() {
    return operationDefinitions.stream().map(OperationDefinition::copy).toList();
  }

  /** Copies of every conformance resource, e.g. to load them into a FHIR server. */
  public List<IBaseResource> all() {
    List<IBaseResource> all = new ArrayList<>(structureDefinitions());
    all.addAll(searchParameters());
    all.addAll(operationDefinitions());
    return all;
  }

  /** True if every StructureDefinition came with a build-time snapshot. */
  public boolean snapshotsFromBuild() {
    return snapshotsFromBuild;
  }

  /** Reads an index file: one file name per line; blank lines and {@code #} comments skipped. */
  public static List<String> readIndex(InputStream in) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String path) {
    InputStream in = MdsResourceLoader.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("Missing classpath resource " + path);
    }
    return in;
  }
}
