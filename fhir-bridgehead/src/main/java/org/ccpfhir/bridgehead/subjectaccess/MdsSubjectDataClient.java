package org.ccpfhir.bridgehead.subjectaccess;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.bridgehead.upload.MdsPseudonyms;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * Asks the MDS database over mutual TLS what it holds of one patient of this site ({@code
 * $mds-subject-data}): under the site-scoped local pseudonym, and — when the patient has a global
 * pseudonym — under the MDS*G-ID the central list re-encrypts it into. Both go as envelopes only
 * the MDS database opens; the question carries the case number, never a BK-ID.
 */
public class MdsSubjectDataClient {

  private final ComponentClient client;
  private final URI mdsUrl;
  private final MdsPseudonyms pseudonyms;

  public MdsSubjectDataClient(ComponentClient client, URI mdsUrl, MdsPseudonyms pseudonyms) {
    this.client = client;
    this.mdsUrl = mdsUrl;
    this.pseudonyms = pseudonyms;
  }

  /** One stored record: its kind (global / local), when it was stored, the minimised bundle. */
  public record MdsRecord(String kind, InstantType updated, Bundle bundle) {}

  public List<MdsRecord> records(String caseNumber, String bkLocal, String bkGlobal) {
    Parameters question = new Parameters();
    question
        .addParameter()
        .setName(SubjectDataContract.CASE_NUMBER)
        .setValue(new StringType(caseNumber));
    question
        .addParameter()
        .setName(SubjectDataContract.PSEUDONYM)
        .setValue(new Base64BinaryType(pseudonyms.local(bkLocal)));
    if (bkGlobal != null) {
      question
          .addParameter()
          .setName(SubjectDataContract.PSEUDONYM)
          .setValue(new Base64BinaryType(pseudonyms.network(bkGlobal)));
    }
    Parameters answer =
        client.call("MDS database", mdsUrl, SubjectDataContract.OPERATION, question);
    List<MdsRecord> records = new ArrayList<>();
    for (Parameters.ParametersParameterComponent part :
        answer.getParameters(SubjectDataContract.RECORD)) {
      records.add(
          new MdsRecord(
              value(part, SubjectDataContract.KIND),
              (InstantType) part(part, SubjectDataContract.UPDATED).getValue(),
              (Bundle) part(part, SubjectDataContract.BUNDLE).getResource()));
    }
    return records;
  }

  private static Parameters.ParametersParameterComponent part(
      Parameters.ParametersParameterComponent record, String name) {
    return record.getPart().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("the MDS database answered a record without " + name));
  }

  private static String value(Parameters.ParametersParameterComponent record, String name) {
    return part(record, name).getValue().primitiveValue();
  }
}
