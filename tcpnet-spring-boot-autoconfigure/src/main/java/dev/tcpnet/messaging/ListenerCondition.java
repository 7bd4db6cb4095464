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

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The SpEL condition of a {@code @TcpnetListener}, parsed once, evaluated per message
 * with {@code #payload}, {@code #peer} and {@code #topic} (also properties of the root
 * object) and {@code @bean} references.
 */
final class ListenerCondition {

	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private final Expression expression;

	private final BeanFactoryResolver beans;

	private final String text;

	ListenerCondition(String text, BeanFactory beanFactory) {
		this.text = text;
		this.expression = parser.parseExpression(text);
		this.beans = new BeanFactoryResolver(beanFactory);
	}

	/**
	 * Whether the condition holds for a message.
	 * @throws org.springframework.expression.EvaluationException if it cannot be
	 * evaluated, or is not a boolean
	 */
	boolean matches(Inbound inbound) {
		StandardEvaluationContext context = new StandardEvaluationContext(inbound);
		context.setBeanResolver(this.beans);
		context.setVariable("payload", inbound.payload());
		context.setVariable("peer", inbound.peer());
		context.setVariable("topic", inbound.topic());
		context.setVariable("headers", inbound.headers());
		return Boolean.TRUE.equals(this.expression.getValue(context, Boolean.class));
	}

	@Override
	public String toString() {
		return this.text;
	}

}
