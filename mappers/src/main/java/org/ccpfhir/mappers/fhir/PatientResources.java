package org.ccpfhir.mappers.fhir;

import static org.ccpfhir.mappers.fhir.Fhir.concept;

import java.time.LocalDate;
import org.ccpfhir.mappers.fhir.Onco.Address;
import org.ccpfhir.mappers.fhir.Onco.Death;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.mappers.fhir.Onco.PatientData;
import org.ccpfhir.mappers.fhir.Onco.Pseudonym;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/**
 * The Patient with its IDAT (names, exact birth date, address): the bridgehead hands a named
 * Patient to its local patient list and stores only the pseudonym, birth month and sex. A source
 * that is already pseudonymised gives that stored shape directly (pseudonym, birth month). And the
 * vital status.
 */
final class PatientResources {

  private final Refs refs;

  PatientResources(Refs refs) {
    this.refs = refs;
  }

  Patient patient(PatientData data, Death death, Pseudonym pseudonym) {
    Patient p = new Patient();
    p.setId(refs.patientId());
    p.getMeta().addProfile(MdsProfiles.PATIENT);
    if (pseudonym != null) {
      p.addIdentifier()
          .setType(concept(CodeSystems.PSEUDONYM_KIND, "Lokal"))
          .setSystem(pseudonym.system())
          .setValue(pseudonym.value());
    }
    if (data != null) {
      boolean named = data.family() != null || !data.given().isEmpty();
      if (named) {
        HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(data.family());
        data.given().forEach(name::addGiven);
        if (data.title() != null) {
          name.addPrefix(data.title());
        }
      }
      if (data.birthName() != null) {
        p.addName().setUse(HumanName.NameUse.MAIDEN).setFamily(data.birthName());
      }
      data.formerNames().forEach(f -> p.addName().setUse(HumanName.NameUse.OLD).setFamily(f));
      if (data.birthDate() != null) {
        // without names the record is the pseudonymised MDS shape: birth month only (mds-patient)
        String birth = data.birthDate().toString();
        p.setBirthDateElement(
            new DateType(pseudonym != null && !named ? birth.substring(0, 7) : birth));
      }
      p.setGender(gender(data.gender()));
      address(p, data.address());
    }
    if (death != null && death.date() != null) {
      p.setDeceased(Fhir.dateTime(death.date()));
    }
    return p;
  }

  /** oBDS / ADT sex codes: M, W, D (divers), X (unspecified), U (unknown). */
  static AdministrativeGender gender(String code) {
    if (code == null) {
      return AdministrativeGender.UNKNOWN;
    }
    return switch (code) {
      case "M" -> AdministrativeGender.MALE;
      case "W", "F" -> AdministrativeGender.FEMALE;
      case "D", "X", "S" -> AdministrativeGender.OTHER;
      default -> AdministrativeGender.UNKNOWN;
    };
  }

  private static void address(Patient p, Address a) {
    if (a == null || (a.street() == null && a.postalCode() == null && a.city() == null)) {
      return;
    }
    org.hl7.fhir.r4.model.Address address = p.addAddress();
    if (a.street() != null) {
      address.addLine(a.houseNumber() == null ? a.street() : a.street() + " " + a.houseNumber());
    }
    address.setPostalCode(a.postalCode()).setCity(a.city()).setCountry(a.country());
  }

  /**
   * Vital status: deceased at the date of death; otherwise alive at the latest follow-up; nothing
   * when neither is known.
   */
  Observation vitalStatus(Death death, FollowUp latest) {
    LocalDate date;
    String code;
    if (death != null && death.date() != null) {
      date = death.date();
      code = "verstorben";
    } else if (latest != null) {
      date = latest.date();
      code = "lebend";
    } else {
      return null;
    }
    Observation obs =
        TnmObservations.observation(
            refs.id("vital"),
            MdsProfiles.VITAL_STATUS,
            MdsLoinc.VITAL_STATUS,
            refs.patient(),
            null);
    obs.setEffective(Fhir.dateTime(date));
    obs.setValue(concept(CodeSystems.VITAL_STATUS, code));
    return obs;
  }
}
