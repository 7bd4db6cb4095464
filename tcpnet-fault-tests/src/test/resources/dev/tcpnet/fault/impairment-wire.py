"""A user-space stand-in for `tc qdisc ... netem loss P% delay D`, for kernels built without
netem: joins two interfaces of a test's own bridge namespace with packet sockets, and forwards
every Ethernet frame each way after a fixed delay, dropping each with a given probability.

    impairment-wire.py IF_A IF_B LOSS_PERCENT DELAY_MS SEED MAX_SECONDS

Prints WIRE-READY once forwarding, and a WIRE-STATS line for every line read on standard
input; exits when standard input closes, or after MAX_SECONDS whatever happens. Frames keep
their order (one fixed delay per direction). Only the interfaces the caller names (the test's
own veths) are ever opened.
"""
import collections
import os
import random
import socket
import struct
import sys
import threading
import time
from array import array

ETH_P_ALL = 3
SOL_PACKET = 263
PACKET_IGNORE_OUTGOING = 23
PACKET_OUTGOING = 4


def open_raw(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((name, 0))
    try:
        s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    except OSError:
        pass  # older kernels: outgoing frames are skipped by their packet type below
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    return s


def fix_checksum(frame):
    """Veth frames leave with checksum offload: their TCP/UDP checksum is not computed yet.
    Re-sent through a packet socket they would arrive corrupt, so compute it here."""
    if len(frame) < 34 or frame[12] != 8 or frame[13] != 0:
        return frame
    ihl = (frame[14] & 15) * 4
    proto = frame[23]
    if proto == 6:
        off = 16
    elif proto == 17:
        off = 6
    else:
        return frame
    start = 14 + ihl
    end = 14 + ((frame[16] << 8) | frame[17])
    segment = bytearray(frame[start:end])
    if len(segment) < off + 2 or (frame[20] & 0x1f) or frame[21]:
        return frame  # truncated or a fragment: leave it
    segment[off] = segment[off + 1] = 0
    data = bytes(frame[26:34]) + bytes((0, proto)) + struct.pack('!H', len(segment)) + bytes(segment)
    if len(data) % 2:
        data += b'\0'
    total = sum(array('H', data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    checksum = (~total) & 0xffff
    if proto == 17 and checksum == 0:
        checksum = 0xffff
    out = bytearray(frame)
    out[start + off:start + off + 2] = struct.pack('=H', checksum)
    return bytes(out)


def pump(source, target, loss, delay, rnd, stats, name):
    queue = collections.deque()
    ready = threading.Condition()

    def deliver():
        while True:
            with ready:
                while not queue:
                    ready.wait()
                due, frame = queue[0]
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            with ready:
                queue.popleft()
            try:
                target.send(frame)
                stats[name + '.forwarded'] += 1
            except OSError:
                stats[name + '.send-errors'] += 1

    threading.Thread(target=deliver, daemon=True).start()
    while True:
        frame, address = source.recvfrom(65535)
        if address[2] == PACKET_OUTGOING:
            continue
        stats[name + '.in'] += 1
        if rnd.random() < loss:
            stats[name + '.dropped'] += 1
            continue
        with ready:
            queue.append((time.monotonic() + delay, fix_checksum(frame)))
            ready.notify()


def main():
    a, b = sys.argv[1], sys.argv[2]
    loss = float(sys.argv[3]) / 100
    delay = float(sys.argv[4]) / 1000
    rnd = random.Random(int(sys.argv[5]))
    limit = threading.Timer(float(sys.argv[6]), lambda: os._exit(3))
    limit.daemon = True
    limit.start()
    sock_a, sock_b = open_raw(a), open_raw(b)
    stats = collections.Counter()
    for args in ((sock_a, sock_b, 'ab'), (sock_b, sock_a, 'ba')):
        threading.Thread(target=pump, args=(args[0], args[1], loss, delay, rnd, stats, args[2]), daemon=True).start()
    print('WIRE-READY', flush=True)
    for _ in sys.stdin:
        print('WIRE-STATS ' + ' '.join('%s=%d' % item for item in sorted(stats.items())), flush=True)


if __name__ == '__main__':
    main()
