package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The example resources under {@code ccp-profiles/examples/}, as listed in their index. */
record Examples(String file, String kind, String profileId, String location, String message) {

  static final String DIR = MdsResourceLoader.RESOURCE_DIR + "examples/";

  static List<Examples> all() {
    try (InputStream in = open("index.txt")) {
      return MdsResourceLoader.readIndex(in).stream().map(Examples::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Examples> ofKind(String kind) {
    return all().stream().filter(e -> e.kind.equals(kind)).toList();
  }

  private static Examples parse(String line) {
    List<String> parts = Arrays.stream(line.split("\\|")).map(String::strip).toList();
    String file = parts.get(0);
    return new Examples(
        file,
        file.substring(0, file.indexOf('/')),
        parts.get(1),
        parts.size() > 2 ? parts.get(2) : null,
        parts.size() > 3 ? parts.get(3) : null);
  }

  /** The expected profile URL, or null for "base R4 only". */
  String profileUrl() {
    return "-".equals(profileId) ? null : MdsProfiles.BASE + profileId;
  }

  IBaseResource parse(FhirContext ctx) {
    try (InputStream in = open(file)) {
      return ctx.newJsonParser().parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = Examples.class.getClassLoader().getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("Missing example " + name);
    }
    return in;
  }

  @Override
  public String toString() {
    return file;
  }
}
