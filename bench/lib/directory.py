#!/usr/bin/env python3
"""bench/lib/directory.py — a made-up HSDS directory for the referrals benchmarks. DEV ONLY.

  directory.py document N OUT.json   N services (deterministic ids) in an HSDS page, as the import takes
  directory.py queries N OUT.csv     N search query strings over that directory (one column: query)

Services belong to 100 organizations outside the network, spread over ~60 km around the demo
directory's centre, with one or two need domains, an age range, languages, a service area, weekly
hours and, for some, income, gender or insurance rules: a mix a search must filter through.
"""
import csv, json, random, sys, uuid

NS = uuid.UUID("6f1c2a5e-0000-4000-8000-00000000b001")
NEEDS = ["housing", "food", "transportation", "utilities", "interpersonal-safety", "employment", "income",
         "education", "health-care-access", "behavioral-health", "substance-use", "legal", "childcare",
         "social-isolation"]
WORDS = ["shelter", "pantry", "counselling", "rent", "legal", "clinic", "meals", "tutoring", "transport",
         "job", "training", "support", "group", "youth", "family", "senior", "recovery", "advice", "benefits",
         "childcare", "outreach", "drop-in", "crisis", "helpline", "repair", "energy", "bills", "dental"]
AREAS = ["Riverbend County", "Eastbend", "Lakeside", "North Hills", "Harbor District"]
LANGS = [("en", "English"), ("es", "Spanish"), ("vi", "Vietnamese"), ("ar", "Arabic"), ("pl", "Polish")]
LAT, LON = 41.5031, -90.5472


def u(name):
    return str(uuid.uuid5(NS, name))


def document(n):
    rnd = random.Random(42)
    orgs = [{"id": u("org:%d" % i), "name": "Bench Community Organization %d" % i,
             "description": "A made-up provider for the referrals benchmark."} for i in range(100)]
    services = []
    for i in range(n):
        org = orgs[i % len(orgs)]
        needs = rnd.sample(NEEDS, rnd.choice([1, 1, 2]))
        words = rnd.sample(WORDS, 4)
        name = "%s %s %d" % (words[0].capitalize(), words[1], i)
        lo = rnd.choice([None, None, 0, 12, 18, 55])
        hi = None if lo is None else rnd.choice([None, 24, 64, 99])
        attrs = [{"taxonomy_term": {"code": d, "name": d.replace("-", " "), "vocabulary": "cairn-need-domain"}}
                 for d in needs]
        if rnd.random() < 0.2:
            attrs.append({"taxonomy_term": {"code": "fpl-percent-max", "vocabulary": "cairn-eligibility-income"},
                          "value": str(rnd.choice([100, 150, 200, 300]))})
        if rnd.random() < 0.1:
            attrs.append({"taxonomy_term": {"code": "female", "vocabulary": "cairn-eligibility-gender"}})
        if rnd.random() < 0.15:
            attrs.append({"taxonomy_term": {"code": "medicaid", "vocabulary": "cairn-eligibility-insurance"}})
        langs = [LANGS[0]] + rnd.sample(LANGS[1:], rnd.choice([0, 1, 2]))
        location = {"id": u("loc:%d" % i), "name": name + " site", "location_type": "physical",
                    "latitude": round(LAT + rnd.uniform(-0.3, 0.3), 5),
                    "longitude": round(LON + rnd.uniform(-0.4, 0.4), 5)}
        opens = rnd.choice(["08:00", "09:00", "10:00", "00:00"])
        closes = "00:00" if opens == "00:00" else rnd.choice(["16:00", "17:00", "20:00"])
        service = {"id": u("svc:%d" % i), "organization_id": org["id"], "name": name, "status": "active",
                   "description": "Bench service offering %s, %s and %s for people in need of %s." % (
                       words[1], words[2], words[3], " and ".join(d.replace("-", " ") for d in needs)),
                   "organization": org, "attributes": attrs,
                   "languages": [{"code": c, "name": nm} for c, nm in langs],
                   "service_areas": [{"name": rnd.choice(AREAS)}] if rnd.random() < 0.6 else [],
                   "service_at_locations": [{"id": u("sal:%d" % i), "location": location}],
                   "schedules": [{"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": opens, "closes_at": closes}]}
        if lo is not None:
            service["minimum_age"] = lo
        if hi is not None and (lo is None or hi >= lo):
            service["maximum_age"] = hi
        if rnd.random() < 0.3:
            service["capacities"] = [{"available": rnd.randint(0, 20), "maximum": 20}]
        services.append(service)
    return {"total_items": n, "total_pages": 1, "page_number": 1, "size": n, "first_page": True,
            "last_page": True, "empty": False, "contents": services}


def queries(n):
    rnd = random.Random(7)
    out = []
    for _ in range(n):
        q = ["need=" + rnd.choice(NEEDS)]
        if rnd.random() < 0.5:
            q.append("q=" + rnd.choice(WORDS))
        if rnd.random() < 0.6:
            q.append("age=%d" % rnd.randint(5, 80))
        if rnd.random() < 0.3:
            q.append("incomePercentFpl=%d" % rnd.choice([80, 120, 180, 250]))
        if rnd.random() < 0.3:
            q.append("language=" + rnd.choice(LANGS)[0])
        if rnd.random() < 0.2:
            q.append("openNow=true")
        if rnd.random() < 0.7:
            q.append("lat=%.4f&lon=%.4f&radiusKm=%d" % (LAT + rnd.uniform(-0.2, 0.2), LON + rnd.uniform(-0.2, 0.2),
                                                        rnd.choice([10, 25, 50])))
        out.append("&".join(q))
    return out


if __name__ == "__main__":
    cmd, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if cmd == "document":
        with open(path, "w") as f:
            json.dump(document(n), f, separators=(",", ":"))
    elif cmd == "queries":
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["query"])
            for q in queries(n):
                w.writerow([q])
    else:
        sys.exit("unknown command " + cmd)
