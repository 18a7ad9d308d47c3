package org.ccpfhir.mappers.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.adt.AdtMapper;
import org.ccpfhir.mappers.obds.ObdsMapper;

/**
 * Picks the mapper for a file: by extension, and for XML by the namespace in its first kilobytes
 * (oBDS or ADT-GEKID). An XML file of neither format goes to the oBDS mapper, which rejects it with
 * a clear wrong-root-element error.
 */
final class FormatRouter {

  private final SourceMapper obds;
  private final SourceMapper adt;
  private final SourceMapper csv;
  private final SourceMapper text;

  FormatRouter(SourceMapper obds, SourceMapper adt, SourceMapper csv, SourceMapper text) {
    this.obds = obds;
    this.adt = adt;
    this.csv = csv;
    this.text = text;
  }

  SourceMapper mapperFor(Path file) throws IOException, MappingException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return csv;
    }
    if (name.endsWith(".txt")) {
      return text;
    }
    if (!name.endsWith(".xml")) {
      throw new MappingException(file.toString(), 0, 0, "unsupported-file", "not xml, csv or txt");
    }
    byte[] head = new byte[4096];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String start = new String(head, 0, n, StandardCharsets.UTF_8);
    if (start.contains(AdtMapper.NAMESPACE) && !start.contains(ObdsMapper.NAMESPACE)) {
      return adt;
    }
    return obds;
  }
}
