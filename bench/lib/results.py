#!/usr/bin/env python3
"""bench/lib/results.py — the harness's bookkeeping, called by bench/run (python3, standard library only).

  machine                                   the machine as JSON (cores, memory, CPU, OS, JDK, load)
  token-lifetime TOKEN                      seconds between the token's iat and exp
  gatling CTX RUN_DIR REQUEST OUT [WINDOW [LOG]]  result of a Gatling run (its js/stats.js) for one request name
  pgbench CTX OUT NAME:MODE:LOGPREFIX:STDOUT ...   result of pgbench runs (per-transaction logs + stdout)
  kafka CTX OUT PRODUCER E2E CONSUMER       result of the Kafka perf tools' outputs
  startup CTX OUT TSV                       result of the startup measurements
  propagation CTX BENCH_JSON OUT            result of shared-platform's OutboxPropagationBenchmark (its JSON)
  summary OUT                               a short human summary of a result
  readme RESULTS_DIR README                 regenerate README's table from RESULTS_DIR/*.json

CTX is a JSON file with what every result starts with (scenario, date, machine, rate, seconds, ...).
Latencies are milliseconds. Percentiles: 50, 90, 99, 99.9 and max.
"""
import glob
import json
import math
import os
import re
import statistics
import subprocess
import sys

PERCENTILES = [("p50", 50), ("p90", 90), ("p99", 99), ("p99_9", 99.9)]


def die(msg):
    print(f"results.py: {msg}", file=sys.stderr)
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(path, result):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(path + ".tmp", path)


def rnd(x, digits=1):
    return None if x is None else round(x, digits)


def latency_summary(values_ms):
    """Nearest-rank percentiles of a list of latencies in ms."""
    if not values_ms:
        return {k: None for k, _ in PERCENTILES} | {"max": None, "mean": None}
    v = sorted(values_ms)
    out = {}
    for key, p in PERCENTILES:
        rank = max(1, math.ceil(p / 100 * len(v)))
        out[key] = rnd(v[rank - 1], 2)
    out["max"] = rnd(v[-1], 2)
    out["mean"] = rnd(statistics.fmean(v), 2)
    return out


# ---- machine ---------------------------------------------------------------------------------

def machine():
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    os_name = ""
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    return {
        "cores": int(subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or 0),
        "memory_mb": mem_kb // 1024,
        "cpu": cpu,
        "os": f"{os_name} ({os.uname().sysname} {os.uname().release})",
        "jdk": java[0] if java else "",
        "jdk_runtime": java[1] if len(java) > 1 else "",
        "load_average_at_start": [float(x) for x in open("/proc/loadavg").read().split()[:3]],
    }


def token_lifetime(token):
    import base64
    payload = token.split(".")[1]
    payload += "=" * (-len(payload) % 4)
    claims = json.loads(base64.urlsafe_b64decode(payload))
    return int(claims["exp"]) - int(claims["iat"])


def token_subject(token):
    import base64
    payload = token.split(".")[1]
    payload += "=" * (-len(payload) % 4)
    return json.loads(base64.urlsafe_b64decode(payload))["sub"]


# ---- Gatling ---------------------------------------------------------------------------------

def gatling_stats(run_dir):
    """Gatling 3.13 writes no stats.json: js/stats.js holds `var stats = {…}`, a JavaScript object
    whose structural keys (type, name, path, pathFormatted, stats, contents) are not quoted."""
    path = os.path.join(run_dir, "js", "stats.js")
    if not os.path.exists(path):
        die(f"{path} not found (was the report generated?)")
    text = open(path, encoding="utf-8").read()
    start = text.index("{", text.index("var stats"))
    depth, end, in_str, esc = 0, None, False, False
    for i in range(start, len(text)):
        c = text[i]
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                end = i + 1
                break
    obj = re.sub(r'(?m)^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:', r'\1"\2":', text[start:end])
    return json.loads(obj)


def num(v):
    return None if v in (None, "-", "") else float(v)


def gatling_errors(log_path):
    """The last '---- Errors ----' block of Gatling's console output: {message: count}, whole run."""
    if not log_path or not os.path.exists(log_path):
        return {}
    blocks = open(log_path, errors="replace").read().split("---- Errors ")
    if len(blocks) < 2:
        return {}
    errors = {}
    for line in blocks[-1].splitlines()[1:]:
        if line.startswith("===="):
            break
        m = re.match(r"^> (.*?)\s+(\d+)\s+\(\s*[0-9.,]+%\)\s*$", line)
        if m:
            errors[m.group(1).strip()] = int(m.group(2))
    return errors


def gatling(ctx_path, run_dir, request, out, window_path=None, log_path=None):
    ctx = load(ctx_path)
    window = load(window_path) if window_path and os.path.exists(window_path) else {}
    stats = gatling_stats(run_dir)
    wanted = [c for c in stats.get("contents", {}).values() if c.get("name") == request]
    if not wanted:
        names = [c.get("name") for c in stats.get("contents", {}).values()]
        die(f"no request named {request!r} in {run_dir} (found {names})")
    s = wanted[0]["stats"]
    total = int(num(s["numberOfRequests"]["total"]) or 0)
    ok = int(num(s["numberOfRequests"]["ok"]) or 0)
    ko = int(num(s["numberOfRequests"]["ko"]) or 0)
    seconds = ctx["seconds"]
    pct = {key: num(s[f"percentiles{i + 1}"]["ok"]) for i, (key, _) in enumerate(PERCENTILES)}
    warm = [c for c in stats["contents"].values() if c.get("name") == request + " (warm-up)"]
    result = ctx | {
        "request": request,
        "requests": total,
        "ok": ok,
        # Sent during the measured period, per second: the rate, as long as the generator keeps up.
        "offered_rps": rnd(total / seconds, 1),
        # Answered during the measured period (whenever sent), per second: what the service achieved.
        "throughput_rps": rnd(window["answered_in_window"] / seconds, 1) if "answered_in_window" in window else None,
        "ok_rps": rnd(ok / seconds, 1),
        # How long after the measured period the last answer came: the backlog left when it cannot keep up.
        "last_answer_after_window_ms": window.get("last_answer_after_window_ms"),
        # Of the successful requests (errors are counted, not timed); Gatling records whole milliseconds.
        "latency_ms": pct | {"max": num(s["maxResponseTime"]["ok"]), "mean": num(s["meanResponseTime"]["ok"])},
        "errors": ko,
        "error_ratio": rnd(ko / total, 4) if total else None,
        "error_messages_whole_run": gatling_errors(log_path),
        "warm_up_requests": int(num(warm[0]["stats"]["numberOfRequests"]["total"]) or 0) if warm else 0,
        "gatling_report": os.path.join(run_dir, "index.html"),
    }
    write(out, result)


# ---- pgbench ---------------------------------------------------------------------------------

def pgbench(ctx_path, out, parts):
    """Each part NAME:MODE:LOGPREFIX:STDOUT. With a rate (-R), latency counts from each transaction's
    scheduled start, as pgbench itself reports it (so a backlog shows, as in the open model)."""
    ctx = load(ctx_path)
    runs = {}
    for part in parts:
        name, mode, prefix, stdout = part.split(":", 3)
        lat, failed = [], 0
        logs = [f for f in glob.glob(prefix + ".*") if re.fullmatch(r"\d+(\.\d+)?", f[len(prefix) + 1:])]
        for log in logs:
            with open(log) as f:
                for line in f:
                    cols = line.split()
                    if len(cols) < 6:
                        continue
                    t = cols[2]
                    if t in ("failed", "skipped", "serialization", "deadlock"):
                        failed += 1
                        continue
                    # With --rate, `time` already counts from the scheduled start (it includes the
                    # schedule lag of column 7): its mean is pgbench's own "latency average".
                    lat.append(int(t) / 1000.0)
        text = open(stdout, encoding="utf-8", errors="replace").read()
        tps = re.search(r"tps = ([0-9.]+)", text)
        aborted = "Run was aborted" in text
        processed = re.search(r"number of transactions actually processed: (\d+)", text)
        count = int(processed.group(1)) if processed else len(lat)
        runs[f"{name}_{mode}"] = {
            "script": f"bench/pg/{name}.sql",
            "mode": mode,
            "rate": ctx["rate"] if mode == "rate" else None,
            "transactions": count,
            "tps": rnd(float(tps.group(1)), 1) if tps else None,
            "latency_ms": latency_summary(lat),
            "errors": failed + (1 if aborted else 0),
            "error_ratio": rnd(failed / count, 4) if count else None,
            "aborted": aborted,
        }
    result = ctx | {"pgbench": runs}
    # The headline numbers are the register (insert) script's at the given rate.
    if not runs:
        die("no pgbench runs given")
    head = runs.get("register_rate") or next(iter(runs.values()))
    result |= {
        "requests": head["transactions"],
        "throughput_rps": head["tps"],
        "latency_ms": head["latency_ms"],
        "errors": sum(r["errors"] for r in runs.values()),
        "error_ratio": head["error_ratio"],
    }
    write(out, result)


# ---- Kafka -----------------------------------------------------------------------------------

def consumer_perf(path):
    c = open(path, errors="replace").read().strip().splitlines()
    for i, line in enumerate(c):
        if line.startswith("start.time") and i + 1 < len(c):
            row = dict(zip([k.strip() for k in line.split(",")], [v.strip() for v in c[i + 1].split(",")]))
            return {"records": int(float(row.get("data.consumed.in.nMsg", 0))),
                    "records_per_s": float(row.get("nMsg.sec", 0)), "mb_per_s": float(row.get("MB.sec", 0))}
    return None


def kafka(ctx_path, out, producer_out, e2e_out, consumer_out):
    ctx = load(ctx_path)
    text = open(producer_out, errors="replace").read()
    # "<n> records sent, <x> records/sec (<y> MB/sec), <a> ms avg latency, <b> ms max latency,
    #  <p50> ms 50th, <p95> ms 95th, <p99> ms 99th, <p999> ms 99.9th."  (last such line = steady state)
    # With --warmup-records the tool prints the whole run's line, then "<n> steady state records sent, …",
    # which leaves the warm-up out: that one is taken when present.
    pattern = re.compile(
        r"(\d+) (?:steady state )?records sent, ([0-9.]+) records/sec \(([0-9.]+) MB/sec\), ([0-9.]+) ms avg latency, "
        r"([0-9.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99.9th")
    lines = [m for m in pattern.finditer(text)]
    steady = [m for m in lines if "steady state" in m.group(0)]
    producer = None
    if lines:
        n, rps, mbs, avg, mx, p50, p95, p99, p999 = (steady or lines)[-1].groups()
        producer = {
            "records": int(n), "records_per_s": float(rps), "mb_per_s": float(mbs),
            "latency_ms": {"p50": float(p50), "p95": float(p95), "p99": float(p99), "p99_9": float(p999),
                           "max": float(mx), "mean": float(avg)},
            "warm_up_excluded": bool(steady),
        }
    e2e = None
    t = open(e2e_out, errors="replace").read()
    m_avg = re.search(r"Avg latency: ([0-9.]+) ms", t)
    m_pct = re.search(r"Percentiles: 50th = ([0-9.]+), 99th = ([0-9.]+), 99.9th = ([0-9.]+)", t)
    if m_avg or m_pct:
        e2e = {"latency_ms": {"mean": float(m_avg.group(1)) if m_avg else None}}
        if m_pct:
            e2e["latency_ms"] |= {"p50": float(m_pct.group(1)), "p99": float(m_pct.group(2)),
                                  "p99_9": float(m_pct.group(3))}
    consumer = consumer_perf(consumer_out)
    errors = sum(1 for x in (producer, e2e, consumer) if x is None)
    result = ctx | {
        "producer": producer, "end_to_end": e2e, "consumer": consumer,
        "requests": producer["records"] if producer else 0,
        "throughput_rps": producer["records_per_s"] if producer else None,
        "latency_ms": producer["latency_ms"] if producer else {},
        "errors": errors,
        "error_ratio": None,
    }
    write(out, result)


# ---- audit-ingest ----------------------------------------------------------------------------

def ingest(ctx_path, consumer_out, out):
    ctx = load(ctx_path)
    # the first poll that saw records already counted some: they were stored before the timing began
    timed = ctx["stored"] - ctx["first_poll_count"]
    rate = timed / (ctx["ingest_ms"] / 1000) if ctx["ingest_ms"] > 0 else None
    baseline = consumer_perf(consumer_out)
    result = ctx | {
        "request": "records stored by the audit service",
        "requests": ctx["records"],
        "throughput_rps": rnd(rate),
        "produced_per_s": rnd(ctx["records"] / (ctx["produced_ms"] / 1000)) if ctx["produced_ms"] else None,
        "kafka_consumer_baseline": baseline,
        "ratio_to_kafka_consumer": rnd(rate / baseline["records_per_s"], 3) if rate and baseline and baseline["records_per_s"] else None,
        "latency_ms": {},
        "errors": (ctx["records"] - ctx["stored"]) + ctx["duplicates"],
        "error_ratio": None,
    }
    write(out, result)


# ---- startup ---------------------------------------------------------------------------------

def startup(ctx_path, out, tsv):
    """TSV lines: service, attempt, ready_ms, rss_at_ready_kb, rss_after_warmup_kb (last attempt), started_in."""
    ctx = load(ctx_path)
    services = {}
    for line in open(tsv):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 6:
            continue
        name, attempt, ready_ms, rss_ready, rss_warm, started_in = cols[:6]
        s = services.setdefault(name, {"service": name, "ready_ms": [], "rss_at_ready_mb": [],
                                       "quarkus_started_in_s": []})
        s["ready_ms"].append(int(ready_ms) if ready_ms.isdigit() else None)
        s["rss_at_ready_mb"].append(rnd(int(rss_ready) / 1024, 1) if rss_ready.isdigit() else None)
        s["quarkus_started_in_s"].append(float(started_in) if started_in else None)
        if rss_warm.isdigit():
            s["rss_after_warmup_mb"] = rnd(int(rss_warm) / 1024, 1)
    errors = 0
    for s in services.values():
        ok = [v for v in s["ready_ms"] if v is not None]
        errors += len(s["ready_ms"]) - len(ok)
        s["ready_ms_median"] = statistics.median(ok) if ok else None
        s["ready_ms_min"] = min(ok) if ok else None
    result = ctx | {"services": list(services.values()), "errors": errors,
                    "requests": sum(len(s["ready_ms"]) for s in services.values())}
    write(out, result)


def shutdown(ctx_path, out, tsv):
    """TSV lines: service, condition (running, kafka-frozen, postgres-gone), ms from SIGTERM to exit, exit code."""
    ctx = load(ctx_path)
    services = {}
    errors = requests = 0
    for line in open(tsv):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            continue
        name, condition, stopped_ms, code = cols[:4]
        requests += 1
        ms = int(stopped_ms) if stopped_ms.isdigit() else None
        # over the 10 s, or never stopped (or never started) counts as an error
        if ms is None or ms > 10000:
            errors += 1
        services.setdefault(name, {"service": name, "stopped_ms": {}, "exit_code": {}})
        services[name]["stopped_ms"][condition] = ms
        services[name]["exit_code"][condition] = int(code) if code.lstrip("-").isdigit() else None
    write(out, ctx | {"services": list(services.values()), "errors": errors, "requests": requests})


# ---- propagation -----------------------------------------------------------------------------

def propagation(ctx_path, bench_json, out):
    """OutboxPropagationBenchmark's target/benchmarks/outbox-propagation.json: for the baseline (bare
    Kafka produce→consume) and the outbox path (commit → consumer's inbox commit), the events timed
    (those sent in the measured seconds), the rate achieved over warm-up + measured seconds, and
    their latencies. Its own rate, seconds and warm-up are the ones recorded."""
    ctx = load(ctx_path)
    b = load(bench_json)
    for key, mine in (("rate", "rate"), ("seconds", "seconds"), ("warmup_seconds", "warmup_seconds")):
        if b.get(key) != ctx.get(mine):
            print(f"results.py: the benchmark ran with {key} {b.get(key)}, not {ctx.get(mine)} as asked",
                  file=sys.stderr)
    paths = {}
    for name in ("baseline", "outbox"):
        p = b[name]
        paths[name] = {
            "path": p["path"],
            "events": p["count"],
            "achieved_rate": p["achieved_rate"],
            "latency_ms": p["latency_ms"],
        }
    expected = b["expected"]
    outbox = paths["outbox"]
    missing = max(0, expected - outbox["events"])
    result = ctx | {
        "rate": b["rate"], "seconds": b["seconds"], "warmup_seconds": b["warmup_seconds"],
        "clients": b["clients"],
        "baseline": paths["baseline"],
        "outbox": outbox,
        "ratio_outbox_to_baseline": b.get("ratio_outbox_to_baseline"),
        # The headline numbers are the outbox path's.
        "request": "commit → consumer's inbox commit",
        "requests": expected,
        "offered_rps": b["rate"],
        "throughput_rps": outbox["achieved_rate"],
        "latency_ms": outbox["latency_ms"],
        # Events of the measured seconds that never reached the consumer (the benchmark waits 120 s).
        "errors": missing,
        "error_ratio": rnd(missing / expected, 4) if expected else None,
    }
    write(out, result)


# ---- summary ---------------------------------------------------------------------------------

def propagation_services(ctx_path, produced_tsv, consumed_tsv, load_json, out,
                         request="case opened in clients → case projection committed in assessments",
                         note="latency = inbox_event.processed_at (consumer transaction) - outbox_event.timestamp"
                              " (producer transaction)"):
    """Latency of each event from its producer's outbox timestamp to its consumer's inbox row."""
    ctx = load(ctx_path)

    def read(path):
        rows = {}
        with open(path) as f:
            for line in f:
                if line.strip():
                    event_id, ms = line.rstrip("\n").split("\t")
                    rows[event_id] = float(ms)
        return rows

    produced, consumed = read(produced_tsv), read(consumed_tsv)
    if not produced:
        die(f"{ctx['scenario']}: no events were produced")
    first = min(produced.values())
    measured = {k: v for k, v in produced.items() if v >= first + ctx["warmup_seconds"] * 1000}
    latencies = [consumed[k] - v for k, v in measured.items() if k in consumed]
    missing = len(measured) - len(latencies)
    span = (max(measured.values()) - min(measured.values())) / 1000 if len(measured) > 1 else 0
    result = ctx | {
        "request": request,
        "events": len(measured),
        "warm_up_events": len(produced) - len(measured),
        "achieved_rate": rnd(len(measured) / span, 1) if span else None,
        "latency_ms": latency_summary(latencies),
        "errors": missing,
        "note": note,
        # The load on the producer (cases opened): what it answered, and how fast.
        "load": {k: v for k, v in load(load_json).items()
                 if k in ("request", "offered_rps", "throughput_rps", "latency_ms", "errors", "error_ratio",
                          "error_messages_whole_run")},
    }
    write(out, result)


def fmt(v, unit=""):
    if v is None:
        return "–"
    if isinstance(v, float):
        v = f"{v:.1f}" if v < 100 else f"{v:.0f}"
    return f"{v}{unit}"


def ratio(v):
    return "–" if v is None else f"{v:.3f}"


def lat_line(lat):
    keys = [("p50", "p50"), ("p90", "p90"), ("p95", "p95"), ("p99", "p99"), ("p99_9", "p99.9"), ("max", "max")]
    return "  ".join(f"{label} {fmt(lat.get(k))}" for k, label in keys if k in lat) + " ms"


def summary(path):
    r = load(path)
    sc = r["scenario"]
    print(f"{sc} — {r['date']}, {r['machine']['cores']} cores, load {r['machine']['load_average_at_start']}")
    if sc == "startup":
        for s in r["services"]:
            print(f"  {s['service']}: ready in {s['ready_ms']} ms (median {fmt(s['ready_ms_median'])}), "
                  f"RSS after warm-up {fmt(s.get('rss_after_warmup_mb'))} MB ({r.get('java_opts', '')})")
    elif sc == "shutdown":
        for s in r["services"]:
            print(f"  {s['service']}: stopped after SIGTERM in " + ", ".join(
                f"{fmt(ms)} ms ({c})" for c, ms in s["stopped_ms"].items()))
    elif sc == "pg-baseline":
        for name, p in r["pgbench"].items():
            what = f"at {p['rate']}/s" if p["rate"] else "unthrottled"
            print(f"  pgbench {p['script']} {what}, {r['connections']} connections: {p['transactions']} tx, "
                  f"{fmt(p['tps'])} tps, {lat_line(p['latency_ms'])}, errors {p['errors']}")
    elif sc in ("propagation-services", "crisis-propagation", "notifications-events"):
        print(f"  {r['request']}: {r['events']} events timed (after {r['warm_up_events']} warm-up events), "
              f"{fmt(r['achieved_rate'])} events/s, {lat_line(r['latency_ms'])}, missing {r['errors']}")
        ld = r.get("load") or {}
        if ld:
            print(f"  load: {ld.get('request')} at {r['rate']}/s: {fmt(ld.get('throughput_rps'))} answered/s, "
                  f"{lat_line(ld.get('latency_ms') or {})}, errors {ld.get('errors')}")
    elif sc == "propagation":
        print(f"  at {r['rate']} events/s for {r['seconds']} s (after {r['warmup_seconds']} s warm-up), "
              f"round-robin over {r['clients']} clients, one test JVM")
        for name in ("baseline", "outbox"):
            p = r[name]
            print(f"  {p['path']}: {p['events']} events timed, {fmt(p['achieved_rate'])} sent/s, "
                  f"{lat_line(p['latency_ms'])}")
        q = r.get("ratio_outbox_to_baseline") or {}
        print(f"  ratio outbox/baseline: p50 {fmt(q.get('p50'))}×, p99 {fmt(q.get('p99'))}×; "
              f"missing events {r['errors']}")
        if r.get("maven_exit_code"):
            print(f"  dev/test failed (exit code {r['maven_exit_code']}); see {r.get('logs', 'the logs')}")
    elif sc == "audit-ingest":
        print(f"  {r['records']} records produced in {r['produced_ms']} ms ({fmt(r['produced_per_s'])}/s); "
              f"stored {r['stored']}, {r['duplicates']} twice; {fmt(r['throughput_rps'])} records/s stored")
        b = r.get("kafka_consumer_baseline")
        if b:
            print(f"  baseline: Kafka consumer perf {fmt(b['records_per_s'])} records/s; "
                  f"ratio {ratio(r['ratio_to_kafka_consumer'])}×")
    elif sc == "kafka-baseline":
        if r.get("producer"):
            p = r["producer"]
            print(f"  producer (acks=all, {r['record_size']} B) at {r['rate']}/s: {p['records']} records, "
                  f"{fmt(p['records_per_s'])} rec/s, {lat_line(p['latency_ms'])}")
        if r.get("end_to_end"):
            print(f"  produce→consume, one at a time: {lat_line(r['end_to_end']['latency_ms'])}")
        if r.get("consumer"):
            c = r["consumer"]
            print(f"  consumer: {c['records']} records, {fmt(c['records_per_s'])} rec/s, {fmt(c['mb_per_s'])} MB/s")
        if r["errors"]:
            print(f"  {r['errors']} tool(s) gave no result; see {r.get('logs', 'the logs')}")
    else:
        print(f"  {r['request']} at {r['rate']}/s for {r['seconds']} s (after {r['warmup_seconds']} s warm-up): "
              f"{r['requests']} requests sent, {fmt(r['throughput_rps'])} answered/s, errors {r['errors']} "
              f"({fmt((r['error_ratio'] or 0) * 100)} %), last answer {fmt(r.get('last_answer_after_window_ms'))} ms "
              f"after the period")
        print(f"  {lat_line(r['latency_ms'])}")
        for msg, n in (r.get("error_messages_whole_run") or {}).items():
            print(f"  error (whole run): {n} × {msg}")
        print(f"  report: {r['gatling_report']}")


# ---- README table ----------------------------------------------------------------------------

BEGIN = "<!-- results:begin (generated by bench/run from bench/results/snapshot/*.json; do not edit) -->"
END = "<!-- results:end -->"
ORDER = ["clients-get", "clients-register", "clients-search", "assessments-complete", "assessments-history",
         "careplans-read", "careplans-progress", "referrals-search", "referrals-create", "scheduling-slots",
         "scheduling-book", "notifications-events", "audit-query", "audit-ingest",
         "propagation", "propagation-services", "crisis-propagation", "pg-baseline", "kafka-baseline", "startup", "shutdown"]


def rows(r):
    date = r["date"][:10]
    m = r["machine"]
    jdk = re.search(r'"([^"]+)"', m.get("jdk", ""))
    machine = f"{m['cores']} cores, {round(m['memory_mb'] / 1024)} GB, JDK {jdk.group(1) if jdk else '?'}, " \
              f"load {m['load_average_at_start'][0]}"
    sc = r["scenario"]

    def row(what, rate, rps, lat, errors, note=""):
        cells = [date, sc, what, fmt(rate), fmt(rps)] + [fmt(lat.get(k)) for k in ("p50", "p90", "p99", "p99_9", "max")] \
            + [fmt(errors), note or machine]
        return "| " + " | ".join(cells) + " |"

    if sc == "startup":
        out = []
        for s in r["services"]:
            out.append("| " + " | ".join([date, sc, s["service"], "", "", "", "", "", "", "", fmt(r["errors"]),
                                          f"ready {fmt(s['ready_ms_median'])} ms (median of {len(s['ready_ms'])}), "
                                          f"RSS {fmt(s.get('rss_after_warmup_mb'))} MB after warm-up; {machine}"]) + " |")
        return out
    if sc == "shutdown":
        return ["| " + " | ".join([date, sc, s["service"], "", "", "", "", "", "", "",
                                   fmt(sum(1 for ms in s["stopped_ms"].values() if ms is None or ms > 10000)),
                                   "SIGTERM → exit: " + ", ".join(f"{c} {fmt(ms)} ms" for c, ms in s["stopped_ms"].items())
                                   + f"; {machine}"]) + " |" for s in r["services"]]
    if sc == "pg-baseline":
        out = []
        for p in r["pgbench"].values():
            what = f"pgbench {os.path.basename(p['script'])}, {r['connections']} conn" + \
                ("" if p["rate"] else ", unthrottled")
            out.append(row(what, p["rate"], p["tps"], p["latency_ms"], p["errors"]))
        return out
    if sc == "kafka-baseline":
        out = []
        if r.get("producer"):
            p = r["producer"]
            out.append(row(f"produce acks=all, {r['record_size']} B (p90 column: p95)", r["rate"], p["records_per_s"],
                           p["latency_ms"] | {"p90": p["latency_ms"].get("p95")}, 0))
        if r.get("end_to_end"):
            out.append(row("produce→consume, one at a time", None, None, r["end_to_end"]["latency_ms"], 0))
        if r.get("consumer"):
            c = r["consumer"]
            out.append(row("consume (throughput only)", None, c["records_per_s"], {}, 0))
        return out
    if sc == "audit-ingest":
        b = r.get("kafka_consumer_baseline") or {}
        return [row(f"{r['records']} records on the topic → stored (Kafka consumer perf: "
                    f"{fmt(b.get('records_per_s'))}/s, ratio {ratio(r.get('ratio_to_kafka_consumer'))}×)",
                    None, r["throughput_rps"], {}, r["errors"])]
    if sc in ("propagation-services", "crisis-propagation", "notifications-events"):
        return [row(r["request"], r["rate"], r["achieved_rate"], r["latency_ms"], r["errors"])]
    if sc == "propagation":
        return [row("Kafka produce→consume, acks=all (baseline, test JVM)", r["rate"],
                    r["baseline"]["achieved_rate"], r["baseline"]["latency_ms"], 0),
                row("event commit → consumer's inbox commit (outbox, relay, Kafka)", r["rate"],
                    r["outbox"]["achieved_rate"], r["outbox"]["latency_ms"], r["errors"])]
    return [row(r["request"], r["rate"], r["throughput_rps"], r["latency_ms"], r["errors"])]


def ratio_of_runs(a_path, b_path):
    """Prints the latency ratio of run a to run b (same request, same rate, one after the other)."""
    with open(a_path, encoding="utf-8") as f:
        a = json.load(f)
    with open(b_path, encoding="utf-8") as f:
        b = json.load(f)
    la, lb = a["latency_ms"], b["latency_ms"]
    parts = [f"{k} {la[k]:.1f}/{lb[k]:.1f} ms = {la[k] / lb[k]:.2f}×" for k in ("p50", "p99") if la.get(k) and lb.get(k)]
    print(f"  {a['scenario']} vs {b['scenario']} at {a['rate']}/s: " + ", ".join(parts))


def ratios(results):
    by = {r["scenario"]: r for r in results}
    lines = []
    pg = by.get("pg-baseline", {}).get("pgbench", {})
    for sc, script in (("clients-get", "get_rate"), ("clients-register", "register_rate")):
        if sc in by and script in pg and by[sc]["rate"] == pg[script]["rate"]:
            a, b = by[sc]["latency_ms"], pg[script]["latency_ms"]
            parts = [f"{k} {a[k] / b[k]:.1f}×" for k in ("p50", "p99") if a.get(k) and b.get(k)]
            lines.append(f"- {sc} vs pgbench {script.split('_')[0]}.sql at {pg[script]['rate']}/s: latency " +
                         ", ".join(parts))
    prop = by.get("propagation")
    if prop:
        a, b = prop["outbox"]["latency_ms"], prop["baseline"]["latency_ms"]
        parts = [f"{k} {a[k] / b[k]:.1f}×" for k in ("p50", "p99") if a.get(k) and b.get(k)]
        lines.append(f"- propagation (commit → inbox commit) vs Kafka produce→consume in the same run at "
                     f"{prop['rate']}/s: latency " + ", ".join(parts))
    proxied, direct = by.get("gateway-proxied"), by.get("gateway-direct")
    if proxied and direct and proxied["rate"] == direct["rate"]:
        a, b = proxied["latency_ms"], direct["latency_ms"]
        parts = [f"{k} {a[k] / b[k]:.2f}×" for k in ("p50", "p99") if a.get(k) and b.get(k)]
        lines.append(f"- GET /clients/{{id}} through the gateway vs straight at clients, one run after the other at "
                     f"{proxied['rate']}/s: latency " + ", ".join(parts) + " (target ≤ 1.3×)")
    reg = by.get("clients-register", {})
    if reg.get("throughput_rps") and "register_max" in pg and pg["register_max"]["tps"]:
        lines.append(f"- clients-register throughput vs pgbench register.sql unthrottled: "
                     f"{reg['throughput_rps'] / pg['register_max']['tps']:.2f}× "
                     f"(meaningful only when the register run was at the service's capacity)")
    return lines


def readme(results_dir, path):
    results = []
    for f in sorted(glob.glob(os.path.join(results_dir, "*.json"))):
        try:
            results.append(load(f))
        except Exception as e:
            die(f"{f}: {e}")
    results.sort(key=lambda r: (ORDER.index(r["scenario"]) if r["scenario"] in ORDER else 99, r["scenario"]))
    table = [BEGIN, ""]
    if results:
        table += ["| date | scenario | what | rate /s | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | machine, notes |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in results:
            table += rows(r)
        rl = ratios(results)
        if rl:
            table += ["", "Ratios to the baselines:", ""] + rl
    else:
        table += ["(no published results yet: `bench/run <scenario> --publish`)"]
    table += ["", END]
    text = open(path, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        die(f"{path} has no results markers")
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    new = before + "\n".join(table) + after
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)


def main(argv):
    if len(argv) < 2:
        die(__doc__)
    c, a = argv[1], argv[2:]
    if c == "machine":
        print(json.dumps(machine()))
    elif c == "token-lifetime":
        print(token_lifetime(a[0]))
    elif c == "token-subject":
        print(token_subject(a[0]))
    elif c == "gatling":
        gatling(*a)
    elif c == "pgbench":
        pgbench(a[0], a[1], a[2:])
    elif c == "kafka":
        kafka(*a)
    elif c == "ingest":
        ingest(*a)
    elif c == "startup":
        startup(*a)
    elif c == "shutdown":
        shutdown(*a)
    elif c == "propagation":
        propagation(*a)
    elif c in ("propagation-services", "crisis-propagation"):
        propagation_services(*a)
    elif c == "ratio":
        ratio_of_runs(*a)
    elif c == "summary":
        summary(a[0])
    elif c == "readme":
        readme(*a)
    else:
        die(f"unknown command {c}")


if __name__ == "__main__":
    main(sys.argv)
