#!/usr/bin/env python3
"""Events for the notifications-events scenario, paced at a fixed rate (an open model: they go out on
time whatever the consumer does), as lines Kafka's console producer reads with parse.headers and
parse.key: `headers<TAB>key<TAB>value`.

Usage: notification-events.py RUN COUNT RATE CASES_TSV PRODUCED_TSV > lines

Each is a schema-valid cairn.case.outreach-flagged.v1 of one of the seeded cases (CASES_TSV:
case id, client id), which notifies the case's manager and the agency's supervisors in-app. Its
ce_time is the moment it is written; PRODUCED_TSV gets `event id<TAB>epoch ms` for each.
"""
import datetime
import json
import sys
import time

AGENCY = "riverbend-hospital"


def main(run, count, rate, cases_path, produced_path):
    cases = [line.rstrip("\n").split("\t") for line in open(cases_path) if line.strip()]
    out = sys.stdout
    start = time.monotonic()
    with open(produced_path, "w") as produced:
        n = 0
        while n < count:
            due = min(count, int((time.monotonic() - start) * rate) + 1)
            while n < due:
                case_id, client_id = cases[n % len(cases)]
                now = datetime.datetime.now(datetime.timezone.utc)
                at = now.isoformat(timespec="microseconds").replace("+00:00", "Z")
                event_id = f"bench-notif-{run}-{n}"
                data = {"caseId": case_id, "clientId": client_id, "agencyId": AGENCY, "noShows": 3,
                        "since": (now - datetime.timedelta(days=90)).isoformat().replace("+00:00", "Z"),
                        "flaggedAt": at}
                headers = ",".join([
                    f"ce_id:{event_id}", "ce_type:cairn.case.outreach-flagged.v1", "ce_source:/cairn/bench",
                    "ce_specversion:1.0", f"ce_subject:{client_id}", f"ce_agencyid:{AGENCY}", f"ce_time:{at}",
                    "content-type:application/json"])
                out.write(f"{headers}\t{client_id}\t{json.dumps(data, separators=(',', ':'))}\n")
                produced.write(f"{event_id}\t{now.timestamp() * 1000:.3f}\n")
                n += 1
            out.flush()
            time.sleep(0.005)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5])
