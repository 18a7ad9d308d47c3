package org.ccpfhir.bridgehead.forms;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.math.BigDecimal;
import java.util.List;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.terminology.ValueSets;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/** The form subset and the entry checks, with the shipped terminology as the code check. */
class FormCheckersTest {

  private static final CcpTerminologyValidationSupport TERMINOLOGY =
      new CcpTerminologyValidationSupport(FhirContext.forR4Cached());

  private static final FormEntries.CodeCheck CODES =
      (valueSet, coding) -> {
        CodeValidationResult result =
            TERMINOLOGY.validateCode(
                new ValidationSupportContext(TERMINOLOGY),
                new ConceptValidationOptions(),
                coding.getSystem(),
                coding.getCode(),
                null,
                valueSet);
        return result != null && result.isOk();
      };

  static Questionnaire form() {
    Questionnaire form = new Questionnaire();
    form.setUrl("https://example.org/forms/extra").setVersion("1");
    form.addItem().setLinkId("note").setType(QuestionnaireItemType.STRING);
    form.addItem().setLinkId("weight").setType(QuestionnaireItemType.DECIMAL).setRequired(true);
    form.addItem()
        .setLinkId("smoker")
        .setType(QuestionnaireItemType.CHOICE)
        .setAnswerValueSet(ValueSets.YES_NO_UNKNOWN);
    form.addItem().setLinkId("visits").setType(QuestionnaireItemType.INTEGER).setRepeats(true);
    form.addItem().setLinkId("since").setType(QuestionnaireItemType.DATE);
    form.addItem().setLinkId("frozen").setType(QuestionnaireItemType.BOOLEAN);
    return form;
  }

  private static List<FormProblem> definition(Questionnaire form) {
    return FormDefinitions.check(
        form, url -> TERMINOLOGY.getTerminology().valueSet(url).isPresent());
  }

  private static QuestionnaireResponse entry(Object... linkIdAndValues) {
    QuestionnaireResponse entry = new QuestionnaireResponse();
    entry.setStatus(QuestionnaireResponseStatus.COMPLETED);
    for (int i = 0; i < linkIdAndValues.length; i += 2) {
      entry
          .addItem()
          .setLinkId((String) linkIdAndValues[i])
          .addAnswer()
          .setValue((Type) linkIdAndValues[i + 1]);
    }
    return entry;
  }

  private static Coding jnu(String code) {
    return new Coding(CodeSystems.YES_NO_UNKNOWN, code, null);
  }

  private static List<String> expressions(List<FormProblem> problems) {
    return problems.stream().map(FormProblem::expression).toList();
  }

  @Test
  void aFormOutsideTheSubsetIsRefusedNamingTheItem() {
    Questionnaire form = form();
    form.getItem().get(1).addEnableWhen().setQuestion("note");
    form.addItem().setLinkId("group").setType(QuestionnaireItemType.GROUP);
    form.addItem()
        .setLinkId("free")
        .setType(QuestionnaireItemType.CHOICE)
        .setAnswerValueSet("https://example.org/ValueSet/not-served");
    form.addItem().setLinkId("note").setType(QuestionnaireItemType.TEXT);
    form.addItem().setLinkId("coded").setType(QuestionnaireItemType.CHOICE);
    assertThat(expressions(definition(form)))
        .containsExactlyInAnyOrder(
            "Questionnaire.item[1].enableWhen",
            "Questionnaire.item[6].type",
            "Questionnaire.item[7].answerValueSet",
            "Questionnaire.item[8].linkId",
            "Questionnaire.item[9].answerValueSet");
    assertThat(expressions(definition(form().setVersion(null).setUrl(null))))
        .containsExactlyInAnyOrder("Questionnaire.url", "Questionnaire.version");
    assertThat(definition(form())).isEmpty();
  }

  @Test
  void aCodeOutsideTheCodeListIsRefusedNamingTheAnswer() {
    List<FormProblem> problems =
        FormEntries.check(
            entry("weight", new DecimalType("1.5"), "smoker", jnu("X")), form(), CODES);
    assertThat(expressions(problems))
        .containsExactly("QuestionnaireResponse.item[1].answer[0].valueCoding");
    assertThat(problems.get(0).message()).contains("'smoker'", ValueSets.YES_NO_UNKNOWN);
    // another system's code is outside the list as well
    assertThat(
            FormEntries.check(
                entry(
                    "weight",
                    new DecimalType("1.5"),
                    "smoker",
                    new Coding(CodeSystems.SAMPLE_MATERIAL_TYPE, "J", null)),
                form(),
                CODES))
        .hasSize(1);
  }

  @Test
  void aMissingRequiredAnswerIsRefusedUnlessTheEntryIsADraft() {
    QuestionnaireResponse entry = entry("note", new StringType("x"));
    assertThat(expressions(FormEntries.check(entry, form(), CODES)))
        .containsExactly("QuestionnaireResponse.item.where(linkId='weight')");
    entry.setStatus(QuestionnaireResponseStatus.INPROGRESS);
    assertThat(FormEntries.check(entry, form(), CODES)).isEmpty();
  }

  @Test
  void aValueOfAnotherTypeAnUnknownItemAndASecondAnswerAreRefused() {
    QuestionnaireResponse entry =
        entry(
            "weight", new StringType("heavy"),
            "frozen", new IntegerType(1),
            "nope", new StringType("x"),
            "since", new DateType("2026-01-02"));
    entry.getItem().get(3).addAnswer().setValue(new DateType("2026-01-03"));
    List<FormProblem> problems = FormEntries.check(entry, form(), CODES);
    assertThat(expressions(problems))
        .containsExactly(
            "QuestionnaireResponse.item[0].answer[0]",
            "QuestionnaireResponse.item[1].answer[0]",
            "QuestionnaireResponse.item[2].linkId",
            // the weight is answered (wrongly): not reported a second time as missing
            "QuestionnaireResponse.item[3].answer");
  }

  @Test
  void aCompleteEntryPasses() {
    QuestionnaireResponse entry =
        entry(
            "note", new StringType("x"),
            "weight", new DecimalType(new BigDecimal("70.5")),
            "smoker", jnu("N"),
            "visits", new IntegerType(2),
            "since", new DateType("2026-01-02"),
            "frozen", new BooleanType(true));
    entry.getItem().get(3).addAnswer().setValue(new IntegerType(3));
    assertThat(FormEntries.check(entry, form(), CODES)).isEmpty();
  }
}
