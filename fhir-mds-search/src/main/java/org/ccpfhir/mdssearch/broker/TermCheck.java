package org.ccpfhir.mdssearch.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.SearchParam;
import org.ccpfhir.terminology.Icd10Gm;
import org.ccpfhir.terminology.SampleMaterialTypes;

/**
 * Checks the codes a request's criteria name against the terminology module, so a request with a
 * misspelt term is refused at the broker instead of silently matching nobody at every site: ICD-10
 * GM by format (prefixes for {@code :below}), sample types against the BBMRI code system, sexes
 * against FHIR's administrative gender, LOINC codes by format.
 */
final class TermCheck {

  private static final Pattern ICD10_PREFIX = Pattern.compile("[A-Z](\\d{1,2}(\\.\\d{0,2})?)?");
  private static final Pattern LOINC = Pattern.compile("\\d{1,7}-\\d|LA\\d{1,6}-\\d");
  private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");

  private final SampleMaterialTypes sampleTypes = SampleMaterialTypes.standard();

  /** The unknown terms, each as {@code Type.param=value}; empty when all are known. */
  List<String> unknownTerms(Criteria criteria) {
    List<String> unknown = new ArrayList<>();
    collect(criteria, unknown);
    return unknown;
  }

  private void collect(Criteria criteria, List<String> unknown) {
    if (criteria instanceof Criteria.And and) {
      and.operands().forEach(c -> collect(c, unknown));
    } else if (criteria instanceof Criteria.Or or) {
      or.operands().forEach(c -> collect(c, unknown));
    } else if (criteria instanceof Criteria.Not not) {
      collect(not.operand(), unknown);
    } else if (criteria instanceof Criteria.Search search) {
      for (SearchParam param : search.params()) {
        for (String value : param.values()) {
          String code = value.substring(value.indexOf('|') + 1);
          if (!known(search.type(), param, code)) {
            unknown.add(search.type() + "." + param.name() + "=" + shorten(code));
          }
        }
      }
    }
  }

  private boolean known(String type, SearchParam param, String code) {
    String key = type + "." + param.name();
    return switch (key) {
      case "Condition.code" ->
          param.modifier().equals("below")
              ? ICD10_PREFIX.matcher(code).matches()
              : Icd10Gm.isWellFormed(code);
      case "Patient.gender" -> GENDERS.contains(code);
      case "Specimen.type" -> sampleTypes.get(code).isPresent();
      case "Observation.code" -> LOINC.matcher(code).matches();
      default -> true;
    };
  }

  private static String shorten(String code) {
    return code.length() > 40 ? code.substring(0, 40) + "…" : code;
  }
}
