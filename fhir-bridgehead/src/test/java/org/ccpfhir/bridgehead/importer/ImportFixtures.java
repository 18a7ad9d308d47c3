package org.ccpfhir.bridgehead.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.adt.AdtMapper;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The mappers' hand-written oBDS and ADT-GEKID fixtures, made unique per test: the test database
 * keeps its rows across runs, and the local patient list would match a fixture's person again.
 */
public final class ImportFixtures {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PatientBundleBuilder BUILDER =
      new PatientBundleBuilder(ResourceIds.forSite("HD"));

  /** A fixture with its own source patient id and family name. */
  public record Document(String xml, String sourcePatientId, String familyName) {

    public byte[] bytes() {
      return xml.getBytes(StandardCharsets.UTF_8);
    }

    Document with(String from, String to) {
      return new Document(xml.replace(from, to), sourcePatientId, familyName);
    }

    /** The stored Patient's id: the ids are stable, so the test derives them as the server does. */
    public String patientId() {
      SourceMapper mapper =
          xml.contains(AdtMapper.NAMESPACE) ? new AdtMapper(BUILDER) : new ObdsMapper(BUILDER);
      try {
        return mapper
            .map(new ByteArrayInputStream(bytes()), "fixture")
            .bundles()
            .get(0)
            .getEntry()
            .stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(r -> r.fhirType().equals("Patient"))
            .findFirst()
            .orElseThrow()
            .getIdElement()
            .getIdPart();
      } catch (MappingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private ImportFixtures() {}

  static Document obds() {
    return obds("obds-full-case.xml", "P-4711", "Musterfrau", "Import" + letters(8));
  }

  /**
   * The clinical facts of the input-shape fixtures (profiles {@code ccp-profiles/shapes}) as an
   * oBDS export, for this family name and a new source patient id.
   */
  public static Document shapeFacts(String family) {
    return obds("obds-shape-facts.xml", "P-SHAPE", "Shape", family);
  }

  /** An oBDS fixture with a new source patient id and this family name in place of its own. */
  private static Document obds(
      String resource, String fixtureId, String fixtureFamily, String family) {
    String id = "P-" + letters(10);
    return new Document(
        resource(resource)
            .replace("Patient_ID=\"" + fixtureId + "\"", "Patient_ID=\"" + id + "\"")
            .replace(
                "<Nachname>" + fixtureFamily + "</Nachname>",
                "<Nachname>" + family + "</Nachname>"),
        id,
        family);
  }

  static Document adt() {
    String id = "A-" + letters(10);
    String family = "Adt" + letters(8);
    return new Document(
        resource("adt-full-case.xml")
            .replace("Patient_ID=\"A-0815\"", "Patient_ID=\"" + id + "\"")
            .replace(
                "<Patienten_Nachname>Mustermann</Patienten_Nachname>",
                "<Patienten_Nachname>" + family + "</Patienten_Nachname>"),
        id,
        family);
  }

  /** Lower-case letters: valid in names and ids of both schemas. */
  static String letters(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return sb.toString();
  }

  private static String resource(String name) {
    try (InputStream in = ImportFixtures.class.getResourceAsStream("/importer/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
