package org.ccpfhir.bridgehead.subjectaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class AccessRequestHtmlTest {

  static final String CASE = "AR-ABCDEFGHIJKLMNOP";

  static Bundle export(Resource... stored) {
    return new AccessRequestExport(CASE, "HD", new Date(0))
        .status(ExportComponent.LOCAL_PATIENT_LIST, "complete", 1, null)
        .siteStore(List.of(stored))
        .status(ExportComponent.MDS_DATABASE, "unavailable", 0, "did not answer <in time>")
        .bundle();
  }

  static Idat idat(String first, String last) {
    Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
    fields.put(IdatField.FIRST_NAME, first);
    fields.put(IdatField.LAST_NAME, last);
    fields.put(IdatField.BIRTH_DAY, "7");
    fields.put(IdatField.BIRTH_MONTH, "3");
    fields.put(IdatField.BIRTH_YEAR, "1950");
    return new Idat(fields, List.of("O'HARA & SONS"));
  }

  @Test
  void everyValueIsEscaped() {
    Condition condition = new Condition();
    condition.setId("Condition/1");
    condition.getCode().setText("<script>alert('x')</script>");
    Bundle export =
        AccessRequestExport.withIdat(
            export(condition), Optional.of(idat("<img src=x onerror=alert(1)>", "MUELLER")));

    String html = AccessRequestHtml.render(export);

    assertThat(html)
        .doesNotContain("<script>alert", "<img src", "<in time>", "O'HARA & SONS")
        .contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            "&lt;img src=x onerror=alert(1)&gt;",
            "did not answer &lt;in time&gt;",
            "O&#39;HARA &amp; SONS");
  }

  @Test
  void showsTheCaseTheSummaryAndEveryComponent() {
    Patient patient = new Patient();
    patient.setId("Patient/7");
    patient.addIdentifier().setSystem("https://ccp-fhir.org/fhir/sid/pseudonym/BK-HD-L");
    patient.getIdentifierFirstRep().setValue("BKHDL0000001");
    Consent consent = new Consent();
    consent.setId("Consent/8");
    consent.setStatus(Consent.ConsentState.ACTIVE);

    String html =
        AccessRequestHtml.render(
            AccessRequestExport.withIdat(
                export(patient, consent), Optional.of(idat("ANNA", "MUELLER"))));

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>Access request " + CASE + "</h1>")
        .contains("<td>site-store</td><td>complete</td><td>1</td>")
        .contains("<td>consent</td><td>complete</td><td>1</td>")
        .contains("<td>mds-database</td><td>unavailable</td><td>0</td>")
        .contains("<h3>Patient/7</h3>", "<h3>Consent/8</h3>", "<h3>Parameters/idat</h3>")
        .contains("<dt>identifier.value</dt><dd>BKHDL0000001</dd>")
        .contains("<dt>parameter.name</dt><dd>lastName</dd>")
        .contains("<dd>MUELLER</dd>", "<dd>1950-03-07</dd>");
    // sections in component order; nothing fetched from elsewhere
    assertThat(html.indexOf("Identifying data")).isLessThan(html.indexOf("Medical data"));
    assertThat(html).doesNotContain("src=", "href=");
    // a component without entries says so
    assertThat(html).contains("Records in the central MDS database</h2>\n<p>Nothing stored.</p>");
  }

  @Test
  void theStoredExportHoldsNoIdentifyingDataTheHandedOutOneDoes() {
    Bundle stored = export(new Condition());
    Bundle handedOut = AccessRequestExport.withIdat(stored, Optional.of(idat("ANNA", "MUELLER")));

    assertThat(stored.getEntry()).hasSize(2);
    assertThat(handedOut.getEntry()).hasSize(3);
    Resource idat = handedOut.getEntry().get(1).getResource();
    assertThat(AccessRequestExport.componentOf(idat)).contains(ExportComponent.LOCAL_PATIENT_LIST);
    assertThat(AccessRequestExport.withIdat(stored, Optional.empty()).getEntry()).hasSize(2);
  }
}
