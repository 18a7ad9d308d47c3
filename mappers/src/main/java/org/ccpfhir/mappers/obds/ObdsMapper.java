package org.ccpfhir.mappers.obds;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.tolerance.PatientUnits;
import org.ccpfhir.mappers.xml.ValidatingXmlReader;
import org.ccpfhir.mappers.xml.XmlElement;

/**
 * oBDS 3.0.x (DKTK variant) → one transaction bundle per patient. The document is validated against
 * the schema while it is read; an invalid document yields nothing. A patient's messages are applied
 * in document order, so a later message about the same tumour or report wins.
 */
public final class ObdsMapper implements SourceMapper {

  public static final String NAMESPACE = "http://www.basisdatensatz.de/oBDS/XML";
  public static final String ROOT = "oBDS";
  static final String SCHEMA = "ccp-mappers/schemas/oBDS_v3.0.2-dktk_v1.0.0.xsd";

  private final ValidatingXmlReader reader;
  private final PatientBundleBuilder builder;

  public ObdsMapper(ValidatingXmlReader reader, PatientBundleBuilder builder) {
    this.reader = reader;
    this.builder = builder;
  }

  /** A mapper over the shipped schema (compiled once per JVM). */
  public ObdsMapper(PatientBundleBuilder builder) {
    this(new ValidatingXmlReader(SchemaHolder.SCHEMA, NAMESPACE, ROOT), builder);
  }

  /**
   * Maps every patient of the document that the tolerance policy lets through; the others are in
   * {@link MappedFile#refused()}.
   *
   * @throws MappingException when the document as a whole is not readable oBDS (not well-formed,
   *     another root, a schema problem outside every patient)
   */
  @Override
  public MappedFile map(InputStream in, String source) throws MappingException {
    return PatientUnits.map(
        reader.readLenient(in, source),
        source,
        patient -> patient.attribute("Patient_ID"),
        ObdsMapper::record,
        builder);
  }

  /** The merged records of a validated document, one per patient. */
  public static List<PatientRecord> records(XmlElement root) {
    List<PatientRecord> out = new ArrayList<>();
    for (XmlElement patient : root.at("Menge_Patient").orElseThrow().children("Patient")) {
      out.add(record(patient));
    }
    return out;
  }

  private static PatientRecord record(XmlElement patient) {
    String key = patient.attribute("Patient_ID");
    PatientRecord record = new PatientRecord(key);
    record.data(ObdsPatients.read(key, patient.child("Patienten_Stammdaten").orElseThrow()));
    List<XmlElement> meldungen =
        patient.at("Menge_Meldung").map(m -> m.children("Meldung")).orElse(List.of());
    for (XmlElement meldung : meldungen) {
      ObdsMessages.apply(meldung, record);
    }
    MorphologyFallback.apply(meldungen, record);
    return record;
  }

  private static final class SchemaHolder {
    static final ValidatingXmlReader.CompiledSchema SCHEMA =
        ValidatingXmlReader.schema(ObdsMapper.SCHEMA);
  }
}
