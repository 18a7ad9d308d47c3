package org.ccpfhir.identity.central.api;

import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.CASE_NUMBER;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.KNOWN;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.MDS_PSEUDONYM;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.OPEN_REVIEWS;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.PROJECT_PSEUDONYM;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.PSEUDONYM;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.RECORD;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.REGISTERED;
import static org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract.SITE;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.central.SubjectFacts;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [central-list]/fhir/$subject-data} (OperationDefinition {@code subject-data}): a
 * site's access request (CCP-IT §6.3) asks what the list holds of the person behind one of its own
 * global pseudonyms. Read-only. A pseudonym that is not the caller's answers "not known" like an
 * unknown one, so a site learns nothing about other sites' pseudonyms. Audited by case number.
 */
public class CentralSubjectDataOperationProvider implements FhirProvider {

  private final CentralPatientList list;
  private final SubjectFacts facts;

  public CentralSubjectDataOperationProvider(CentralPatientList list, SubjectFacts facts) {
    this.list = list;
    this.facts = facts;
  }

  // read-only, yet POST only: a global pseudonym must never stand in a URL (access logs)
  @Operation(name = CentralSubjectDataContract.OPERATION, idempotent = false)
  public Parameters subjectData(
      @OperationParam(name = CASE_NUMBER, min = 1, max = 1) StringType caseNumber,
      @OperationParam(name = PSEUDONYM, min = 1, max = 1) StringType pseudonym,
      HttpServletRequest request) {
    if (caseNumber == null
        || !caseNumber.hasValue()
        || !caseNumber.getValue().matches(SubjectDataContract.CASE_NUMBER_PATTERN)) {
      throw new InvalidRequestException(
          "parameter '" + CASE_NUMBER + "' must be a case number (AR- and 16 base32 characters)");
    }
    if (pseudonym == null || !pseudonym.hasValue()) {
      throw new InvalidRequestException("parameter '" + PSEUDONYM + "' is required");
    }
    String site = SiteCaller.site();
    Optional<SubjectFacts.Facts> found =
        list.personOf(site, pseudonym.getValue())
            .map(
                person ->
                    facts.of(
                        person,
                        site,
                        ProjectPseudonymOperationProvider.owner(person),
                        ReencryptOperationProvider.source(person)));
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "access request "
            + caseNumber.getValue()
            + " of site "
            + site
            + ": "
            + found.map(f -> "known, " + f.records().size() + " records").orElse("not known"));
    return answer(caseNumber.getValue(), found);
  }

  /** The answer: nothing but "not known" for a person the caller cannot name. */
  static Parameters answer(String caseNumber, Optional<SubjectFacts.Facts> found) {
    Parameters answer = new Parameters();
    answer.addParameter().setName(CASE_NUMBER).setValue(new StringType(caseNumber));
    answer.addParameter().setName(KNOWN).setValue(new BooleanType(found.isPresent()));
    found.ifPresent(
        facts -> {
          facts.sites().forEach(s -> answer.addParameter().setName(SITE).setValue(new CodeType(s)));
          facts
              .records()
              .forEach(
                  day ->
                      answer
                          .addParameter()
                          .setName(RECORD)
                          .addPart()
                          .setName(REGISTERED)
                          .setValue(new DateType(day.toString())));
          answer
              .addParameter()
              .setName(OPEN_REVIEWS)
              .setValue(new IntegerType(facts.openReviews()));
          facts
              .projectPseudonyms()
              .forEach(
                  (domain, value) ->
                      answer
                          .addParameter()
                          .setName(PROJECT_PSEUDONYM)
                          .setValue(
                              new Identifier()
                                  .setSystem(PseudonymSystems.of(domain))
                                  .setValue(value)));
          answer
              .addParameter()
              .setName(MDS_PSEUDONYM)
              .setValue(new BooleanType(facts.mdsPseudonym()));
        });
    return answer;
  }
}
