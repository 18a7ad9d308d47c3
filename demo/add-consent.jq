# Adds to a transaction bundle of synthetic patients (synthetic --mode post --idat) a network
# consent (CCP-IT §3.2) for four of every five patients, as a data manager would record it: the
# Consent refers to the Patient entry of the same transaction; its business identifier makes a
# re-sent bundle update instead of duplicating.
[.entry[] | select(.resource.resourceType == "Patient")] as $patients
| .entry += [
    $patients | to_entries[] | select(.key % 5 != 4) | .value
    | {
        resource: {
          resourceType: "Consent",
          identifier: [{
            system: ("https://ccp-fhir.org/fhir/sid/" + ($site | ascii_downcase) + "-resource"),
            value: (.resource.identifier[0].value + "-consent")
          }],
          status: "active",
          scope: {coding: [{system: "http://terminology.hl7.org/CodeSystem/consentscope",
                            code: "research"}]},
          category: [{coding: [{system: "http://loinc.org", code: "57016-8"}]}],
          patient: {reference: .fullUrl},
          policyRule: {coding: [{system: "https://ccp-fhir.org/fhir/CodeSystem/consent-policy",
                                 code: "network"}]},
          provision: {type: "permit"}
        },
        request: {method: "POST", url: "Consent"}
      }
  ]
