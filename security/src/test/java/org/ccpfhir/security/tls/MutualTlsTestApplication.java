package org.ccpfhir.security.tls;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare component: only what the security layer brings (identity endpoint, audit, TLS). */
@SpringBootApplication
public class MutualTlsTestApplication {}
