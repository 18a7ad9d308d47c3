package org.ccpfhir.bridgehead.forms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/**
 * The subset of FHIR Questionnaire a form may use (module README "Forms"): a flat list of items of
 * the types in {@link #TYPES}, each with linkId, text, required, repeats and — for a coded field
 * ({@code choice}) — an {@code answerValueSet} the bridgehead serves from the terminology. Anything
 * else (groups, nested items, enableWhen, answerOption, initial values, open-choice, ...) is
 * refused rather than ignored: an entry is checked by these rules only, so a rule the form states
 * but the check would not enforce must not be stored.
 */
public final class FormDefinitions {

  /** Item types of a form and the answer value each takes. */
  static final Map<QuestionnaireItemType, String> TYPES =
      Map.of(
          QuestionnaireItemType.STRING, "valueString",
          QuestionnaireItemType.TEXT, "valueString",
          QuestionnaireItemType.INTEGER, "valueInteger",
          QuestionnaireItemType.DECIMAL, "valueDecimal",
          QuestionnaireItemType.DATE, "valueDate",
          QuestionnaireItemType.BOOLEAN, "valueBoolean",
          QuestionnaireItemType.CHOICE, "valueCoding");

  /** The elements an item may carry (code and definition are descriptive only). */
  private static final Set<String> ITEM_ELEMENTS =
      Set.of(
          "id",
          "extension",
          "linkId",
          "definition",
          "code",
          "prefix",
          "text",
          "type",
          "required",
          "repeats",
          "answerValueSet");

  private FormDefinitions() {}

  /**
   * Checks a form definition against the subset.
   *
   * @param form the form definition
   * @param servedValueSet whether the bridgehead serves a ValueSet with this canonical URL
   * @return what is wrong with it; empty when it is a valid form
   */
  public static List<FormProblem> check(Questionnaire form, Predicate<String> servedValueSet) {
    List<FormProblem> problems = new ArrayList<>();
    if (!form.hasUrl()) {
      problems.add(
          new FormProblem(
              "Questionnaire.url",
              IssueType.REQUIRED,
              "a form needs its canonical url (entries name it as url|version)"));
    }
    if (!form.hasVersion()) {
      problems.add(
          new FormProblem(
              "Questionnaire.version",
              IssueType.REQUIRED,
              "a form needs a version (a published version is never changed; a change is a new"
                  + " version)"));
    }
    if (!form.hasItem()) {
      problems.add(
          new FormProblem(
              "Questionnaire.item", IssueType.REQUIRED, "a form needs at least one item"));
    }
    Set<String> linkIds = new HashSet<>();
    for (int i = 0; i < form.getItem().size(); i++) {
      checkItem(
          form.getItem().get(i),
          "Questionnaire.item[" + i + "]",
          linkIds,
          servedValueSet,
          problems);
    }
    return problems;
  }

  private static void checkItem(
      QuestionnaireItemComponent item,
      String path,
      Set<String> linkIds,
      Predicate<String> servedValueSet,
      List<FormProblem> problems) {
    for (Property property : item.children()) {
      if (property.hasValues() && !ITEM_ELEMENTS.contains(property.getName())) {
        problems.add(
            new FormProblem(
                path + "." + property.getName(),
                IssueType.NOTSUPPORTED,
                "'"
                    + property.getName()
                    + "' is not supported in forms (items: linkId, text, type, required, repeats,"
                    + " answerValueSet)"));
      }
    }
    if (!item.hasLinkId()) {
      problems.add(new FormProblem(path + ".linkId", IssueType.REQUIRED, "an item needs a linkId"));
    } else if (!linkIds.add(item.getLinkId())) {
      problems.add(
          new FormProblem(
              path + ".linkId",
              IssueType.DUPLICATE,
              "linkId '" + item.getLinkId() + "' is used by another item of this form"));
    }
    if (!item.hasType() || !TYPES.containsKey(item.getType())) {
      problems.add(
          new FormProblem(
              path + ".type",
              IssueType.NOTSUPPORTED,
              "item type '"
                  + (item.hasType() ? item.getType().toCode() : "")
                  + "' is not supported in forms (string, text, integer, decimal, date, boolean,"
                  + " choice)"));
      return;
    }
    boolean coded = item.getType() == QuestionnaireItemType.CHOICE;
    if (coded && !item.hasAnswerValueSet()) {
      problems.add(
          new FormProblem(
              path + ".answerValueSet",
              IssueType.REQUIRED,
              "a choice item takes its code list from the terminology: answerValueSet is"
                  + " required"));
    } else if (coded && !servedValueSet.test(item.getAnswerValueSet())) {
      problems.add(
          new FormProblem(
              path + ".answerValueSet",
              IssueType.NOTFOUND,
              "ValueSet '"
                  + item.getAnswerValueSet()
                  + "' is not served by this bridgehead (GET /fhir/ValueSet lists them)"));
    } else if (!coded && item.hasAnswerValueSet()) {
      problems.add(
          new FormProblem(
              path + ".answerValueSet",
              IssueType.NOTSUPPORTED,
              "only a choice item takes an answerValueSet"));
    }
  }
}
