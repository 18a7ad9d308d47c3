package org.ccpfhir.mappers.etl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The input files of a run: given files as they are, folders walked for xml, csv and txt. */
final class SourceFiles {

  private SourceFiles() {}

  static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(SourceFiles::supported)
              .sorted()
              .forEach(out::add);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  static boolean supported(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".xml") || name.endsWith(".csv") || name.endsWith(".txt");
  }
}
