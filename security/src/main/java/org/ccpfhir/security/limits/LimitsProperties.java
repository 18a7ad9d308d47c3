package org.ccpfhir.security.limits;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits of every component ({@code ccp.limits.*}), checked by {@link RequestLimitFilter}
 * before a body reaches a parser, so that no client can make a component hold more than a known
 * amount of memory per request.
 *
 * @param fhirBody largest request body (FHIR JSON or XML, and anything else that is not a form or
 *     an import); larger → 413
 * @param importBody largest body on the {@code importPaths} (oBDS / ADT-GEKID documents, which may
 *     legitimately be larger); larger → 413. The string-length limit does not apply there (a whole
 *     document may be one base64 value)
 * @param importPaths request paths (after the context path) that take {@code importBody}
 * @param formBody largest form post ({@code application/x-www-form-urlencoded}, the token
 *     endpoint); also Tomcat's limit for chunked form posts
 * @param bundleEntries most elements of any list named {@code entry} (Bundle.entry); more → 400
 * @param parameters most elements of any list named {@code parameter} (Parameters.parameter); more
 *     → 400
 * @param nestingDepth deepest nesting of JSON objects/arrays or XML elements; deeper → 400
 * @param stringLength longest JSON string or XML text/attribute value, in characters; longer → 400
 * @param loginNameLength longest user name / client id the token endpoint accepts (400 before the
 *     name is checked or remembered)
 * @param loginSecretLength longest password / client secret the token endpoint accepts
 */
@Validated
@ConfigurationProperties("ccp.limits")
public record LimitsProperties(
    @DefaultValue("8MB") @NotNull DataSize fhirBody,
    @DefaultValue("64MB") @NotNull DataSize importBody,
    @DefaultValue("/fhir/$import-obds") List<String> importPaths,
    @DefaultValue("16KB") @NotNull DataSize formBody,
    @DefaultValue("5000") @Min(1) int bundleEntries,
    @DefaultValue("1000") @Min(1) int parameters,
    @DefaultValue("100") @Min(8) int nestingDepth,
    @DefaultValue("4194304") @Min(256) int stringLength,
    @DefaultValue("256") @Min(16) int loginNameLength,
    @DefaultValue("1024") @Min(16) int loginSecretLength) {

  public LimitsProperties {
    importPaths = importPaths == null ? List.of() : List.copyOf(importPaths);
  }
}
