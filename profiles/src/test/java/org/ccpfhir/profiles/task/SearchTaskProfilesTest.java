package org.ccpfhir.profiles.task;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ccpfhir.profiles.MdsValidator;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two Task profiles of decentralized search, checked with their examples. */
class SearchTaskProfilesTest {

  private static MdsValidator validator;

  @BeforeAll
  static void validator() {
    validator = MdsValidator.create(FhirContext.forR4Cached());
  }

  static Task example(String name) throws IOException {
    try (InputStream in =
        SearchTaskProfilesTest.class.getResourceAsStream("/task-examples/" + name + ".json")) {
      return FhirContext.forR4Cached().newJsonParser().parseResource(Task.class, in);
    }
  }

  static List<SingleValidationMessage> errors(ValidationResult result) {
    return result.getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }

  @ParameterizedTest
  @CsvSource({
    "search-request, " + SearchTasks.REQUEST_PROFILE,
    "site-search-task, " + SearchTasks.SITE_TASK_PROFILE
  })
  void validExamplesValidate(String name, String profile) throws IOException {
    ValidationResult result = validator.validate(example(name), List.of(profile));
    assertThat(errors(result)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "search-request-without-criteria, " + SearchTasks.REQUEST_PROFILE + ", ccp-sr-1",
    "site-search-task-rejected-without-reason, " + SearchTasks.SITE_TASK_PROFILE + ", ccp-st-1",
    "site-search-task-output-before-approval, " + SearchTasks.SITE_TASK_PROFILE + ", ccp-st-2"
  })
  void invalidExamplesFailWithTheirRule(String name, String profile, String rule)
      throws IOException {
    ValidationResult result = validator.validate(example(name), List.of(profile));
    assertThat(errors(result)).anySatisfy(m -> assertThat(m.getMessage()).contains(rule));
  }

  @Test
  void criteriaParseIntoTheSameTreeAsTheCountQueries() {
    SearchExpression parsed =
        SearchExpression.parse("Condition?code=C50 and (NOT Patient?gender=male OR Specimen)");
    assertThat(parsed)
        .isEqualTo(
            new SearchExpression.And(
                List.of(
                    new SearchExpression.Search("Condition", "code=C50"),
                    new SearchExpression.Or(
                        List.of(
                            new SearchExpression.Not(
                                new SearchExpression.Search("Patient", "gender=male")),
                            new SearchExpression.Search("Specimen", ""))))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Condition?code=C50 AND|ends where a search is expected",
        "(Condition?code=C50|missing ')'",
        "condition?code=C50|is not Type?params",
        "Condition?code=C50 Patient|unexpected 'Patient' at token 2",
        "Condition AND OR Patient|unexpected 'OR' at token 3"
      })
  void malformedCriteriaAreNamed(String criteria, String message) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchExpression.parse(criteria))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
