package org.ccpfhir.mappers.textmining;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.ccpfhir.mappers.fhir.Fhir;
import org.ccpfhir.mappers.fhir.FuzzyDate;
import org.ccpfhir.mappers.fhir.Onco.Residual;
import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.mappers.fhir.Refs;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.fhir.TnmObservations;
import org.ccpfhir.mappers.fhir.TumourResources;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Pathology report text → profiled Observations (TNMc/TNMp, histology, grading, residual status)
 * and one Provenance naming the source DocumentReference and the extraction. The text is only held
 * in memory. Codes the MDS code lists do not know (e.g. an unusual N suffix) are left out rather
 * than emitted invalid.
 */
public final class PathologyReportMapper {

  /** The report: its patient, DocumentReference id and date; the diagnosis when known. */
  public record SourceDocument(
      String patientKey, String documentId, LocalDate date, Reference condition) {

    public SourceDocument {
      java.util.Objects.requireNonNull(patientKey, "patientKey");
      java.util.Objects.requireNonNull(documentId, "documentId");
      java.util.Objects.requireNonNull(date, "date");
    }
  }

  static final String AGENT = "ccp-fhir mappers pathology text mining";

  private final PathologyExtractor extractor;
  private final ResourceIds ids;
  private final CcpTerminology terminology;

  public PathologyReportMapper(
      PathologyExtractor extractor, ResourceIds ids, CcpTerminology terminology) {
    this.extractor = extractor;
    this.ids = ids;
    this.terminology = terminology;
  }

  public List<Resource> map(String text, SourceDocument doc, Instant recorded) {
    return toFhir(extractor.extract(text), doc, recorded);
  }

  public List<Resource> toFhir(Findings f, SourceDocument doc, Instant recorded) {
    Refs refs = new Refs(ids, doc.patientKey());
    Reference patient = refs.patient();
    String docId = doc.documentId();
    List<Resource> out = new ArrayList<>();
    if (f.hasTnm() || f.uiccStage() != null) {
      Tnm tnm = tnm(f, docId, doc.date());
      if (tnm.t() != null || tnm.n() != null || tnm.m() != null || tnm.stage() != null) {
        String id = refs.id(tnm.clinical() ? "tm-tnmc" : "tm-tnmp", docId);
        out.add(TnmObservations.tnm(id, tnm, patient, doc.condition(), null));
      }
    }
    // ICD-O-3 content is not shipped (licence): the extractor's pattern checked the format
    List<String> morphologies = f.morphologies();
    Observation histology = null;
    if (!morphologies.isEmpty()) {
      histology =
          TnmObservations.observation(
              refs.id("tm-hist", docId),
              MdsProfiles.HISTOLOGY,
              MdsLoinc.HISTOLOGY,
              patient,
              doc.condition());
      histology.setEffective(Fhir.dateTime(doc.date()));
      CodeableConcept value = new CodeableConcept();
      morphologies.forEach(c -> value.addCoding(new Coding(CodeSystems.ICDO3, c, null)));
      histology.setValue(value);
      out.add(histology);
    }
    if (known(CodeSystems.GRADING, f.grading())) {
      Observation grading =
          TnmObservations.observation(
              refs.id("tm-grading", docId),
              MdsProfiles.GRADING,
              MdsLoinc.GRADING,
              patient,
              doc.condition());
      grading.setEffective(Fhir.dateTime(doc.date()));
      grading.setValue(Fhir.concept(CodeSystems.GRADING, f.grading()));
      if (histology != null) {
        histology.addHasMember(Refs.ref("Observation", grading.getIdPart()));
      }
      out.add(grading);
    }
    if (known(CodeSystems.RESIDUAL_LOCAL, f.residual())) {
      Residual r = new Residual(docId, FuzzyDate.exact(doc.date()), f.residual(), null);
      out.add(TumourResources.residual(refs.id("tm-residual", docId), r, patient, doc.condition()));
    }
    if (!out.isEmpty()) {
      out.add(provenance(refs.id("tm-provenance", docId), docId, out, recorded));
    }
    return out;
  }

  private Tnm tnm(Findings f, String docId, LocalDate date) {
    return new Tnm(
        docId,
        f.clinical(),
        date,
        known(CodeSystems.TNM_VERSION, f.version()) ? f.version() : null,
        f.ySymbol(),
        f.rSymbol(),
        null,
        prefix(f.tPrefix()),
        known(CodeSystems.TNM_T, f.t()) ? f.t() : null,
        known(CodeSystems.TNM_M_SYMBOL, f.mSymbol()) ? f.mSymbol() : null,
        prefix(f.nPrefix()),
        known(CodeSystems.TNM_N, f.n()) ? f.n() : null,
        prefix(f.mPrefix()),
        known(CodeSystems.TNM_M, f.m()) ? f.m() : null,
        known(CodeSystems.UICC_STAGE, f.uiccStage()) ? f.uiccStage() : null);
  }

  private static String prefix(String p) {
    return p == null || p.isEmpty() ? null : p;
  }

  private boolean known(String system, String code) {
    if (code == null) {
      return false;
    }
    Set<String> codes = terminology.codes(system);
    return codes.contains(code);
  }

  private static Provenance provenance(
      String id, String documentId, List<Resource> targets, Instant recorded) {
    Provenance p = new Provenance();
    p.setId(id);
    for (Resource r : targets) {
      p.addTarget(Refs.ref(r.fhirType(), r.getIdPart()));
    }
    p.setRecorded(Date.from(recorded));
    // a derivation by text mining; no code list of the MDS names it, so text only
    p.getActivity().setText("pathology report text mining");
    p.addAgent().setWho(new Reference().setDisplay(AGENT));
    p.addEntity()
        .setRole(Provenance.ProvenanceEntityRole.SOURCE)
        .setWhat(Refs.ref("DocumentReference", documentId));
    return p;
  }
}
