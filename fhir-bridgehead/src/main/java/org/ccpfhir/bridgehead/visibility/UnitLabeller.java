package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ccpfhir.bridgehead.consent.ConsentStorageInterceptor;
import org.ccpfhir.bridgehead.visibility.UnitVisibility.Scope;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Labels every written Patient and every resource about a patient with its treating units, at the
 * storage level (every write path: ingest, {@code $import-obds}, single writes, operations): the
 * units the input carries, else the sender's ({@code senders}), else — for a unit-scoped user — the
 * user's own; an update keeps the units the resource had (a second treating unit adds itself); what
 * still has none gets the channel's ({@code channels}), so a job's update adds no unit. A
 * unit-scoped user may neither label with units outside the user's groups (403) nor write a
 * patient, or anything about one, that the user cannot see (404, as if it did not exist). Runs
 * after the other storage hooks (order), so a Specimen's pseudonym is already resolved to its
 * Patient.
 */
@Component
@Interceptor
public class UnitLabeller implements StorageInterceptor {

  /** After the feature hooks of order 0 (e.g. the sample rules resolving subject.identifier). */
  private static final int AFTER_FEATURE_HOOKS = 100;

  private final UnitVisibility visibility;
  private final VisibilityProperties properties;

  public UnitLabeller(UnitVisibility visibility, VisibilityProperties properties) {
    this.visibility = visibility;
    this.properties = properties;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = AFTER_FEATURE_HOOKS)
  public void created(IBaseResource resource, RequestDetails request) {
    label(null, resource, request);
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = AFTER_FEATURE_HOOKS)
  public void updated(
      IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
    IBaseResource before = oldResource;
    if (before == null && newResource instanceof Patient patient && visibility.enabled()) {
      // the store's mass-ingestion mode hands no old version: the stored one decides
      before = visibility.storedPatient(patient.getIdElement().getIdPart());
    }
    label(before, newResource, request);
  }

  /**
   * A unit-scoped user cannot write anything about a patient the user cannot see (404, as if it did
   * not exist; the transaction stores nothing). Checked before the commit, when the references of a
   * transaction (placeholders, conditional references) point to their Patients.
   */
  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void aboutToCreate(IBaseResource resource) {
    refuseHiddenPatient(resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void aboutToUpdate(IBaseResource oldResource, IBaseResource newResource) {
    refuseHiddenPatient(newResource);
  }

  private void refuseHiddenPatient(IBaseResource resource) {
    if (!visibility.enabled()
        || !(resource instanceof Resource written)
        || written instanceof Patient) {
      return;
    }
    String patient = ConsentStorageInterceptor.patientOf(written);
    if (patient == null) {
      return;
    }
    UnitVisibility.Check check = visibility.forCurrentCaller();
    if (!check.scope().everything() && check.hidden(patient)) {
      throw notKnown("Patient/" + patient);
    }
  }

  /** Whether the resource is about a patient (or may be: a reference not yet resolved). */
  private static boolean aboutSomeone(Resource resource) {
    for (String name : new String[] {"subject", "patient"}) {
      Property property = resource.getNamedProperty(name);
      if (property == null) {
        continue;
      }
      for (Base value : property.getValues()) {
        if (value instanceof Reference reference
            && (reference.hasReference() || reference.hasIdentifier())
            && !isOtherType(reference)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A literal reference to something other than a Patient (a Group, a Device, ...). */
  private static boolean isOtherType(Reference reference) {
    String type = reference.getReferenceElement().getResourceType();
    return reference.hasReference()
        && !reference.getReference().startsWith("urn:")
        && type != null
        && !"Patient".equals(type);
  }

  /** A unit-scoped user cannot delete what the user cannot see (404, as if it did not exist). */
  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = AFTER_FEATURE_HOOKS)
  public void deleted(IBaseResource resource) {
    if (!visibility.enabled() || !(resource instanceof Resource deleted)) {
      return;
    }
    if (!visibility.forCurrentCaller().test(deleted)) {
      throw notKnown(deleted.fhirType() + "/" + deleted.getIdElement().getIdPart());
    }
  }

  private void label(IBaseResource before, IBaseResource resource, RequestDetails request) {
    if (!visibility.enabled() || !(resource instanceof Resource written)) {
      return;
    }
    boolean isPatient = written instanceof Patient;
    if (!isPatient && !aboutSomeone(written)) {
      return;
    }
    Caller caller = Caller.current().orElse(null);
    Scope scope = visibility.scopeOf(caller);
    UnitVisibility.Check check = visibility.check(scope);
    if (!scope.everything() && isPatient && before != null && !check.test(before)) {
      throw notKnown("Patient/" + written.getIdElement().getIdPart());
    }
    Set<String> given = TreatingUnits.of(written);
    Set<String> units = new LinkedHashSet<>();
    Set<String> had = before == null ? Set.of() : TreatingUnits.of(before);
    if (!given.isEmpty()) {
      if (!scope.everything()) {
        // what it had may stay (a re-saved patient of two units); a new unit must be the user's
        for (String unit : given) {
          if (!scope.units().contains(unit) && !had.contains(unit)) {
            throw new ForbiddenOperationException(
                written.fhirType()
                    + ".meta.security: treating unit '"
                    + unit
                    + "' is not one of your groups' units ("
                    + TreatingUnits.SYSTEM
                    + "); nothing was stored");
          }
        }
      }
      units.addAll(given);
    } else {
      units.addAll(writerUnits(caller, scope));
    }
    // units are added, not taken away: only a site-wide caller who names units replaces them
    if (before != null && (given.isEmpty() || !scope.everything())) {
      units.addAll(had);
    }
    // the channel's units only for what has none (a job's update adds no unit)
    if (units.isEmpty()) {
      units.addAll(channelUnits(request));
    }
    TreatingUnits.set(written, units);
  }

  /** The units a sender or a unit-scoped user writes for; none for site-wide callers and jobs. */
  private List<String> writerUnits(Caller caller, Scope scope) {
    if (caller != null && properties.senders().containsKey(caller.id())) {
      return properties.senders().get(caller.id());
    }
    return scope.everything() ? List.of() : List.copyOf(scope.units());
  }

  private List<String> channelUnits(RequestDetails request) {
    String channel =
        request != null && "import-obds".equals(stripDollar(request.getOperation()))
            ? TreatingUnits.IMPORT_OBDS
            : TreatingUnits.INGEST;
    return properties.channels().getOrDefault(channel, List.of());
  }

  private static String stripDollar(String operation) {
    return operation != null && operation.startsWith("$") ? operation.substring(1) : operation;
  }

  private static ResourceNotFoundException notKnown(String id) {
    return new ResourceNotFoundException(id + " is not known");
  }
}
