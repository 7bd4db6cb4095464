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

package dev.tcpnet.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

import dev.tcpnet.event.MessageDroppedEvent;
import dev.tcpnet.peer.NodeId;

/**
 * Sums drops of the same peer, topic and reason between two flushes, so that a tight loop
 * of refused sends publishes two events a second rather than one per send: the first drop
 * is published at once, the rest at the next flush with their count.
 */
final class DropCoalescer {

	private final Map<Drop, long[]> unpublished = new LinkedHashMap<>();

	/**
	 * Records a drop.
	 * @return whether it is the first of its kind since the last flush, to be published
	 * now
	 */
	synchronized boolean first(NodeId nodeId, String topic, MessageDroppedEvent.Reason reason) {
		Drop drop = new Drop(nodeId, topic, reason);
		long[] count = this.unpublished.get(drop);
		if (count == null) {
			this.unpublished.put(drop, new long[1]);
			return true;
		}
		count[0]++;
		return false;
	}

	/** Hands over the drops not published yet, with their counts, and starts afresh. */
	void flush(ObjLongConsumer<Drop> publish) {
		Map<Drop, long[]> due;
		synchronized (this) {
			due = new LinkedHashMap<>(this.unpublished);
			this.unpublished.clear();
		}
		due.forEach((drop, count) -> {
			if (count[0] > 0) {
				publish.accept(drop, count[0]);
			}
		});
	}

	record Drop(NodeId nodeId, String topic, MessageDroppedEvent.Reason reason) {
	}

}
