#!/usr/bin/env python3
"""Audit records for the audit-ingest scenario, as lines Kafka's console producer reads with
parse.headers and parse.key: `headers<TAB>key<TAB>value`, headers `name:value` joined by commas.

Usage: audit-records.py RUN COUNT > lines

Each record is a valid cairn.audit.recorded.v1 event: one of 50 bench users of 4 agencies reads or
changes one of 5,000 made-up clients (ids bench-ingest-<run>-client-<n>, never a real one).
"""
import datetime
import json
import sys
import uuid

ACTIONS = ["viewed", "viewed", "viewed", "updated", "searched", "created"]
AGENCIES = ["riverbend-hospital", "northside-cmhc", "harbor-family", "keystone-housing"]


def main(run, count):
    now = datetime.datetime.now(datetime.timezone.utc)
    out = sys.stdout
    for n in range(count):
        agency = AGENCIES[n % len(AGENCIES)]
        user = f"bench-ingest-{run}-user-{n % 50}"
        client = f"bench-ingest-{run}-client-{(n * 7919) % 5000}"
        at = (now + datetime.timedelta(microseconds=n)).isoformat().replace("+00:00", "Z")
        record = {
            "occurredAt": at,
            "service": "bench",
            "agencyId": agency,
            "actor": {"userId": user, "username": user, "roles": ["case-manager"]},
            "action": ACTIONS[n % len(ACTIONS)],
            "resourceType": "client",
            "resourceId": client,
            "clientId": client,
            "purpose": "care-coordination",
            "requestId": f"bench-ingest-{run}-{n}",
        }
        headers = ",".join([
            f"ce_id:{uuid.uuid4()}",
            "ce_type:cairn.audit.recorded.v1",
            "ce_source:/cairn/bench",
            "ce_specversion:1.0",
            f"ce_subject:{client}",
            f"ce_agencyid:{agency}",
            f"ce_time:{at}",
            "content-type:application/json",
        ])
        out.write(f"{headers}\t{client}\t{json.dumps(record, separators=(',', ':'))}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
