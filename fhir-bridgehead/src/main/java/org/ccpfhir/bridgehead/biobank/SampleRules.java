package org.ccpfhir.bridgehead.biobank;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.ccpfhir.bridgehead.biobank.Samples.Location;
import org.ccpfhir.bridgehead.biobank.Samples.Normalised;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The biobank's rules on every Specimen write, whatever the path (create, update, ingest bundle,
 * CSV import), inside the database transaction, so a refusal stores nothing: the patient named by
 * its local pseudonym ({@code subject.identifier}) is resolved to its Patient; a volume or amount
 * needs a UCUM unit; an available or reserved sample cannot take a storage position another
 * available or reserved sample holds; an aliquot cannot hold more than its parent has left (the
 * parent's amount minus its other aliquots'); the FHIR status follows the biobank status. Runs
 * before the other storage hooks, which then see the resolved patient. Profile validation has run
 * before (request level), so unknown sample types and status codes never get here.
 */
@Interceptor
public class SampleRules {

  /** Before the consent guard, which needs the resolved patient reference. */
  private static final int FIRST = -100;

  private final FhirContext fhirContext;
  private final DaoRegistry daos;

  /**
   * Two writes to one position must not both pass the occupancy check: the check and the commit of
   * a write with a storage location run one after the other (in this process).
   */
  private final ReentrantLock locations = new ReentrantLock();

  private final Supplier<? extends Predicate<IBaseResource>> visibleToCaller;

  /**
   * @param visibleToCaller the patients the writing user may see (department-scoped visibility): a
   *     pseudonym of another unit's patient is answered like an unknown one
   */
  public SampleRules(
      FhirContext fhirContext,
      DaoRegistry daos,
      Supplier<? extends Predicate<IBaseResource>> visibleToCaller) {
    this.fhirContext = fhirContext;
    this.daos = daos;
    this.visibleToCaller = visibleToCaller;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = FIRST)
  public void created(IBaseResource resource, RequestDetails request) {
    if (resource instanceof Specimen specimen && request != null) {
      check(specimen, null);
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = FIRST)
  public void updated(
      IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
    if (newResource instanceof Specimen specimen && request != null) {
      // the new contents carry the id (HAPI may pass no previous contents)
      check(specimen, specimen.getIdElement().getIdPart());
    }
  }

  void check(Specimen specimen, String ownId) {
    resolveSubject(specimen);
    checkUnits(specimen);
    String status = status(specimen);
    checkParent(specimen, ownId);
    if (status != null && Samples.OCCUPYING.contains(status)) {
      checkPositions(specimen, ownId);
    }
  }

  /** The patient by the local pseudonym: {@code subject.identifier} without a reference. */
  private void resolveSubject(Specimen specimen) {
    Reference subject = specimen.getSubject();
    if (subject.hasReference() || !subject.hasIdentifier()) {
      return;
    }
    Identifier identifier = subject.getIdentifier();
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    // without a system: the value in any of the Patient's identifier systems (the local list's
    // pseudonyms, and those sent by clinical systems, e.g. …/sid/BK-HD-L); pseudonyms are long
    // random values, and a value two patients share is refused below
    query.add(
        "identifier",
        identifier.hasSystem()
            ? new TokenParam(identifier.getSystem(), identifier.getValue())
            : new TokenParam(identifier.getValue()));
    List<IBaseResource> found =
        InternalSearches.everything(
                daos.getResourceDao("Patient").search(query, new SystemRequestDetails()))
            .stream()
            .filter(visibleToCaller.get())
            .toList();
    if (found.size() != 1) {
      throw refusal(
          "Specimen.subject.identifier",
          IssueType.NOTFOUND,
          found.isEmpty()
              ? "no patient of this site has the pseudonym given in subject.identifier"
              : "the pseudonym in subject.identifier names several patients (review the local"
                  + " patient list)");
    }
    subject.setReference(found.get(0).getIdElement().toUnqualifiedVersionless().getValue());
  }

  private void checkUnits(Specimen specimen) {
    for (int i = 0; i < specimen.getContainer().size(); i++) {
      Quantity quantity = specimen.getContainer().get(i).getSpecimenQuantity();
      if (Samples.lacksUnit(quantity)) {
        throw noUnit("Specimen.container[" + i + "].specimenQuantity");
      }
    }
    Quantity collected = specimen.getCollection().getQuantity();
    // the collected amount comes from source systems (oBDS / ADT, CSV) with a unit as text
    if (collected.hasValue() && !collected.hasUnit() && !collected.hasCode()) {
      throw noUnit("Specimen.collection.quantity");
    }
  }

  private UnprocessableEntityException noUnit(String path) {
    return refusal(
        path,
        IssueType.REQUIRED,
        "a volume or amount needs its unit as UCUM code (system " + Samples.UCUM + ", e.g. mL)");
  }

  /** The biobank status, the FHIR status made to follow it; null for a sample without one. */
  private static String status(Specimen specimen) {
    Optional<String> status = Samples.biobankStatus(specimen);
    boolean located =
        specimen.getContainer().stream().anyMatch(c -> Samples.location(c).isPresent());
    if (status.isEmpty() && located) {
      // a sample put into a storage place is managed by the biobank from now on
      status = Samples.defaultStatus(specimen);
      status.ifPresent(s -> Samples.setBiobankStatus(specimen, s));
    }
    status.ifPresent(s -> specimen.setStatus(Samples.fhirStatus(s)));
    return status.orElse(null);
  }

  private void checkParent(Specimen specimen, String ownId) {
    for (int i = 0; i < specimen.getParent().size(); i++) {
      Reference reference = specimen.getParent().get(i);
      String path = "Specimen.parent[" + i + "]";
      IdType parentId = new IdType(reference.getReference());
      if (!reference.hasReference() || !"Specimen".equals(parentId.getResourceType())) {
        throw refusal(path, IssueType.VALUE, "the parent must be a stored sample (Specimen/<id>)");
      }
      Optional<Specimen> stored = read(parentId.toUnqualifiedVersionless());
      if (stored.isEmpty()) {
        // a parent written later in the same transaction (an oBDS import, a bundle that registers
        // sample and aliquots together) is not readable yet; HAPI's referential integrity still
        // refuses a parent that does not exist when the transaction ends
        continue;
      }
      Specimen parent = stored.get();
      if (!java.util.Objects.equals(
          parent.getSubject().getReference(), specimen.getSubject().getReference())) {
        throw refusal(path, IssueType.BUSINESSRULE, "the parent sample belongs to another patient");
      }
      Optional<Quantity> mine = Samples.amount(specimen);
      Optional<Quantity> parents = Samples.amount(parent);
      if (mine.isPresent() && parents.isPresent()) {
        checkRemaining(mine.get(), parent, parents.get(), ownId, path);
      }
    }
  }

  private Optional<Specimen> read(IdType id) {
    try {
      return Optional.of(
          (Specimen) daos.getResourceDao("Specimen").read(id, new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return Optional.empty();
    }
  }

  private void checkRemaining(
      Quantity amount, Specimen parent, Quantity parentAmount, String ownId, String parentPath) {
    String amountPath = "Specimen.container[0].specimenQuantity";
    Optional<Normalised> wanted = Samples.normalise(amount);
    Optional<Normalised> total = Samples.normalise(parentAmount);
    if (wanted.isEmpty()
        || total.isEmpty()
        || !wanted.get().dimension().equals(total.get().dimension())) {
      throw refusal(
          amountPath,
          IssueType.BUSINESSRULE,
          "the aliquot's unit cannot be compared with the parent's ("
              + Samples.describe(parentAmount)
              + "); use volume units (L, mL, uL) or mass units (g, mg, ug) for both");
    }
    BigDecimal used = BigDecimal.ZERO;
    String parentId = parent.getIdElement().toUnqualifiedVersionless().getValue();
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add("parent", new ReferenceParam(parentId));
    for (IBaseResource found :
        InternalSearches.everything(
            daos.getResourceDao("Specimen").search(query, new SystemRequestDetails()))) {
      if (found.getIdElement().getIdPart().equals(ownId)) {
        continue;
      }
      Optional<Normalised> taken = Samples.amount((Specimen) found).flatMap(Samples::normalise);
      if (taken.isPresent() && taken.get().dimension().equals(total.get().dimension())) {
        used = used.add(taken.get().value());
      }
    }
    BigDecimal remaining = total.get().value().subtract(used);
    if (wanted.get().value().compareTo(remaining) > 0) {
      throw refusal(
          amountPath,
          IssueType.BUSINESSRULE,
          "the aliquot ("
              + Samples.describe(amount)
              + ") is larger than what its parent "
              + parentPath.substring("Specimen.".length())
              + " has left ("
              + Samples.inUnit(remaining.max(BigDecimal.ZERO), amount.getCode())
              + " "
              + amount.getCode()
              + " of "
              + Samples.describe(parentAmount)
              + ")");
    }
  }

  private void checkPositions(Specimen specimen, String ownId) {
    for (int i = 0; i < specimen.getContainer().size(); i++) {
      Optional<Location> location = Samples.location(specimen.getContainer().get(i));
      if (location.isEmpty()) {
        continue;
      }
      holdLocationsUntilCommit();
      SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
      List<String> parts = location.get().parts();
      for (int p = 0; p < parts.size(); p++) {
        query.add("storage-" + Samples.LOCATION_PARTS.get(p), new StringParam(parts.get(p), true));
      }
      TokenOrListParam occupying = new TokenOrListParam();
      Samples.OCCUPYING.forEach(s -> occupying.addOr(new TokenParam(s)));
      query.add("sample-status", occupying);
      for (IBaseResource other :
          InternalSearches.everything(
              daos.getResourceDao("Specimen").search(query, new SystemRequestDetails()))) {
        if (!other.getIdElement().getIdPart().equals(ownId)) {
          throw refusal(
              Samples.locationPath(i),
              IssueType.CONFLICT,
              "storage position "
                  + location.get()
                  + " is occupied by "
                  + other.getIdElement().toUnqualifiedVersionless().getValue()
                  + " ("
                  + Samples.biobankStatus((Specimen) other).orElse("available")
                  + ")");
        }
      }
    }
  }

  private void holdLocationsUntilCommit() {
    if (locations.isHeldByCurrentThread()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    locations.lock();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            locations.unlock();
          }
        });
  }

  private UnprocessableEntityException refusal(String path, IssueType type, String message) {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.ERROR)
        .setCode(type)
        .setDiagnostics(path + ": " + message + "; nothing was stored")
        .addExpression(path)
        .setDetails(new org.hl7.fhir.r4.model.CodeableConcept().setText(message));
    return new UnprocessableEntityException(fhirContext, outcome);
  }
}
