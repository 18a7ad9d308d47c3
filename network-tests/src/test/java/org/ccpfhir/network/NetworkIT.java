package org.ccpfhir.network;

import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.searchagent.BrokerNetwork;
import org.ccpfhir.bridgehead.upload.MdsDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the cross-app integration tests: the bridgehead's integration-test context ({@link
 * PostgresIT}) wired to the real central components, each started once per JVM beside it — the
 * identity network (generator, central list), the broker and the MDS database. Every subclass has
 * the same configuration, so the test context cache runs one bridgehead for all of them.
 */
public abstract class NetworkIT extends PostgresIT {

  @DynamicPropertySource
  static void centralComponents(DynamicPropertyRegistry registry) {
    registry.add(
        "ccp.identity-network.generator-url",
        () -> IdentityNetwork.url(IdentityNetwork.shared().generator));
    registry.add(
        "ccp.identity-network.central-list-url",
        () -> IdentityNetwork.url(IdentityNetwork.shared().centralList));
    // decentralized search: the agent polls the real broker
    registry.add("ccp.search-agent.enabled", () -> "true");
    registry.add("ccp.search-agent.broker-url", () -> BrokerNetwork.shared().url());
    registry.add("ccp.search-agent.max-backoff", () -> "PT2S");
    MdsDatabase.properties(registry);
  }
}
