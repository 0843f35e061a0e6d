# shellcheck shell=bash
# Helpers shared by dev/infra, dev/up, dev/down and dev/test. Source it; don't run it.
#
# Every long-running process these scripts start is launched with setsid, so it leads its own
# process group; its pid (= the group id) goes to $CAIRN_RUN_DIR/<name>.pid. Stopping sends TERM
# to the whole group and KILL after a grace period. A pid file is only trusted while a process of
# that group still has our state dir in its command line, so a stale or reused pid is never hit.

CAIRN_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CAIRN_DEV_DIR="${CAIRN_DEV_DIR:-$CAIRN_REPO/.dev}"
mkdir -p "$CAIRN_DEV_DIR"
CAIRN_DEV_DIR="$(cd "$CAIRN_DEV_DIR" && pwd)"
CAIRN_LOG_DIR="$CAIRN_DEV_DIR/logs"
CAIRN_RUN_DIR="$CAIRN_DEV_DIR/run"
CAIRN_DATA_DIR="$CAIRN_DEV_DIR/data"
CAIRN_DIST_DIR="$CAIRN_DEV_DIR/dist"
CAIRN_ENV_FILE="$CAIRN_DEV_DIR/infra.env"
CAIRN_STOP_TIMEOUT="${CAIRN_STOP_TIMEOUT:-10}"
mkdir -p "$CAIRN_LOG_DIR" "$CAIRN_RUN_DIR" "$CAIRN_DATA_DIR" "$CAIRN_DIST_DIR"

if [[ -t 1 ]]; then
  _c_bold=$'\e[1m' _c_red=$'\e[31m' _c_green=$'\e[32m' _c_yellow=$'\e[33m' _c_off=$'\e[0m'
else
  _c_bold='' _c_red='' _c_green='' _c_yellow='' _c_off=''
fi

say()  { printf '%s\n' "$*"; }
info() { printf '%s==>%s %s\n' "$_c_bold" "$_c_off" "$*"; }
ok()   { printf '%s✓%s %s\n' "$_c_green" "$_c_off" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_c_yellow" "$_c_off" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$_c_red" "$_c_off" "$*" >&2; exit 1; }
green() { printf '%s%s%s' "$_c_green" "$*" "$_c_off"; }
red()   { printf '%s%s%s' "$_c_red" "$*" "$_c_off"; }
bold()  { printf '%s%s%s' "$_c_bold" "$*" "$_c_off"; }

# Milliseconds since the epoch, and "1.2" seconds elapsed since such a value.
now_ms() { local t="${EPOCHREALTIME//[.,]/}"; printf '%s' "${t:0:-3}"; }
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d' $(( d / 1000 )) $(( d % 1000 / 100 )); }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_file() { printf '%s/%s.pid' "$CAIRN_RUN_DIR" "$1"; }

# Prints the recorded pid of component/service $1 (nothing if none).
read_pid() {
  local f; f="$(pid_file "$1")"
  if [[ -s "$f" ]]; then tr -dc '0-9' <"$f"; fi
}

# True when process group $1 still has a member whose command line mentions our state dir.
group_alive() {
  local pgid="$1" args
  [[ -n "$pgid" ]] || return 1
  args="$(ps -e -o pgid=,args= | awk -v g="$pgid" '$1 == g { $1 = ""; print }')"
  [[ "$args" == *"$CAIRN_DEV_DIR"* ]]
}

# True when the process recorded for $1 is alive (and is ours).
is_running() { group_alive "$(read_pid "$1")"; }

# start_detached NAME LOGFILE CMD... : start CMD in a new session (its own process group),
# stdin from /dev/null, stdout+stderr appended to LOGFILE; records the pid.
start_detached() {
  local name="$1" logfile="$2"; shift 2
  printf '\n===== %s: starting %s =====\n' "$(date '+%F %T')" "$name" >>"$logfile"
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  # setsid only forks when its caller leads a process group, which a script's background job never does.
  local pgid; pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" || true
  if [[ -n "$pgid" && "$pgid" != "$pid" ]]; then
    sleep 0.2
    pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" || true
    [[ -z "$pgid" || "$pgid" == "$pid" ]] || warn "$name: pid $pid is not its own process group leader"
  fi
}

# stop_group NAME [TIMEOUT_SECONDS]: TERM the recorded process group, KILL it after the timeout,
# and return only once no member is left.
stop_group() {
  local name="$1" timeout="${2:-$CAIRN_STOP_TIMEOUT}" pgid
  pgid="$(read_pid "$name")"
  if [[ -z "$pgid" ]] || ! group_alive "$pgid"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  kill -TERM -- "-$pgid" 2>/dev/null || true
  local deadline=$(( $(now_ms) + timeout * 1000 ))
  while group_alive "$pgid" && (( $(now_ms) < deadline )); do sleep 0.1; done
  if group_alive "$pgid"; then
    warn "$name did not stop within ${timeout} s; sending KILL"
    kill -KILL -- "-$pgid" 2>/dev/null || true
    while group_alive "$pgid"; do sleep 0.1; done
  fi
  rm -f "$(pid_file "$name")"
}

# Exports the variables of .dev/infra.env into the current shell.
load_infra_env() {
  [[ -f "$CAIRN_ENV_FILE" ]] || die "$CAIRN_ENV_FILE is missing; run dev/infra up"
  set -a
  # shellcheck disable=SC1090
  . "$CAIRN_ENV_FILE"
  set +a
}
