// The live page of a tcpnet node: polls actuator/tcpnet every second and draws this node in
// the centre with one edge per connected peer. Plain JavaScript and SVG, no dependencies.
(() => {
  'use strict';

  const ENDPOINT = 'actuator/tcpnet';
  const POLL_MS = 1000;
  const REQUEST_TIMEOUT_MS = 3000;
  // Rates are taken over the last few seconds, so that a poll landing just before or after
  // a message does not make the figure jump between 0 and 2.
  const RATE_WINDOW_MS = 10000;
  const RATE_MIN_SPAN_MS = 2500;
  const FADE_MS = 600;
  const DOT_TRAVEL_MS = 900;
  const MAX_DOTS_PER_POLL = 4;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const $ = (id) => document.getElementById(id);
  const graph = $('graph');
  const layers = { edges: $('edges'), dots: $('dots'), pills: $('pills'), peers: $('peers') };

  const views = new Map(); // node id -> PeerView
  const totals = [];       // samples of the totals, for the header rates
  const dots = [];         // messages in flight on the edges
  let size = { w: 0, h: 0, cx: 0, cy: 0, rx: 0, ry: 0 };
  let lastOk = null;
  let localNodeId = null;

  // ---- small helpers -------------------------------------------------------------------

  function svg(name, attrs, parent) {
    const el = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, value);
    if (parent) parent.appendChild(el);
    return el;
  }

  function shortId(id) {
    return (id.length > 20) ? id.slice(0, 8) + '…' + id.slice(-4) : id;
  }

  function initials(id) {
    const match = /[-_.](\d{1,3})$/.exec(id);
    if (match) return match[1];
    return id.replace(/[^A-Za-z0-9]/g, '').slice(0, 2) || '?';
  }

  function formatRate(rate) {
    if (rate == null || !isFinite(rate)) return '–';
    if (rate >= 10000) return (rate / 1000).toFixed(0) + 'k';
    if (rate >= 1000) return (rate / 1000).toFixed(1) + 'k';
    if (rate >= 10) return rate.toFixed(0);
    return rate.toFixed(1);
  }

  function formatBytes(bytes) {
    if (bytes == null) return '–';
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    return (unit === 0 ? value.toFixed(0) : value.toFixed(1)) + ' ' + units[unit];
  }

  function formatDuration(ms) {
    if (!isFinite(ms) || ms < 0) return '–';
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + String(s % 60).padStart(2, '0') + 's';
    const h = Math.floor(m / 60);
    if (h < 24) return h + 'h ' + String(m % 60).padStart(2, '0') + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  function formatTime(date) {
    return isNaN(date) ? '–' : date.toLocaleTimeString([], { hour12: false });
  }

  /** Messages per second over the rate window, from samples {t, messagesIn, messagesOut}. */
  function rates(samples) {
    if (samples.length < 2) return { in: null, out: null };
    const last = samples[samples.length - 1];
    const first = samples[0];
    if (last.t - first.t < RATE_MIN_SPAN_MS) return { in: null, out: null };
    const seconds = (last.t - first.t) / 1000;
    return {
      in: (last.messagesIn - first.messagesIn) / seconds,
      out: (last.messagesOut - first.messagesOut) / seconds,
    };
  }

  function addSample(samples, t, counters) {
    const previous = samples[samples.length - 1];
    if (previous && (counters.messagesIn < previous.messagesIn || counters.messagesOut < previous.messagesOut)) {
      samples.length = 0; // counters were reset: a new connection
    }
    samples.push({ t, messagesIn: counters.messagesIn || 0, messagesOut: counters.messagesOut || 0 });
    while (samples.length > 2 && t - samples[1].t >= RATE_WINDOW_MS) samples.shift();
    return previous;
  }

  // ---- layout ----------------------------------------------------------------------------

  function measure() {
    const box = graph.getBoundingClientRect();
    const w = Math.max(box.width, 320);
    const h = Math.max(box.height, 240);
    size = {
      w, h, cx: w / 2, cy: h / 2,
      // Leave room outside the orbit for the peer labels.
      rx: Math.max(90, w / 2 - 275),
      ry: Math.max(70, h / 2 - 110),
    };
    graph.setAttribute('viewBox', `0 0 ${w} ${h}`);
    const orbit = $('orbit');
    orbit.setAttribute('cx', size.cx);
    orbit.setAttribute('cy', size.cy);
    orbit.setAttribute('rx', size.rx);
    orbit.setAttribute('ry', size.ry);
    $('self').setAttribute('transform', `translate(${size.cx},${size.cy})`);
    const empty = $('empty');
    empty.setAttribute('x', size.cx);
    empty.setAttribute('y', size.cy + 96);
    placeAll();
  }

  function placeAll() {
    const live = [...views.values()].filter((v) => !v.leaving).sort((a, b) => a.id.localeCompare(b.id));
    const n = live.length;
    // One peer sits to the right; more are spread evenly, the first at the top.
    const start = n <= 2 ? 0 : -Math.PI / 2;
    live.forEach((view, i) => {
      const angle = start + (2 * Math.PI * i) / Math.max(n, 1);
      view.angle = angle;
      view.tx = size.cx + size.rx * Math.cos(angle);
      view.ty = size.cy + size.ry * Math.sin(angle);
      if (view.x == null) { view.x = size.cx; view.y = size.cy; }
      layoutLabel(view);
    });
  }

  function layoutLabel(view) {
    const cos = Math.cos(view.angle);
    const sin = Math.sin(view.angle);
    const gap = 36;
    let anchor = 'middle';
    let dx = 0;
    let dy;
    const lineHeight = 17;
    const block = lineHeight * 3;
    if (cos > 0.35) { anchor = 'start'; dx = gap; dy = -block / 2 + 12; }
    else if (cos < -0.35) { anchor = 'end'; dx = -gap; dy = -block / 2 + 12; }
    else if (sin < 0) { dy = -gap - block + 14; }
    else { dy = gap + 12; }
    view.label.setAttribute('transform', `translate(${dx},${dy})`);
    for (const text of view.label.children) text.setAttribute('text-anchor', anchor);
  }

  // ---- peers -----------------------------------------------------------------------------

  function createView(peer) {
    const id = peer.nodeId;
    const view = { id, samples: [], leaving: false, x: null, y: null, angle: 0 };

    view.edge = svg('line', { class: 'edge entering', 'data-edge-for': id }, layers.edges);

    view.pill = svg('g', { class: 'pill entering', 'data-pill-for': id }, layers.pills);
    view.pillRect = svg('rect', { rx: 11, ry: 11, height: 22 }, view.pill);
    view.pillText = svg('text', { y: 4, 'text-anchor': 'middle' }, view.pill);
    view.pillOut = svg('tspan', { class: 'out', 'data-role': 'rate-out' }, view.pillText);
    view.pillIn = svg('tspan', { class: 'in', dx: 12, 'data-role': 'rate-in' }, view.pillText);

    view.group = svg('g', { class: 'peer entering', 'data-node-id': id }, layers.peers);
    view.title = svg('title', {}, view.group);
    svg('circle', { class: 'node-ring', r: 24 }, view.group);
    svg('circle', { class: 'node', r: 22 }, view.group);
    svg('text', { class: 'initial' }, view.group).textContent = initials(id);
    view.label = svg('g', { class: 'label' }, view.group);
    const idText = svg('text', { class: 'label-id', y: 0 }, view.label);
    idText.textContent = shortId(id);
    const addrLine = svg('text', { class: 'label-meta', y: 17 }, view.label);
    view.addr = svg('tspan', { class: 'label-addr', 'data-role': 'address' }, addrLine);
    view.direction = svg('tspan', { class: 'direction', dx: 8, 'data-role': 'direction' }, addrLine);
    view.since = svg('text', { class: 'label-meta', y: 34, 'data-role': 'connected-since' }, view.label);

    // Let the browser paint the invisible state once, so that removing the class fades in.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      for (const el of [view.edge, view.pill, view.group]) el.classList.remove('entering');
    }));
    views.set(id, view);
    return view;
  }

  function updateView(view, peer, t, now) {
    if (view.connectedSince !== peer.connectedSince) {
      view.samples.length = 0;
      view.connectedSince = peer.connectedSince;
    }
    const previous = addSample(view.samples, t, peer);
    const r = rates(view.samples);

    const direction = String(peer.direction || '').toUpperCase();
    view.group.dataset.direction = direction;
    view.edge.classList.toggle('outbound', direction === 'OUTBOUND');
    view.edge.classList.toggle('inbound', direction === 'INBOUND');
    view.addr.textContent = `${peer.address}:${peer.port}`;
    view.direction.textContent = direction || '?';
    const since = new Date(peer.connectedSince);
    view.since.textContent = `since ${formatTime(since)} · ${formatDuration(now - since)}`
      + (peer.rttMillis != null ? ` · rtt ${peer.rttMillis} ms` : '');

    view.pillOut.textContent = `out ${formatRate(r.out)}/s`;
    view.pillIn.textContent = `in ${formatRate(r.in)}/s`;
    view.group.dataset.rateIn = r.in == null ? '' : r.in.toFixed(2);
    view.group.dataset.rateOut = r.out == null ? '' : r.out.toFixed(2);
    const width = view.pillText.getComputedTextLength() + 24;
    view.pillRect.setAttribute('width', width);
    view.pillRect.setAttribute('x', -width / 2);
    view.pillRect.setAttribute('y', -11);

    view.title.textContent = [
      peer.nodeId,
      `${direction.toLowerCase()} connection with ${peer.address}:${peer.port}`,
      `connected since ${peer.connectedSince}`,
      `last seen ${peer.lastSeen || '–'}`,
      `messages in ${peer.messagesIn}, out ${peer.messagesOut}`,
      `bytes in ${formatBytes(peer.bytesIn)}, out ${formatBytes(peer.bytesOut)}`,
    ].join('\n');

    if (previous && !reducedMotion) {
      launchDots(view, 'out', peer.messagesOut - previous.messagesOut);
      launchDots(view, 'in', peer.messagesIn - previous.messagesIn);
    }
  }

  function removeView(view) {
    view.leaving = true;
    view.group.removeAttribute('data-node-id');
    view.group.dataset.leftNodeId = view.id;
    for (const el of [view.edge, view.pill, view.group]) el.classList.add('leaving');
    views.delete(view.id);
    setTimeout(() => {
      view.edge.remove();
      view.pill.remove();
      view.group.remove();
    }, reducedMotion ? 0 : FADE_MS);
  }

  // ---- messages in flight ----------------------------------------------------------------

  function launchDots(view, direction, delta) {
    const count = Math.min(MAX_DOTS_PER_POLL, Math.max(0, delta));
    const now = performance.now();
    for (let i = 0; i < count; i++) {
      const el = svg('circle', { class: 'msg-dot ' + direction, r: 3.5, cx: -10, cy: -10 }, layers.dots);
      dots.push({ view, direction, el, start: now + (i * POLL_MS) / count });
    }
  }

  function ease(p) {
    return p < 0.5 ? 2 * p * p : 1 - Math.pow(-2 * p + 2, 2) / 2;
  }

  // ---- the animation frame ---------------------------------------------------------------

  function frame(now) {
    for (const view of views.values()) {
      if (view.tx == null) continue;
      const k = reducedMotion ? 1 : 0.12;
      view.x += (view.tx - view.x) * k;
      view.y += (view.ty - view.y) * k;
      if (Math.abs(view.tx - view.x) < 0.3) view.x = view.tx;
      if (Math.abs(view.ty - view.y) < 0.3) view.y = view.ty;
      draw(view);
    }
    for (let i = dots.length - 1; i >= 0; i--) {
      const dot = dots[i];
      const p = (now - dot.start) / DOT_TRAVEL_MS;
      if (p > 1 || dot.view.leaving) { dot.el.remove(); dots.splice(i, 1); continue; }
      if (p < 0) continue;
      const q = ease(p);
      const from = dot.direction === 'out' ? { x: size.cx, y: size.cy } : dot.view;
      const to = dot.direction === 'out' ? dot.view : { x: size.cx, y: size.cy };
      dot.el.setAttribute('cx', from.x + (to.x - from.x) * q);
      dot.el.setAttribute('cy', from.y + (to.y - from.y) * q);
    }
    requestAnimationFrame(frame);
  }

  function draw(view) {
    view.edge.setAttribute('x1', size.cx);
    view.edge.setAttribute('y1', size.cy);
    view.edge.setAttribute('x2', view.x);
    view.edge.setAttribute('y2', view.y);
    const px = size.cx + (view.x - size.cx) * 0.55;
    const py = size.cy + (view.y - size.cy) * 0.55;
    view.pill.setAttribute('transform', `translate(${px},${py})`);
    view.group.setAttribute('transform', `translate(${view.x},${view.y})`);
  }

  // ---- header and status -----------------------------------------------------------------

  function renderHeader(data, now) {
    localNodeId = data.nodeId;
    $('node-id').textContent = data.nodeId;
    $('node-id').title = data.nodeId;
    document.title = `tcpnet · ${data.nodeId}`;
    $('self').querySelector('.self-id').textContent = shortId(data.nodeId).length > 10
      ? data.nodeId.slice(0, 8) + '…' : data.nodeId;
    $('cluster').textContent = data.cluster;
    $('port').textContent = data.port;
    $('addresses').textContent = (data.addresses || []).join(', ') || '–';
    $('discovery').textContent = describeDiscovery(data.discovery);
    $('uptime').textContent = data.incarnation ? formatDuration(now - data.incarnation) : '–';

    const count = data.peerCount != null ? data.peerCount : (data.peers || []).length;
    $('header').dataset.peerCount = count;
    document.body.dataset.peers = count;
    $('peer-count').textContent = count;
    const empty = $('empty');
    empty.toggleAttribute('hidden', count > 0);
    empty.textContent = `No peers yet: nodes of cluster '${data.cluster}' appear here as they connect.`;

    if (data.totals) {
      addSample(totals, performance.now(), data.totals);
      const r = rates(totals);
      $('rate-out').textContent = formatRate(r.out);
      $('rate-in').textContent = formatRate(r.in);
      $('rate-out').title = `${data.totals.messagesOut} messages, ${formatBytes(data.totals.bytesOut)} sent`;
      $('rate-in').title = `${data.totals.messagesIn} messages, ${formatBytes(data.totals.bytesIn)} received`;
    }
  }

  function describeDiscovery(discovery) {
    if (!discovery || discovery.length === 0) return 'none';
    return discovery.map((d) => {
      const details = d.details || {};
      const where = details.interfaces && details.interfaces.length ? ' on ' + details.interfaces.join(', ') : '';
      const seeds = details.peers && details.peers.length ? ' ' + details.peers.join(', ') : '';
      const name = d.mechanism === 'mdns' ? 'mDNS' : d.mechanism;
      return name + where + seeds;
    }).join(' · ');
  }

  function setStatus(status, detail) {
    document.body.dataset.status = status;
    const banner = $('banner');
    if (status === 'error') {
      banner.hidden = false;
      const since = lastOk ? `last update ${formatTime(lastOk)}, ${formatDuration(Date.now() - lastOk)} ago` : 'no update yet';
      $('banner-detail').textContent = `${detail} · retrying every second · ${since}`;
      $('status-text').textContent = `cannot reach /actuator/tcpnet (${detail})`;
    }
    else {
      banner.hidden = true;
      $('status-text').textContent = `live · updated ${formatTime(lastOk)} · polling every ${POLL_MS / 1000} s`;
    }
  }

  // ---- polling ---------------------------------------------------------------------------

  function render(data) {
    const t = performance.now();
    const now = Date.now();
    renderHeader(data, now);
    const seen = new Set();
    let joined = false;
    for (const peer of data.peers || []) {
      if (peer.nodeId === localNodeId) continue;
      seen.add(peer.nodeId);
      let view = views.get(peer.nodeId);
      if (!view) { view = createView(peer); joined = true; }
      updateView(view, peer, t, now);
    }
    let left = false;
    for (const view of [...views.values()]) {
      if (!seen.has(view.id)) { removeView(view); left = true; }
    }
    if (joined || left) placeAll();
  }

  async function poll() {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let data;
    try {
      const response = await fetch(ENDPOINT, {
        cache: 'no-store',
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      data = await response.json();
    }
    catch (ex) {
      setStatus('error', ex.name === 'AbortError' ? 'no answer within 3 s'
        : (ex instanceof TypeError ? 'no connection' : ex.message));
    }
    finally {
      clearTimeout(timer);
    }
    if (data) {
      try {
        lastOk = new Date();
        render(data);
        setStatus('live');
      }
      catch (ex) {
        console.error(ex);
        setStatus('error', 'unexpected answer: ' + ex.message);
      }
    }
    setTimeout(poll, POLL_MS);
  }

  window.addEventListener('resize', measure);
  measure();
  requestAnimationFrame(frame);
  poll();
})();
