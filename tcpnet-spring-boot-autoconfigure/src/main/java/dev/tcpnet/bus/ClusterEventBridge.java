/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.tcpnet.bus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import dev.tcpnet.Broadcast;
import dev.tcpnet.Tcpnet;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * The event bus: sends each {@link ClusterEvent} the application publishes to every peer
 * (as {@link Tcpnet#broadcast(String, byte[])} does: exactly once, in order, buffered
 * across short outages, drops counted and published as
 * {@link dev.tcpnet.event.MessageDroppedEvent}s), and publishes those the peers send.
 *
 * <p>
 * It listens to every application event but is told only of those whose payload type is
 * marked (Spring caches that answer per event type), and never of those whose source is a
 * {@link ClusterEventSource}: an event received from a peer is never sent on, so events
 * cannot loop between nodes. It runs after the local listeners that declare no order
 * ({@link Ordered#LOWEST_PRECEDENCE}), in the publisher's thread: events published from
 * one thread leave in the order published. An event that cannot be converted or is too
 * large fails the {@code publishEvent} call, as a failing local listener does.
 *
 * @since 0.1.0
 */
public class ClusterEventBridge implements GenericApplicationListener, InitializingBean, BeanClassLoaderAware {

	private static final Logger logger = LoggerFactory.getLogger(ClusterEventBridge.class);

	private final Tcpnet tcpnet;

	private final DefaultPeerRegistry registry;

	private final TcpnetPayloadConverter converter;

	private final ApplicationEventPublisher publisher;

	private final Set<Class<?>> warnedApplicationEvents = ConcurrentHashMap.newKeySet();

	private @Nullable ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	/**
	 * Creates the bridge.
	 * @param tcpnet the mesh the events go out on
	 * @param registry the registry the events come in from
	 * @param converter the converter of events to payloads and back
	 * @param publisher where events received from peers are published
	 */
	public ClusterEventBridge(Tcpnet tcpnet, DefaultPeerRegistry registry, TcpnetPayloadConverter converter,
			ApplicationEventPublisher publisher) {
		this.tcpnet = tcpnet;
		this.registry = registry;
		this.converter = converter;
		this.publisher = publisher;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void afterPropertiesSet() {
		ClassLoader loader = (this.classLoader != null) ? this.classLoader : ClusterEventBridge.class.getClassLoader();
		this.registry.addTopicListener(
				new ClusterEventReceiver(new ClusterEventTypes(loader), this.converter, this.publisher, this.registry));
	}

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.toClass();
		if (PayloadApplicationEvent.class.isAssignableFrom(type)) {
			Class<?> payload = eventType.as(PayloadApplicationEvent.class).getGeneric().resolve();
			return payload == null || ClusterEventTypes.isMarked(payload);
		}
		// Told of a marked ApplicationEvent only to say that it stays here.
		return ClusterEventTypes.isMarked(type);
	}

	@Override
	public boolean supportsSourceType(@Nullable Class<?> sourceType) {
		return sourceType == null || !ClusterEventSource.class.isAssignableFrom(sourceType);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (ClusterEvents.isRemote(event)) {
			return;
		}
		if (event instanceof PayloadApplicationEvent<?> payloadEvent) {
			Object payload = payloadEvent.getPayload();
			if (ClusterEventTypes.isMarked(payload.getClass())) {
				send(payload);
			}
		}
		else if (ClusterEventTypes.isMarked(event.getClass()) && this.warnedApplicationEvents.add(event.getClass())) {
			logger.warn("{} is marked @ClusterEvent but is an ApplicationEvent, whose source cannot travel: "
					+ "it stays on this node. Publish a record or POJO instead", event.getClass().getName());
		}
	}

	/**
	 * Sends an event to every peer.
	 * @param event the event, of a type marked {@link ClusterEvent}
	 * @return the peers it was sent to, each with the future of its acknowledgement
	 */
	protected Broadcast send(Object event) {
		byte[] body = this.converter.toPayload(event);
		return this.tcpnet.broadcast(ClusterEvents.TOPIC, new EventEnvelope(event.getClass().getName(), body).encode());
	}

	@Override
	public String toString() {
		return "ClusterEventBridge";
	}

}
