package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.BUNDLE;
import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.CASE_NUMBER;
import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.KIND;
import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.PSEUDONYM;
import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.RECORD;
import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.SITE;
import static org.ccpfhir.profiles.subjectaccess.SubjectDataContract.UPDATED;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST [mds]/fhir/$mds-subject-data} (OperationDefinition {@code mds-subject-data}): a
 * site's access request (CCP-IT §6.3) asks what the MDS database holds of one of its patients. The
 * patient is named by the same pseudonym envelopes the upload sends, checked the same way (central
 * list or the calling bridgehead itself as signer); only the calling site's records are answered,
 * so a certificate of another site finds nothing of this site's patients. The answer and the audit
 * record refer to the case number, never to a pseudonym.
 */
public class MdsSubjectDataOperationProvider implements FhirProvider {

  private static final int MAX_PSEUDONYMS = 4;

  private static final OperationParameters.Spec PARAMETERS =
      OperationParameters.of(SubjectDataContract.OPERATION).single(CASE_NUMBER).repeated(PSEUDONYM);

  private final UploadReceiver envelopes;
  private final JdbcTemplate jdbc;
  private final FhirContext fhir;

  public MdsSubjectDataOperationProvider(
      UploadReceiver envelopes, DataSource dataSource, FhirContext fhir) {
    this.envelopes = envelopes;
    this.jdbc = new JdbcTemplate(dataSource);
    this.fhir = fhir;
  }

  @Operation(name = SubjectDataContract.OPERATION, idempotent = false)
  public Parameters subjectData(@ResourceParam Parameters input, HttpServletRequest request) {
    String site =
        Caller.current()
            .map(Caller::site)
            .orElseThrow(
                () -> new ForbiddenOperationException("only a site's bridgehead may ask this"));
    OperationParameters parameters = PARAMETERS.read(input);
    String caseNumber = caseNumber(parameters);
    Set<String> pseudonyms = pseudonyms(parameters, ComponentName.of("bridgehead", site));
    Parameters answer = new Parameters();
    answer.addParameter().setName(CASE_NUMBER).setValue(new StringType(caseNumber));
    answer.addParameter().setName(SITE).setValue(new StringType(site));
    int records = 0;
    for (String pseudonym : pseudonyms) {
      for (var row :
          jdbc.queryForList(
              "SELECT bundle_json, updated_ms FROM mds_record WHERE site = ? AND mds_id = ?",
              site,
              pseudonym)) {
        Parameters.ParametersParameterComponent part = answer.addParameter().setName(RECORD);
        part.addPart().setName(KIND).setValue(new CodeType(kindOf(pseudonym)));
        part.addPart()
            .setName(UPDATED)
            .setValue(new InstantType(new Date(((Number) row.get("updated_ms")).longValue())));
        part.addPart()
            .setName(BUNDLE)
            .setResource(
                fhir.newJsonParser()
                    .parseResource(Bundle.class, String.valueOf(row.get("bundle_json"))));
        records++;
      }
    }
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "access request " + caseNumber + " of site " + site + ": " + records + " records");
    return answer;
  }

  private static String caseNumber(OperationParameters input) {
    String value = input.string(CASE_NUMBER);
    if (value == null || !value.matches(SubjectDataContract.CASE_NUMBER_PATTERN)) {
      throw new InvalidRequestException(
          "parameter '" + CASE_NUMBER + "' must be a case number (AR- and 16 base32 characters)");
    }
    return value;
  }

  private Set<String> pseudonyms(OperationParameters input, ComponentName caller) {
    List<Base64BinaryType> parts = input.values(PSEUDONYM, Base64BinaryType.class);
    if (parts.isEmpty() || parts.size() > MAX_PSEUDONYMS) {
      throw new InvalidRequestException(
          "parameter '" + PSEUDONYM + "' must be given 1 to " + MAX_PSEUDONYMS + " times");
    }
    Set<String> values = new LinkedHashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      values.add(envelopes.pseudonymOf(parts.get(i).getValue(), caller, PSEUDONYM + "[" + i + "]"));
    }
    return values;
  }

  private static String kindOf(String pseudonym) {
    return pseudonym.startsWith(MdsUploadContract.LOCAL_PREFIX)
        ? SubjectDataContract.LOCAL
        : SubjectDataContract.GLOBAL;
  }
}
