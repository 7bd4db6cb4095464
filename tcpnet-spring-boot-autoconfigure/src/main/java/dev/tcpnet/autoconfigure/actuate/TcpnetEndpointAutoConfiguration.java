package dev.tcpnet.autoconfigure.actuate;

import dev.tcpnet.Tcpnet;
import dev.tcpnet.actuate.TcpnetEndpoint;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.registry.PeerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code tcpnet} Actuator endpoint. Backs off when Actuator is
 * absent; {@code management.endpoint.tcpnet.access} applies as to any endpoint.
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean({ Tcpnet.class, PeerRegistry.class })
public final class TcpnetEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	TcpnetEndpoint tcpnetEndpoint(Tcpnet tcpnet, PeerRegistry registry, ObjectProvider<PeerDiscovery> discoveries) {
		return new TcpnetEndpoint(tcpnet, registry, discoveries.orderedStream().toList());
	}

}
