package org.ccpfhir.bridgehead.subjectaccess;

import java.net.URI;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * Asks the central patient list over mutual TLS what it holds of the person behind the patient's
 * global pseudonym ({@code $subject-data}). The answer goes into the export as it is: it names
 * sites by code only and holds no control numbers.
 */
public class CentralListSubjectDataClient {

  private final ComponentClient client;
  private final URI centralListUrl;

  public CentralListSubjectDataClient(ComponentClient client, URI centralListUrl) {
    this.client = client;
    this.centralListUrl = centralListUrl;
  }

  public Parameters facts(String caseNumber, String bkGlobal) {
    Parameters question = new Parameters();
    question
        .addParameter()
        .setName(CentralSubjectDataContract.CASE_NUMBER)
        .setValue(new StringType(caseNumber));
    question
        .addParameter()
        .setName(CentralSubjectDataContract.PSEUDONYM)
        .setValue(new StringType(bkGlobal));
    Parameters answer =
        client.call(
            "central patient list", centralListUrl, CentralSubjectDataContract.OPERATION, question);
    answer.setId("central-list");
    return answer;
  }

  /** How many linked control-number sets the answer lists. */
  static int records(Parameters answer) {
    return answer.getParameters(CentralSubjectDataContract.RECORD).size();
  }
}
