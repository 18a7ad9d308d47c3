package org.ccpfhir.bridgehead.ingest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Makes ingest idempotent: a plain POST entry whose resource carries a business identifier becomes
 * a conditional update on that identifier, so re-sending the same bundle updates the stored
 * resources instead of creating copies. Entries the client already made conditional (ifNoneExist,
 * conditional URLs, PUT with an id) are left as they are.
 */
@Component
public class ConditionalEntryRewriter {

  /** Rewrites eligible entries of a transaction or batch bundle in place. */
  public void rewrite(Bundle bundle) {
    for (BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getRequest().getMethod() == HTTPVerb.POST
          && entry.hasResource()
          && !entry.getRequest().hasIfNoneExist()) {
        businessIdentifier(entry.getResource())
            .ifPresent(identifier -> toConditionalUpdate(entry, identifier));
      }
    }
  }

  private static void toConditionalUpdate(BundleEntryComponent entry, Identifier identifier) {
    String type = entry.getResource().fhirType();
    entry
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl(
            type
                + "?identifier="
                + encode(identifier.getSystem())
                + "|"
                + encode(identifier.getValue()));
  }

  /** The first identifier with system and value, for resource types that have identifiers. */
  static Optional<Identifier> businessIdentifier(Resource resource) {
    Property property = resource.getNamedProperty("identifier");
    if (property == null) {
      return Optional.empty();
    }
    for (Base value : property.getValues()) {
      if (value instanceof Identifier identifier
          && identifier.hasSystem()
          && identifier.hasValue()) {
        return Optional.of(identifier);
      }
    }
    return Optional.empty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
