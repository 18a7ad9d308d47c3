package org.ccpfhir.identity.idat;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

/**
 * Reads the IDAT of {@code $pseudonymize} (Patient parts or named parts) into normalised records,
 * and writes a record back as named parts (the bridgehead's request to the control-number
 * generator). Errors name the parameter and what is missing, never a value.
 */
public final class IdatParameters {

  /** The parameters of {@code $pseudonymize} (target domain, original ids, IDAT). */
  public static final OperationParameters.Spec PSEUDONYMIZE =
      declare(OperationParameters.of("$pseudonymize").single("target").repeated("original"));

  private IdatParameters() {}

  /** Declares the IDAT parameters (Patient parts or named parts) on an operation's spec. */
  public static OperationParameters.Spec declare(OperationParameters.Spec spec) {
    return spec.repeated("patient", "formerName")
        .single("firstName", "lastName", "birthDate", "sex");
  }

  /** The IDAT of a {@code $pseudonymize} request (its parameters checked strictly). */
  public static List<Idat> read(Parameters parameters) {
    return read(PSEUDONYMIZE.read(parameters));
  }

  /** The persons of checked parameters: each {@code patient}, or else the named parts. */
  public static List<Idat> read(OperationParameters parameters) {
    List<Idat> records = new ArrayList<>();
    List<Patient> patients = parameters.resources("patient", Patient.class);
    for (int index = 0; index < patients.size(); index++) {
      records.add(fromPatient(patients.get(index), index));
    }
    if (records.isEmpty()) {
      records.add(fromNamedParts(parameters));
    }
    return records;
  }

  public static Idat fromPatient(Patient patient, int index) {
    return fromPatient(patient, "patient #" + index);
  }

  /** The IDAT of a Patient; {@code where} names it in error messages. */
  public static Idat fromPatient(Patient patient, String where) {
    HumanName current =
        patient.getName().stream()
            .filter(
                n -> n.getUse() != HumanName.NameUse.OLD && n.getUse() != HumanName.NameUse.MAIDEN)
            .findFirst()
            .orElseThrow(() -> new InvalidRequestException(where + ": Patient.name is required"));
    List<String> former = new ArrayList<>();
    patient.getName().stream()
        .filter(n -> n != current && n.hasFamily())
        .forEach(n -> former.add(n.getFamily()));
    // a birthDate with only extensions (or null) has no value
    if (patient.getBirthDateElement().getValue() == null
        || patient.getBirthDateElement().getPrecision().getCalendarConstant()
            < java.util.Calendar.DATE) {
      throw new InvalidRequestException(
          where
              + ": Patient.birthDate must be an exact date (YYYY-MM-DD) so that the local patient"
              + " list can pseudonymize the named Patient");
    }
    LocalDate birth =
        patient.getBirthDateElement().getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    return record(
        current.getGivenAsSingleString(),
        current.getFamily(),
        former,
        birth,
        patient.hasGender() ? patient.getGender().toCode() : null,
        where);
  }

  private static Idat fromNamedParts(OperationParameters parameters) {
    String birth = parameters.string("birthDate");
    LocalDate date;
    try {
      date = birth == null ? null : LocalDate.parse(birth);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidRequestException("parameter 'birthDate' must be a date YYYY-MM-DD");
    }
    return record(
        parameters.string("firstName"),
        parameters.string("lastName"),
        parameters.strings("formerName"),
        date,
        parameters.string("sex"),
        "parameters");
  }

  private static Idat record(
      String first, String last, List<String> former, LocalDate birth, String sex, String where) {
    if (isBlank(first) || isBlank(last) || birth == null) {
      throw new InvalidRequestException(
          where + ": first name, last name and exact birth date are required");
    }
    Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
    fields.put(IdatField.FIRST_NAME, NameNormalizer.normalize(first));
    fields.put(IdatField.LAST_NAME, NameNormalizer.normalize(last));
    fields.put(IdatField.BIRTH_DAY, String.valueOf(birth.getDayOfMonth()));
    fields.put(IdatField.BIRTH_MONTH, String.valueOf(birth.getMonthValue()));
    fields.put(IdatField.BIRTH_YEAR, String.valueOf(birth.getYear()));
    if (!isBlank(sex)) {
      fields.put(IdatField.SEX, sex.toLowerCase(Locale.ROOT));
    }
    return new Idat(fields, former.stream().map(NameNormalizer::normalize).toList());
  }

  /** The record as named parts: firstName, lastName, formerName*, birthDate, sex. */
  public static Parameters toParameters(Idat person) {
    Map<IdatField, String> fields = person.fields();
    Parameters parameters = new Parameters();
    parameters.addParameter("firstName", fields.get(IdatField.FIRST_NAME));
    parameters.addParameter("lastName", fields.get(IdatField.LAST_NAME));
    person.formerNames().forEach(name -> parameters.addParameter("formerName", name));
    parameters.addParameter(
        "birthDate",
        new DateType(
            LocalDate.of(
                    Integer.parseInt(fields.get(IdatField.BIRTH_YEAR)),
                    Integer.parseInt(fields.get(IdatField.BIRTH_MONTH)),
                    Integer.parseInt(fields.get(IdatField.BIRTH_DAY)))
                .toString()));
    if (fields.containsKey(IdatField.SEX)) {
      parameters.addParameter("sex", new CodeType(fields.get(IdatField.SEX)));
    }
    return parameters;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
