#!/usr/bin/env bash
# Contract fuzzing of the devserver against the WHOLE spec with schemathesis, in four runs:
#   1. control plane, session tier (signed in as ada);
#   2. operator tier (/api/v1/admin/*) with the CP admin bearer;
#   3. provisioning (/api/v1/workspaces/*) with the provision secret + acme's X-Molecule-Admin-Token;
#   4. tenant operations on acme's host (Host: acme.localhost:PORT, X-Molecule-Org-Id, the tenant
#      ADMIN_TOKEN as bearer);
#   5. the same tenant operations authenticated by ada's session cookie (a `Cookie` header, with
#      the Origin of acme's host as the console sends it: cookie writes need one of the
#      devserver's own origins, see SECURITY.md).
# Operator teardown/scrub/migration need `confirm` = the slug and tenant deletes need
# X-Confirm-Name = the name, which random data practically never produces, so the seeded orgs
# survive the run.
#
#   scripts/fuzz.sh          builds the devserver, starts it on a free port with a throw-away
#                            seeded database, fuzzes, stops it
#   scripts/fuzz.sh PORT     fuzzes an already running devserver on 127.0.0.1:PORT (it must have
#                            the demo seed; the run creates, changes and deletes data there)
#
# Authentication: the script signs in as the demo user ada@example.com exactly like a browser,
# with curl: GET /api/v1/auth/login -> hosted AuthKit page form (POST /authkit/authorize) ->
# /api/v1/auth/callback, which sets the mcp_session cookie; schemathesis then sends that cookie
# on every request. Sign-out is excluded so the session survives the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
ST="${SCHEMATHESIS:-$HOME/.cache/molecule-tools/venv/bin/schemathesis}"
[ -x "$ST" ] || { echo "schemathesis not found at $ST (run scripts/setup.sh)" >&2; exit 1; }
EXAMPLES="${FUZZ_MAX_EXAMPLES:-30}"
TENANT_EXAMPLES="${FUZZ_TENANT_EXAMPLES:-15}"
COOKIE_EXAMPLES="${FUZZ_COOKIE_EXAMPLES:-6}"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
  PORT="$1"
else
  cargo build --quiet -p molecule-devserver
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  # The tenant's 600 requests/minute would turn most of the tenant pass into 429s; the limit
  # itself is covered by the devserver's own tests.
  MOLECULE_LOG=warn "${CARGO_TARGET_DIR:-target}/debug/molecule-devserver" --port "$PORT" --db "$WORK/fuzz.sqlite" --seed demo --no-dist --rate-limit 1000000 \
    > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
fi
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do
  curl -fsS "$BASE/api/v1/plans" > /dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$BASE/api/v1/plans" > /dev/null || { echo "devserver not reachable on $BASE" >&2; cat "$WORK/server.log" >&2 || true; exit 1; }

# Sign in as ada through the simulated AuthKit flow.
JAR="$WORK/cookies.txt"
LOGIN="$(curl -sS -o /dev/null -c "$JAR" -b "$JAR" -w '%{redirect_url}' "$BASE/api/v1/auth/login?return_to=%2Forgs")"
STATE="${LOGIN#*state=}"; STATE="${STATE%%&*}"
CALLBACK="$(curl -sS -o /dev/null -w '%{redirect_url}' -H "Host: app.localhost:$PORT" \
  --data "state=$STATE&user_id=user_ada" "$BASE/authkit/authorize")"
CALLBACK_PATH="/${CALLBACK#http://*/}"
curl -sS -o /dev/null -c "$JAR" -b "$JAR" "$BASE$CALLBACK_PATH"
SESSION="$(awk '$6 == "mcp_session" { print $7 }' "$JAR" | tail -n 1)"
[ -n "$SESSION" ] || { echo "sign-in failed: no mcp_session cookie" >&2; exit 1; }
curl -fsS -o /dev/null -H "Cookie: mcp_session=$SESSION" "$BASE/api/v1/auth/me" || { echo "session not accepted" >&2; exit 1; }

# Schemathesis hooks:
# - header and cookie values with control characters are not HTTP (hyper answers a bare 400 before the app
#   sees the request), so such generated headers are discarded;
# - redirects are not followed: login/signup/callback answer 302 to app.localhost, a browser host
#   name the Python resolver does not know; the 302 itself is what the contract documents;
# - every request asks for its own connection (`Connection: close`): a pooled keep-alive connection
#   that sat idle while the other worker ran can be closed by the server just as it is reused,
#   which requests reports as "Remote end closed connection without response" (seen once in CI).
cat > "$WORK/fuzz_hooks.py" <<'PY'
import re
import requests
import schemathesis

_VALID = re.compile(r"^[\t\x20-\x7e\x80-\xff]*$")

@schemathesis.hook
def filter_headers(context, headers):
    return headers is None or all(_VALID.match(str(v)) for v in headers.values())

@schemathesis.hook
def filter_cookies(context, cookies):
    return cookies is None or all(_VALID.match(str(v)) for v in cookies.values())

_request = requests.Session.request

def _no_redirects(self, method, url, **kwargs):
    kwargs["allow_redirects"] = False
    headers = dict(kwargs.get("headers") or {})
    headers["Connection"] = "close"
    kwargs["headers"] = headers
    return _request(self, method, url, **kwargs)

requests.Session.request = _no_redirects
PY
export SCHEMATHESIS_HOOKS=fuzz_hooks PYTHONPATH="$WORK${PYTHONPATH:+:$PYTHONPATH}"

# One schemathesis run; on failure, show what the devserver logged (a panic, say) before failing.
fuzz() {
  "$ST" run "$@" || {
    echo "== devserver log (last 80 lines)" >&2
    tail -n 80 "$WORK/server.log" >&2 2>/dev/null || echo "(devserver started elsewhere)" >&2
    exit 1
  }
}

COMMON=(--checks all --hypothesis-derandomize --generation-allow-x00 false --workers 2 --no-color)

# 1. Every control-plane operation except operator (/admin) and provisioning (/workspaces).
#    A browser's cookie writes carry their page's Origin (the devserver refuses them otherwise).
echo "== control plane (session) on $BASE (max $EXAMPLES examples per operation)"
fuzz spec/management.yaml \
  --base-url "$BASE" \
  --set-cookie "mcp_session=$SESSION" \
  -H "Origin: http://127.0.0.1:$PORT" \
  --include-path-regex '^/api/v1/' \
  --exclude-path-regex '^/api/v1/(admin|workspaces)/' \
  --exclude-operation-id auth_signout \
  --checks all \
  --hypothesis-max-examples "$EXAMPLES" \
  --hypothesis-derandomize \
  --generation-allow-x00 false \
  --workers 2 \
  --no-color

# 2. Operator tier.
echo "== operator tier (CP admin bearer)"
fuzz spec/management.yaml \
  --base-url "$BASE" \
  -H "Authorization: Bearer dev-cp-admin-token" \
  --include-path-regex '^/api/v1/admin/' \
  --exclude-operation-id admin_list_org_workspaces \
  --hypothesis-max-examples "$TENANT_EXAMPLES" \
  "${COMMON[@]}"
# The relay answers its documented 502 for orgs whose tenant is not up (fuzz-created orgs are
# still provisioning), which not_a_server_error would count as a failure.
fuzz spec/management.yaml \
  --base-url "$BASE" \
  -H "Authorization: Bearer dev-cp-admin-token" \
  --include-operation-id admin_list_org_workspaces \
  --exclude-checks not_a_server_error \
  --hypothesis-max-examples "$TENANT_EXAMPLES" \
  "${COMMON[@]}"

# 3. Provisioning (tenant to CP).
ACME_ADMIN="$(curl -fsS -H 'Authorization: Bearer dev-cp-admin-token' "$BASE/api/v1/admin/orgs/acme/admin-token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_token"])')"
echo "== provisioning (provision secret)"
fuzz spec/management.yaml \
  --base-url "$BASE" \
  -H "Authorization: Bearer dev-provision-secret" \
  -H "X-Molecule-Admin-Token: $ACME_ADMIN" \
  --include-path-regex '^/api/v1/workspaces/' \
  --hypothesis-max-examples "$TENANT_EXAMPLES" \
  "${COMMON[@]}"

# 4. Tenant operations on acme's host. ignored_auth is skipped here: tenant operations accept a
#    session OR a bearer, and the check swaps one scheme for garbage while the -H bearer stays
#    valid, so a correct 200 looks like "auth not enforced". Tier enforcement per route is covered
#    by the cargo tests (tests/tenant.rs auth_tiers_on_the_tenant, tests/operator.rs).
ACME_ID="$(curl -fsS -H 'Authorization: Bearer dev-cp-admin-token' "$BASE/api/v1/admin/orgs/acme" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
# Every tenant operation on acme's host; the arguments add the credential and the example count.
fuzz_tenant() {
  fuzz spec/management.yaml \
    --base-url "$BASE" \
    -H "Host: acme.localhost:$PORT" \
    -H "X-Molecule-Org-Id: $ACME_ID" \
    --exclude-path-regex '^/api/v1/' \
    --exclude-checks ignored_auth \
    "$@" \
    "${COMMON[@]}"
}
echo "== tenant (acme.localhost:$PORT, ADMIN_TOKEN)"
fuzz_tenant -H "Authorization: Bearer $ACME_ADMIN" --hypothesis-max-examples "$TENANT_EXAMPLES"

# 5. Tenant operations with the session cookie instead of a bearer (ada owns acme), as the console
#    on acme's host sends them: Cookie, the host's Origin, X-Molecule-Org-Id. ignored_auth is
#    skipped for the reason given at 4 (the Cookie header stays valid while the check swaps the
#    other scheme). Few examples: the point is the cookie path (CSRF layer, session lookup,
#    member roles), the data shapes were covered by 4.
echo "== tenant (acme.localhost:$PORT, session cookie, max $COOKIE_EXAMPLES examples per operation)"
fuzz_tenant -H "Origin: http://acme.localhost:$PORT" -H "Cookie: mcp_session=$SESSION" \
  --hypothesis-max-examples "$COOKIE_EXAMPLES"
