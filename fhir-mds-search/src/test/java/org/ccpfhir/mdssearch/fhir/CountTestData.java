package org.ccpfhir.mdssearch.fhir;

import java.util.List;
import org.ccpfhir.mdssearch.store.MdsAttributes;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;

/** The patients of the shared IT context: 150 synthetic ones at HD and TUE, 3 rare ones at DD. */
final class CountTestData {

  private static boolean loaded;

  private CountTestData() {}

  static synchronized void load(MdsStoreService store) {
    if (loaded) {
      return;
    }
    for (String site : List.of("HD", "TUE")) {
      SyntheticPatientGenerator generator =
          new SyntheticPatientGenerator(5L, site, EntryMode.PUT, false);
      for (int i = 0; i < 150; i++) {
        store.upsert(site, site + "-G" + i, generator.patient(i));
      }
    }
    for (int i = 0; i < 3; i++) {
      store.upsert("DD", "RARE-" + i, rare());
    }
    loaded = true;
  }

  /** A patient with a code no synthetic patient has: a cell of 3. */
  static Bundle rare() {
    Bundle bundle = new Bundle();
    Patient patient = new Patient().setGender(AdministrativeGender.FEMALE);
    patient.getBirthDateElement().setValueAsString("1950-01");
    bundle.addEntry().setResource(patient);
    Condition condition = new Condition();
    condition.getCode().addCoding().setSystem(MdsAttributes.ICD10GM).setCode("C97");
    condition.getOnsetDateTimeType().setValueAsString("2020-05-01");
    bundle.addEntry().setResource(condition);
    return bundle;
  }
}
