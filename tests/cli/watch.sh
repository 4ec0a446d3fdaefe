# daxinspect watch: on the 6.1 sample (a dump: one round unless --count),
# the --json events are exactly check --json's findings, each "appeared",
# in order, then a summary line; exit 1. --count 3 on the dump repeats the
# audit on one session and nothing appears or clears after round 1. The
# text form has one "+" line per finding with a UTC timestamp. Bad options
# are exit 2 with a message naming the option.
. "$DXI_TOP/tests/lib.sh"

core=$DXI_TOP/build/samples/6.1-ext4/vmcore
if [ ! -f "$core" ]; then
	skip watch "no samples (make samples)"
	exit 0
fi
run_json watch/check "$TMP/check.json" "$DXI_BIN" check --json "$core" || exit 0

"$DXI_BIN" watch --json --count 1 "$core" >"$TMP/w1.jsonl" 2>"$TMP/w1.err"
rc=$?
if grep -q 'Sanitizer\|runtime error' "$TMP/w1.err"; then
	fail watch/json "sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$TMP/w1.err")"
elif [ $rc -ne 1 ]; then
	fail watch/json "exit $rc, want 1 (the sample has errors): $(head -2 "$TMP/w1.err")"
elif ! v=$(/usr/bin/python3 "$DXI_TOP/tests/validate_json.py" --lines watch_line "$TMP/w1.jsonl") ||
	[ "${v#PASS}" = "$v" ]; then
	fail watch/json "a line does not follow docs/json-schema.json \$defs/watch_line: $v"
else
	# Every line is one object; the appeared findings equal check's.
	why=$(/usr/bin/python3 - "$TMP/check.json" "$TMP/w1.jsonl" <<'PY'
import json, re, sys
want = json.load(open(sys.argv[1]))["findings"]
lines = open(sys.argv[2]).read().splitlines()
ev = [json.loads(l) for l in lines]
ts = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
if not want:
    print("the sample has no findings"); sys.exit()
if any(not ts.match(e.get("time", "")) for e in ev):
    print("a line has no UTC time: %s" % lines[0]); sys.exit()
app = [e["finding"] for e in ev if e["event"] == "appeared"]
other = [e["event"] for e in ev if e["event"] not in ("appeared", "summary")]
if app != want:
    print("appeared %d findings, check has %d (or they differ)" % (len(app), len(want))); sys.exit()
if other:
    print("unexpected events %s" % other); sys.exit()
s = ev[-1]
if s["event"] != "summary" or (s["rounds"], s["appeared"], s["cleared"], s["present"]) != (1, len(want), 0, len(want)):
    print("bad summary line: %s" % lines[-1])
PY
)
	if [ -n "$why" ]; then
		fail watch/json "$why"
	else
		pass watch/json
	fi
fi

# Three rounds on one session: only round 1 has events.
"$DXI_BIN" watch --json --count 3 "$core" >"$TMP/w3.jsonl" 2>/dev/null
n=$(jq -s '[.[] | select(.event == "appeared" or .event == "cleared")] | length' "$TMP/w3.jsonl")
m=$(jq '.findings | length' "$TMP/check.json")
r=$(jq -s '.[-1] | "\(.rounds) \(.cleared) \(.present)"' -r "$TMP/w3.jsonl")
if [ "$n" = "$m" ] && [ "$r" = "3 0 $m" ]; then
	pass watch/rounds
else
	fail watch/rounds "3 rounds of a dump: $n events (want $m), summary '$r' (want '3 0 $m')"
fi

# Text: one "TIME + SEVERITY CHECK ..." line per finding, then the summary.
"$DXI_BIN" watch "$core" >"$TMP/w.txt" 2>"$TMP/w.err"
rc=$?
plus=$(grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z \+ (error|warning|info) ' "$TMP/w.txt")
if [ $rc -eq 1 ] && [ "$plus" = "$m" ] &&
	grep -qE "Z summary: 1 rounds, $m appeared, 0 cleared, $m still present$" "$TMP/w.txt" &&
	grep -q 'is a dump, not a live kernel' "$TMP/w.err"; then
	pass watch/text
else
	fail watch/text "exit $rc, $plus '+' lines (want $m): $(cat "$TMP/w.txt" "$TMP/w.err")"
fi

# Cleared: a test plugin whose check speaks in odd rounds only (it counts
# rounds by the page scan starting over) makes watch see its finding
# appear, clear and appear again over three rounds of one session.
cat >"$TMP/blink.c" <<'C'
#include <stdio.h>
#include <daxinspect/plugin.h>
static const struct dxi_check blink;
static unsigned round;
static uint64_t last = UINT64_MAX;
static void blink_page(struct dxi_audit *a, const struct dxi_page *p,
		       const struct dxi_page_view *v, const struct dxi_refs *refs)
{
	struct dxi_finding *f;
	(void)v; (void)refs;
	if (last != UINT64_MAX && p->pfn > last) { last = p->pfn; return; }
	last = p->pfn;
	if (++round % 2 == 0 || !(f = dxi_emit(a, &blink, DXI_SEV_WARNING)))
		return;
	dxi_finding_set_page(f, p);
	snprintf(f->message, sizeof(f->message), "blink: odd round %u", round);
}
static const struct dxi_check blink = { .id = "blink", .summary = "odd rounds",
	.kernel_ref = "none", .on_page = blink_page };
static const struct dxi_check *const checks[] = { &blink };
static const struct dxi_plugin plugin = { .abi_version = DXI_PLUGIN_ABI_VERSION,
	.name = "blink", .description = "test", .checks = checks, .nchecks = 1 };
const struct dxi_plugin *dxi_plugin_register(void);
const struct dxi_plugin *dxi_plugin_register(void) { return &plugin; }
C
if ! cc -I"$DXI_TOP/include" -fPIC -shared -o "$TMP/blink.so" "$TMP/blink.c" 2>"$TMP/cc.err"; then
	fail watch/cleared "cannot build the test plugin: $(head -3 "$TMP/cc.err")"
else
	"$DXI_BIN" --plugin "$TMP/blink.so" watch --json --count 3 "$core" >"$TMP/wb.jsonl" 2>"$TMP/wb.err"
	r=$(jq -s -r '[.[] | select(.event != "summary" and .finding.check == "blink") | .event] | join(",")' "$TMP/wb.jsonl" 2>/dev/null)
	s=$(jq -s -r '.[-1] | "\(.rounds) \(.appeared) \(.cleared) \(.present)"' "$TMP/wb.jsonl" 2>/dev/null)
	if [ "$r" = "appeared,cleared,appeared" ] && [ "$s" = "3 $((m + 2)) 1 $((m + 1))" ]; then
		pass watch/cleared
	else
		fail watch/cleared "blink events '$r' (want appeared,cleared,appeared), summary '$s' (want '3 $((m + 2)) 1 $((m + 1))'): $(head -2 "$TMP/wb.err")"
	fi
fi

expect watch/bad-interval 2 'interval takes seconds' "$DXI_BIN" watch --interval 0 "$core"
expect watch/bad-interval-word 2 'interval takes seconds' "$DXI_BIN" watch --interval soon "$core"
expect watch/bad-count 2 'count takes a number' "$DXI_BIN" watch --count -1 "$core"
expect watch/check-option 2 'not its options' "$DXI_BIN" watch --severity error "$core"
expect watch/no-target 2 'takes a TARGET' "$DXI_BIN" watch
expect watch/two-targets 2 'one TARGET' "$DXI_BIN" watch "$core" "$core"

# Ctrl-C: SIGINT ends it between or inside rounds with the summary line.
"$DXI_BIN" watch --json --count 100000 "$core" >"$TMP/wi.jsonl" 2>/dev/null &
pid=$!
sleep 3
kill -INT $pid
wait $pid
rc=$?
r=$(jq -s -r '.[-1] | "\(.event) \(.interrupted) \(.cleared) \(.present)"' "$TMP/wi.jsonl" 2>/dev/null)
if [ $rc -eq 1 ] && [ "$r" = "summary true 0 $m" ]; then
	pass watch/sigint
else
	fail watch/sigint "exit $rc, last line '$r' (want 'summary true 0 $m')"
fi
