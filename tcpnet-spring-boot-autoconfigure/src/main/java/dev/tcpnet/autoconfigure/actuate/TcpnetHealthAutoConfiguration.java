package dev.tcpnet.autoconfigure.actuate;

import dev.tcpnet.actuate.TcpnetHealthIndicator;
import dev.tcpnet.autoconfigure.TcpnetAutoConfiguration;
import dev.tcpnet.autoconfigure.TcpnetProperties;
import dev.tcpnet.context.TcpnetBootstrap;
import dev.tcpnet.registry.PeerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code tcpnet} health component. Backs off without
 * {@code spring-boot-health}; {@code management.health.tcpnet.enabled=false} switches it
 * off.
 */
@AutoConfiguration(after = TcpnetAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ TcpnetBootstrap.class, PeerRegistry.class })
@ConditionalOnEnabledHealthIndicator("tcpnet")
public final class TcpnetHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tcpnetHealthIndicator")
	TcpnetHealthIndicator tcpnetHealthIndicator(PeerRegistry registry, TcpnetBootstrap bootstrap,
			TcpnetProperties properties) {
		return new TcpnetHealthIndicator(registry, bootstrap::isRunning, properties.getHealth().getMinPeers());
	}

}
