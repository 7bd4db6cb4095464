package dev.tcpnet.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code tcpnet.discovery.static.peers} lists at least one seed.
 */
class OnStaticPeersCondition extends SpringBootCondition {

	private static final String PROPERTY = "tcpnet.discovery.static.peers";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean hasSeeds = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Bindable.listOf(String.class))
			.map((peers) -> !peers.isEmpty())
			.orElse(false);
		return hasSeeds ? ConditionOutcome.match(PROPERTY + " is set")
				: ConditionOutcome.noMatch(PROPERTY + " is empty");
	}

}
