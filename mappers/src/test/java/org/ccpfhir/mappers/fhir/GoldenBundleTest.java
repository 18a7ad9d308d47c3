package org.ccpfhir.mappers.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.adt.AdtMapper;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact FHIR produced for the hand-written fixtures, compared with reviewed JSON files next to
 * them ({@code *.expected.json}). After an intended change, regenerate with {@code
 * -Dgolden.update=true} and review the diff.
 */
class GoldenBundleTest {

  @ParameterizedTest
  @ValueSource(strings = {"obds/full-case", "adt/full-case"})
  void mappedBundleIsExactlyTheReviewedOne(String fixture) throws Exception {
    PatientBundleBuilder builder = new PatientBundleBuilder(ResourceIds.forSite("TEST"));
    SourceMapper mapper =
        fixture.startsWith("obds") ? new ObdsMapper(builder) : new AdtMapper(builder);
    Bundle bundle;
    try (InputStream in = getClass().getResourceAsStream("/" + fixture + ".xml")) {
      bundle = mapper.map(in, fixture + ".xml").bundles().get(0);
    }
    String json =
        MdsCheck.CTX.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle) + "\n";
    Path expected = Path.of("src/test/resources", fixture + ".expected.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, json, StandardCharsets.UTF_8);
    }
    assertThat(json).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
