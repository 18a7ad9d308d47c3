package org.ccpfhir.bridgehead.forms;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * The store's hook skips what the request check verified on the same request, and checks everything
 * else (a store that is asked anything fails the test: asking means checking).
 */
class FormRulesOnceTest {

  /** Raised when the rules look anything up, i.e. check the resource. */
  private static final class Checked extends RuntimeException {
    Checked() {
      super("checked");
    }
  }

  private static final DaoRegistry ASKED =
      new DaoRegistry() {
        @Override
        @SuppressWarnings("rawtypes") // HAPI declares it raw
        public IFhirResourceDao getResourceDao(String type) {
          throw new Checked();
        }
      };

  private final FormRules rules =
      new FormRules(
          FhirContext.forR4Cached(),
          ASKED,
          url -> true,
          (valueSet, coding) -> true,
          () -> r -> true);

  private static QuestionnaireResponse entry() {
    QuestionnaireResponse entry = new QuestionnaireResponse();
    entry.setQuestionnaire("https://example.org/forms/extra|1");
    entry.getSubject().setReference("Patient/1");
    entry.addItem().setLinkId("note").addAnswer().setValue(new StringType("a"));
    return entry;
  }

  @Test
  void whatTheRequestCheckVerifiedIsNotCheckedAgainOnTheSameRequest() {
    SystemRequestDetails request = new SystemRequestDetails();
    QuestionnaireResponse entry = entry();
    FormRules.markVerified(request, entry);
    // the store assigns id and meta on the way: still the verified content
    entry.setId("QuestionnaireResponse/7");
    entry.getMeta().setVersionId("1");

    assertThatCode(() -> rules.created(entry, request)).doesNotThrowAnyException();
    // once: a second write of the request is checked
    assertThatThrownBy(() -> rules.created(entry, request)).isInstanceOf(Checked.class);
  }

  @Test
  void anEntryUpdatedWithTheVerifiedContentIsNotCheckedAgain() {
    SystemRequestDetails request = new SystemRequestDetails();
    QuestionnaireResponse entry = entry();
    FormRules.markVerified(request, entry);

    assertThatCode(() -> rules.updated(entry.copy(), entry, request)).doesNotThrowAnyException();
  }

  @Test
  void otherContentOrAnotherRequestIsChecked() {
    SystemRequestDetails request = new SystemRequestDetails();
    QuestionnaireResponse entry = entry();
    FormRules.markVerified(request, entry);
    QuestionnaireResponse changed = entry();
    changed.getItemFirstRep().getAnswerFirstRep().setValue(new StringType("b"));

    assertThatThrownBy(() -> rules.created(changed, request)).isInstanceOf(Checked.class);
    assertThatThrownBy(() -> rules.created(entry(), new SystemRequestDetails()))
        .isInstanceOf(Checked.class);
    assertThatThrownBy(() -> rules.created(entry(), null)).isInstanceOf(Checked.class);
  }
}
