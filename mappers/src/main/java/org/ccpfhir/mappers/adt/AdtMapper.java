package org.ccpfhir.mappers.adt;

import java.io.InputStream;
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
 * ADT-GEKID 2.x (DKTK variant) → one transaction bundle per patient, through the same validating
 * reader, merged record and FHIR builders as oBDS. Messages are applied in document order.
 */
public final class AdtMapper implements SourceMapper {

  public static final String NAMESPACE = "http://www.gekid.de/namespace";
  public static final String ROOT = "ADT_GEKID";
  static final String SCHEMA = "ccp-mappers/schemas/ADT_GEKID_v2.2.3-dktk_v1.0.0.xsd";

  private final ValidatingXmlReader reader;
  private final PatientBundleBuilder builder;

  public AdtMapper(ValidatingXmlReader reader, PatientBundleBuilder builder) {
    this.reader = reader;
    this.builder = builder;
  }

  public AdtMapper(PatientBundleBuilder builder) {
    this(new ValidatingXmlReader(SchemaHolder.SCHEMA, NAMESPACE, ROOT), builder);
  }

  /**
   * Maps every patient of the document that the tolerance policy lets through; the others are in
   * {@link MappedFile#refused()}.
   */
  @Override
  public MappedFile map(InputStream in, String source) throws MappingException {
    return PatientUnits.map(
        reader.readLenient(in, source),
        source,
        patient ->
            patient.child("Patienten_Stammdaten").map(s -> s.attribute("Patient_ID")).orElse(null),
        AdtMapper::record,
        builder);
  }

  private static PatientRecord record(XmlElement patient) {
    XmlElement stammdaten = patient.child("Patienten_Stammdaten").orElseThrow();
    String key = stammdaten.attribute("Patient_ID");
    PatientRecord record = new PatientRecord(key);
    record.data(AdtPatients.read(key, stammdaten));
    List<XmlElement> meldungen =
        patient.at("Menge_Meldung").map(m -> m.children("Meldung")).orElse(List.of());
    for (int i = 0; i < meldungen.size(); i++) {
      AdtMessages.apply(meldungen.get(i), i + 1, record);
    }
    return record;
  }

  private static final class SchemaHolder {
    static final ValidatingXmlReader.CompiledSchema SCHEMA =
        ValidatingXmlReader.schema(AdtMapper.SCHEMA);
  }
}
