package org.ccpfhir.bridgehead.forms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The rules of forms (module README "Forms") on every Questionnaire and QuestionnaireResponse
 * write, whatever the path (create, update, transaction), inside the database transaction, so a
 * refusal stores nothing: a form keeps to {@link FormDefinitions}' subset, has a url|version no
 * other form has, and once published (active or retired) changes only its status (active to
 * retired); an entry names an active form by {@code url|version}, is about a Patient or Specimen of
 * the store the writer may see, and keeps to its form ({@link FormEntries}). A single create or
 * update that {@link FormRequestCheck} already checked is not checked a second time here (same
 * request, same content: {@link #VERIFIED}).
 */
@Interceptor
public class FormRules implements StorageInterceptor {

  private static final Set<PublicationStatus> PUBLISHED =
      Set.of(PublicationStatus.ACTIVE, PublicationStatus.RETIRED);

  private final FhirContext fhirContext;
  private final DaoRegistry daos;
  private final Predicate<String> servedValueSet;
  private final FormEntries.CodeCheck codes;
  private final Supplier<? extends Predicate<IBaseResource>> visibleToCaller;

  /**
   * @param servedValueSet whether the bridgehead serves a ValueSet (by canonical URL)
   * @param codes whether a coding is in a served ValueSet
   * @param visibleToCaller the patients (and what is about them) the writing user may see: a
   *     subject of another unit is answered like an unknown one
   */
  public FormRules(
      FhirContext fhirContext,
      DaoRegistry daos,
      Predicate<String> servedValueSet,
      FormEntries.CodeCheck codes,
      Supplier<? extends Predicate<IBaseResource>> visibleToCaller) {
    this.fhirContext = fhirContext;
    this.daos = daos;
    this.servedValueSet = servedValueSet;
    this.codes = codes;
    this.visibleToCaller = visibleToCaller;
  }

  /**
   * Request user data: what {@link FormRequestCheck} verified on this request (a copy without id
   * and meta), so the store's hook does not check the same form or entry again.
   */
  static final String VERIFIED = FormRules.class.getName() + ".verified";

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request) {
    if (verifiedByRequest(request, resource)) {
      return;
    }
    if (resource instanceof Questionnaire form) {
      checkForm(form, null);
    } else if (resource instanceof QuestionnaireResponse entry) {
      checkEntry(entry);
    }
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(
      IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
    if (newResource instanceof QuestionnaireResponse && verifiedByRequest(request, newResource)) {
      return;
    }
    if (newResource instanceof Questionnaire form) {
      String id = form.getIdElement().getIdPart();
      Questionnaire before =
          oldResource instanceof Questionnaire old ? old : stored(id).orElse(null);
      checkForm(form, before);
    } else if (newResource instanceof QuestionnaireResponse entry) {
      checkEntry(entry);
    }
  }

  void checkForm(Questionnaire form, Questionnaire before) {
    if (before != null && PUBLISHED.contains(before.getStatus()) && !onlyRetired(before, form)) {
      throw refusal(
          List.of(
              new FormProblem(
                  "Questionnaire",
                  IssueType.BUSINESSRULE,
                  "version "
                      + before.getVersion()
                      + " of form "
                      + before.getUrl()
                      + " is published ("
                      + before.getStatus().toCode()
                      + ") and cannot change (only active to retired): create a new version"
                      + " (a new Questionnaire with the same url and another version)")));
    }
    List<FormProblem> problems = FormDefinitions.check(form, servedValueSet);
    if (problems.isEmpty()) {
      String ownId = before == null ? null : form.getIdElement().getIdPart();
      for (Questionnaire other : forms(form.getUrl(), form.getVersion())) {
        if (!other.getIdElement().getIdPart().equals(ownId)) {
          problems =
              List.of(
                  new FormProblem(
                      "Questionnaire.version",
                      IssueType.DUPLICATE,
                      "form "
                          + form.getUrl()
                          + " already has a version "
                          + form.getVersion()
                          + " ("
                          + other.getIdElement().toUnqualifiedVersionless().getValue()
                          + "): give the new form another version"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw refusal(problems);
    }
  }

  /** Whether the change of a published form is its retirement and nothing else. */
  private static boolean onlyRetired(Questionnaire before, Questionnaire after) {
    if (after.getStatus() != PublicationStatus.RETIRED) {
      return false;
    }
    return comparable(before).equalsDeep(comparable(after));
  }

  /** The form without what changes with every write or a retirement. */
  private static Questionnaire comparable(Questionnaire form) {
    Questionnaire copy = form.copy();
    copy.setId((String) null);
    copy.setMeta(null);
    copy.setText(null);
    copy.setStatus(null);
    copy.setDateElement(null);
    return copy;
  }

  void checkEntry(QuestionnaireResponse entry) {
    Questionnaire form = formOf(entry);
    checkSubject(entry);
    List<FormProblem> problems = FormEntries.check(entry, form, codes);
    if (!problems.isEmpty()) {
      throw refusal(problems);
    }
  }

  private Questionnaire formOf(QuestionnaireResponse entry) {
    String canonical = entry.getQuestionnaire();
    int bar = canonical == null ? -1 : canonical.indexOf('|');
    if (bar <= 0 || bar == canonical.length() - 1) {
      throw refusal(
          List.of(
              new FormProblem(
                  "QuestionnaireResponse.questionnaire",
                  IssueType.REQUIRED,
                  "an entry names its form with version: url|version")));
    }
    List<Questionnaire> found =
        forms(canonical.substring(0, bar), canonical.substring(bar + 1)).stream()
            .filter(f -> f.getStatus() == PublicationStatus.ACTIVE)
            .toList();
    if (found.size() != 1) {
      throw refusal(
          List.of(
              new FormProblem(
                  "QuestionnaireResponse.questionnaire",
                  IssueType.NOTFOUND,
                  "no active form "
                      + canonical
                      + " (forms: GET /fhir/Questionnaire?status=active)")));
    }
    return found.get(0);
  }

  private void checkSubject(QuestionnaireResponse entry) {
    Reference subject = entry.getSubject();
    IdType id = new IdType(subject.getReference() == null ? "" : subject.getReference());
    String type = id.getResourceType();
    if ((!"Patient".equals(type) && !"Specimen".equals(type)) || !id.hasIdPart()) {
      throw refusal(
          List.of(
              new FormProblem(
                  "QuestionnaireResponse.subject",
                  IssueType.REQUIRED,
                  "an entry is about a stored patient or sample: Patient/<id> or Specimen/<id>")));
    }
    IBaseResource found;
    try {
      found =
          daos.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      found = null;
    }
    if (found == null || !visibleToCaller.get().test(found)) {
      // one answer for unknown and hidden: nothing tells that another unit's patient exists
      throw refusal(
          List.of(
              new FormProblem(
                  "QuestionnaireResponse.subject",
                  IssueType.NOTFOUND,
                  type + " " + id.getIdPart() + " is not known")));
    }
  }

  /**
   * Notes that the request's own form or entry passed the rules (called by {@link FormRequestCheck}
   * after {@link #checkForm}/{@link #checkEntry} on a single create or update).
   */
  static void markVerified(RequestDetails request, Resource verified) {
    request.getUserData().put(VERIFIED, withoutIdAndMeta(verified));
  }

  /**
   * Whether this write stores exactly what the request check verified on the same request: then the
   * rules already passed for this caller and content (the marker is used once). Everything else —
   * transactions, batches, internal writes, a resource changed in between — is checked.
   */
  private static boolean verifiedByRequest(RequestDetails request, IBaseResource resource) {
    if (request == null || !(resource instanceof Resource stored)) {
      return false;
    }
    if (request.getUserData().get(VERIFIED) instanceof Resource verified
        && verified.equalsDeep(withoutIdAndMeta(stored))) {
      request.getUserData().remove(VERIFIED);
      return true;
    }
    return false;
  }

  /** The content the rules look at: id and meta (version, labels set on the way) are not. */
  private static Resource withoutIdAndMeta(Resource resource) {
    Resource copy = resource.copy();
    copy.setId((String) null);
    copy.setMeta(null);
    return copy;
  }

  private List<Questionnaire> forms(String url, String version) {
    if (url == null || version == null) {
      return List.of();
    }
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add("url", new UriParam(url));
    query.add("version", new TokenParam(version));
    return InternalSearches.everything(
            daos.getResourceDao("Questionnaire").search(query, new SystemRequestDetails()))
        .stream()
        .map(Questionnaire.class::cast)
        // the url parameter matches by prefix in some modes; the form is its exact canonical
        .filter(f -> url.equals(f.getUrl()) && version.equals(f.getVersion()))
        .toList();
  }

  private Optional<Questionnaire> stored(String id) {
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          (Questionnaire)
              daos.getResourceDao("Questionnaire")
                  .read(new IdType("Questionnaire", id), new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return Optional.empty();
    }
  }

  private UnprocessableEntityException refusal(List<FormProblem> problems) {
    return new UnprocessableEntityException(fhirContext, FormProblem.outcome(problems));
  }
}
