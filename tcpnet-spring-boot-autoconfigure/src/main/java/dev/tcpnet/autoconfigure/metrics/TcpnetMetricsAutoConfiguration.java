package dev.tcpnet.autoconfigure.metrics;

import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import java.util.ArrayList;
import java.util.List;

import dev.tcpnet.discovery.PeerDiscovery;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.metrics.TcpnetMetrics;
import dev.tcpnet.registry.PeerRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of tcpnet's Micrometer meters. Backs off when Micrometer is absent;
 * Spring Boot binds the {@link MeterBinder} to every meter registry.
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(PeerRegistry.class)
public final class TcpnetMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpnetMetrics tcpnetMetrics(PeerRegistry registry, ObjectProvider<PeerDiscovery> discoveries) {
		List<String> mechanisms = new ArrayList<>(discoveries.orderedStream().map(PeerDiscovery::mechanism).toList());
		mechanisms.add(Mesh.EXCHANGE);
		return new TcpnetMetrics(registry, mechanisms);
	}

}
