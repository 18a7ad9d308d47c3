package org.ccpfhir.mappers.adt;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.xml.ValidatingXmlReader;
import org.ccpfhir.mappers.xml.XmlElement;
import org.hl7.fhir.r4.model.Bundle;

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

  @Override
  public MappedFile map(InputStream in, String source) throws MappingException {
    XmlElement root = reader.read(in, source);
    List<Bundle> bundles = new ArrayList<>();
    int messages = 0;
    for (XmlElement patient : root.at("Menge_Patient").orElseThrow().children("Patient")) {
      XmlElement stammdaten = patient.child("Patienten_Stammdaten").orElseThrow();
      String key = stammdaten.attribute("Patient_ID");
      PatientRecord record = new PatientRecord(key);
      record.data(AdtPatients.read(key, stammdaten));
      List<XmlElement> meldungen =
          patient.at("Menge_Meldung").map(m -> m.children("Meldung")).orElse(List.of());
      for (int i = 0; i < meldungen.size(); i++) {
        AdtMessages.apply(meldungen.get(i), i + 1, record);
      }
      bundles.add(builder.build(record));
      messages += record.messages();
    }
    return new MappedFile(source, bundles, messages);
  }

  private static final class SchemaHolder {
    static final ValidatingXmlReader.CompiledSchema SCHEMA =
        ValidatingXmlReader.schema(AdtMapper.SCHEMA);
  }
}
