package org.ccpfhir.bridgehead.approval;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class ListingJsonWriterTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Test
  void writesTheBytesHapiWrites() throws IOException {
    Parameters listing = new Parameters();
    Parameters.ParametersParameterComponent request = listing.addParameter().setName("request");
    request.addPart().setName("task").setValue(new StringType("t-1"));
    request.addPart().setName("requester").setValue(new StringType(null));
    request
        .addPart()
        .setName("prose")
        .setValue(new StringType("Müller \"quoted\" \\ </script> \u2028 tab\t line\nend"));
    request.addPart().setName("status").setValue(new CodeType("received"));
    request
        .addPart()
        .setName("validUntil")
        .setValue(new DateTimeType(new Date(1_765_000_000_000L)));
    request.addPart().setName("evaluated").setValue(new BooleanType(true));
    request.addPart().setName("matchCount").setValue(new IntegerType(-42));
    Parameters.ParametersParameterComponent match = request.addPart().setName("match");
    match.addPart().setName("pseudonym").setValue(new StringType("HD-PSN-1"));
    match.addPart().setName("diagnosis").setValue(new StringType("C50.4"));
    listing.addParameter().setName("request");

    assertThat(ListingJsonWriter.writable(listing.getParameter())).isTrue();
    assertThat(written(listing)).isEqualTo(FHIR.newJsonParser().encodeResourceToString(listing));
    assertThat(written(new Parameters()))
        .isEqualTo(FHIR.newJsonParser().encodeResourceToString(new Parameters()));
  }

  @Test
  void leavesOtherShapesToHapi() {
    Parameters withResource = new Parameters();
    withResource.addParameter().setName("x").setResource(new Patient());
    Parameters withComplexValue = new Parameters();
    withComplexValue.addParameter().setName("x").setValue(new Reference("Patient/1"));
    Parameters nameless = new Parameters();
    nameless.addParameter().setValue(new StringType("x"));

    assertThat(ListingJsonWriter.writable(withResource.getParameter())).isFalse();
    assertThat(ListingJsonWriter.writable(withComplexValue.getParameter())).isFalse();
    assertThat(ListingJsonWriter.writable(nameless.getParameter())).isFalse();
  }

  private static String written(Parameters listing) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      ListingJsonWriter.write(listing, json);
    }
    return out.toString();
  }
}
