package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The example resources shipped under {@code ccp-profiles/examples/} (listed in its {@code
 * index.txt}): a valid and an invalid example per profile, DKTK onco-core shaped resources as
 * obds2fhir produces them, and resources of the wider basic data set that only need base R4. Other
 * modules may use them as test data.
 */
public final class MdsExamples {

  static final String DIR = MdsResourceLoader.RESOURCE_DIR + "examples/";

  /** What an example is meant to show. */
  public enum Kind {
    /** Conforms to its profile. */
    VALID,
    /** Violates its profile at a known element. */
    INVALID,
    /** DKTK onco-core shaped (DKTK profile URL in meta), conforms to the mapped profile. */
    DKTK,
    /** Outside the MDS: validated against base R4 only. */
    WIDER
  }

  /**
   * One example.
   *
   * @param file path below {@code ccp-profiles/examples/}
   * @param kind what the example shows
   * @param profileUrl the profile {@link ProfileSelector} must pick; null for base R4 only
   * @param expectedLocation for invalid examples: a fragment of the error location (or message)
   * @param expectedMessage for invalid examples: a fragment of the error message
   */
  public record Example(
      String file, Kind kind, String profileUrl, String expectedLocation, String expectedMessage) {

    public IBaseResource parse(FhirContext ctx) {
      try (InputStream in = open(file)) {
        return ctx.newJsonParser().parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private MdsExamples() {}

  public static List<Example> all() {
    try (InputStream in = open("index.txt")) {
      return MdsResourceLoader.readIndex(in).stream().map(MdsExamples::parseLine).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Example> of(Kind kind) {
    return all().stream().filter(e -> e.kind() == kind).toList();
  }

  private static Example parseLine(String line) {
    List<String> parts = Arrays.stream(line.split("\\|")).map(String::strip).toList();
    String file = parts.get(0);
    Kind kind = Kind.valueOf(file.substring(0, file.indexOf('/')).toUpperCase(Locale.ROOT));
    String profile = "-".equals(parts.get(1)) ? null : MdsProfiles.BASE + parts.get(1);
    return new Example(
        file,
        kind,
        profile,
        parts.size() > 2 ? parts.get(2) : null,
        parts.size() > 3 ? parts.get(3) : null);
  }

  private static InputStream open(String name) {
    InputStream in = MdsExamples.class.getClassLoader().getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("Missing example " + name);
    }
    return in;
  }
}
