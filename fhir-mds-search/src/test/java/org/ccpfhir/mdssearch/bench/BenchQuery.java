package org.ccpfhir.mdssearch.bench;

import java.util.List;

/**
 * One of the benchmark's fixed queries: the count engine's criteria and, where HAPI's search can
 * express it, the equivalent patient-level {@code _summary=count} search ({@code {key:prefix}}
 * expands to the codes with that prefix present in the data, as HAPI has no ICD-10 hierarchy).
 *
 * @param name short label
 * @param criteria count engine criteria
 * @param hapi HAPI JPA search (Patient level, with {@code _has}), or null when not expressible
 */
record BenchQuery(String name, String criteria, String hapi) {

  static final List<BenchQuery> ALL =
      List.of(
          new BenchQuery(
              "single code", "Condition?code=C34.1", "Patient?_has:Condition:subject:code=C34.1"),
          new BenchQuery(
              "code prefix",
              "Condition?code:below=C50",
              "Patient?_has:Condition:subject:code={Condition.code:C50}"),
          new BenchQuery(
              "colorectal prefixes",
              "Condition?code:below=C18,C19,C20",
              "Patient?_has:Condition:subject:code={Condition.code:C18},{Condition.code:C19},{Condition.code:C20}"),
          new BenchQuery("sex", "Patient?gender=female", "Patient?gender=female"),
          new BenchQuery(
              "sample type",
              "Specimen?type=whole-blood",
              "Patient?_has:Specimen:subject:type=whole-blood"),
          new BenchQuery(
              "sample type + date",
              "Specimen?type=tumor-tissue-ffpe&collected=ge2015",
              "Patient?_has:Specimen:subject:type=tumor-tissue-ffpe&_has:Specimen:subject:collected=ge2015"),
          new BenchQuery(
              "diagnosis date range",
              "Condition?onset-date=ge2018-01-01&onset-date=lt2020-07-01",
              "Patient?_has:Condition:subject:onset-date=ge2018-01-01&_has:Condition:subject:onset-date=lt2020-07-01"),
          new BenchQuery(
              "breast AND male",
              "Condition?code:below=C50 AND Patient?gender=male",
              "Patient?gender=male&_has:Condition:subject:code={Condition.code:C50}"),
          new BenchQuery(
              "lung AND frozen tissue",
              "Condition?code:below=C34 AND Specimen?type=tumor-tissue-frozen",
              "Patient?_has:Condition:subject:code={Condition.code:C34}&_has:Specimen:subject:type=tumor-tissue-frozen"),
          new BenchQuery(
              "prostate OR bladder",
              "Condition?code:below=C61 OR Condition?code:below=C67",
              "Patient?_has:Condition:subject:code={Condition.code:C61},{Condition.code:C67}"),
          new BenchQuery("cancer AND NOT samples", "Condition?code:below=C AND NOT Specimen", null),
          new BenchQuery(
              "UICC stage IV",
              "Observation?code=21908-9&value-concept=IV",
              "Patient?_has:Observation:subject:code-value-concept=21908-9$IV"),
          new BenchQuery(
              "morphology",
              "Observation?code=59847-4&value-concept=8140/3",
              "Patient?_has:Observation:subject:code-value-concept=59847-4$8140/3"),
          new BenchQuery(
              "surgery AND chemotherapy",
              "Procedure?category=OP AND MedicationStatement?category=CH",
              "Patient?_has:Procedure:subject:category=OP&_has:MedicationStatement:subject:category=CH"),
          new BenchQuery(
              "pancreas deceased",
              "Observation?code=75186-7&value-concept=verstorben AND Condition?code:below=C25",
              "Patient?_has:Observation:subject:code-value-concept=75186-7$verstorben&_has:Condition:subject:code={Condition.code:C25}"),
          new BenchQuery(
              "born before 1950 AND colon",
              "Patient?birthdate=lt1950 AND Condition?code:below=C18",
              "Patient?birthdate=lt1950&_has:Condition:subject:code={Condition.code:C18}"),
          new BenchQuery(
              "(breast OR cervix) AND female AND plasma",
              "(Condition?code:below=C50 OR Condition?code:below=C53) AND Patient?gender=female AND Specimen?type=blood-plasma",
              "Patient?gender=female&_has:Condition:subject:code={Condition.code:C50},{Condition.code:C53}&_has:Specimen:subject:type=blood-plasma"),
          new BenchQuery(
              "two sites AND year",
              "Patient?site=HD,TUE AND Condition?onset-date=2020",
              "Patient?identifier=https://ccp-fhir.org/fhir/sid/BK-HD-L|,https://ccp-fhir.org/fhir/sid/BK-TUE-L|&_has:Condition:subject:onset-date=2020"),
          new BenchQuery(
              "radiotherapy AND NOT surgery",
              "Procedure?category=ST AND NOT Procedure?category=OP",
              null),
          new BenchQuery(
              "brain topography deceased",
              "Condition?body-site:below=C71 AND Patient?deceased=true",
              "Patient?deceased=true&_has:Condition:subject:body-site={Condition.body-site:C71}"));
}
