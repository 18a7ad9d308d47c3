#!/usr/bin/env python3
"""Writes corpus.tsv: hand-written pathology report snippets plus snippets assembled from
hand-written German and English sentence templates, each with the expected findings.
Run from this folder; the output is committed so the test does not need Python."""
import random

FIELDS = ["T", "N", "M", "y", "r", "msym", "version", "uicc", "grading", "residual", "morphology"]

HAND = [
 ("de", "Mäßig differenziertes Adenokarzinom des Sigmas. pT3 pN1b (3/17) L1 V0 Pn0 cM0, R0 (lokal). TNM 8. Aufl.", dict(T="p:3", N="p:1b", M="c:0", version="8", grading="2", residual="R0")),
 ("de", "Invasives Karzinom NST (ICD-O 8500/3), G3. ypT1c ypN0(sn) (0/2). Resektionsränder tumorfrei (R0).", dict(T="p:1c", N="p:0(sn)", y="y", grading="3", residual="R0", morphology="8500/3")),
 ("de", "MRT: in der T2-Wichtung hyperintense Läsion im Segment VIII, kein Anhalt für Malignität.", {}),
 ("de", "Frakturen der BWK T11 und T12 ohne Tumornachweis.", {}),
 ("de", "Plattenepithelkarzinom der Lunge, gering differenziert, pT2a pN0 (0/14) L0 V0 R0, UICC-Stadium IB (TNM 8. Auflage).", dict(T="p:2a", N="p:0", version="8", uicc="IB", grading="3", residual="R0")),
 ("en", "FINAL DIAGNOSIS: Invasive ductal carcinoma, Nottingham grade 2. pT1b(m) pN0(i+) (0/3). Margins negative. AJCC/UICC 8th edition. ICD-O-3 8500/3.", dict(T="p:1b", N="p:0(i+)", msym="m", version="8", grading="2", morphology="8500/3")),
 ("en", "Patient received G-CSF after chemotherapy; no residual tumour seen in the resected bowel (ypT0 ypN0, R0).", dict(T="p:0", N="p:0", y="y", residual="R0")),
 ("de", "Klinisches Staging vor Therapie: cT3 cN1 cM0, UICC-Stadium III.", dict(T="c:3", N="c:1", M="c:0", uicc="III")),
 ("de", "Rezidiv: rpT2 pN1 (2/9) G2 R1.", dict(T="p:2", N="p:1", r="r", grading="2", residual="R1")),
 ("en", "Prostate, radical prostatectomy: acinar adenocarcinoma, Gleason score 3+4=7, ISUP grade group 2. pT2 pN0 (0/12). R0.", dict(T="p:2", N="p:0", residual="R0")),
 ("de", "Hochgradig seröses Karzinom des Ovars, FIGO-Stadium IIIC, pT3c pN1a.", dict(T="p:3c", N="p:1a")),
 ("de", "Zervixkarzinom FIGO Stadium IB2; keine Angabe zum UICC-Stadium.", {}),
 ("en", "Right hemicolectomy: adenocarcinoma, moderately differentiated. Lymph nodes 2/14. TNM: pT3 pN1b M1a (HEP). UICC stage IVA.", dict(T="p:3", N="p:1b", M=":1a", uicc="IVA", grading="2")),
 ("de", "Melanom, Tumordicke 1,2 mm, pT2a, pN1a(sn) (1/2), Clark-Level IV. ICD-O-3: 8720/3.", dict(T="p:2a", N="p:1a(sn)", morphology="8720/3")),
 ("de", "Befund vom 12.03.2024 (Eingang 8/2024): Kein Malignom nachweisbar.", {}),
 ("de", "Mammakarzinom rechts, DCIS (pTis (DCIS)), Grading G2, Resektionsrand R0.", dict(T="p:is(DCIS)", grading="2", residual="R0")),
 ("de", "Lymphknoten: 0/22 tumorfrei. Zusammenfassend: pT1 pN0 (0/22) cM0 G1 R0, TNM-Klassifikation 7. Auflage (2010).", dict(T="p:1", N="p:0", M="c:0", version="7", grading="1", residual="R0")),
 ("en", "Sections show poorly differentiated squamous cell carcinoma (8070/3) of the larynx, pT4a pN2c, resection margin involved (R1).", dict(T="p:4a", N="p:2c", grading="3", residual="R1", morphology="8070/3")),
 ("de", "Verdacht auf Lungenkarzinom; bildgebend T2 N2 M0, Stadium IIIA.", dict(T=":2", N=":2", M=":0", uicc="IIIA")),
 ("en", "Tumour board: clinical stage cT2 cN0 cM0, stage IIA. Surgery planned.", dict(T="c:2", N="c:0", M="c:0", uicc="IIA")),
 ("de", "Leberresektat mit Metastasen eines Adenokarzinoms (8140/6). R1-Resektion.", dict(residual="R1", morphology="8140/6")),
 ("de", "Residualtumorklassifikation: RX (Präparat fragmentiert).", dict(residual="RX")),
 ("en", "Kidney, partial nephrectomy: clear cell renal cell carcinoma (8310/3), WHO/ISUP grade 2, pT1a NX. Margin R0.", dict(T="p:1a", N=":X", grading="2", residual="R0", morphology="8310/3")),
 ("de", "Schilddrüse: papilläres Karzinom, multifokal pT1a(m) pNX, R0.", dict(T="p:1a", N="p:X", msym="m", residual="R0")),
 ("de", "Magenkarzinom nach neoadjuvanter Chemotherapie ypT2 ypN1 (1/25) L1 V1 Pn1, G3, R0; Regressionsgrad nach Becker 2.", dict(T="p:2", N="p:1", y="y", grading="3", residual="R0")),
 ("en", "Colon: well-differentiated neuroendocrine tumour (8240/3), G1, pT2 pN0 (0/15), R0 (TNM 8th ed.).", dict(T="p:2", N="p:0", version="8", grading="1", residual="R0", morphology="8240/3")),
 ("de", "Harnblase: urotheliales Karzinom, high-grade, pT2b pN0, G3 (WHO 1973).", dict(T="p:2b", N="p:0", grading="3")),
 ("de", "Pankreaskopfkarzinom (duktales Adenokarzinom, 8500/3), pT3 pN2 (6/18) cM1 (HEP), G3, R1 (<1 mm), UICC IV.", dict(T="p:3", N="p:2", M="c:1", uicc="IV", grading="3", residual="R1", morphology="8500/3")),
 ("en", "Breast core biopsy: invasive lobular carcinoma (8520/3), grade 2. No staging possible on biopsy.", dict(grading="2", morphology="8520/3")),
 ("de", "Plattenepithelkarzinom Oropharynx p16-positiv, cT1 cN1 cM0, Stadium I (UICC 8. Aufl.).", dict(T="c:1", N="c:1", M="c:0", version="8", uicc="I")),
 ("de", "Bronchialkarzinom: T1c N0 M0 nach bildgebendem Staging; histologisch Adenokarzinom (ICD-O 8140/3).", dict(T=":1c", N=":0", M=":0", morphology="8140/3")),
 ("en", "Rectum after chemoradiotherapy: complete response, ypT0 ypN0 (0/14), Dworak regression grade 4, R0.", dict(T="p:0", N="p:0", y="y", residual="R0")),
 ("de", "Endometrium: endometrioides Adenokarzinom G1, pT1a pN0 (0/8) L0 V0, FIGO IA.", dict(T="p:1a", N="p:0", grading="1")),
 ("de", "Kolonkarzinom; Vorbefund G2; aktuell entdifferenzierte Anteile G3, pT4a pN2b (9/21), R0.", dict(T="p:4a", N="p:2b", grading="3", residual="R0")),
 ("en", "Lung, lobectomy: adenocarcinoma, acinar predominant, pT1b pN1 (1/12) cM0; stage IIB (UICC 8th ed.).", dict(T="p:1b", N="p:1", M="c:0", version="8", uicc="IIB")),
 ("de", "Ösophagus: Barrett-Adenokarzinom ypT3 ypN2 (3/22) M0, G3, R0, UICC-Stadium IIIB.", dict(T="p:3", N="p:2", M=":0", y="y", uicc="IIIB", grading="3", residual="R0")),
 ("de", "Zweitbefund ohne neue Aspekte. Histologie siehe Vorbefund.", {}),
 ("en", "Specimen: sigmoid colon. Diagnosis: tubular adenoma with low-grade dysplasia. No invasive carcinoma.", {}),
 ("de", "Zytologie: R2-Situation bei makroskopisch verbliebenem Tumor an der Beckenwand.", dict(residual="R2")),
 ("en", "Staging summary (TNM 7th edition): pT2 pN1mi pMX.", dict(T="p:2", N="p:1mi", M="p:X", version="7")),
 ("de", "Lymphom-Infiltrate (diffus großzelliges B-Zell-Lymphom, ICD-O 9680/3), Ann-Arbor-Stadium IIA.", dict(morphology="9680/3")),
 ("de", "Diagnose: Adenokarzinom der Prostata, Gleason 4+4=8, pT3b pN1 (2/16) R1, TNM 2017.", dict(T="p:3b", N="p:1", version="8", residual="R1")),
 ("en", "Margin status: R0. Grade: 3. Stage: pT2 pN0.", dict(T="p:2", N="p:0", grading="3", residual="R0")),
 ("de", "Tumorformel: yrpT3 pN0 (0/11) cM0 L0 V0 Pn1 R0.", dict(T="p:3", N="p:0", M="c:0", y="y", r="r", residual="R0")),
 ("en", "Appendix: low grade appendiceal mucinous neoplasm (8480/1), pTis(LAMN). Margins free.", dict(T="p:is", morphology="8480/1")),
 ("de", "Mammakarzinom links: pT2 (3) pN1a (2/3 sn), G2, R0.", dict(T="p:2", N="p:1a", msym="3", grading="2", residual="R0")),
 ("en", "The tumour measures 4.3 cm (T3 by size alone) - final pathologic stage pending.", {}),
 ("de", "Zusätzlich Lymphknotenmetastase N1 erwähnt im Klinikbrief; pathologisch pN0 (0/19).", dict(N="p:0")),
 ("en", "Metastatic melanoma to brain (8720/6). M1d.", dict(M=":1d", morphology="8720/6")),
 ("de", "Leber: HCC (8170/3), Edmondson-Steiner Grad II, pT2 pNX R0, UICC-Stadium II.", dict(T="p:2", N="p:X", uicc="II", residual="R0", morphology="8170/3")),
 ("en", "Gastric biopsy: signet ring cell carcinoma (8490/3), poorly cohesive, G3.", dict(grading="3", morphology="8490/3")),
 ("de", "Nierenzellkarzinom, klarzellig, ISUP-Grad 3, pT3a pN0 cM0 R0, UICC-Stadium III.", dict(T="p:3a", N="p:0", M="c:0", uicc="III", grading="3", residual="R0")),
 ("en", "Pathological staging: pT3 N1 M0 (AJCC 7th ed), overall stage III.", dict(T="p:3", N=":1", M=":0", version="7", uicc="III")),
 ("de", "Mammakarzinom: pT1c pN0(i-) (0/2 sn), G2, R0, TNM 8. Aufl.", dict(T="p:1c", N="p:0(i-)", grading="2", residual="R0", version="8")),
 ("en", "Hepatic flexure carcinoma, undifferentiated (G4), pT4b pN2a, R2 (tumour left at the duodenum).", dict(T="p:4b", N="p:2a", grading="4", residual="R2")),
 ("de", "Sarkom des Oberschenkels, Grading nach FNCLCC G2, R1-Resektion, pT2 pN0.", dict(T="p:2", N="p:0", grading="2", residual="R1")),
 ("de", "Glioblastom (9440/3), WHO-Grad 4, IDH-Wildtyp.", dict(morphology="9440/3")),
 ("en", "Tumour cells positive for CK7, TTF-1; negative for CK20. Ki-67 about 30 %. No TNM given.", {}),
 ("de", "Anal-Karzinom: cT2 cN1a cM0; nach Radiochemotherapie ycT0 ycN0.", dict(T="c:0", N="c:0", M="c:0", y="y")),
 ("en", "Thyroid: follicular carcinoma (8330/3), minimally invasive, pT2 pNX cM0. Stage I.", dict(T="p:2", N="p:X", M="c:0", uicc="I", morphology="8330/3")),
]

# Written after the rules were tuned and never used for tuning: a small held-out set.
HELD_OUT = [
 ("de", "Kolon-Resektat: Adenokarzinom (8140/3), G2, Tumorinfiltration bis in die Subserosa; pT3, pN0 (0/24), L0, V0, Pn0; R0. Klassifikation nach UICC, 8. Auflage.", dict(T="p:3", N="p:0", version="8", grading="2", residual="R0", morphology="8140/3")),
 ("en", "Left breast, mastectomy: Invasive carcinoma NST, histological grade III (Elston-Ellis). Tumour size 28 mm. Sentinel nodes 1/3 positive. pT2 pN1a(sn). Margins clear.", dict(T="p:2", N="p:1a(sn)")),
 ("de", "Befund: Mäßig bis schlecht differenziertes Plattenepithelkarzinom (G2-3) der Zunge, pT2 pN2b, L1, V0, Pn1, R1 (basal).", dict(T="p:2", N="p:2b", grading="3", residual="R1")),
 ("en", "Sigmoid colon: adenocarcinoma arising in a villous adenoma. Pathological staging (UICC 8): pT1 pN0 (0/17). Resection status R0.", dict(T="p:1", N="p:0", version="8", residual="R0")),
 ("de", "Nach neoadjuvanter Radiochemotherapie: ypT3 ypN1a (1/16) cM0, Tumorregression Dworak 2, R0, UICC-Stadium IIIB.", dict(T="p:3", N="p:1a", M="c:0", y="y", uicc="IIIB", residual="R0")),
 ("en", "Urinary bladder (TURB): high grade papillary urothelial carcinoma, invasive into lamina propria (pT1), muscularis propria present and free. G3 (WHO 1973).", dict(T="p:1", grading="3")),
 ("de", "Prostata: Adenokarzinom, Gleason-Score 4+3=7b, ISUP-Gradgruppe 3, pT3a pN0 (0/14) L0 V0 Pn1 R0.", dict(T="p:3a", N="p:0", residual="R0")),
 ("en", "Lung wedge: metastasis of colorectal adenocarcinoma (8140/6), margin 2 mm, R0.", dict(residual="R0", morphology="8140/6")),
 ("de", "Magen: Siegelringzellkarzinom (8490/3) diffuser Typ nach Laurén, G3, pT4a pN3b (17/35) M1 (PER), R1.", dict(T="p:4a", N="p:3b", M=":1", grading="3", residual="R1", morphology="8490/3")),
 ("en", "Clinical staging CT: cT4 cN2 cM1b; stage IVA (8th ed. TNM).", dict(T="c:4", N="c:2", M="c:1b", version="8", uicc="IVA")),
 ("de", "Haut: superfiziell spreitendes Melanom, Tumordicke 0,6 mm, pT1a, keine Ulzeration. Exzision im Gesunden (R0).", dict(T="p:1a", residual="R0")),
 ("en", "Pancreas, Whipple: ductal adenocarcinoma, poorly differentiated, ypT2 ypN1 (2/21), R1 at the SMA margin.", dict(T="p:2", N="p:1", y="y", grading="3", residual="R1")),
 ("de", "Rektum: tubuläres Adenom mit hochgradiger intraepithelialer Neoplasie, kein Anhalt für invasives Wachstum.", {}),
 ("en", "Endometrium: endometrioid carcinoma FIGO grade 1, myometrial invasion < 50%, pT1a pN0(sn) (0/4). FIGO stage IA.", dict(T="p:1a", N="p:0(sn)", grading="1")),
 ("de", "Niere: papilläres Nierenzellkarzinom (8260/3), WHO/ISUP Grad 2, pT1b pNX cM0, R0.", dict(T="p:1b", N="p:X", M="c:0", grading="2", residual="R0", morphology="8260/3")),
 ("en", "Oesophagus: squamous cell carcinoma, G2, ypT1b ypN0 (0/31); TNM classification 8th edition; UICC stage I.", dict(T="p:1b", N="p:0", y="y", version="8", uicc="I", grading="2")),
 ("de", "Schilddrüse: papilläres Mikrokarzinom (8341/3), unifokal, pT1a(1) pN0 (0/3), R0.", dict(T="p:1a", N="p:0", msym="1", residual="R0", morphology="8341/3")),
 ("en", "Ovary: low-grade serous carcinoma (8460/3), FIGO IIB; pT2b pN0.", dict(T="p:2b", N="p:0", morphology="8460/3")),
 ("de", "Mamma rechts: Invasives lobuläres Karzinom G2, multizentrisch pT2(m) pN3a (12/19) pM1 (OSS), R0, UICC IV.", dict(T="p:2", N="p:3a", M="p:1", msym="m", uicc="IV", grading="2", residual="R0")),
 ("en", "Liver biopsy: hepatocellular carcinoma, moderately differentiated (Edmondson-Steiner grade II). No TNM assigned on biopsy.", dict(grading="2")),
]

# A second held-out batch, written later, also never used for tuning.
HELD_OUT_2 = [
 ("de", "Resektat Colon ascendens: mäßig differenziertes Adenokarzinom, Infiltration des perikolischen Fettgewebes. 0 von 21 Lymphknoten befallen. Tumorstadium pT3 pN0 (0/21), L0, V0, R0 (TNM 8. Auflage).", dict(T="p:3", N="p:0", version="8", grading="2", residual="R0")),
 ("en", "DIAGNOSIS: Right upper lobe, lobectomy: Invasive non-mucinous adenocarcinoma, lepidic and acinar patterns (ICD-O 8140/3). Pathologic stage pT1b pN0. Surgical margins negative for tumour (R0).", dict(T="p:1b", N="p:0", residual="R0", morphology="8140/3")),
 ("de", "Harnblasen-TUR: nicht-invasives papilläres Urothelkarzinom, low grade (pTa), Muskulatur tumorfrei.", dict(T="p:a")),
 ("en", "Stomach, total gastrectomy after FLOT: ypT3 ypN2 (4/31), tumour regression grade 3 (Becker), poorly cohesive carcinoma, G3, margins clear.", dict(T="p:3", N="p:2", y="y", grading="3")),
 ("de", "Prostatektomie: azinäres Adenokarzinom, Gleason 3+3=6 (ISUP-Gradgruppe 1), pT2c pN0 (0/9) R0.", dict(T="p:2c", N="p:0", residual="R0")),
 ("en", "Breast, left, wide local excision: invasive carcinoma (NST), grade 1, 11 mm. Sentinel node negative: pT1c pN0(sn). Final margins > 2 mm.", dict(T="p:1c", N="p:0(sn)", grading="1")),
 ("de", "Kolorektales Karzinom mit synchronen Lebermetastasen: pT3 pN1a (1/18) pM1a (HEP), G2, R0 (lokal), R2 (gesamt, belassene Lebermetastasen).", dict(T="p:3", N="p:1a", M="p:1a", grading="2", residual="R2")),
 ("en", "Clinical note: CT shows a 3 cm mass; cT2a cN0 cM0 per tumour board. Biopsy pending.", dict(T="c:2a", N="c:0", M="c:0")),
 ("de", "Mamma-Stanzbiopsie: Invasives Karzinom NST, G3, ER 0 %, PR 0 %, HER2 negativ (Score 1+), Ki-67 70 %.", dict(grading="3")),
 ("en", "Soft tissue, thigh: undifferentiated pleomorphic sarcoma (8802/3), FNCLCC grade 3, size 9 cm, margins R1 at the deep aspect.", dict(grading="3", residual="R1", morphology="8802/3")),
 ("de", "Ösophagusresektat nach CROSS: kein vitaler Resttumor (ypT0 ypN0 (0/28)), vollständige Regression, R0.", dict(T="p:0", N="p:0", y="y", residual="R0")),
 ("en", "Pancreas tail: well differentiated neuroendocrine tumour G2 (Ki-67 5 %), pT2 pN1 (2/11), resection margin R0, TNM 8th edition.", dict(T="p:2", N="p:1", grading="2", residual="R0", version="8")),
 ("de", "Zervix-Konisation: Plattenepithelkarzinom, mikroinvasiv, FIGO IA1, Resektionsränder frei.", {}),
 ("en", "Rectum, low anterior resection: adenocarcinoma G2, ypT2 ypN1b (2/19) cM0; UICC stage IIIA (ypT2 N1 M0).", dict(T="p:2", N="p:1b", M="c:0", y="y", uicc="IIIA", grading="2")),
 ("de", "Lymphknotenexstirpation zervikal: Metastase eines Plattenepithelkarzinoms (8070/6), extranodale Ausbreitung.", dict(morphology="8070/6")),
 ("en", "Testis: seminoma (9061/3), pT1 pNX, stage IS due to elevated markers.", dict(T="p:1", N="p:X", uicc="IS", morphology="9061/3")),
 ("de", "Wächterlymphknoten links axillär: Isolierte Tumorzellen, pN0(i+)(sn).", dict(N="p:0(i+)")),
 ("en", "Skin, excision: basal cell carcinoma (8090/3), completely excised (R0).", dict(residual="R0", morphology="8090/3")),
 ("de", "Nephrektomie: chromophobes Nierenzellkarzinom (8317/3), pT2a, pNX, cM0, R0; UICC II.", dict(T="p:2a", N="p:X", M="c:0", uicc="II", residual="R0", morphology="8317/3")),
 ("en", "Colon polyp: adenocarcinoma arising in a tubulovillous adenoma, pT1, G2, stalk margin clear (R0). Haggitt level 2.", dict(T="p:1", grading="2", residual="R0")),
 ("de", "Lungenresektat: Plattenepithelkarzinom G3, zwei Herde im selben Lappen, pT3 (2) pN2 (3/20) R0.", dict(T="p:3", N="p:2", msym="2", grading="3", residual="R0")),
 ("en", "Bladder, cystectomy: urothelial carcinoma, high grade, pT3a pN0 (0/22), L0 V0, margins negative.", dict(T="p:3a", N="p:0")),
 ("de", "Rezidiv eines Rektumkarzinoms im kleinen Becken, rpT4b, R2-Resektion.", dict(T="p:4b", r="r", residual="R2")),
 ("en", "Final staging per AJCC 8th edition: pT2 pN3a pM1b. Stage IV.", dict(T="p:2", N="p:3a", M="p:1b", version="8", uicc="IV")),
 ("de", "Klinisch-radiologisches Staging (CT Thorax/Abdomen): T4 N3 M1c, UICC-Stadium IVB.", dict(T=":4", N=":3", M=":1c", uicc="IVB")),
 ("en", "Liver segment VI: colorectal metastasis, R0, 8140/6; no further lesions.", dict(residual="R0", morphology="8140/6")),
 ("de", "Mamma rechts, Mastektomie nach neoadjuvanter Chemotherapie: ypTis ypN0 (0/14), kein invasiver Resttumor.", dict(T="p:is", N="p:0", y="y")),
 ("en", "Thyroid: poorly differentiated carcinoma (8337/3), pT3a pN1b, R1.", dict(T="p:3a", N="p:1b", residual="R1", morphology="8337/3")),
 ("de", "Magenbiopsie: Adenokarzinom vom diffusen Typ nach Laurén, gering differenziert (G3). Staging erfolgt klinisch.", dict(grading="3")),
 ("en", "Oropharynx, biopsy: HPV-associated squamous cell carcinoma, p16 positive; clinical staging cT2 cN1 cM0 (UICC 8th ed.), stage I.", dict(T="c:2", N="c:1", M="c:0", version="8", uicc="I")),
]

DE_MORPH = [("Adenokarzinom", "8140/3"), ("invasives Karzinom NST", "8500/3"), ("Plattenepithelkarzinom", "8070/3"),
            ("lobuläres Karzinom", "8520/3"), ("muzinöses Adenokarzinom", "8480/3"), ("kleinzelliges Karzinom", "8041/3"),
            ("malignes Melanom", "8720/3"), ("Karzinoid", "8240/3"), ("hepatozelluläres Karzinom", "8170/3"),
            ("Urothelkarzinom", "8120/3"), ("Adenokarzinom vom intestinalen Typ", "8144/3")]
EN_MORPH = [("adenocarcinoma", "8140/3"), ("invasive carcinoma of no special type", "8500/3"),
            ("squamous cell carcinoma", "8070/3"), ("invasive lobular carcinoma", "8520/3"),
            ("mucinous adenocarcinoma", "8480/3"), ("small cell carcinoma", "8041/3"),
            ("malignant melanoma", "8720/3"), ("urothelial carcinoma", "8120/3"),
            ("papillary carcinoma", "8260/3"), ("serous carcinoma", "8441/3")]
ORGANS_DE = ["des Kolons", "des Rektums", "der Mamma", "der Lunge", "des Magens", "der Prostata", "der Harnblase", "des Pankreas", "der Niere", "des Ösophagus"]
ORGANS_EN = ["of the colon", "of the rectum", "of the breast", "of the lung", "of the stomach", "of the prostate", "of the bladder", "of the pancreas", "of the kidney", "of the oesophagus"]
T_VALUES = ["1", "1a", "1b", "1c", "1mi", "2", "2a", "2b", "3", "3a", "3b", "4", "4a", "4b", "is", "X", "0"]
N_VALUES = ["0", "1", "1a", "1b", "1c", "2", "2a", "2b", "3", "X", "0(sn)", "1(sn)", "0(i+)", "1mi"]
M_VALUES = ["0", "1", "1a", "1b", "1c", "X"]
STAGES = ["0", "I", "IA", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB"]
GRADES = ["1", "2", "3", "4", "X"]
RES = ["R0", "R1", "R2", "RX"]
DIFF_DE = {"1": "gut differenziert", "2": "mäßig differenziert", "3": "schlecht differenziert", "4": "undifferenziert"}
DIFF_EN = {"1": "well differentiated", "2": "moderately differentiated", "3": "poorly differentiated", "4": "undifferentiated"}
VERSION_DE = {"8": ["TNM 8. Aufl.", "TNM-Klassifikation, 8. Auflage", "UICC 2017", "nach TNM 8. Auflage (UICC)"],
              "7": ["TNM 7. Aufl.", "TNM-Klassifikation 7. Auflage", "UICC 2010"], "6": ["TNM 6. Auflage", "UICC 2002"]}
VERSION_EN = {"8": ["TNM 8th edition", "UICC TNM, 8th ed.", "AJCC/UICC 8th edition", "TNM8"],
              "7": ["TNM 7th edition", "AJCC 7th ed."], "6": ["TNM 6th edition"]}


def nfmt(v):
    return v


def tnm_text(rng, t, n, m, y, r, msym, tpre, npre, mpre, style):
    sym = ("y" if y else "") + ("r" if r else "")
    tt = f"{sym}{tpre}T{t}"
    if msym:
        tt += f"({msym})" if rng.random() < 0.7 else f" ({msym})"
    parts = [tt]
    if n is not None:
        nn = f"{'y' if y and npre else ''}{npre}N{n}"
        if rng.random() < 0.5 and not n.startswith("X"):
            pos = rng.randint(0, 5) if not n.startswith("0") else 0
            nn += f" ({pos}/{rng.randint(max(pos, 1), 30)})"
        parts.append(nn)
    if style == "lv" and n is not None:
        parts.append(rng.choice(["L0 V0", "L1 V0 Pn0", "L0 V0 Pn1", "L1 V1"]))
    if m is not None:
        parts.append(f"{mpre}M{m}")
    sep = rng.choice([" ", " ", ", ", " "])
    return sep.join(parts)


def tnm_fields(rng, pathological_only=False):
    clinical = (not pathological_only) and rng.random() < 0.2
    t = rng.choice(T_VALUES)
    n = rng.choice(N_VALUES) if rng.random() < 0.9 else None
    m = rng.choice(M_VALUES) if rng.random() < 0.6 else None
    y = (not clinical) and rng.random() < 0.2
    r = (not clinical) and rng.random() < 0.06
    msym = rng.choice(["m", "2", "3"]) if (rng.random() < 0.1 and t not in ("is", "X", "0")) else ""
    if clinical:
        tpre, npre, mpre = "c", "c", "c"
    else:
        tpre, npre = "p", "p"
        mpre = rng.choice(["c", "c", "p", ""])
        if m == "X":
            mpre = rng.choice(["c", ""])
    if n is not None and n.endswith(")") and clinical:
        n = "1"
    return clinical, t, n, m, y, r, msym, tpre, npre, mpre


def expected_tnm(t, n, m, y, r, msym, tpre, npre, mpre):
    e = {"T": f"{tpre}:{t}"}
    if n is not None:
        e["N"] = f"{npre}:{n}"
    if m is not None:
        e["M"] = f"{mpre}:{m}"
    if y:
        e["y"] = "y"
    if r:
        e["r"] = "r"
    if msym:
        e["msym"] = msym
    return e


def generated(rng, i):
    lang = "de" if i % 2 == 0 else "en"
    exp = {}
    sentences = []
    morph_name, morph_code = rng.choice(DE_MORPH if lang == "de" else EN_MORPH)
    organ = rng.choice(ORGANS_DE if lang == "de" else ORGANS_EN)
    # histology sentence
    grade = rng.choice(GRADES) if rng.random() < 0.75 else None
    g_style = rng.choice(["token", "word", "diff"]) if grade else None
    if grade == "X" and g_style == "diff":
        g_style = "token"
    head = f"{morph_name} {organ}" if lang == "de" else f"{morph_name.capitalize() if rng.random()<0.5 else morph_name} {organ}"
    if rng.random() < 0.6:
        head += f" (ICD-O-3 {morph_code})" if rng.random() < 0.5 else f", ICD-O {morph_code}"
        exp["morphology"] = morph_code
    if grade:
        exp["grading"] = grade
        if g_style == "token":
            head += f", G{grade}" if rng.random() < 0.8 else f" (G {grade})"
        elif g_style == "word":
            head += (f", Grading: G{grade}" if rng.random() < 0.5 else f". Differenzierungsgrad {grade}") if lang == "de" else (f", histologic grade {grade}" if rng.random() < 0.5 else f". Grade: {grade}")
        else:
            head = (DIFF_DE if lang == "de" else DIFF_EN)[grade] + "es " * 0 + " " + head if False else head + ", " + (DIFF_DE if lang == "de" else DIFF_EN)[grade]
    sentences.append(head + ".")
    # TNM sentence
    if rng.random() < 0.85:
        clinical, t, n, m, y, r, msym, tpre, npre, mpre = tnm_fields(rng)
        exp.update(expected_tnm(t, n, m, y, r, msym, tpre, npre, mpre))
        style = rng.choice(["plain", "lv"])
        tnm = tnm_text(rng, t, n, m, y, r, msym, tpre, npre, mpre, style)
        lead = rng.choice(["Tumorformel:", "TNM:", "Klassifikation:", "Staging:", ""] if lang == "de" else ["TNM:", "Pathologic stage:", "Staging:", "Classification:", ""])
        sentences.append((lead + " " + tnm).strip() + ".")
        if rng.random() < 0.25 and not clinical:
            # a clinical classification mentioned first, the pathological one must win
            ct = rng.choice(["2", "3", "4"])
            pre = "Prätherapeutisch cT%s cN1 cM0." % ct if lang == "de" else "Pre-treatment cT%s cN1 cM0." % ct
            sentences.insert(1, pre)
            if "M" not in exp:
                exp["M"] = "c:0"
    # version
    if rng.random() < 0.45:
        v = rng.choice(["8", "8", "7", "6"])
        exp["version"] = v
        sentences.append("(" + rng.choice((VERSION_DE if lang == "de" else VERSION_EN)[v]) + ")")
    # stage
    if rng.random() < 0.4:
        st = rng.choice(STAGES)
        exp["uicc"] = st
        sentences.append(rng.choice([f"UICC-Stadium {st}.", f"Stadium {st} (UICC).", f"Tumorstadium nach UICC: {st}."] if lang == "de" else [f"UICC stage {st}.", f"Stage group: {st}.", f"Overall stage {st}."]))
    # residual
    if rng.random() < 0.6:
        res = rng.choice(RES)
        exp["residual"] = res
        sentences.append(rng.choice([f"Resektionsränder: {res}.", f"{res}-Resektion.", f"Residualtumor: {res}", f"({res})"] if lang == "de" else [f"Resection margins: {res}.", f"{res} resection.", f"Residual tumour classification {res}.", f"({res})"]))
    # noise
    if rng.random() < 0.4:
        sentences.append(rng.choice(["Ki-67 ca. 20 %.", "Immunhistochemie: CK7+, CK20-.", "Eingang 14.02.2024, Journal-Nr. 24/1187.", "HER2-Score 1+.", "Lymphknoten 0/12."] if lang == "de" else ["Ki-67 about 20%.", "IHC: CK7 positive, CK20 negative.", "Received 14 Feb 2024, case 24/1187.", "HER2 score 1+.", "Lymph nodes 0/12."]))
    if rng.random() < 0.3:
        rng.shuffle(sentences[1:])
    return lang, " ".join(sentences), exp


def main():
    rng = random.Random(20261130)
    rows = []
    for k, (lang, text, exp) in enumerate(HAND, 1):
        rows.append((f"h{k:03d}", lang, text, exp))
    for k, (lang, text, exp) in enumerate(HELD_OUT + HELD_OUT_2, 1):
        rows.append((f"x{k:03d}", lang, text, exp))
    for i in range(170):
        lang, text, exp = generated(rng, i)
        rows.append((f"g{i + 1:03d}", lang, text, exp))
    with open("corpus.tsv", "w", encoding="utf-8") as out:
        out.write("# Pathology report snippets with expected findings; written for the ccp-fhir tests by make_corpus.py.\n")
        out.write("# T, N, M as prefix:value (prefix c, p, u or empty); empty cell = not stated.\n")
        out.write("\t".join(["id", "lang", "text"] + FIELDS) + "\n")
        for rid, lang, text, exp in rows:
            assert "\t" not in text
            out.write("\t".join([rid, lang, text] + [exp.get(f, "") for f in FIELDS]) + "\n")
    print(len(rows), "rows")


main()
