package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.consent.ConsentStorageInterceptor;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.springframework.stereotype.Component;

/**
 * Who sees which patient (package README "Department-scoped visibility"): a user sees a Patient
 * when one of the user's groups covers one of its treating units, or a group of the user sees all
 * units, or the site rule for explicitly consented patients applies; a resource about a patient
 * ({@code subject} / {@code patient}) is visible with its Patient; other resources (terminology,
 * Groups, ...) are not scoped. Applications, components and the site's own jobs are not scoped.
 */
@Component
public class UnitVisibility {

  private final VisibilityProperties properties;
  private final DaoRegistry daos;
  private final ConsentKinds consents;
  private final ManagedGroups managed;

  public UnitVisibility(
      VisibilityProperties properties,
      DaoRegistry daos,
      ConsentKinds consents,
      ManagedGroups managed) {
    this.properties = properties;
    this.daos = daos;
    this.consents = consents;
    this.managed = managed;
  }

  /** What a caller sees: every patient, or those of a set of units. */
  public record Scope(boolean everything, Set<String> units) {

    public static final Scope ALL = new Scope(true, Set.of());

    public Scope {
      units = Collections.unmodifiableSet(new TreeSet<>(units));
    }
  }

  public boolean enabled() {
    return properties.enabled();
  }

  /** The scope of the caller of this thread (everything for jobs without a caller). */
  public Scope scope() {
    return scopeOf(Caller.current().orElse(null));
  }

  public Scope scopeOf(Caller caller) {
    if (!properties.enabled() || caller == null || caller.kind() != AuditAgent.Kind.USER) {
      return Scope.ALL;
    }
    Set<String> units = new TreeSet<>();
    // groups of the configuration first; the others may be managed in the pages
    List<String> unconfigured =
        caller.groups().stream().filter(g -> !properties.groups().containsKey(g)).toList();
    Map<String, VisibilityProperties.Group> fromPages = managed.of(unconfigured);
    for (String name : caller.groups()) {
      VisibilityProperties.Group group =
          properties.groups().getOrDefault(name, fromPages.get(name));
      if (group == null) {
        continue;
      }
      if (group.allUnits()) {
        return Scope.ALL;
      }
      units.addAll(group.units());
    }
    return new Scope(false, units);
  }

  /** A check for the caller of this thread, for one request or operation (answers remembered). */
  public Check forCurrentCaller() {
    return new Check(scope());
  }

  public Check check(Scope scope) {
    return new Check(scope);
  }

  /**
   * Decides resource by resource for one scope; remembers each patient's answer, so a page of
   * Observations of one patient reads its Patient once. Not shared between requests: a patient's
   * units or consent may change.
   */
  public final class Check implements Predicate<IBaseResource> {

    private final Scope scope;
    private final Map<String, Boolean> patients = new HashMap<>();
    private final Map<String, Boolean> specimens = new HashMap<>();

    private Check(Scope scope) {
      this.scope = scope;
    }

    public Scope scope() {
      return scope;
    }

    @Override
    public boolean test(IBaseResource resource) {
      if (scope.everything() || !(resource instanceof Resource r)) {
        return true;
      }
      if (r instanceof Patient patient) {
        String id = patient.getIdElement().getIdPart();
        return id == null ? visible(patient) : patients.computeIfAbsent(id, k -> visible(patient));
      }
      String patient = ConsentStorageInterceptor.patientOf(r);
      if (patient == null) {
        // about a sample (a form entry on a Specimen): visible with the sample's patient
        String specimen = specimenOf(r);
        return specimen == null || specimen(specimen);
      }
      return patient(patient);
    }

    /**
     * Decides the patients of a page of resources with one store query instead of one read each (a
     * search page of 100 samples names up to 100 patients); {@link #test} then answers from what
     * was decided. Patients not found are left to {@link #test}, which reads them as before.
     */
    public void decidePatientsOf(List<? extends IBaseResource> resources) {
      if (scope.everything()) {
        return;
      }
      Set<String> ids = new TreeSet<>();
      for (IBaseResource resource : resources) {
        if (resource instanceof Resource r && !(r instanceof Patient)) {
          String patient = ConsentStorageInterceptor.patientOf(r);
          if (patient != null && !patients.containsKey(patient)) {
            ids.add(patient);
          }
        }
      }
      if (ids.size() < 2) {
        return;
      }
      TokenOrListParam byId = new TokenOrListParam();
      ids.forEach(id -> byId.addOr(new TokenParam(id)));
      for (IBaseResource found : InternalSearches.all(daos, "Patient", "_id", byId)) {
        if (found instanceof Patient patient && ids.contains(patient.getIdElement().getIdPart())) {
          patients.putIfAbsent(patient.getIdElement().getIdPart(), visible(patient));
        }
      }
    }

    /**
     * Whether the Specimen with this logical id is visible (with its patient); one that does not
     * exist (any more) is not: its patient is unknown.
     */
    private boolean specimen(String id) {
      return specimens.computeIfAbsent(
          id,
          k -> {
            IBaseResource found = read("Specimen", k);
            if (!(found instanceof Specimen specimen)) {
              return false;
            }
            String patient = ConsentStorageInterceptor.patientOf(specimen);
            return patient == null || patient(patient);
          });
    }

    /** Whether the Patient with this logical id is visible; one that does not exist is not. */
    public boolean patient(String id) {
      if (scope.everything()) {
        return true;
      }
      return patients.computeIfAbsent(id, k -> read(k) instanceof Patient p && visible(p));
    }

    /** Whether a Patient exists that this scope may not see (for writes: missing is no secret). */
    public boolean hidden(String id) {
      if (scope.everything()) {
        return false;
      }
      IBaseResource found = read(id);
      return found instanceof Patient p && !patients.computeIfAbsent(id, k -> visible(p));
    }

    private boolean visible(Patient patient) {
      for (String unit : TreatingUnits.of(patient)) {
        if (scope.units().contains(unit)) {
          return true;
        }
      }
      return properties.explicitlyConsentedVisibleToAll()
          && patient.getIdElement().hasIdPart()
          && consents.of(patient.getIdElement().getIdPart()) == ConsentKind.NETWORK;
    }
  }

  /** The Specimen a resource's {@code subject} names (literal reference), or null. */
  private static String specimenOf(Resource resource) {
    Property subject = resource.getNamedProperty("subject");
    if (subject == null) {
      return null;
    }
    for (Base value : subject.getValues()) {
      if (value instanceof Reference reference
          && "Specimen".equals(reference.getReferenceElement().getResourceType())
          && reference.getReferenceElement().hasIdPart()) {
        return reference.getReferenceElement().getIdPart();
      }
    }
    return null;
  }

  /**
   * The stored Patient with this id, or null (HAPI's mass-ingestion mode may hand no old version).
   */
  IBaseResource storedPatient(String id) {
    return id == null ? null : read(id);
  }

  private IBaseResource read(String id) {
    return read("Patient", id);
  }

  private IBaseResource read(String type, String id) {
    try {
      return daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return null;
    }
  }
}
