package org.ccpfhir.profiles.shapes;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The same clinical facts (one breast cancer patient: diagnosis C50.4 right, 2020-02-16; ICD-O-3
 * 8500/3; G3; cT2 cN1 cM0, UICC IIB, 8th edition) as a transaction in each input shape the
 * bridgehead accepts, written from the public specification of that shape ({@code
 * ccp-profiles/shapes/bundle-<shape>.json}). Ids carry a prefix so that every test run stores its
 * own patient; the MII Patient carries a name (it is pseudonymised on ingest).
 */
public final class ShapeFixtures {

  /** The three input shapes. */
  public enum Shape {
    /** The project's MDS profiles. */
    MDS,
    /** DKTK onco-core, as DKTK's obds2fhir converter writes it (identifiers without system). */
    DKTK,
    /** MII KDS module Onkologie (TNM categories as separate Observations, MII code systems). */
    MII;

    String file() {
      return "/ccp-profiles/shapes/bundle-" + name().toLowerCase(java.util.Locale.ROOT) + ".json";
    }
  }

  private ShapeFixtures() {}

  /**
   * The fixture of one shape.
   *
   * @param prefix letters and digits put in front of every id and identifier value
   * @param family the MII Patient's family name (letters only)
   */
  public static Bundle bundle(FhirContext ctx, Shape shape, String prefix, String family) {
    return ctx.newJsonParser().parseResource(Bundle.class, json(shape, prefix, family));
  }

  /** The fixture's JSON, placeholders replaced. */
  public static String json(Shape shape, String prefix, String family) {
    try (InputStream in = ShapeFixtures.class.getResourceAsStream(shape.file())) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + shape.file());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{P}}", prefix)
          .replace("{{FAMILY}}", family);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the shape's Patient in the fixture. */
  public static String patientId(Shape shape, String prefix) {
    return prefix + "-" + shape.name().toLowerCase(java.util.Locale.ROOT) + "-patient";
  }
}
