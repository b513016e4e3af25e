#!/usr/bin/env python3
"""Independent check of `phr export --format ics`: parses the file with the `icalendar` package
(RFC 5545), then checks what phr promises (docs/show-export.md): CRLF line ends, every physical
line at most 75 octets and valid UTF-8 on its own (folding never splits a character's bytes), a
VTIMEZONE Asia/Bangkok at +07:00 without daylight saving, and per event a UID, DTSTAMP, a
DTSTART in Asia/Bangkok, DTEND or DURATION, a SUMMARY, a STATUS (CONFIRMED, TENTATIVE or
CANCELLED) and a VALARM one day before — none for a cancelled one. Prints one JSON line (the
event count and each event's UID, start, summary, location and status); exits 1 with the reason.

usage: ics_validate.py FILE.ics
"""
import datetime
import json
import sys

import icalendar


def fail(reason):
    print("ics_validate: " + reason, file=sys.stderr)
    sys.exit(1)


def main(path):
    raw = open(path, "rb").read()
    if not raw.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {n}: a bare LF or CR")
        if len(line) > 75:
            fail(f"line {n}: {len(line)} octets (folding is at 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"line {n}: folding split a UTF-8 sequence")
    cal = icalendar.Calendar.from_ical(raw)
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        fail("VERSION 2.0 and PRODID are required")
    zones = [z for z in cal.walk("VTIMEZONE") if str(z["TZID"]) == "Asia/Bangkok"]
    if len(zones) != 1:
        fail("no VTIMEZONE Asia/Bangkok")
    offsets = {(c["TZOFFSETFROM"].td, c["TZOFFSETTO"].td) for c in zones[0].subcomponents}
    if offsets != {(datetime.timedelta(hours=7), datetime.timedelta(hours=7))} or list(zones[0].walk("DAYLIGHT")):
        fail(f"Asia/Bangkok is not +07:00 without daylight saving: {offsets}")
    events = []
    for ev in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "STATUS"):
            if prop not in ev:
                fail(f"an event without {prop}")
        start = ev["DTSTART"]
        if start.params.get("TZID") != "Asia/Bangkok":
            fail(f"{ev['UID']}: DTSTART is not in Asia/Bangkok")
        if ("DTEND" in ev) == ("DURATION" in ev):
            fail(f"{ev['UID']}: needs exactly one of DTEND and DURATION")
        if "DTEND" in ev and ev["DTEND"].dt <= start.dt:
            fail(f"{ev['UID']}: ends before it starts")
        status = str(ev["STATUS"])
        if status not in ("CONFIRMED", "TENTATIVE", "CANCELLED"):
            fail(f"{ev['UID']}: STATUS {status} is not a VEVENT status (RFC 5545 3.8.1.11)")
        alarms = list(ev.walk("VALARM"))
        if status == "CANCELLED":
            if alarms:
                fail(f"{ev['UID']}: a cancelled appointment still rings a reminder")
        elif len(alarms) != 1 or alarms[0]["TRIGGER"].dt != datetime.timedelta(days=-1):
            fail(f"{ev['UID']}: no VALARM a day before")
        utc = start.dt.astimezone(datetime.timezone.utc)
        events.append({"uid": str(ev["UID"]), "start": start.dt.strftime("%Y-%m-%dT%H:%M"),
                       "start_utc": utc.strftime("%Y-%m-%dT%H:%MZ"),
                       "summary": str(ev["SUMMARY"]), "location": str(ev.get("LOCATION", "")),
                       "description": str(ev.get("DESCRIPTION", "")), "status": status})
    if len({e["uid"] for e in events}) != len(events):
        fail("two events share a UID")
    print(json.dumps({"events": len(events), "list": events}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: ics_validate.py FILE.ics")
    main(sys.argv[1])
