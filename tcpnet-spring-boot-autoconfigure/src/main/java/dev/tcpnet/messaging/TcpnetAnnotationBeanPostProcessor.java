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

package dev.tcpnet.messaging;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.tcpnet.RequestHandler;
import dev.tcpnet.TcpnetListener;
import dev.tcpnet.TcpnetRequestHandler;
import dev.tcpnet.TopicListener;
import dev.tcpnet.convert.DefaultPayloadConverter;
import dev.tcpnet.convert.TcpnetPayloadConverter;
import dev.tcpnet.mesh.Mesh;
import dev.tcpnet.registry.DefaultPeerRegistry;

/**
 * Finds the {@link TcpnetListener @TcpnetListener} and
 * {@link TcpnetRequestHandler @TcpnetRequestHandler} methods of beans as they are
 * initialized (on the proxy's target class, called through the proxy) and, once every
 * singleton exists, registers an adapter per method and topic: listeners with the
 * {@link DefaultPeerRegistry}, which dispatches them as it does {@link TopicListener}
 * beans, and request handlers with the {@link Mesh}. Methods of beans initialized later
 * are registered at once.
 *
 * <p>
 * A request topic has one handler: the second {@link RequestHandler} bean or annotated
 * method for a topic fails the start with a message naming both.
 *
 * @since 0.1.0
 */
public class TcpnetAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private static final Logger logger = LoggerFactory.getLogger(TcpnetAnnotationBeanPostProcessor.class);

	private static final Set<Class<? extends Annotation>> ANNOTATIONS = Set.of(TcpnetListener.class,
			TcpnetRequestHandler.class);

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	// Who answers each request topic, to name both when a second one claims it.
	private final Map<String, String> requestTopics = new HashMap<>();

	private final List<Endpoint> pending = new ArrayList<>();

	private @Nullable ConfigurableBeanFactory beanFactory;

	private @Nullable Targets targets;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof RequestHandler handler && !(bean instanceof AnnotatedRequestHandler)) {
			claim(handler.topic(), "bean '" + beanName + "'");
		}
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		if (!AnnotationUtils.isCandidateClass(targetClass, ANNOTATIONS) || isSpringContainerClass(targetClass)) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		// One pass over the methods finds both annotations: the scan is most of what
		// this post-processor costs a start
		Map<Method, Annotated> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Annotated>) Annotated::of);
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		methods.forEach((method, annotated) -> {
			TcpnetListener listener = annotated.listener();
			if (listener != null) {
				listener(bean, beanName, targetClass, method, listener);
			}
			TcpnetRequestHandler handler = annotated.handler();
			if (handler != null) {
				handler(bean, beanName, targetClass, method, handler);
			}
		});
		return bean;
	}

	/**
	 * Spring's own infrastructure beans, skipped as Spring's
	 * {@code EventListenerMethodProcessor} skips them: none can carry tcpnet's
	 * annotations unless it is a component.
	 */
	private static boolean isSpringContainerClass(Class<?> type) {
		return type.getName().startsWith("org.springframework.")
				&& !AnnotatedElementUtils.isAnnotated(ClassUtils.getUserClass(type), Component.class);
	}

	private void listener(Object bean, String beanName, Class<?> targetClass, Method method,
			TcpnetListener annotation) {
		ListenerMethod listener = new ListenerMethod(bean, AopUtils.selectInvocableMethod(method, bean.getClass()),
				targetClass);
		ListenerCondition condition = StringUtils.hasText(annotation.condition())
				? new ListenerCondition(annotation.condition(), requireBeanFactory()) : null;
		for (String topic : topics(annotation.topics(), listener, TcpnetListener.class)) {
			register(new Endpoint(topic, listener, condition, false));
		}
	}

	private void handler(Object bean, String beanName, Class<?> targetClass, Method method,
			TcpnetRequestHandler annotation) {
		ListenerMethod handler = new ListenerMethod(bean, AopUtils.selectInvocableMethod(method, bean.getClass()),
				targetClass);
		for (String topic : topics(annotation.topics(), handler, TcpnetRequestHandler.class)) {
			claim(topic, "bean '" + beanName + "' (method " + handler + ")");
			register(new Endpoint(topic, handler, null, true));
		}
	}

	private List<String> topics(String[] declared, ListenerMethod method, Class<? extends Annotation> annotation) {
		List<String> topics = new ArrayList<>();
		for (String topic : declared) {
			String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(topic) : topic;
			if (StringUtils.hasText(resolved)) {
				topics.add(resolved);
			}
		}
		if (topics.isEmpty()) {
			throw new BeanInitializationException("@" + annotation.getSimpleName() + " on " + method
					+ " names no topic: give it one, as in @" + annotation.getSimpleName() + "(\"prices\")");
		}
		return topics;
	}

	private synchronized void claim(String topic, String owner) {
		String other = this.requestTopics.putIfAbsent(topic, owner);
		if (other != null && !other.equals(owner)) {
			throw new BeanInitializationException(
					"Two request handlers for topic '" + topic + "': " + other + " and " + owner);
		}
	}

	private synchronized void register(Endpoint endpoint) {
		Targets current = this.targets;
		if (current == null) {
			this.pending.add(endpoint);
		}
		else {
			current.register(endpoint);
		}
	}

	@Override
	public synchronized void afterSingletonsInstantiated() {
		ConfigurableBeanFactory factory = requireBeanFactory();
		DefaultPeerRegistry registry = factory.getBeanProvider(DefaultPeerRegistry.class).getIfUnique();
		Mesh mesh = factory.getBeanProvider(Mesh.class).getIfUnique();
		if (registry == null || mesh == null) {
			if (!this.pending.isEmpty()) {
				logger.warn("No tcpnet registry and mesh: {} annotated listeners and handlers are not registered",
						this.pending.size());
			}
			return;
		}
		TcpnetPayloadConverter converter = factory.getBeanProvider(TcpnetPayloadConverter.class)
			.getIfUnique(DefaultPayloadConverter::new);
		Targets current = new Targets(registry, mesh, converter);
		this.pending.forEach(current::register);
		this.pending.clear();
		this.targets = current;
	}

	private ConfigurableBeanFactory requireBeanFactory() {
		ConfigurableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			throw new IllegalStateException("No ConfigurableBeanFactory set");
		}
		return factory;
	}

	/**
	 * One annotated method on one topic.
	 *
	 * @param topic the topic
	 * @param method the method
	 * @param condition the listener's condition, if any
	 * @param request whether it answers requests rather than listens to messages
	 */
	private record Endpoint(String topic, ListenerMethod method, @Nullable ListenerCondition condition,
			boolean request) {
	}

	/**
	 * Where the adapters go.
	 *
	 * @param registry the registry, for listeners
	 * @param mesh the mesh, for request handlers
	 * @param converter the converter of payloads
	 */
	private record Targets(DefaultPeerRegistry registry, Mesh mesh, TcpnetPayloadConverter converter) {

		void register(Endpoint endpoint) {
			if (endpoint.request()) {
				this.mesh.addRequestHandler(
						new AnnotatedRequestHandler(endpoint.topic(), endpoint.method(), this.converter));
			}
			else {
				this.registry.addTopicListener(new AnnotatedTopicListener(endpoint.topic(), endpoint.method(),
						endpoint.condition(), this.converter, this.registry));
			}
			logger.debug("Registered {} on topic '{}'", endpoint.method(), endpoint.topic());
		}

	}

	/**
	 * The tcpnet annotations of one method.
	 */
	private record Annotated(@Nullable TcpnetListener listener, @Nullable TcpnetRequestHandler handler) {

		static @Nullable Annotated of(Method method) {
			TcpnetListener listener = AnnotatedElementUtils.findMergedAnnotation(method, TcpnetListener.class);
			TcpnetRequestHandler handler = AnnotatedElementUtils.findMergedAnnotation(method,
					TcpnetRequestHandler.class);
			return (listener != null || handler != null) ? new Annotated(listener, handler) : null;
		}

	}

}
