package org.ccpfhir.profiles.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ccpfhir.profiles.MdsResourceLoader;
import org.ccpfhir.profiles.Snapshots;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Build step (exec-maven-plugin, phase process-classes): replaces the differential-only
 * StructureDefinitions in {@code target/classes/ccp-profiles} by snapshot-complete ones and checks
 * that {@code index.txt} lists exactly the conformance resources of that folder.
 */
public final class SnapshotGenerator {

  private SnapshotGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SnapshotGenerator <ccp-profiles directory>");
    }
    Path dir = Path.of(args[0]);
    List<String> index =
        MdsResourceLoader.readIndex(Files.newInputStream(dir.resolve("index.txt")));
    checkIndex(dir, index);

    FhirContext ctx = FhirContext.forR4Cached();
    IParser parser = ctx.newJsonParser();
    Map<String, Path> fileByUrl = new LinkedHashMap<>();
    List<StructureDefinition> definitions = new ArrayList<>();
    for (String file : index) {
      Path path = dir.resolve(file);
      var resource = parser.parseResource(Files.readString(path, StandardCharsets.UTF_8));
      if (resource instanceof StructureDefinition sd) {
        definitions.add(sd);
        fileByUrl.put(sd.getUrl(), path);
      }
    }
    IParser writer = ctx.newJsonParser().setPrettyPrint(true);
    for (StructureDefinition sd : Snapshots.generate(ctx, definitions)) {
      Files.writeString(
          fileByUrl.get(sd.getUrl()), writer.encodeResourceToString(sd), StandardCharsets.UTF_8);
    }
    System.out.println(
        "[ccp-profiles] generated snapshots for " + definitions.size() + " StructureDefinitions");
  }

  private static void checkIndex(Path dir, List<String> index) throws IOException {
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .forEach(onDisk::add);
    }
    Set<String> listed = new TreeSet<>(index);
    if (!onDisk.equals(listed)) {
      Set<String> unlisted = new TreeSet<>(onDisk);
      unlisted.removeAll(listed);
      Set<String> missing = new TreeSet<>(listed);
      missing.removeAll(onDisk);
      throw new IllegalStateException(
          "ccp-profiles/index.txt is out of date; not listed: "
              + unlisted
              + ", missing: "
              + missing);
    }
  }
}
