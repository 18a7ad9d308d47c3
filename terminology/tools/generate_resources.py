#!/usr/bin/env python3
"""Generates the FHIR R4 terminology resources of the terminology module.

The data tables below are the source; the JSON files under
src/main/resources/ccp-terminology/ are generated from them and committed.
Edit this file, run it (python3 tools/generate_resources.py from the module
directory), run the tests, and commit script and JSON together.

Code lists follow the oBDS 3.0.2 and ADT/GEKID 2.2.3 schemas (DKTK variant);
displays and definitions are written for this project.
"""

import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/ccp-terminology"

DKTK = "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/"
CCP_CS = "https://ccp-fhir.org/fhir/CodeSystem/"
CCP_VS = "https://ccp-fhir.org/fhir/ValueSet/"
CCP_CM = "https://ccp-fhir.org/fhir/ConceptMap/"
BBMRI_SAMPLE = "https://fhir.bbmri.de/CodeSystem/SampleMaterialType"
ICD10GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm"
ICDO3 = "urn:oid:2.16.840.1.113883.6.43.1"

VERSION = "0.1.0"
DATE = "2025-11-22"
PUBLISHER = "ccp-fhir"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
SOURCE_OBDS = "Codes nach oBDS 3.0.2 und ADT/GEKID 2.2.3 (DKTK-Variante)."


def c(code, de, en, def_de=None, def_en=None, props=None, children=None):
    return {"code": code, "de": de, "en": en, "def_de": def_de, "def_en": def_en,
            "props": props or {}, "children": children or []}


# ---------------------------------------------------------------------------
# DKTK onco-core code systems (URLs reused, content written here)
# ---------------------------------------------------------------------------

LATERALITY = [
    c("L", "Links", "Left", "Tumor auf der linken Seite bzw. im linken paarigen Organ.",
      "Tumour on the left side or in the left organ of a pair."),
    c("R", "Rechts", "Right", "Tumor auf der rechten Seite bzw. im rechten paarigen Organ.",
      "Tumour on the right side or in the right organ of a pair."),
    c("B", "Beidseitig", "Bilateral",
      "Beide Seiten betroffen; bei bestimmten paarigen Organen werden zwei Tumoren getrennt gemeldet.",
      "Both sides affected; for some paired organs two tumours are reported separately."),
    c("M", "Mittellinie/mittig", "Midline", "Tumor liegt in der Körpermittellinie.",
      "Tumour located in the midline."),
    c("U", "Unbekannt", "Unknown", "Die betroffene Seite ist nicht bekannt.",
      "The affected side is not known."),
    c("T", "Trifft nicht zu", "Not applicable",
      "Eine Seitenangabe ist nicht sinnvoll, z. B. bei unpaarigen Organen oder Systemerkrankungen.",
      "Laterality does not apply, e.g. unpaired organs or systemic diseases."),
]

GRADING = [
    c("0", "G0 (nur Melanom der Konjunktiva)", "G0 (conjunctival melanoma only)",
      "Nur beim malignen Melanom der Konjunktiva: primär erworbene Melanose ohne Zellatypien.",
      "Conjunctival melanoma only: primary acquired melanosis without cellular atypia."),
    c("1", "Gut differenziert", "Well differentiated", "Histopathologischer Grad G1.",
      "Histopathological grade G1."),
    c("2", "Mäßig differenziert", "Moderately differentiated", "Histopathologischer Grad G2.",
      "Histopathological grade G2."),
    c("3", "Schlecht differenziert", "Poorly differentiated", "Histopathologischer Grad G3.",
      "Histopathological grade G3."),
    c("4", "Undifferenziert", "Undifferentiated", "Histopathologischer Grad G4.",
      "Histopathological grade G4."),
    c("X", "Nicht bestimmbar", "Cannot be assessed",
      "Der Differenzierungsgrad kann nicht bestimmt werden.", "The grade cannot be assessed."),
    c("L", "Low grade (G1 oder G2)", "Low grade (G1 or G2)",
      "Zweistufiges Grading: niedriggradig.", "Two-tier grading: low grade."),
    c("M", "Intermediate grade (G2 oder G3)", "Intermediate grade (G2 or G3)",
      "Dreistufiges Grading: mittelgradig.", "Three-tier grading: intermediate grade."),
    c("H", "High grade (G3 oder G4)", "High grade (G3 or G4)",
      "Zwei- oder dreistufiges Grading: hochgradig.", "Two- or three-tier grading: high grade."),
    c("B", "Borderline", "Borderline", "Borderline-Tumor (z. B. des Ovars).",
      "Borderline tumour (e.g. of the ovary)."),
    c("U", "Unbekannt", "Unknown", "Ein Grading ist nicht dokumentiert.",
      "No grade has been documented."),
    c("T", "Trifft nicht zu", "Not applicable",
      "Für diese Tumorart ist kein Grading vorgesehen.", "Grading does not apply to this tumour type."),
]

UICC_STAGES = ["0", "0a", "0is", "I", "IA", "IA1", "IA2", "IA3", "IB", "IB1", "IB2", "IC", "II",
               "IIA", "IIA1", "IIA2", "IIB", "IIC", "III", "IIIA", "IIIA1", "IIIA2", "IIIB",
               "IIIC", "IIIC1", "IIIC2", "IIID", "IS", "IV", "IVA", "IVA1", "IVA2", "IVB", "IVC"]


def uicc():
    concepts = [c("okk", "Okkultes Karzinom", "Occult carcinoma",
                  "Tumorzellen nachgewiesen, Primärtumor aber nicht auffindbar (TX N0 M0).",
                  "Tumour cells found but the primary tumour cannot be located (TX N0 M0).")]
    for s in UICC_STAGES:
        concepts.append(c(s, "Stadium " + s, "Stage " + s))
    return concepts


TNM_T = {
    "X": ("Primärtumor kann nicht beurteilt werden", "Primary tumour cannot be assessed"),
    "0": ("Kein Anhalt für Primärtumor", "No evidence of primary tumour"),
    "a": ("Nichtinvasiver papillärer Tumor", "Non-invasive papillary tumour"),
    "is": ("Carcinoma in situ", "Carcinoma in situ"),
    "is(DCIS)": ("Duktales Carcinoma in situ", "Ductal carcinoma in situ"),
    "is(LCIS)": ("Lobuläres Carcinoma in situ", "Lobular carcinoma in situ"),
    "is(Paget)": ("Morbus Paget der Mamille ohne nachweisbaren Tumor",
                  "Paget disease of the nipple without detectable tumour"),
    "is(pu)": ("Carcinoma in situ der prostatischen Urethra",
               "Carcinoma in situ of the prostatic urethra"),
    "is(pd)": ("Carcinoma in situ der prostatischen Ausführungsgänge",
               "Carcinoma in situ of the prostatic ducts"),
    "1mi": ("Mikroinvasion", "Microinvasion"),
}
TNM_T_CODES = ["X", "0", "a", "is", "is(DCIS)", "is(LCIS)", "is(Paget)", "is(pu)", "is(pd)",
               "1", "1mi", "1a", "1a1", "1a2", "1b", "1b1", "1b2", "1c", "1c1", "1c2", "1c3",
               "1d", "2", "2a", "2a1", "2a2", "2b", "2c", "2d", "3", "3a", "3b", "3c", "3d",
               "4", "4a", "4b", "4c", "4d", "4e"]

TNM_N = {
    "X": ("Regionäre Lymphknoten können nicht beurteilt werden",
          "Regional lymph nodes cannot be assessed"),
    "0": ("Keine regionären Lymphknotenmetastasen", "No regional lymph node metastasis"),
    "0(i-)": ("Keine Lymphknotenmetastasen, immunhistochemisch negativ",
              "No nodal metastasis, negative by immunohistochemistry"),
    "0(i+)": ("Isolierte Tumorzellen, immunhistochemisch nachgewiesen",
              "Isolated tumour cells detected by immunohistochemistry"),
    "0(mol-)": ("Keine Lymphknotenmetastasen, molekularpathologisch negativ",
                "No nodal metastasis, negative by molecular methods"),
    "0(mol+)": ("Isolierte Tumorzellen, molekularpathologisch nachgewiesen",
                "Isolated tumour cells detected by molecular methods"),
    "0(sn)": ("Keine Metastase im Sentinel-Lymphknoten", "No metastasis in sentinel node"),
    "1(sn)": ("Metastase im Sentinel-Lymphknoten", "Metastasis in sentinel node"),
    "1mi": ("Mikrometastase", "Micrometastasis"),
    "1mi(sn)": ("Mikrometastase im Sentinel-Lymphknoten", "Micrometastasis in sentinel node"),
}
TNM_N_CODES = ["X", "0", "0(i-)", "0(i+)", "0(mol-)", "0(mol+)", "0(sn)", "1", "1(sn)", "1mi",
               "1mi(sn)", "1a", "1b", "1c", "2", "2a", "2b", "2c", "3", "3a", "3b", "3c"]

TNM_M = {
    "X": ("Fernmetastasen können nicht beurteilt werden (veraltet)",
          "Distant metastasis cannot be assessed (obsolete)"),
    "0": ("Keine Fernmetastasen", "No distant metastasis"),
    "0(i+)": ("Isolierte Tumorzellen in Blut oder Knochenmark, keine Fernmetastasen",
              "Isolated tumour cells in blood or bone marrow, no distant metastasis"),
    "1": ("Fernmetastasen", "Distant metastasis"),
}
TNM_M_CODES = ["X", "0", "0(i+)", "1", "1a", "1b", "1c", "1d"]


def tnm(prefix, codes, texts):
    out = []
    for code in codes:
        de, en = texts.get(code, (None, None))
        out.append(c(code, prefix + code, prefix + code, de, en))
    return out


CPU_PREFIX = [
    c("c", "Klinisch (c)", "Clinical (c)",
      "Kategorie klinisch festgestellt bzw. Kriterien für p nicht erfüllt; ein fehlendes Präfix gilt als c.",
      "Category assessed clinically or criteria for p not met; a missing prefix means c."),
    c("p", "Pathologisch (p)", "Pathological (p)",
      "Kategorie durch pathohistologische Untersuchung festgestellt.",
      "Category assessed by histopathological examination."),
    c("u", "Sonographisch (u)", "Ultrasound (u)",
      "Kategorie mit Ultraschall festgestellt (Unterform von c, z. B. beim Rektumkarzinom).",
      "Category assessed by ultrasound (a form of c, e.g. in rectal cancer)."),
]

Y_SYMBOL = [c("y", "y-Symbol", "y symbol",
              "Klassifikation während oder nach initialer multimodaler Therapie.",
              "Classified during or after initial multimodal therapy.")]
R_SYMBOL = [c("r", "r-Symbol", "r symbol", "Klassifikation eines Rezidivs.",
              "Classification of a recurrence.")]


def m_symbol():
    concepts = [
        c("m", "m (multiple Primärtumoren)", "m (multiple primary tumours)",
          "Mehrere Primärtumoren in einem Organ, Anzahl nicht angegeben.",
          "Multiple primary tumours in one organ, number not stated."),
        c("is", "is (zusätzlich In-situ-Komponente)", "is (additional in situ component)",
          "Zusätzlich zum invasiven Tumor liegt eine In-situ-Komponente vor.",
          "An in situ component accompanies the invasive tumour."),
        c("m,is", "m,is", "m,is", "Multiple Primärtumoren mit In-situ-Komponente.",
          "Multiple primary tumours with an in situ component."),
    ]
    # every code the oBDS pattern allows, so that the list is complete: a required binding to a
    # "fragment" code system cannot be checked by the HL7 validator
    for n in range(2, 1000):
        concepts.append(c(str(n), f"{n} Primärtumoren", f"{n} primary tumours"))
    for n in range(2, 1000):
        concepts.append(c(f"{n},is", f"{n} Primärtumoren mit In-situ-Komponente",
                          f"{n} primary tumours with an in situ component"))
    return concepts


RESIDUAL = [
    c("R0", "Kein Residualtumor", "No residual tumour"),
    c("R1", "Mikroskopischer Residualtumor", "Microscopic residual tumour"),
    c("R1(is)", "In-situ-Rest", "Residual in situ tumour",
      "Residualtumor nur als In-situ-Komponente.", "Residual tumour limited to in situ disease."),
    c("R1(cy+)", "Zytologischer Rest", "Cytological residual",
      "Tumorzellen nur zytologisch (z. B. in der Spülzytologie) nachgewiesen.",
      "Tumour cells detected only by cytology (e.g. lavage)."),
    c("R2", "Makroskopischer Residualtumor", "Macroscopic residual tumour"),
    c("RX", "Residualtumor nicht beurteilbar", "Residual tumour cannot be assessed",
      "Das Vorhandensein von Residualtumor kann nicht beurteilt werden (explizite Angabe).",
      "Presence of residual tumour cannot be assessed (explicit statement)."),
    c("U", "Unbekannt", "Unknown", "Der Residualstatus ist nicht dokumentiert.",
      "The residual status has not been documented."),
]

JNU = [c("J", "Ja", "Yes"), c("N", "Nein", "No"), c("U", "Unbekannt", "Unknown")]

METASTASIS_SITES = [
    c("PUL", "Lunge", "Lung"), c("OSS", "Knochen", "Bone"), c("HEP", "Leber", "Liver"),
    c("BRA", "Hirn", "Brain"),
    c("LYM", "Lymphknoten", "Lymph nodes", "Nicht regionäre Lymphknoten.",
      "Non-regional lymph nodes."),
    c("MAR", "Knochenmark", "Bone marrow"), c("PLE", "Pleura", "Pleura"),
    c("PER", "Peritoneum", "Peritoneum"), c("ADR", "Nebennieren", "Adrenal glands"),
    c("SKI", "Haut", "Skin"), c("OTH", "Andere Organe", "Other organs"),
    c("GEN", "Generalisierte Metastasierung", "Generalised metastasis"),
]

OP_INTENTION = [
    c("K", "Kurativ", "Curative"), c("P", "Palliativ", "Palliative"),
    c("D", "Diagnostisch", "Diagnostic"),
    c("R", "Revision/Komplikation", "Revision/complication",
      "Eingriff wegen einer Komplikation oder zur Revision.",
      "Surgery to treat a complication or to revise an earlier operation."),
    c("S", "Sonstiges", "Other"), c("X", "Fehlende Angabe", "Not stated"),
]

SYST_INTENTION = [
    c("K", "Kurativ", "Curative"), c("P", "Palliativ", "Palliative"),
    c("O", "Lokal kurativ bei Oligometastasierung", "Locally curative in oligometastatic disease",
      "Nur Strahlentherapie (oBDS): lokal kurative Behandlung bei Oligometastasierung.",
      "Radiotherapy only (oBDS): locally curative treatment in oligometastatic disease."),
    c("S", "Sonstiges", "Other"), c("X", "Keine Angabe", "Not stated"),
]

RELATION_TO_SURGERY = [
    c("O", "Ohne Bezug zu einer operativen Therapie", "Not related to surgery"),
    c("A", "Adjuvant", "Adjuvant", "Nach der Operation.", "After surgery."),
    c("N", "Neoadjuvant", "Neoadjuvant", "Vor der Operation.", "Before surgery."),
    c("I", "Intraoperativ", "Intraoperative", "Während der Operation.", "During surgery."),
    c("Z", "Additiv", "Additive",
      "Nur Strahlentherapie (oBDS): nach Operation mit verbliebenem Residualtumor.",
      "Radiotherapy only (oBDS): after surgery that left residual tumour."),
    c("S", "Sonstiges", "Other"),
]

THERAPY_TYPES = [
    c("OP", "Operation", "Surgery"),
    c("ST", "Strahlentherapie", "Radiotherapy"),
    c("CH", "Chemotherapie", "Chemotherapy"),
    c("HO", "Hormontherapie", "Hormone therapy"),
    c("IM", "Immun-/Antikörpertherapie", "Immunotherapy/antibody therapy"),
    c("ZS", "Zielgerichtete Substanzen", "Targeted therapy"),
    c("CI", "Chemo- + Immun-/Antikörpertherapie", "Chemotherapy + immunotherapy"),
    c("CZ", "Chemotherapie + zielgerichtete Substanzen", "Chemotherapy + targeted therapy"),
    c("CIZ", "Chemo- + Immun-/Antikörpertherapie + zielgerichtete Substanzen",
      "Chemotherapy + immunotherapy + targeted therapy"),
    c("IZ", "Immun-/Antikörpertherapie + zielgerichtete Substanzen",
      "Immunotherapy + targeted therapy"),
    c("SZ", "Stammzelltransplantation (inkl. Knochenmarktransplantation)",
      "Stem cell transplantation (incl. bone marrow transplantation)"),
    c("KM", "Knochenmarktransplantation", "Bone marrow transplantation",
      "ADT/GEKID 2.x; in oBDS 3 unter SZ erfasst.", "ADT/GEKID 2.x; recorded as SZ in oBDS 3."),
    c("AS", "Active Surveillance", "Active surveillance",
      "Engmaschige Überwachung mit dem Ziel einer späteren kurativen Therapie bei Progress.",
      "Close monitoring with curative treatment if the disease progresses."),
    c("WS", "Wait and see", "Wait and see",
      "Abwartendes Beobachten nach Therapie bzw. ohne Therapie.",
      "Observation without active treatment."),
    c("WW", "Watchful Waiting", "Watchful waiting",
      "Abwarten mit symptomorientierter (palliativer) Behandlung bei Bedarf.",
      "Waiting with symptom-directed (palliative) treatment when needed."),
    c("SO", "Sonstiges", "Other"),
]

OVERALL_STATUS = [
    c("V", "Vollremission (CR)", "Complete remission (CR)"),
    c("T", "Teilremission (PR)", "Partial remission (PR)",
      "Rückgang des Tumors um mindestens 50 %.", "Tumour reduced by at least 50 %."),
    c("K", "Keine Änderung (NC/SD)", "No change (stable disease)"),
    c("P", "Progression", "Progression"),
    c("D", "Divergentes Geschehen", "Divergent course",
      "Teils Rückgang, teils Progression an verschiedenen Lokalisationen.",
      "Regression at some sites and progression at others."),
    c("B", "Klinische Besserung", "Clinical improvement",
      "Klinische Besserung, Kriterien für eine Teilremission aber nicht erfüllt.",
      "Clinical improvement without meeting the criteria for partial remission."),
    c("R", "Vollremission mit residualen Auffälligkeiten (CRr)",
      "Complete remission with residual findings (CRr)"),
    c("Y", "Rezidiv", "Recurrence"),
    c("U", "Beurteilung unmöglich", "Cannot be assessed"),
    c("X", "Fehlende Angabe", "Not stated"),
]


def course_status(subject_de, subject_en, none_de, none_en, recur_de, recur_en, extra=None):
    concepts = [
        c("K", none_de, none_en),
        c("T", f"{subject_de}: Residuen", f"{subject_en}: residual"),
        c("P", f"{subject_de}: Progress", f"{subject_en}: progression"),
        c("N", f"{subject_de}: No Change", f"{subject_en}: no change"),
        c("R", recur_de, recur_en),
        c("F", "Fraglicher Befund", "Equivocal finding"),
        c("U", "Unbekannt", "Unknown"),
        c("X", "Fehlende Angabe", "Not stated"),
    ]
    if extra:
        concepts.insert(1, extra)
    return concepts


VITAL_STATUS = [
    c("lebend", "Lebend", "Alive"),
    c("verstorben", "Verstorben", "Deceased"),
    c("unbekannt", "Unbekannt", "Unknown"),
]

PSEUDONYM_KIND = [
    c("Lokal", "Lokales Pseudonym", "Local pseudonym",
      "Pseudonym, das nur innerhalb eines Standorts gilt.", "Pseudonym valid within one site."),
    c("Global", "Globales Pseudonym", "Global pseudonym",
      "Standortübergreifendes Pseudonym.", "Pseudonym valid across sites."),
]

# ---------------------------------------------------------------------------
# CCP code systems
# ---------------------------------------------------------------------------

# Consent.policyRule at the bridgehead (CCP-IT §3.2, §3.4): what a patient's consent allows
CONSENT_POLICY = [
    c("network", "Einwilligung in die Netzwerknutzung", "Network consent",
      "Ausdrückliche Einwilligung: globales Pseudonym, Upload der MDS-Daten unter der MDS*G-ID.",
      "Explicit consent: global pseudonym, MDS data uploaded under the MDS*G-ID."),
    c("local-upload", "Lokale Einwilligung mit pseudonymisiertem Upload",
      "Local consent with pseudonymized upload",
      "Lokale Einwilligung, die den Upload unter einem standortbezogenen Pseudonym erlaubt "
      "(CCP-IT 3.4 b); wirksam nur, solange der Standort dies im Vier-Augen-Prinzip "
      "freigeschaltet hat.",
      "Local consent allowing upload under a site-scoped pseudonym (CCP-IT 3.4 b); effective "
      "only while the site has switched it on under the four-eyes principle."),
    c("objection", "Widerspruch", "Objection",
      "Widerspruch: Daten des Patienten dürfen nicht importiert werden; hochgeladene Daten "
      "werden zentral gelöscht.",
      "Objection: no data of the patient may be imported; uploaded data is deleted centrally."),
]
# ---------------------------------------------------------------------------

TNM_VERSIONS = [
    c("6", "TNM 6. Auflage", "TNM 6th edition", "UICC TNM-Klassifikation, 6. Auflage (2002).",
      "UICC TNM classification, 6th edition (2002)."),
    c("7", "TNM 7. Auflage", "TNM 7th edition", "UICC TNM-Klassifikation, 7. Auflage (2009/2010).",
      "UICC TNM classification, 7th edition (2009/2010)."),
    c("8", "TNM 8. Auflage", "TNM 8th edition", "UICC TNM-Klassifikation, 8. Auflage (2016/2017).",
      "UICC TNM classification, 8th edition (2016/2017)."),
]

ICD10_GM_YEARS = range(2004, 2027)
ICD10_WHO_YEARS = [2004, 2006, 2008, 2010, 2011, 2013, 2016, 2019]


def icd10_versions():
    concepts = []
    for y in ICD10_GM_YEARS:
        concepts.append(c(f"10 {y} GM", f"ICD-10-GM Version {y}", f"ICD-10-GM version {y}"))
    for y in ICD10_WHO_YEARS:
        concepts.append(c(f"10 {y} WHO", f"ICD-10-WHO Version {y}", f"ICD-10-WHO version {y}"))
    concepts.append(c("Sonstige", "Sonstige Version", "Other version",
                      "Andere oder ältere Katalogversion.", "Another or older catalogue version."))
    return concepts


ICDO3_VERSIONS = [
    c("31", "ICD-O-3 (2003)", "ICD-O-3 (2003)", "Erste deutsche Ausgabe der ICD-O-3.",
      "First German edition of ICD-O-3."),
    c("32", "ICD-O-3, 1. Revision (2014)", "ICD-O-3, first revision (2014)"),
    c("33", "ICD-O-3, 2. Revision (2019)", "ICD-O-3, second revision (2019)"),
    c("bb", "Neue Codes aus den WHO-Klassifikationen (Blue Books)",
      "New codes from the WHO classifications (Blue Books)",
      "Nur Morphologie: Codes aus aktuellen WHO-Tumorklassifikationen, die noch nicht in der ICD-O-3 stehen.",
      "Morphology only: codes from current WHO tumour classifications not yet in ICD-O-3."),
]

# Sample material types (BBMRI.de list) with the derived properties kind, fixation and origin.


# The code system lives at BBMRI.de's URL, so its displays are BBMRI's own (English); the German
# and English wording written here are designations. A display of ours would make every coding
# with BBMRI's display a "wrong display" to the HL7 validator.
BBMRI_DISPLAYS = {
    "whole-blood": "Whole blood",
    "bone-marrow": "Bone marrow",
    "buffy-coat": "Buffy-Coat",
    "dried-whole-blood": "Dried whole blood",
    "peripheral-blood-cells-vital": "Peripheral blood mononuclear cells (PBMCs, viable)",
    "blood-plasma": "Plasma",
    "plasma-edta": "Plasma, EDTA",
    "plasma-citrat": "Plasma, Citrat",
    "plasma-heparin": "Plasma, Heparin",
    "plasma-cell-free": "Plasma, cell free",
    "plasma-other": "Plasma, other",
    "blood-serum": "Serum",
    "ascites": "Ascites",
    "csf-liquor": "CSF/Liquor",
    "saliva": "Saliva",
    "stool-faeces": "Stool/Faeces",
    "urine": "Urine",
    "swab": "Swab",
    "liquid-other": "Other liquid biosample/storage",
    "tissue-ffpe": "Tissue FFPE",
    "tumor-tissue-ffpe": "Tumor tissue (FFPE)",
    "normal-tissue-ffpe": "Normal tissue (FFPE)",
    "other-tissue-ffpe": "Other tissue (FFPE)",
    "tissue-frozen": "Tissue frozen",
    "tumor-tissue-frozen": "Tumor tissue (frozen)",
    "normal-tissue-frozen": "Normal tissue (frozen)",
    "other-tissue-frozen": "Other tissue (frozen)",
    "tissue-other": "Other tissue storage",
    "dna": "DNA",
    "cf-dna": "cfDNA",
    "g-dna": "gDNA",
    "rna": "RNA",
    "derivative-other": "Other derivative",
}


def s(code, de, en, kind, fixation, origin, children=None):
    concept = c(code, de, en, props={"kind": kind, "fixation": fixation, "origin": origin},
                children=children)
    concept["display"] = BBMRI_DISPLAYS[code]
    return concept


SAMPLE_TYPES = [
    s("whole-blood", "Vollblut", "Whole blood", "liquid", "none", "not-applicable"),
    s("bone-marrow", "Knochenmark", "Bone marrow", "liquid", "none", "not-applicable"),
    s("buffy-coat", "Buffy-Coat", "Buffy coat", "liquid", "none", "not-applicable"),
    s("dried-whole-blood", "Getrocknetes Vollblut", "Dried whole blood", "liquid", "none",
      "not-applicable"),
    s("peripheral-blood-cells-vital", "Periphere mononukleäre Blutzellen (vital)",
      "Peripheral blood mononuclear cells (viable)", "liquid", "none", "not-applicable"),
    s("blood-plasma", "Plasma", "Plasma", "liquid", "none", "not-applicable", [
        s("plasma-edta", "EDTA-Plasma", "EDTA plasma", "liquid", "none", "not-applicable"),
        s("plasma-citrat", "Citrat-Plasma", "Citrate plasma", "liquid", "none", "not-applicable"),
        s("plasma-heparin", "Heparin-Plasma", "Heparin plasma", "liquid", "none",
          "not-applicable"),
        s("plasma-cell-free", "Zellfreies Plasma", "Cell-free plasma", "liquid", "none",
          "not-applicable"),
        s("plasma-other", "Sonstiges Plasma", "Other plasma", "liquid", "none", "not-applicable"),
    ]),
    s("blood-serum", "Serum", "Serum", "liquid", "none", "not-applicable"),
    s("ascites", "Aszites", "Ascites", "liquid", "none", "not-applicable"),
    s("csf-liquor", "Liquor", "Cerebrospinal fluid", "liquid", "none", "not-applicable"),
    s("saliva", "Speichel", "Saliva", "liquid", "none", "not-applicable"),
    s("stool-faeces", "Stuhl", "Stool", "other", "none", "not-applicable"),
    s("urine", "Urin", "Urine", "liquid", "none", "not-applicable"),
    s("swab", "Abstrich", "Swab", "other", "none", "not-applicable"),
    s("liquid-other", "Sonstige Flüssigprobe", "Other liquid sample", "liquid", "none",
      "not-applicable"),
    s("tissue-ffpe", "Gewebe, Paraffin (FFPE)", "Tissue, FFPE", "tissue", "ffpe", "unspecified", [
        s("tumor-tissue-ffpe", "Tumorgewebe, Paraffin (FFPE)", "Tumour tissue, FFPE", "tissue",
          "ffpe", "tumor"),
        s("normal-tissue-ffpe", "Normalgewebe, Paraffin (FFPE)", "Normal tissue, FFPE", "tissue",
          "ffpe", "normal"),
        s("other-tissue-ffpe", "Sonstiges Gewebe, Paraffin (FFPE)", "Other tissue, FFPE",
          "tissue", "ffpe", "other"),
    ]),
    s("tissue-frozen", "Gewebe, kryokonserviert", "Tissue, frozen", "tissue", "cryo",
      "unspecified", [
          s("tumor-tissue-frozen", "Tumorgewebe, kryokonserviert", "Tumour tissue, frozen",
            "tissue", "cryo", "tumor"),
          s("normal-tissue-frozen", "Normalgewebe, kryokonserviert", "Normal tissue, frozen",
            "tissue", "cryo", "normal"),
          s("other-tissue-frozen", "Sonstiges Gewebe, kryokonserviert", "Other tissue, frozen",
            "tissue", "cryo", "other"),
      ]),
    s("tissue-other", "Gewebe, sonstige Konservierung", "Tissue, other preservation", "tissue",
      "other", "unspecified"),
    s("dna", "DNA", "DNA", "derivative", "none", "not-applicable", [
        s("cf-dna", "Zellfreie DNA (cfDNA)", "Cell-free DNA (cfDNA)", "derivative", "none",
          "not-applicable"),
        s("g-dna", "Genomische DNA (gDNA)", "Genomic DNA (gDNA)", "derivative", "none",
          "not-applicable"),
    ]),
    s("rna", "RNA", "RNA", "derivative", "none", "not-applicable"),
    s("derivative-other", "Sonstiges Derivat", "Other derivative", "derivative", "none",
      "not-applicable"),
]

SAMPLE_PROPERTIES = [
    {"code": "kind", "type": "code",
     "description": "Probenart: tissue | liquid | derivative | other (CCP-Ableitung)"},
    {"code": "fixation", "type": "code",
     "description": "Fixierung/Konservierung: ffpe | cryo | other | none (CCP-Ableitung)"},
    {"code": "origin", "type": "code",
     "description": "Gewebeherkunft: tumor | normal | other | unspecified | not-applicable"},
]

# Tumour entity groups (K-31): code, German display, English display, behaviour, ICD-10 categories.


def rng(letter, start, end, skip=()):
    return [f"{letter}{n:02d}" for n in range(start, end + 1) if n not in skip]


ENTITIES = [
    ("head-neck", "Kopf-Hals-Tumoren", "Head and neck", "malignant",
     rng("C", 0, 14) + rng("C", 30, 32),
     "Lippe, Mundhöhle, Pharynx, Nasenhöhle, Nasennebenhöhlen und Larynx.",
     "Lip, oral cavity, pharynx, nasal cavity, sinuses and larynx."),
    ("oesophagus", "Ösophagus", "Oesophagus", "malignant", ["C15"], None, None),
    ("stomach", "Magen", "Stomach", "malignant", ["C16"], None, None),
    ("digestive-other", "Dünndarm und sonstige Verdauungsorgane",
     "Small intestine and other digestive organs", "malignant", ["C17", "C26"], None, None),
    ("colorectal", "Kolon, Rektum und Anus", "Colon, rectum and anus", "malignant",
     rng("C", 18, 21), None, None),
    ("liver", "Leber und intrahepatische Gallengänge", "Liver and intrahepatic bile ducts",
     "malignant", ["C22"], None, None),
    ("biliary", "Gallenblase und extrahepatische Gallenwege",
     "Gallbladder and extrahepatic biliary tract", "malignant", ["C23", "C24"], None, None),
    ("pancreas", "Pankreas", "Pancreas", "malignant", ["C25"], None, None),
    ("lung", "Trachea, Bronchien und Lunge", "Trachea, bronchus and lung", "malignant",
     ["C33", "C34"], None, None),
    ("thoracic-other", "Thymus, Herz, Mediastinum, Pleura und Mesotheliom",
     "Thymus, heart, mediastinum, pleura and mesothelioma", "malignant",
     rng("C", 37, 39) + ["C45"], None, None),
    ("bone-soft-tissue", "Knochen, Knorpel und Weichteile", "Bone, cartilage and soft tissue",
     "malignant", ["C40", "C41"] + rng("C", 46, 49),
     "Sarkome von Knochen, Knorpel, peripheren Nerven, Retroperitoneum und Weichteilen, Kaposi-Sarkom.",
     "Sarcomas of bone, cartilage, peripheral nerves, retroperitoneum and soft tissue; Kaposi sarcoma."),
    ("melanoma", "Malignes Melanom der Haut", "Malignant melanoma of skin", "malignant", ["C43"],
     None, None),
    ("skin-other", "Sonstige bösartige Neubildungen der Haut", "Other malignant neoplasms of skin",
     "malignant", ["C44"], "Vor allem Basalzell- und Plattenepithelkarzinome der Haut.",
     "Mainly basal cell and squamous cell carcinoma of the skin."),
    ("breast", "Brustdrüse", "Breast", "malignant", ["C50"], None, None),
    ("female-genital-other", "Vulva, Vagina und sonstige weibliche Genitalorgane",
     "Vulva, vagina and other female genital organs", "malignant",
     ["C51", "C52", "C57", "C58"], None, None),
    ("cervix", "Cervix uteri", "Cervix uteri", "malignant", ["C53"], None, None),
    ("uterus", "Corpus uteri und Uterus o. n. A.", "Corpus uteri and uterus, unspecified",
     "malignant", ["C54", "C55"], None, None),
    ("ovary", "Ovar", "Ovary", "malignant", ["C56"], None, None),
    ("male-genital-other", "Penis und sonstige männliche Genitalorgane",
     "Penis and other male genital organs", "malignant", ["C60", "C63"], None, None),
    ("prostate", "Prostata", "Prostate", "malignant", ["C61"], None, None),
    ("testis", "Hoden", "Testis", "malignant", ["C62"], None, None),
    ("kidney", "Niere und Nierenbecken", "Kidney and renal pelvis", "malignant", ["C64", "C65"],
     None, None),
    ("urinary-other", "Ureter und sonstige Harnorgane", "Ureter and other urinary organs",
     "malignant", ["C66", "C68"], None, None),
    ("bladder", "Harnblase", "Bladder", "malignant", ["C67"], None, None),
    ("brain-cns", "Gehirn und zentrales Nervensystem", "Brain and central nervous system",
     "malignant", rng("C", 70, 72), "Meningen, Gehirn, Rückenmark und Hirnnerven.",
     "Meninges, brain, spinal cord and cranial nerves."),
    ("thyroid", "Schilddrüse", "Thyroid", "malignant", ["C73"], None, None),
    ("endocrine-other", "Nebenniere und sonstige endokrine Drüsen",
     "Adrenal gland and other endocrine glands", "malignant", ["C74", "C75"], None, None),
    ("unknown-primary", "Ungenau bezeichnete, sekundäre und unbekannte Lokalisationen",
     "Ill-defined, secondary and unknown sites", "malignant", rng("C", 76, 80),
     "Einschließlich Metastasen bei unbekanntem Primärtumor (CUP).",
     "Includes cancer of unknown primary (CUP)."),
    ("hodgkin", "Hodgkin-Lymphom", "Hodgkin lymphoma", "malignant", ["C81"], None, None),
    ("non-hodgkin-lymphoma", "Non-Hodgkin-Lymphome", "Non-Hodgkin lymphoma", "malignant",
     rng("C", 82, 86) + ["C88"], None, None),
    ("myeloma", "Plasmozytom und bösartige Plasmazellneubildungen",
     "Multiple myeloma and malignant plasma cell neoplasms", "malignant", ["C90"], None, None),
    ("leukaemia", "Leukämien", "Leukaemia", "malignant", rng("C", 91, 95), None, None),
    ("haematological-other",
     "Sonstige bösartige Neubildungen des lymphatischen und blutbildenden Gewebes",
     "Other malignant neoplasms of lymphoid and haematopoietic tissue", "malignant", ["C96"],
     None, None),
    ("malignant-other", "Auge und multiple Primärtumoren",
     "Eye and multiple independent primaries", "malignant", ["C69", "C97"],
     "Bösartige Neubildungen des Auges und seiner Anhangsgebilde sowie unabhängige multiple Primärtumoren.",
     "Malignant neoplasms of the eye and adnexa, and independent multiple primaries."),
    ("in-situ", "In-situ-Neubildungen", "In situ neoplasms", "in-situ", rng("D", 0, 9, {8}),
     None, None),
    ("benign", "Gutartige Neubildungen", "Benign neoplasms", "benign", rng("D", 10, 36), None,
     None),
    ("uncertain", "Neubildungen unsicheren oder unbekannten Verhaltens",
     "Neoplasms of uncertain or unknown behaviour", "uncertain", rng("D", 37, 48), None, None),
]

# ICD-10-GM chapter II three-character categories that exist (gaps: C27-C29, C35-C36, C42, C59,
# C87, C89, D08).
CHAPTER2 = (rng("C", 0, 97, {27, 28, 29, 35, 36, 42, 59, 87, 89}) + rng("D", 0, 48, {8}))


def ranges(categories):
    """Compacts ["C18","C19","C20","C21"] to "C18-C21"."""
    out, run = [], []
    for cat in categories:
        if run and cat[0] == run[-1][0] and int(cat[1:]) == int(run[-1][1:]) + 1:
            run.append(cat)
        else:
            if run:
                out.append(run)
            run = [cat]
    out.append(run)
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in out)


def entities():
    concepts = []
    for code, de, en, behaviour, cats, def_de, def_en in ENTITIES:
        blocks = ranges(cats)
        concepts.append(c(code, de, en,
                          def_de or f"ICD-10-GM {blocks}.", def_en or f"ICD-10-GM {blocks}.",
                          props={"behaviour": behaviour, "icd10": blocks}))
    return concepts


ENTITY_PROPERTIES = [
    {"code": "behaviour", "type": "code",
     "description": "Dignität: malignant | in-situ | benign | uncertain"},
    {"code": "icd10", "type": "string",
     "description": "ICD-10-GM-Kategorien (dreistellig) der Gruppe"},
]

# ---------------------------------------------------------------------------
# Resource builders
# ---------------------------------------------------------------------------


def vs_name(cs_name):
    # the project's own lower-case names (consent-policy) name their ValueSet alike
    if "-" in cs_name:
        return cs_name
    return (cs_name[:-2] if cs_name.endswith("CS") else cs_name) + "VS"


def translation(text):
    return {"extension": [{"url": TRANSLATION, "extension": [
        {"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": text}]}]}


def concept_json(concept, prop_types):
    out = {"code": concept["code"], "display": concept.get("display", concept["de"])}
    if concept["def_de"]:
        out["definition"] = concept["def_de"]
        if concept["def_en"]:
            out["_definition"] = translation(concept["def_en"])
    out["designation"] = [{"language": "en", "value": concept["en"]}]
    if "display" in concept:
        out["designation"].insert(0, {"language": "de", "value": concept["de"]})
    if concept["props"]:
        out["property"] = [
            {"code": k, ("valueCode" if prop_types[k] == "code" else "valueString"): v}
            for k, v in concept["props"].items()]
    if concept["children"]:
        out["concept"] = [concept_json(ch, prop_types) for ch in concept["children"]]
    return out


def count(concepts):
    return sum(1 + count(x["children"]) for x in concepts)


def code_system(name, url, title, description, concepts, content="complete", properties=None,
                hierarchical=False, language="de"):
    prop_types = {p["code"]: p["type"] for p in (properties or [])}
    cs = {
        "resourceType": "CodeSystem",
        "id": name,
        "language": language,
        "url": url,
        "version": VERSION,
        "name": "".join(part[:1].upper() + part[1:] for part in name.split("-")),
        "title": title,
        "status": "active",
        "experimental": False,
        "date": DATE,
        "publisher": PUBLISHER,
        "description": description,
        "caseSensitive": True,
        "valueSet": CCP_VS + vs_name(name),
    }
    if hierarchical:
        cs["hierarchyMeaning"] = "is-a"
    cs["content"] = content
    cs["count"] = count(concepts)
    if properties:
        cs["property"] = properties
    cs["concept"] = [concept_json(x, prop_types) for x in concepts]
    return cs


def value_set(name, title, description, compose_include):
    return {
        "resourceType": "ValueSet",
        "id": name,
        "language": "de",
        "url": CCP_VS + name,
        "version": VERSION,
        "name": "".join(part[:1].upper() + part[1:] for part in name.split("-")),
        "title": title,
        "status": "active",
        "experimental": False,
        "date": DATE,
        "publisher": PUBLISHER,
        "description": description,
        "immutable": True,
        "compose": {"include": compose_include},
    }


def pattern_value_set(name, title, description, system, regex):
    vs = value_set(name, title, description, [
        {"system": system, "filter": [{"property": "code", "op": "regex", "value": regex}]}])
    vs["immutable"] = False
    return vs


def concept_map():
    by_category = {}
    for code, de, en, _b, cats, _dd, _de in ENTITIES:
        for cat in cats:
            assert cat not in by_category, cat
            by_category[cat] = (code, de)
    assert sorted(by_category) == sorted(CHAPTER2), set(CHAPTER2) ^ set(by_category)
    elements = [{"code": cat, "target": [{"code": by_category[cat][0],
                                          "display": by_category[cat][1],
                                          "equivalence": "wider"}]}
                for cat in sorted(by_category)]
    return {
        "resourceType": "ConceptMap",
        "id": "icd10-to-tumor-entity",
        "language": "de",
        "url": CCP_CM + "icd10-to-tumor-entity",
        "version": VERSION,
        "name": "Icd10ToTumorEntity",
        "title": "ICD-10-GM Kapitel II nach klinisch relevanter Tumorentität (K-31)",
        "status": "active",
        "experimental": False,
        "date": DATE,
        "publisher": PUBLISHER,
        "description": ("Ordnet jede dreistellige Kategorie C00-C97 und D00-D48 der ICD-10-GM einer "
                        "Tumorentitätsgruppe zu. Vier- und fünfstellige Codes werden über ihre "
                        "dreistellige Kategorie übersetzt."),
        "sourceUri": CCP_VS + "icd10gm-chapter2",
        "targetUri": CCP_VS + "TumorEntityVS",
        "group": [{"source": ICD10GM, "target": CCP_CS + "TumorEntityCS", "element": elements}],
    }


def dktk_description(text):
    return (text + " " + SOURCE_OBDS + " Inhalt von ccp-fhir unter der DKTK-onco-core-URL "
            "geschrieben, damit Daten des DKTK-Konverters obds2fhir validieren.")


def all_code_systems():
    d = DKTK
    return [
        code_system("SeitenlokalisationCS", d + "SeitenlokalisationCS", "Seitenlokalisation",
                    dktk_description("Seitenlokalisation des Primärtumors (K-8)."), LATERALITY),
        code_system("GradingCS", d + "GradingCS", "Grading",
                    dktk_description("Histopathologisches Grading (K-11)."), GRADING),
        code_system("UiccstadiumCS", d + "UiccstadiumCS", "UICC-Stadium",
                    dktk_description("UICC-Stadium (K-12), nur Kurzbezeichnungen."), uicc()),
        code_system("TNMTCS", d + "TNMTCS", "TNM-T-Kategorie",
                    dktk_description("T-Kategorie der TNM-Klassifikation ohne Präfix (K-13)."),
                    tnm("T", TNM_T_CODES, TNM_T)),
        code_system("TNMNCS", d + "TNMNCS", "TNM-N-Kategorie",
                    dktk_description("N-Kategorie der TNM-Klassifikation ohne Präfix (K-15)."),
                    tnm("N", TNM_N_CODES, TNM_N)),
        code_system("TNMMCS", d + "TNMMCS", "TNM-M-Kategorie",
                    dktk_description("M-Kategorie der TNM-Klassifikation ohne Präfix (K-16)."),
                    tnm("M", TNM_M_CODES, TNM_M)),
        code_system("TNMcpuPraefixTCS", d + "TNMcpuPraefixTCS", "TNM c/p/u-Präfix",
                    dktk_description("c/p/u-Präfix der T-, N- und M-Kategorie (K-17 bis K-19)."),
                    CPU_PREFIX),
        code_system("TNMySymbolCS", d + "TNMySymbolCS", "TNM-y-Symbol",
                    dktk_description("TNM-y-Symbol (K-20)."), Y_SYMBOL),
        code_system("TNMrSymbolCS", d + "TNMrSymbolCS", "TNM-r-Symbol",
                    dktk_description("TNM-r-Symbol (K-21)."), R_SYMBOL),
        code_system("TNMmSymbolCS", d + "TNMmSymbolCS", "TNM-m-Symbol",
                    dktk_description("TNM-m-Symbol (K-14): m, is, m,is oder die Anzahl der "
                                     "Primärtumoren (2-999, optional mit ',is'); alle Codes des "
                                     "oBDS-Musters sind aufgezählt."),
                    m_symbol()),
        code_system("LokaleBeurteilungResidualstatusCS", d + "LokaleBeurteilungResidualstatusCS",
                    "Lokale Beurteilung des Residualstatus",
                    dktk_description("R-Klassifikation bezogen auf den Primärtumorbereich (K-23)."),
                    RESIDUAL),
        code_system("GesamtbeurteilungResidualstatusCS", d + "GesamtbeurteilungResidualstatusCS",
                    "Gesamtbeurteilung des Residualstatus",
                    dktk_description("R-Klassifikation unter Einbeziehung aller Tumormanifestationen "
                                     "einschließlich Fernmetastasen (K-24)."), RESIDUAL),
        code_system("JNUCS", d + "JNUCS", "Ja/Nein/Unbekannt",
                    dktk_description("Ja/Nein/Unbekannt, z. B. Fernmetastasen vorhanden (K-25)."),
                    JNU),
        code_system("FMLokalisationCS", d + "FMLokalisationCS", "Lokalisation Fernmetastasen",
                    dktk_description("Lokalisation von Fernmetastasen (K-27)."), METASTASIS_SITES),
        code_system("OPIntentionCS", d + "OPIntentionCS", "Intention der Operation",
                    dktk_description("Intention einer Operation (K-33)."), OP_INTENTION),
        code_system("SYSTIntentionCS", d + "SYSTIntentionCS",
                    "Intention der Strahlen- oder Systemtherapie",
                    dktk_description("Intention einer Strahlen- oder systemischen Therapie "
                                     "(K-35, K-38)."), SYST_INTENTION),
        code_system("SYSTStellungOPCS", d + "SYSTStellungOPCS", "Stellung zur Operation",
                    dktk_description("Zeitliche Stellung einer Strahlen- oder Systemtherapie zur "
                                     "Operation (K-36, K-39)."), RELATION_TO_SURGERY),
        code_system("SYSTTherapieartCS", d + "SYSTTherapieartCS", "Therapieart",
                    dktk_description("Therapieart, auch als Kategorie von Operation und "
                                     "Strahlentherapie verwendet (K-32 bis K-43)."), THERAPY_TYPES),
        code_system("GesamtbeurteilungTumorstatusCS", d + "GesamtbeurteilungTumorstatusCS",
                    "Gesamtbeurteilung des Tumorstatus",
                    dktk_description("Gesamtbeurteilung der Erkrankung im Verlauf (K-45, K-53)."),
                    OVERALL_STATUS),
        code_system("VerlaufLokalerTumorstatusCS", d + "VerlaufLokalerTumorstatusCS",
                    "Lokaler Tumorstatus im Verlauf",
                    dktk_description("Status des Primärtumors im Verlauf (K-47)."),
                    course_status("Tumorreste", "Residual tumour", "Kein Tumor nachweisbar",
                                  "No evidence of tumour", "Lokalrezidiv", "Local recurrence")),
        code_system("VerlaufTumorstatusLymphknotenCS", d + "VerlaufTumorstatusLymphknotenCS",
                    "Lymphknotenstatus im Verlauf",
                    dktk_description("Status der regionären Lymphknoten im Verlauf (K-49)."),
                    course_status("Bekannter Lymphknotenbefall", "Known nodal disease",
                                  "Kein Lymphknotenbefall nachweisbar", "No evidence of nodal disease",
                                  "Neu aufgetretenes Lymphknotenrezidiv", "New nodal recurrence")),
        code_system("VerlaufTumorstatusFernmetastasenCS", d + "VerlaufTumorstatusFernmetastasenCS",
                    "Fernmetastasenstatus im Verlauf",
                    dktk_description("Status der Fernmetastasen im Verlauf (K-51)."),
                    course_status("Fernmetastasen", "Distant metastases",
                                  "Keine Fernmetastasen nachweisbar", "No evidence of distant metastases",
                                  "Neu aufgetretene Fernmetastase(n) bzw. Metastasenrezidiv",
                                  "New distant metastasis or metastatic recurrence",
                                  extra=c("M", "Verbliebene Fernmetastase(n)",
                                          "Remaining distant metastasis",
                                          "ADT/GEKID 2.x.", "ADT/GEKID 2.x."))),
        code_system("VitalstatusCS", d + "VitalstatusCS", "Vitalstatus",
                    dktk_description("Vitalstatus (K-56)."), VITAL_STATUS),
        code_system("PseudonymArtCS", d + "PseudonymArtCS", "Art des Pseudonyms",
                    dktk_description("Art eines Patientenpseudonyms (A-0)."), PSEUDONYM_KIND),
        code_system("TNMVersionCS", CCP_CS + "TNMVersionCS", "TNM-Version",
                    "Auflage der UICC-TNM-Klassifikation (K-22). " + SOURCE_OBDS, TNM_VERSIONS),
        code_system("ICD10VersionCS", CCP_CS + "ICD10VersionCS", "ICD-10-Version",
                    "Version des ICD-10-Katalogs der Diagnose (K-5), Schreibweise wie im oBDS "
                    "('10 2024 GM'). " + SOURCE_OBDS, icd10_versions()),
        code_system("ICDO3VersionCS", CCP_CS + "ICDO3VersionCS", "ICD-O-3-Version",
                    "Version der ICD-O-3 für Topographie (K-7) und Morphologie (K-10). "
                    + SOURCE_OBDS, ICDO3_VERSIONS),
        code_system("consent-policy", CCP_CS + "consent-policy", "Einwilligungsregel",
                    "Was die Einwilligung eines Patienten erlaubt, als Consent.policyRule der "
                    "Brückenköpfe (CCP-IT 3.2, 3.4). Ohne Consent mit einer dieser Regeln bleiben "
                    "die Daten am Standort.", CONSENT_POLICY),
        code_system("TumorEntityCS", CCP_CS + "TumorEntityCS", "Klinisch relevante Tumorentität",
                    "Gruppen klinisch relevanter Tumorentitäten (K-31), gebildet aus den "
                    "dreistelligen Kategorien von Kapitel II der ICD-10-GM. Wird nie gespeichert, "
                    "sondern über die ConceptMap icd10-to-tumor-entity abgeleitet.",
                    entities(), properties=ENTITY_PROPERTIES),
        code_system("SampleMaterialType", BBMRI_SAMPLE, "Probenmaterialtyp",
                    "Probenmaterialtypen der BBMRI.de-Liste (B-2, B-3, B-5). Von ccp-fhir unter der "
                    "BBMRI.de-URL geschrieben; die Eigenschaften kind, fixation und origin sind "
                    "eine CCP-Ableitung.", SAMPLE_TYPES, properties=SAMPLE_PROPERTIES,
                    hierarchical=True, language="en"),
    ]


def write(resource, prefix):
    path = OUT / f"{prefix}-{resource['id']}.json"
    path.write_text(json.dumps(resource, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path.name


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    names = []
    for cs in all_code_systems():
        names.append(write(cs, "CodeSystem"))
        vs = value_set(vs_name(cs["id"]), cs["title"], "Alle Codes von " + cs["url"] + ".",
                       [{"system": cs["url"]}])
        names.append(write(vs, "ValueSet"))
    names.append(write(pattern_value_set(
        "icd10gm-chapter2", "ICD-10-GM Kapitel II (Neubildungen)",
        "Alle Codes C00-C97 und D00-D48 der ICD-10-GM. Über ein Formatmuster definiert; der "
        "Katalog wird nicht mitgeliefert.", ICD10GM,
        r"(C[0-8][0-9]|C9[0-7]|D[0-3][0-9]|D4[0-8])(\.[0-9]{1,2})?"), "ValueSet"))
    names.append(write(pattern_value_set(
        "icdo3-topography", "ICD-O-3 Topographie",
        "ICD-O-3-Topographiecodes C00.0-C80.9, nur über das Format definiert (Inhalt lizenziert).",
        ICDO3, r"C([0-7][0-9]|80)\.[0-9]"), "ValueSet"))
    names.append(write(pattern_value_set(
        "icdo3-morphology", "ICD-O-3 Morphologie",
        "ICD-O-3-Morphologiecodes (Histologie/Verhalten, z. B. 8500/3), nur über das Format "
        "definiert (Inhalt lizenziert).", ICDO3, r"[89][0-9]{3}/[012369]"), "ValueSet"))
    names.append(write(concept_map(), "ConceptMap"))
    (OUT / "index.txt").write_text(
        "# Generated by tools/generate_resources.py: resources loaded by CcpTerminology\n"
        + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} resources to {OUT}")


if __name__ == "__main__":
    main()
