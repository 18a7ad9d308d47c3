package org.ccpfhir.profiles.shapes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Brings the three input shapes the bridgehead accepts into the one the MDS profiles check: the
 * project's own MDS profiles (left as they are), DKTK onco-core as DKTK's obds2fhir converter
 * writes it, and the MII KDS module Onkologie (oBDS-based, 2024/2025 releases).
 *
 * <p>It only adds: the MDS coding next to a foreign one (same concept, other code system), the MDS
 * LOINC code next to MII's SNOMED/LOINC code, TNM components assembled from MII's separate T/N/M
 * Observations of the same bundle, the diagnosis date from {@code recordedDate} (MII's place for
 * oBDS 5.6), a system for a Patient identifier without one (it is the source system's id). Nothing
 * the sender wrote is removed, except an identifier {@code type} outside PseudonymArtVS, which the
 * MDS Patient forbids (and MII's Diagnosesicherung is moved from {@code verificationStatus} to
 * {@code evidence.code}, where onco-core has it). What has no MDS place is reported as a {@link
 * ShapeNote} with {@code lost = true} (a warning); the resource itself is still stored and
 * validated as usual. Stateless, thread-safe.
 */
public final class InputShapes {

  /** System given to a Patient identifier that came without one: the sending system's own id. */
  public static final String SOURCE_PATIENT_ID_SYSTEM =
      "https://ccp-fhir.org/fhir/sid/source-patient-id";

  static final String SNOMED = "http://snomed.info/sct";
  static final String HL7_ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
  static final String UICC = "https://www.uicc.org/resources/tnm";
  static final String MII_CS =
      "https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/";
  static final String MII_GRADING = MII_CS + "mii-cs-onko-grading";
  static final String MII_TNM_VERSION = MII_CS + "mii-cs-onko-tnm-version";
  static final String MII_DIAGNOSIS_BASIS = MII_CS + "mii-cs-onko-primaertumor-diagnosesicherung";
  static final String MII_LATERALITY = MII_CS + "mii-cs-onko-seitenlokalisation";
  static final String MII_EXT_PREFIX = MdsProfiles.MII_ONKO_BASE + "mii-ex-onko-tnm-cp-praefix";
  static final String MII_EXT_ITC = MdsProfiles.MII_ONKO_BASE + "mii-ex-onko-tnm-itc-suffix";
  static final String MII_EXT_SN = MdsProfiles.MII_ONKO_BASE + "mii-ex-onko-tnm-sn-suffix";
  static final String MII_EXT_MORPHOLOGY =
      MdsProfiles.MII_ONKO_BASE + "mii-ex-onko-histology-morphology-behavior-icdo3";

  /** MII grading code (LOINC "Histology grade") and histology code, next to ours. */
  static final String MII_GRADING_LOINC = "33732-9";

  static final String MII_HISTOLOGY_LOINC = "31205-8";
  static final String MII_Y_SYMBOL_LOINC = "101658-3";
  static final String MII_R_SYMBOL_LOINC = "101659-1";

  /** SNOMED codes of MII's TNM grouping (clinical, pathological) and of its T/N/M categories. */
  static final String SCT_TNM_CLINICAL = "399537006";

  static final String SCT_TNM_PATHOLOGICAL = "399588009";
  static final Set<String> SCT_T = Set.of("78873005", "399504009", "384625004");
  static final Set<String> SCT_N = Set.of("277206009", "399534004", "371494008");
  static final Set<String> SCT_M = Set.of("277208005", "399387003", "371497001");

  /** MII's separate T, N and M Observations: their SNOMED codes and our component for each. */
  private record TnmCategory(
      Set<String> snomed,
      String clinicalLoinc,
      String pathologicalLoinc,
      String system,
      String letter) {}

  private static final List<TnmCategory> TNM_CATEGORIES =
      List.of(
          new TnmCategory(
              SCT_T, MdsLoinc.TNM_T_CLINICAL, MdsLoinc.TNM_T_PATHOLOGICAL, CodeSystems.TNM_T, "T"),
          new TnmCategory(
              SCT_N, MdsLoinc.TNM_N_CLINICAL, MdsLoinc.TNM_N_PATHOLOGICAL, CodeSystems.TNM_N, "N"),
          new TnmCategory(
              SCT_M, MdsLoinc.TNM_M_CLINICAL, MdsLoinc.TNM_M_PATHOLOGICAL, CodeSystems.TNM_M, "M"));

  private static final Pattern M_SYMBOL_NUMBER = Pattern.compile("([2-9]|[1-9][0-9]{1,2})(,is)?");

  private final CcpTerminology terminology = CcpTerminology.get();

  /**
   * Normalises every entry of a transaction or batch in place; TNM categories are looked up among
   * the bundle's entries ({@code fullUrl} or {@code Type/id}).
   *
   * @return the notes, located at {@code Bundle.entry[i].resource.ofType(Type)…}
   */
  public List<ShapeNote> normalise(Bundle bundle) {
    Map<String, Resource> byReference = new HashMap<>();
    Map<Resource, Integer> index = new IdentityHashMap<>();
    List<BundleEntryComponent> entries = bundle.getEntry();
    for (int i = 0; i < entries.size(); i++) {
      Resource resource = entries.get(i).getResource();
      if (resource == null) {
        continue;
      }
      index.put(resource, i);
      if (entries.get(i).hasFullUrl()) {
        byReference.put(entries.get(i).getFullUrl(), resource);
      }
      if (resource.getIdElement().hasIdPart()) {
        byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
      }
    }
    boolean hasHistology =
        entries.stream()
            .map(BundleEntryComponent::getResource)
            .anyMatch(r -> r instanceof Observation o && isHistology(o));
    List<ShapeNote> notes = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Resource resource = entries.get(i).getResource();
      if (resource != null) {
        Context context =
            new Context(
                i,
                "Bundle.entry[" + i + "].resource.ofType(" + resource.fhirType() + ")",
                byReference,
                index,
                hasHistology,
                notes);
        normalise(resource, context);
      }
    }
    return notes;
  }

  /** Normalises a single resource (a PUT or POST of one resource), located at {@code path}. */
  public List<ShapeNote> normalise(Resource resource, String path) {
    List<ShapeNote> notes = new ArrayList<>();
    normalise(resource, new Context(-1, path, Map.of(), Map.of(), true, notes));
    return notes;
  }

  private record Context(
      int entry,
      String path,
      Map<String, Resource> byReference,
      Map<Resource, Integer> index,
      boolean bundleHasHistology,
      List<ShapeNote> notes) {

    void lost(String expression, String message) {
      notes.add(new ShapeNote(entry, expression, message, true));
    }

    void moved(String expression, String message) {
      notes.add(new ShapeNote(entry, expression, message, false));
    }
  }

  private void normalise(Resource resource, Context context) {
    // other types have no foreign shape that the MDS maps
    if (resource instanceof Patient patient) {
      patient(patient, context);
    } else if (resource instanceof Condition condition) {
      condition(condition, context);
    } else if (resource instanceof Observation observation) {
      observation(observation, context);
    }
    unmappedProfiles(resource, context);
  }

  // --- Patient -----------------------------------------------------------------------------

  private void patient(Patient patient, Context context) {
    List<Identifier> identifiers = patient.getIdentifier();
    for (int i = 0; i < identifiers.size(); i++) {
      Identifier identifier = identifiers.get(i);
      String at = context.path() + ".identifier[" + i + "]";
      if (identifier.hasValue() && !identifier.hasSystem()) {
        identifier.setSystem(SOURCE_PATIENT_ID_SYSTEM);
        context.moved(
            at + ".system",
            "Patient.identifier without system: taken as the source system's patient id ("
                + SOURCE_PATIENT_ID_SYSTEM
                + ")");
      }
      if (identifier.hasType()
          && identifier.getType().getCoding().stream()
              .noneMatch(c -> CodeSystems.PSEUDONYM_KIND.equals(c.getSystem()))) {
        identifier.setType(null);
        context.lost(
            at + ".type",
            "Patient.identifier.type is not from PseudonymArtCS (mds-patient binds it"
                + " required): the type was left out, the identifier kept");
      }
    }
  }

  // --- Condition ---------------------------------------------------------------------------

  private void condition(Condition condition, Context context) {
    for (int s = 0; s < condition.getBodySite().size(); s++) {
      CodeableConcept site = condition.getBodySite().get(s);
      String at = context.path() + ".bodySite[" + s + "]";
      for (Coding coding : List.copyOf(site.getCoding())) {
        if (HL7_ICDO3.equals(coding.getSystem()) && coding.hasCode()) {
          addIfAbsent(site, CodeSystems.ICDO3, coding.getCode(), coding.getVersion());
        } else if (MII_LATERALITY.equals(coding.getSystem()) && coding.hasCode()) {
          if (terminology.codes(CodeSystems.LATERALITY).contains(coding.getCode())) {
            addIfAbsent(site, CodeSystems.LATERALITY, coding.getCode(), null);
          } else {
            context.lost(at, "laterality code not in SeitenlokalisationCS: not mapped");
          }
        }
      }
    }
    if (condition.hasVerificationStatus()) {
      // MII puts the oBDS 5.7 Diagnosesicherung next to the status; the R4 binding of
      // verificationStatus is required, and a second code system there is an error to the
      // validator. onco-core keeps it in evidence.code, so it moves there.
      CodeableConcept status = condition.getVerificationStatus();
      for (Coding coding : List.copyOf(status.getCoding())) {
        if (MII_DIAGNOSIS_BASIS.equals(coding.getSystem())) {
          status.getCoding().remove(coding);
          condition.addEvidence().addCode(new CodeableConcept(coding));
          context.moved(
              context.path() + ".verificationStatus",
              "oBDS Diagnosesicherung moved from Condition.verificationStatus to"
                  + " Condition.evidence.code (as onco-core)");
        }
      }
    }
    if (!condition.hasOnset() && condition.hasRecordedDateElement()) {
      condition.setOnset(new DateTimeType(condition.getRecordedDateElement().getValueAsString()));
      context.moved(
          context.path() + ".onset",
          "diagnosis date (K-2) taken from Condition.recordedDate, where MII KDS"
              + " Onkologie puts oBDS 5.6");
    }
    if (condition.hasExtension(MII_EXT_MORPHOLOGY) && !context.bundleHasHistology()) {
      context.lost(
          context.path() + ".extension",
          "ICD-O-3 morphology as a Condition extension (MII) is kept, but MDS queries"
              + " (K-9) read it from a histology Observation (LOINC 59847-4); send the"
              + " Observation too");
    }
  }

  // --- Observation ---------------------------------------------------------------------------

  private void observation(Observation observation, Context context) {
    if (has(observation.getCode(), MdsLoinc.SYSTEM, MII_GRADING_LOINC)) {
      addIfAbsent(observation.getCode(), MdsLoinc.SYSTEM, MdsLoinc.GRADING, null);
      mapValue(observation, MII_GRADING, CodeSystems.GRADING, "GradingCS", context);
    } else if (has(observation.getCode(), MdsLoinc.SYSTEM, MII_HISTOLOGY_LOINC)) {
      addIfAbsent(observation.getCode(), MdsLoinc.SYSTEM, MdsLoinc.HISTOLOGY, null);
      if (observation.getValue() instanceof CodeableConcept value) {
        for (Coding coding : List.copyOf(value.getCoding())) {
          if (HL7_ICDO3.equals(coding.getSystem()) && coding.hasCode()) {
            addIfAbsent(value, CodeSystems.ICDO3, coding.getCode(), coding.getVersion());
          }
        }
      }
    } else if (has(observation.getCode(), MdsLoinc.SYSTEM, MdsLoinc.TNM_CLINICAL)
        || has(observation.getCode(), MdsLoinc.SYSTEM, MdsLoinc.TNM_PATHOLOGICAL)) {
      prefixSystems(observation, context);
    } else if (has(observation.getCode(), SNOMED, SCT_TNM_CLINICAL)) {
      tnm(observation, true, context);
    } else if (has(observation.getCode(), SNOMED, SCT_TNM_PATHOLOGICAL)) {
      tnm(observation, false, context);
    }
  }

  /**
   * obds2fhir writes the c/p/u prefix coding without a system; the code alone is c, p or u of
   * TNMcpuPraefixTCS, so the system is added (the HL7 validator cannot check a coding without one
   * against the required binding).
   */
  private void prefixSystems(Observation tnm, Context context) {
    for (int i = 0; i < tnm.getComponent().size(); i++) {
      Extension prefix =
          tnm.getComponent().get(i).getExtensionByUrl(MdsProfiles.DKTK_EXT_TNM_CPU_PREFIX);
      if (prefix != null && prefix.getValue() instanceof CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
          if (!coding.hasSystem()
              && terminology.codes(CodeSystems.TNM_CPU_PREFIX).contains(coding.getCode())) {
            coding.setSystem(CodeSystems.TNM_CPU_PREFIX);
            context.moved(
                context.path() + ".component[" + i + "].extension",
                "c/p/u prefix coding without system: TNMcpuPraefixTCS added");
          }
        }
      }
    }
  }

  private void tnm(Observation tnm, boolean clinical, Context context) {
    addIfAbsent(
        tnm.getCode(),
        MdsLoinc.SYSTEM,
        clinical ? MdsLoinc.TNM_CLINICAL : MdsLoinc.TNM_PATHOLOGICAL,
        null);
    String edition = null;
    for (Coding coding : List.copyOf(tnm.getMethod().getCoding())) {
      if (MII_TNM_VERSION.equals(coding.getSystem())
          && terminology.codes(CodeSystems.TNM_VERSION).contains(coding.getCode())) {
        edition = coding.getCode();
        addIfAbsent(tnm.getMethod(), CodeSystems.TNM_VERSION, edition, null);
      }
    }
    if (tnm.getValue() instanceof CodeableConcept stage) {
      for (Coding coding : List.copyOf(stage.getCoding())) {
        if (UICC.equals(coding.getSystem()) && coding.hasCode()) {
          if (terminology.codes(CodeSystems.UICC_STAGE).contains(coding.getCode())) {
            addIfAbsent(stage, CodeSystems.UICC_STAGE, coding.getCode(), edition);
          } else {
            context.lost(
                context.path() + ".value", "UICC stage code not in UiccstadiumCS: K-12 not mapped");
          }
        }
      }
    }
    if (!tnm.getComponent().isEmpty()) {
      return; // already in the component shape (DKTK, MDS)
    }
    for (int m = 0; m < tnm.getHasMember().size(); m++) {
      Reference reference = tnm.getHasMember().get(m);
      String at = context.path() + ".hasMember[" + m + "]";
      Resource member = context.byReference().get(reference.getReference());
      if (!(member instanceof Observation category)) {
        context.lost(
            at,
            "TNM member Observation is not in this bundle: its category is not merged"
                + " into the TNM components");
        continue;
      }
      memberComponent(category, clinical, at, context)
          .ifPresent(
              component -> {
                tnm.addComponent(component);
                Integer entry = context.index().get(category);
                context.moved(
                    at,
                    "TNM category merged as component "
                        + component.getCode().getCodingFirstRep().getCode()
                        + (entry == null ? "" : " (from Bundle.entry[" + entry + "])"));
              });
    }
  }

  private Optional<ObservationComponentComponent> memberComponent(
      Observation category, boolean clinical, String at, Context context) {
    CodeableConcept code = category.getCode();
    String value =
        category.getValue() instanceof CodeableConcept concept
            ? codeOf(concept, UICC).orElse(null)
            : null;
    if (value == null) {
      return Optional.empty();
    }
    for (TnmCategory known : TNM_CATEGORIES) {
      if (anyCode(code, SNOMED, known.snomed())) {
        return category(
            category,
            clinical ? known.clinicalLoinc() : known.pathologicalLoinc(),
            known.system(),
            strip(value, known.letter()),
            at,
            context);
      }
    }
    if (has(code, MdsLoinc.SYSTEM, MII_Y_SYMBOL_LOINC)) {
      return Optional.of(symbol(MdsLoinc.TNM_Y_SYMBOL, CodeSystems.TNM_Y_SYMBOL, "y"));
    }
    if (has(code, MdsLoinc.SYSTEM, MII_R_SYMBOL_LOINC)) {
      return Optional.of(symbol(MdsLoinc.TNM_R_SYMBOL, CodeSystems.TNM_R_SYMBOL, "r"));
    }
    if (has(code, MdsLoinc.SYSTEM, MdsLoinc.TNM_M_SYMBOL)) {
      if (terminology.codes(CodeSystems.TNM_M_SYMBOL).contains(value)
          || M_SYMBOL_NUMBER.matcher(value).matches()) {
        return Optional.of(symbol(MdsLoinc.TNM_M_SYMBOL, CodeSystems.TNM_M_SYMBOL, value));
      }
      context.lost(at, "m symbol not in TNMmSymbolCS: K-14 not mapped");
    }
    return Optional.empty();
  }

  /** A T/N/M component; suffixes (MII extensions) are kept when TNM*CS has the combined code. */
  private Optional<ObservationComponentComponent> category(
      Observation category, String loinc, String system, String base, String at, Context context) {
    List<String> suffixes = new ArrayList<>();
    CodeableConcept value = (CodeableConcept) category.getValue();
    for (String url : List.of(MII_EXT_ITC, MII_EXT_SN)) {
      Extension extension = value.getExtensionByUrl(url);
      if (extension != null && extension.getValue() instanceof CodeableConcept suffix) {
        codeOf(suffix, UICC).ifPresent(s -> suffixes.add("(" + s + ")"));
      }
    }
    Set<String> known = terminology.codes(system);
    String code = null;
    List<String> kept = new ArrayList<>();
    String all = base + String.join("", suffixes);
    if (known.contains(all)) {
      code = all;
      kept.addAll(suffixes);
    } else {
      for (String suffix : suffixes) {
        if (known.contains(base + suffix)) {
          code = base + suffix;
          kept.add(suffix);
          break;
        }
      }
      if (code == null && known.contains(base)) {
        code = base;
      }
    }
    if (code == null) {
      context.lost(
          at,
          "TNM category code not in "
              + system.substring(system.lastIndexOf('/') + 1)
              + ": not merged into the TNM components");
      return Optional.empty();
    }
    if (kept.size() < suffixes.size()) {
      context.lost(
          at,
          "TNM suffix without a code of its own in "
              + system.substring(system.lastIndexOf('/') + 1)
              + " left out of the component (the member Observation keeps it)");
    }
    ObservationComponentComponent component = new ObservationComponentComponent();
    component.setCode(new CodeableConcept(new Coding(MdsLoinc.SYSTEM, loinc, null)));
    component.setValue(new CodeableConcept(new Coding(system, code, null)));
    Extension prefix = category.getCode().getExtensionByUrl(MII_EXT_PREFIX);
    if (prefix != null && prefix.getValue() instanceof CodeableConcept concept) {
      Optional<String> cpu =
          codeOf(concept, UICC).filter(terminology.codes(CodeSystems.TNM_CPU_PREFIX)::contains);
      cpu.ifPresent(
          c ->
              component.addExtension(
                  MdsProfiles.EXT_TNM_CPU_PREFIX,
                  new CodeableConcept(new Coding(CodeSystems.TNM_CPU_PREFIX, c, null))));
    }
    return Optional.of(component);
  }

  private static ObservationComponentComponent symbol(String loinc, String system, String code) {
    ObservationComponentComponent component = new ObservationComponentComponent();
    component.setCode(new CodeableConcept(new Coding(MdsLoinc.SYSTEM, loinc, null)));
    component.setValue(new CodeableConcept(new Coding(system, code, null)));
    return component;
  }

  private void mapValue(
      Observation observation, String from, String to, String toName, Context context) {
    if (!(observation.getValue() instanceof CodeableConcept value)) {
      return;
    }
    for (Coding coding : List.copyOf(value.getCoding())) {
      if (from.equals(coding.getSystem()) && coding.hasCode()) {
        if (terminology.codes(to).contains(coding.getCode())) {
          addIfAbsent(value, to, coding.getCode(), null);
        } else {
          context.lost(context.path() + ".value", "code not in " + toName + ": not mapped");
        }
      }
    }
  }

  // --- profiles without an MDS counterpart ---------------------------------------------------

  private static void unmappedProfiles(Resource resource, Context context) {
    var profiles = resource.getMeta().getProfile();
    for (int p = 0; p < profiles.size(); p++) {
      String url = profiles.get(p).getValue();
      if (url == null
          || MdsProfiles.isMdsProfile(url)
          || MdsProfiles.mdsProfileFor(url).isPresent()
          || !(url.startsWith(MdsProfiles.MII_ONKO_BASE)
              || url.startsWith(MdsProfiles.MII_PERSON_BASE)
              || url.startsWith(MdsProfiles.DKTK_BASE))) {
        continue;
      }
      context.lost(
          context.path() + ".meta.profile[" + p + "]",
          "profile has no MDS counterpart: the "
              + resource.fhirType()
              + " is stored and checked against base FHIR R4 only and is not part of MDS"
              + " queries"
              + (url.startsWith(MdsProfiles.MII_ONKO_BASE + "mii-pr-onko-tnm-")
                  ? " (a TNM category or symbol is merged into its TNM classification)"
                  : ""));
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private static boolean isHistology(Observation observation) {
    return has(observation.getCode(), MdsLoinc.SYSTEM, MdsLoinc.HISTOLOGY)
        || has(observation.getCode(), MdsLoinc.SYSTEM, MII_HISTOLOGY_LOINC);
  }

  private static boolean has(CodeableConcept concept, String system, String code) {
    return concept.getCoding().stream()
        .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
  }

  private static boolean anyCode(CodeableConcept concept, String system, Set<String> codes) {
    return concept.getCoding().stream()
        .anyMatch(c -> system.equals(c.getSystem()) && codes.contains(c.getCode()));
  }

  private static Optional<String> codeOf(CodeableConcept concept, String system) {
    return concept.getCoding().stream()
        .filter(c -> system.equals(c.getSystem()) && c.hasCode())
        .map(Coding::getCode)
        .findFirst();
  }

  private static void addIfAbsent(
      CodeableConcept concept, String system, String code, String version) {
    if (!has(concept, system, code)) {
      concept.addCoding(new Coding(system, code, null).setVersion(version));
    }
  }

  /** "T2a" → "2a", "N0" → "0", "Tis" → "is"; a code without the letter stays as it is. */
  static String strip(String code, String letter) {
    return code.startsWith(letter) ? code.substring(1) : code;
  }
}
