package org.ccpfhir.mdssearch.researcher;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * {@code GET [base]/fhir/$search-terms?filter=…&count=…}: the query builder's search box. Answers
 * terminology only (no count, nothing of a patient), so it costs no query budget.
 */
public class SearchTermsProvider implements FhirProvider {

  static final int DEFAULT_COUNT = 20;
  static final int MAX_COUNT = 100;
  static final int MAX_FILTER = 100;

  private final SearchTerms terms;

  public SearchTermsProvider(SearchTerms terms) {
    this.terms = terms;
  }

  @Operation(name = "$search-terms", idempotent = true)
  public Parameters searchTerms(
      @OperationParam(name = "filter", min = 1, max = 1) StringType filter,
      @OperationParam(name = "count", max = 1) IntegerType count) {
    String text = filter == null ? null : filter.getValue();
    if (text == null || text.isBlank() || text.length() > MAX_FILTER) {
      throw new InvalidRequestException(
          "parameter 'filter' must hold 1 to " + MAX_FILTER + " characters");
    }
    int max = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
    if (max < 1 || max > MAX_COUNT) {
      throw new InvalidRequestException("parameter 'count' must be between 1 and " + MAX_COUNT);
    }
    Parameters answer = new Parameters();
    for (SearchTerm term : terms.find(text, max)) {
      Parameters.ParametersParameterComponent part = answer.addParameter().setName("term");
      part.addPart().setName("kind").setValue(new StringType(term.kind()));
      part.addPart().setName("system").setValue(new UriType(term.system()));
      part.addPart().setName("code").setValue(new StringType(term.code()));
      part.addPart().setName("display").setValue(new StringType(term.display()));
      part.addPart().setName("criteria").setValue(new StringType(term.criteria()));
    }
    return answer;
  }
}
