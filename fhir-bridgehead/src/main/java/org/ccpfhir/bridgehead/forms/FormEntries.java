package org.ccpfhir.bridgehead.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Type;

/**
 * Checks a form entry (QuestionnaireResponse) against its form ({@link FormDefinitions}' subset):
 * every answered item is an item of the form, answered once unless it repeats, with a value of the
 * item's type, a coded answer inside the item's answerValueSet; every required item is answered
 * (unless the entry is {@code in-progress}: a draft may be incomplete). Problems name the element
 * ({@code QuestionnaireResponse.item[2].answer[0]}) and the item's linkId, never the answer.
 */
public final class FormEntries {

  /** Whether a coding (system and code) is in a ValueSet. */
  @FunctionalInterface
  public interface CodeCheck {
    boolean contains(String valueSetUrl, Coding coding);
  }

  private FormEntries() {}

  public static List<FormProblem> check(
      QuestionnaireResponse entry, Questionnaire form, CodeCheck codes) {
    List<FormProblem> problems = new ArrayList<>();
    Map<String, QuestionnaireItemComponent> items = new HashMap<>();
    form.getItem().forEach(item -> items.put(item.getLinkId(), item));
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < entry.getItem().size(); i++) {
      QuestionnaireResponseItemComponent given = entry.getItem().get(i);
      String path = "QuestionnaireResponse.item[" + i + "]";
      QuestionnaireItemComponent item = items.get(given.getLinkId());
      if (item == null) {
        problems.add(
            new FormProblem(
                path + ".linkId",
                IssueType.VALUE,
                "linkId '" + given.getLinkId() + "' is not an item of the form"));
        continue;
      }
      if (!answered.add(item.getLinkId())) {
        problems.add(
            new FormProblem(
                path + ".linkId",
                IssueType.DUPLICATE,
                "item '"
                    + item.getLinkId()
                    + "' is given twice (answer it once, with several"
                    + " answers if it repeats)"));
        continue;
      }
      if (given.hasItem()) {
        problems.add(
            new FormProblem(
                path + ".item",
                IssueType.NOTSUPPORTED,
                "item '" + item.getLinkId() + "': forms have no nested items"));
      }
      checkAnswers(given, item, path, codes, problems);
    }
    if (entry.getStatus() != QuestionnaireResponseStatus.INPROGRESS) {
      for (QuestionnaireItemComponent item : form.getItem()) {
        if (item.getRequired() && !hasValue(entry, item.getLinkId())) {
          problems.add(
              new FormProblem(
                  "QuestionnaireResponse.item.where(linkId='" + item.getLinkId() + "')",
                  IssueType.REQUIRED,
                  "item '" + item.getLinkId() + "' is required by the form and has no answer"));
        }
      }
    }
    return problems;
  }

  private static void checkAnswers(
      QuestionnaireResponseItemComponent given,
      QuestionnaireItemComponent item,
      String path,
      CodeCheck codes,
      List<FormProblem> problems) {
    String linkId = item.getLinkId();
    if (given.getAnswer().size() > 1 && !item.getRepeats()) {
      problems.add(
          new FormProblem(
              path + ".answer",
              IssueType.STRUCTURE,
              "item '" + linkId + "' does not repeat: one answer only"));
    }
    String expected = FormDefinitions.TYPES.get(item.getType());
    for (int a = 0; a < given.getAnswer().size(); a++) {
      QuestionnaireResponseItemAnswerComponent answer = given.getAnswer().get(a);
      String answerPath = path + ".answer[" + a + "]";
      if (answer.hasItem()) {
        problems.add(
            new FormProblem(
                answerPath + ".item",
                IssueType.NOTSUPPORTED,
                "item '" + linkId + "': forms have no nested items"));
      }
      Type value = answer.getValue();
      if (value == null || value.isEmpty()) {
        problems.add(
            new FormProblem(
                answerPath, IssueType.REQUIRED, "item '" + linkId + "': an answer needs a value"));
        continue;
      }
      String kind = "value" + capitalised(value.fhirType());
      if (!kind.equals(expected)) {
        problems.add(
            new FormProblem(
                answerPath,
                IssueType.VALUE,
                "item '"
                    + linkId
                    + "' is of type "
                    + item.getType().toCode()
                    + " and takes "
                    + expected
                    + ", not "
                    + kind));
        continue;
      }
      if (value instanceof Coding coding && !codes.contains(item.getAnswerValueSet(), coding)) {
        // the code itself is not repeated: the message names the item and the list only
        problems.add(
            new FormProblem(
                answerPath + ".valueCoding",
                IssueType.CODEINVALID,
                "item '"
                    + linkId
                    + "': the code is not in the form's code list "
                    + item.getAnswerValueSet()));
      }
    }
  }

  private static boolean hasValue(QuestionnaireResponse entry, String linkId) {
    return entry.getItem().stream()
        .filter(i -> linkId.equals(i.getLinkId()))
        .flatMap(i -> i.getAnswer().stream())
        .anyMatch(a -> a.getValue() != null && !a.getValue().isEmpty());
  }

  private static String capitalised(String type) {
    return Character.toUpperCase(type.charAt(0)) + type.substring(1);
  }
}
