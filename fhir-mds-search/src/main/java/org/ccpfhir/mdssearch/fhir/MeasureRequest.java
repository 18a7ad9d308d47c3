package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.CriteriaException;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The criteria and stratifications of one {@code $evaluate-measure} request (see the
 * OperationDefinition {@code mds-evaluate-measure}). Every problem is a 400 saying where. The
 * components of a cross stratifier are put in the canonical order (age, sex, site, vital status).
 *
 * @param measureUrl the Measure's url, if it has one
 * @param criteria the parsed criteria
 * @param stratifications the requested stratifications (one or more dimensions each)
 */
record MeasureRequest(
    String measureUrl, Criteria criteria, List<List<Stratifier>> stratifications) {

  static final String FHIR_QUERY = "application/x-fhir-query";
  private static final int MAX_BODY = 256 * 1024;
  private static final List<List<Stratifier>> DEFAULT =
      List.of(
          List.of(Stratifier.AGE_AT_DIAGNOSIS),
          List.of(Stratifier.SEX),
          List.of(Stratifier.SITE),
          List.of(Stratifier.VITAL_STATUS));

  static MeasureRequest read(FhirContext fhir, SearchCatalog catalog, byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidRequestException(
          "$evaluate-measure: the body must be a Parameters resource");
    }
    if (body.length > MAX_BODY) {
      throw new InvalidRequestException("$evaluate-measure: body larger than 256 KiB");
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    IParser parser = text.startsWith("<") ? fhir.newXmlParser() : fhir.newJsonParser();
    IBaseResource resource;
    try {
      resource = parser.parseResource(text);
    } catch (DataFormatException e) {
      throw new InvalidRequestException("$evaluate-measure: the body is not a FHIR resource");
    }
    if (!(resource instanceof Parameters parameters)) {
      throw new InvalidRequestException(
          "$evaluate-measure: the body must be a Parameters resource");
    }
    try {
      return from(catalog, parameters);
    } catch (CriteriaException e) {
      throw new InvalidRequestException("$evaluate-measure: " + e.getMessage());
    }
  }

  private static MeasureRequest from(SearchCatalog catalog, Parameters parameters) {
    Measure measure = null;
    String criteria = null;
    for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
      switch (parameter.getName() == null ? "" : parameter.getName()) {
        case "measure" -> {
          if (!(parameter.getResource() instanceof Measure inline)) {
            throw new CriteriaException(
                "parameter 'measure' must be an inline Measure resource (stored Measures are not"
                    + " supported)");
          }
          measure = inline;
        }
        case "criteria" ->
            criteria = parameter.getValue() == null ? null : parameter.getValue().primitiveValue();
        case "reportType" -> {
          String type = parameter.getValue() == null ? null : parameter.getValue().primitiveValue();
          if (!"summary".equals(type)) {
            throw new CriteriaException("parameter 'reportType': only 'summary' is supported");
          }
        }
        case "periodStart", "periodEnd" -> {
          // accepted, ignored: dates belong into the criteria
        }
        default ->
            throw new CriteriaException(
                "unsupported parameter '"
                    + CriteriaParser.shorten(String.valueOf(parameter.getName()))
                    + "' (supported: measure, criteria, reportType, periodStart, periodEnd)");
      }
    }
    if ((measure == null) == (criteria == null)) {
      throw new CriteriaException(
          "exactly one of the parameters 'measure' and 'criteria' is needed");
    }
    if (criteria != null) {
      return new MeasureRequest(null, CriteriaParser.parse(catalog, criteria), DEFAULT);
    }
    return fromMeasure(catalog, measure);
  }

  private static MeasureRequest fromMeasure(SearchCatalog catalog, Measure measure) {
    if (measure.getGroup().size() != 1) {
      throw new CriteriaException("Measure.group: exactly one group is supported");
    }
    Measure.MeasureGroupComponent group = measure.getGroupFirstRep();
    String expression = null;
    for (Measure.MeasureGroupPopulationComponent population : group.getPopulation()) {
      if (!"initial-population".equals(code(population.getCode()))) {
        throw new CriteriaException(
            "Measure.group.population: only initial-population is supported, not '"
                + CriteriaParser.shorten(String.valueOf(code(population.getCode())))
                + "'");
      }
      if (!FHIR_QUERY.equals(population.getCriteria().getLanguage())) {
        throw new CriteriaException(
            "Measure.group.population.criteria.language must be " + FHIR_QUERY);
      }
      expression = population.getCriteria().getExpression();
    }
    if (expression == null) {
      throw new CriteriaException("Measure.group.population: initial-population criteria missing");
    }
    Criteria criteria = CriteriaParser.parse(catalog, expression);
    List<List<Stratifier>> stratifications = new ArrayList<>();
    for (Measure.MeasureGroupStratifierComponent stratifier : group.getStratifier()) {
      List<Stratifier> dimensions = new ArrayList<>();
      if (stratifier.hasComponent()) {
        stratifier.getComponent().forEach(c -> dimensions.add(Stratifier.of(code(c.getCode()))));
      } else {
        dimensions.add(Stratifier.of(code(stratifier.getCode())));
      }
      if (dimensions.size() > Stratifier.values().length
          || dimensions.stream().distinct().count() != dimensions.size()) {
        throw new CriteriaException("Measure.group.stratifier: a stratifier repeats a dimension");
      }
      // canonical order: components in another order are the same cells, not new ones
      dimensions.sort(null);
      int earlier = stratifications.indexOf(dimensions);
      if (earlier >= 0) {
        throw new CriteriaException(
            "Measure.group.stratifier["
                + stratifications.size()
                + "] repeats stratifier["
                + earlier
                + "] (the order of components does not matter)");
      }
      stratifications.add(List.copyOf(dimensions));
    }
    return new MeasureRequest(
        measure.hasUrl() ? measure.getUrl() : null,
        criteria,
        stratifications.isEmpty() ? DEFAULT : stratifications);
  }

  private static String code(CodeableConcept concept) {
    if (concept == null) {
      return null;
    }
    return concept.hasCoding() ? concept.getCodingFirstRep().getCode() : concept.getText();
  }
}
