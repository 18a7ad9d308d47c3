package org.ccpfhir.synthetic;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/** German-looking identifying data from small built-in lists (for tests of IDAT handling). */
final class IdatSampler {

  private static final List<String> FAMILY =
      List.of(
          "Müller",
          "Schmidt",
          "Schneider",
          "Fischer",
          "Weber",
          "Meyer",
          "Wagner",
          "Becker",
          "Schulz",
          "Hoffmann",
          "Schäfer",
          "Koch",
          "Bauer",
          "Richter",
          "Klein",
          "Wolf",
          "Schröder",
          "Neumann",
          "Schwarz",
          "Zimmermann",
          "Braun",
          "Krüger",
          "Hofmann",
          "Hartmann",
          "Lange",
          "Schmitt",
          "Werner",
          "Schmitz",
          "Krause",
          "Meier",
          "Lehmann",
          "Köhler");

  private static final List<String> FEMALE =
      List.of(
          "Anna",
          "Maria",
          "Ursula",
          "Monika",
          "Petra",
          "Elisabeth",
          "Sabine",
          "Renate",
          "Helga",
          "Karin",
          "Brigitte",
          "Ingrid",
          "Erika",
          "Andrea",
          "Gisela",
          "Claudia",
          "Susanne",
          "Gabriele",
          "Christa",
          "Julia",
          "Katharina",
          "Birgit",
          "Heike",
          "Lena");

  private static final List<String> MALE =
      List.of(
          "Peter",
          "Michael",
          "Thomas",
          "Andreas",
          "Wolfgang",
          "Klaus",
          "Jürgen",
          "Günter",
          "Stefan",
          "Christian",
          "Uwe",
          "Werner",
          "Horst",
          "Frank",
          "Dieter",
          "Manfred",
          "Gerhard",
          "Hans",
          "Bernd",
          "Markus",
          "Matthias",
          "Helmut",
          "Jan",
          "Lukas");

  private static final List<String> STREETS =
      List.of(
          "Hauptstraße",
          "Schulstraße",
          "Gartenstraße",
          "Bahnhofstraße",
          "Dorfstraße",
          "Bergstraße",
          "Birkenweg",
          "Lindenstraße",
          "Kirchstraße",
          "Waldstraße",
          "Ringstraße",
          "Schillerstraße",
          "Goethestraße",
          "Am Sportplatz",
          "Mühlenweg",
          "Rosenstraße");

  /** Postal code and city pairs near the three demo sites plus a few elsewhere. */
  private static final List<String[]> CITIES =
      List.of(
          new String[] {"69117", "Heidelberg"},
          new String[] {"69469", "Weinheim"},
          new String[] {"68159", "Mannheim"},
          new String[] {"74821", "Mosbach"},
          new String[] {"72070", "Tübingen"},
          new String[] {"72764", "Reutlingen"},
          new String[] {"71032", "Böblingen"},
          new String[] {"72488", "Sigmaringen"},
          new String[] {"01067", "Dresden"},
          new String[] {"01445", "Radebeul"},
          new String[] {"01662", "Meißen"},
          new String[] {"02625", "Bautzen"},
          new String[] {"60311", "Frankfurt am Main"},
          new String[] {"80331", "München"},
          new String[] {"10115", "Berlin"});

  private IdatSampler() {}

  static PatientCase.Idat sample(SeededRandom rng, AdministrativeGender gender) {
    String given = gender == AdministrativeGender.FEMALE ? rng.pick(FEMALE) : rng.pick(MALE);
    String[] city = rng.pick(CITIES);
    String street = rng.pick(STREETS) + " " + rng.between(1, 120);
    return new PatientCase.Idat(rng.pick(FAMILY), given, street, city[0], city[1]);
  }
}
