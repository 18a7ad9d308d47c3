package org.ccpfhir.identity.generator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The control-number generator role ({@code ccp.generator.*}).
 *
 * @param enabled run this app as (or also as) the control-number generator
 * @param secretFile 32 random bytes keying every hash function; created on first start when
 *     missing. Only the generator knows it: whoever has it can test guesses of IDAT against control
 *     numbers. All generators of one network must share it.
 * @param secret the same 32 bytes as base64 instead of the file (e.g. from a secret store)
 * @param centralListUrl FHIR base of the central patient list, e.g. {@code
 *     https://patient-list:8092/fhir}; control numbers go there and nowhere else
 * @param timeout how long to wait for the central patient list
 * @param nameBits Bloom filter length for names before folding
 * @param nameHashes independent HMAC-SHA256 functions per name bigram
 * @param smallBits filter length for birth day/month/year, sex and citizenship before folding
 * @param smallHashes hash functions per unigram of those fields
 * @param fold XOR-fold each filter to half its length (the hardening step)
 */
@Validated
@ConfigurationProperties("ccp.generator")
public record GeneratorProperties(
    @DefaultValue("false") boolean enabled,
    Path secretFile,
    @DefaultValue("") String secret,
    URI centralListUrl,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("1000") @Min(128) @Max(8192) int nameBits,
    @DefaultValue("10") @Min(1) @Max(64) int nameHashes,
    @DefaultValue("256") @Min(64) @Max(1024) int smallBits,
    @DefaultValue("4") @Min(1) @Max(64) int smallHashes,
    @DefaultValue("true") boolean fold) {}
