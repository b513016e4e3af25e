#!/usr/bin/python3
"""A virtual Thai national ID card for vsmartcard's vpcd reader (pcscd + vsmartcard-vpcd).

It speaks the vpcd socket protocol itself (2-byte big-endian length + payload; a 1-byte payload
is a control message: 0 power off, 1 power on, 2 reset, 4 ask for the ATR), so it needs no
python3-virtualsmartcard. Connecting inserts the card into "Virtual PCD 00 00" (port 35963);
exiting removes it.

The card OS answers like the real card (docs/kiosk.md): SELECT of the MOI applet, the
proprietary read `80 B0 P1P2 02 00 LL` → `61 LL`, GET RESPONSE `00 C0 00 P2 LL` with P2 = 01 on
ATR `3B 67 …` (strictly: a wrong P2 gets `6A 86`), `6C LL` for a wrong Le, `69 85` without
pending data. Data: the sandbox citizen's fields (`phr-sandbox citizens --json`, "card"), or
options. Test switches: --not-thai (SELECT → 6A 82), --select-61, --remove-after N (vanish
after N APDUs: the card pulled mid-read), --delay-ms, --expiry 25600101 (expired card).
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys
import time

APPLET = bytes.fromhex("A000000054480001")
OFFSETS = {"cid": (0x0004, 13), "name_th": (0x0011, 100), "name_en": (0x0075, 100), "birth": (0x00D9, 8),
           "gender": (0x00E1, 1), "issuer": (0x00F6, 100), "issue": (0x0167, 8), "expiry": (0x016F, 8),
           "address": (0x1579, 100)}
PHOTO = 0x017B


def tis620(text):
    out = bytearray()
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            out.append(o)
        elif 0x0E01 <= o <= 0x0E5B:
            out.append(o - 0x0D60)
        else:
            raise ValueError(f"not TIS-620: {ch!r}")
    return bytes(out)


def tiny_jpeg(seed):
    """A small, valid baseline JPEG-like blob: SOI, a comment with the seed, EOI, then padding."""
    body = b"\xff\xd8\xff\xfe" + struct.pack(">H", 2 + len(seed)) + seed + b"\xff\xd9"
    return body + b"\x00" * (20 * 255 - len(body))


def build_data(fields, photo):
    data = bytearray(b" " * (0x1579 + 100))
    for key, (offset, length) in OFFSETS.items():
        raw = tis620(fields[key])[:length]
        data[offset:offset + length] = raw.ljust(length, b" ")
    data[PHOTO:PHOTO + len(photo)] = photo
    return bytes(data)


class Card:
    def __init__(self, data, atr, not_thai, select61):
        self.data, self.atr, self.not_thai, self.select61 = data, atr, not_thai, select61
        self.selected = False
        self.pending = None

    def apdu(self, c):
        if len(c) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = c[:4]
        if cla == 0x00 and ins == 0xA4:
            if self.not_thai or c[5:5 + c[4]] != APPLET:
                return b"\x6a\x82"
            self.selected = True
            return b"\x61\x0a" if self.select61 else b"\x90\x00"
        if cla == 0x80 and ins == 0xB0:
            if not self.selected:
                return b"\x69\x86"
            if len(c) != 7 or c[4] != 2:
                return b"\x67\x00"
            offset, length = (p1 << 8) | p2, c[6]
            if offset + length > len(self.data):
                return b"\x6a\x86"
            self.pending = self.data[offset:offset + length]
            return bytes([0x61, length])
        if cla == 0x00 and ins == 0xC0:
            if self.pending is None:
                return b"\x69\x85"
            want_p2 = 0x01 if self.atr[:2] == b"\x3b\x67" else 0x00
            if p1 != 0 or p2 != want_p2:
                return b"\x6a\x86"
            le = c[4] if len(c) > 4 else 0
            if le != len(self.pending):
                return bytes([0x6C, len(self.pending)])
            out, self.pending = self.pending, None
            return out + b"\x90\x00"
        return b"\x6e\x00" if cla not in (0x00, 0x80) else b"\x6d\x00"


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("vpcd closed")
        buf += chunk
    return buf


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--citizen-json", help="a citizen object of `phr-sandbox citizens --json` (file, or - for stdin)")
    ap.add_argument("--cid")
    ap.add_argument("--name-th", default="นาย#ทดสอบ##ใจดี")
    ap.add_argument("--name-en", default="Mr.#Thotsop##Jaidee")
    ap.add_argument("--birth", default="25300115")
    ap.add_argument("--gender", default="1")
    ap.add_argument("--issuer", default="อำเภอเมืองสระแก้ว/สระแก้ว")
    ap.add_argument("--issue", default="25650301")
    ap.add_argument("--expiry", default="25730114")
    ap.add_argument("--address", default="99/1#หมู่ที่ 5####ตำบลสระแก้ว#อำเภอเมืองสระแก้ว#จังหวัดสระแก้ว")
    ap.add_argument("--atr", default="3B6800005448204E494420")
    ap.add_argument("--not-thai", action="store_true")
    ap.add_argument("--select-61", action="store_true")
    ap.add_argument("--remove-after", type=int, default=0, help="vanish after this many APDUs (0: never)")
    ap.add_argument("--delay-ms", type=int, default=0)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=35963)
    args = ap.parse_args()

    fields = {"cid": args.cid or "1101700230708", "name_th": args.name_th, "name_en": args.name_en, "birth": args.birth,
              "gender": args.gender, "issuer": args.issuer, "issue": args.issue, "expiry": args.expiry, "address": args.address}
    if args.citizen_json:
        source = sys.stdin if args.citizen_json == "-" else open(args.citizen_json, encoding="utf-8")
        citizen = json.load(source)
        fields.update({"cid": citizen["cid"], **citizen["card"]})
        if args.cid:
            fields["cid"] = args.cid
    card = Card(build_data(fields, tiny_jpeg(fields["cid"].encode())), bytes.fromhex(args.atr), args.not_thai, args.select_61)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    for attempt in range(100):
        try:
            sock = socket.create_connection((args.host, args.port))
            break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit(f"thai_id_card: cannot reach vpcd on {args.host}:{args.port} (is pcscd running with vsmartcard-vpcd?)")
    print(f"thai_id_card: inserted (cid {fields['cid'][:1]}-xxxx, atr {args.atr})", flush=True)
    apdus = 0
    while True:
        try:
            (length,) = struct.unpack(">H", recv_exact(sock, 2))
            msg = recv_exact(sock, length)
        except (ConnectionError, OSError):
            return
        if length == 1:
            if msg[0] == 4:
                sock.sendall(struct.pack(">H", len(card.atr)) + card.atr)
            elif msg[0] in (0, 1, 2):
                card.selected, card.pending = False, None
            continue
        apdus += 1
        if args.remove_after and apdus > args.remove_after:
            sock.close()
            os._exit(0)
        if args.delay_ms:
            time.sleep(args.delay_ms / 1000)
        reply = card.apdu(msg)
        sock.sendall(struct.pack(">H", len(reply)) + reply)


if __name__ == "__main__":
    main()
