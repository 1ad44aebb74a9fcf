"""Simulated kube-apiserver for the devbox rig's kind node (no kube-apiserver package exists here).

Serves HTTPS on :6443 with the certificates kubeadm (our stand-in) wrote: /readyz, /livez, /healthz,
/version, legacy discovery (/api, /api/v1, /apis), a minimal OpenAPI v3 for server-side field validation,
core/v1 objects kind and kubectl touch plus what a CNI manifest applies (apimodel.RESOURCES, GROUPS):
list/get/create/update/patch/delete, server-side apply (an apply-patch PATCH creates or merges; no
managedFields), generations, DaemonSet status as its controller would write it (apimodel.daemonset_status),
field and label selectors, watch, and server-side Table printing for nodes (columns as `kubectl get nodes`
shows them: NAME STATUS ROLES AGE VERSION). State persists in /var/lib/devbox-sim/etcd.json as etcd would
keep it across a node restart. Wording and shapes: kubernetes (apimachinery metav1.Status, pkg/printers).
Authentication: client certificates signed by the cluster CA, or the bootstrap token kind configures
(bearer); /readyz, /livez, /healthz, /version and kube-public's cluster-info are public, as in kubeadm.
"""
import copy
import json
import os
import re
import ssl
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402
from apimodel import (api_document, field_match, json_patch, label_match, merge_patch, resources_of,  # noqa: E402
                      shown, status, store_prefix, table)

STATE = "/var/lib/devbox-sim/etcd.json"
lock = threading.Condition()
store = {"rv": 1, "objects": {}}  # key "resource/namespace/name" -> object


def save():
    os.makedirs(os.path.dirname(STATE), exist_ok=True)
    tmp = STATE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(store, f)
    os.replace(tmp, STATE)


def load():
    global store
    if os.path.exists(STATE):
        store = json.load(open(STATE))
    for ns in ("default", "kube-system", "kube-public", "kube-node-lease"):
        key = "namespaces//" + ns
        if key not in store["objects"]:
            put(key, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns},
                      "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}, new=True)


def put(key, obj, new=False):
    store["rv"] += 1
    meta = obj.setdefault("metadata", {})
    meta["resourceVersion"] = str(store["rv"])
    if new:
        meta.setdefault("uid", str(uuid.uuid4()))
        meta.setdefault("creationTimestamp", simlib.rfc3339())
    store["objects"][key] = obj
    save()
    lock.notify_all()


PUBLIC = re.compile(r"^/(readyz|livez|healthz)(/.*)?$|^/version/?$|^/api/v1/namespaces/kube-public/configmaps/cluster-info$")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kube-apiserver-sim"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authenticated(self):
        if self.connection.getpeercert():
            return True
        auth = self.headers.get("Authorization", "")
        token = simlib.read_env("/etc/kubernetes/sim-bootstrap-token").get("TOKEN")
        return bool(token) and auth == "Bearer " + token

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"null") if length else None

    def handle_any(self, method):
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = url.path.rstrip("/") or "/"
        if not PUBLIC.match(path) and not self.authenticated():
            return self.send(*status(401, "Unauthorized", "Unauthorized"))
        m = re.match(r"^/(readyz|livez|healthz)$", path)
        if m:
            if "verbose" in query:
                return self.send(200, "[+]ping ok\n[+]log ok\n[+]etcd ok\n%s check passed\n" % m.group(1),
                                 "text/plain; charset=utf-8")
            return self.send(200, "ok", "text/plain; charset=utf-8")
        if path == "/version":
            v = simlib.kube_version()
            major, minor = v.lstrip("v").split(".")[:2]
            return self.send(200, {"major": major, "minor": minor, "gitVersion": v, "gitCommit": "devbox-sim",
                                   "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z",
                                   "goVersion": "go1.24", "compiler": "gc", "platform": "linux/amd64"})
        if path == "/api":
            return self.send(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
                {"clientCIDR": "0.0.0.0/0", "serverAddress": self.server.advertise}]})
        doc = api_document(path)
        if doc is not None:
            return self.send(200, doc)
        m = re.match(r"^/(?:api/(v1)|apis/([^/]+/[^/]+))(?:/namespaces/([^/]+))?/([a-z]+)(?:/([^/]+))?(?:/(status))?$",
                     path)
        gv = m and (m.group(1) or m.group(2))
        if not m or m.group(4) not in resources_of(gv):
            return self.send(*status(404, "NotFound", "the server could not find the requested resource"))
        _, _, ns, resource, name, sub = m.groups()
        kind, namespaced, _ = resources_of(gv)[resource]
        if resource == "namespaces" and name is None and ns is not None:
            ns, name = None, ns  # /api/v1/namespaces/NAME
        if namespaced and name is not None and ns is None:
            return self.send(*status(404, "NotFound", "the server could not find the requested resource"))
        with lock:
            return self.dispatch(method, query, ns or "", gv, resource, kind, namespaced, name, sub)

    def dispatch(self, method, query, ns, gv, resource, kind, namespaced, name, sub):
        prefix = store_prefix(gv, resource)
        key = "%s/%s/%s" % (prefix, ns, name)
        plural = resource if gv == "v1" else prefix
        gone = lambda: status(404, "NotFound", '%s "%s" not found' % (plural, name),
                              {"name": name, "group": "" if gv == "v1" else gv.split("/")[0], "kind": resource})
        if name is None and method == "GET":
            return self.list(query, ns, gv, prefix, kind, namespaced)
        ctype = self.headers.get("Content-Type", "")
        # Server-side apply (kubectl apply --server-side): a PATCH that creates the object when it is absent.
        applying = method == "PATCH" and ctype.startswith("application/apply-patch")
        if (name is None and method == "POST") or (applying and key not in store["objects"]):
            try:
                obj = self.body()
            except ValueError:
                return self.send(*status(415, "UnsupportedMediaType", "the body is not JSON (the simulation "
                                         "reads the JSON kubectl sends)"))
            name = name or obj.get("metadata", {}).get("name")
            if not name:
                return self.send(*status(422, "Invalid", "%s.metadata.name: Required value" % kind))
            key = "%s/%s/%s" % (prefix, ns, name)
            if key in store["objects"]:
                return self.send(*status(409, "AlreadyExists", '%s "%s" already exists' % (plural, name),
                                         {"name": name, "kind": resource}))
            obj["apiVersion"], obj["kind"] = gv, kind
            obj["metadata"]["name"] = name
            if namespaced:
                obj["metadata"]["namespace"] = ns
            if "spec" in obj:
                obj["metadata"]["generation"] = 1
            put(key, obj, new=True)
            return self.send(201, shown(store["objects"], prefix, obj))
        current = store["objects"].get(key)
        if current is None:
            return self.send(*gone())
        if method == "GET":
            if "as=Table" in self.headers.get("Accept", ""):
                return self.send(200, table(resource, [current], current["metadata"]["resourceVersion"]))
            return self.send(200, shown(store["objects"], prefix, current))
        if method == "DELETE":
            del store["objects"][key]
            store["rv"] += 1
            save()
            lock.notify_all()
            return self.send(200, current)
        incoming = self.body()
        if method == "PUT":
            obj = incoming
        else:
            try:
                obj = json_patch(current, incoming) if "json-patch" in ctype else merge_patch(current, incoming)
            except (ValueError, KeyError, IndexError, TypeError) as e:
                return self.send(*status(422, "Invalid", "the patch could not be applied: %s" % e))
        # The status subresource changes only status; the main resource never changes status.
        merged = copy.deepcopy(current)
        if sub == "status":
            merged["status"] = obj.get("status", {})
        else:
            merged.update({k: v for k, v in obj.items() if k != "status"})
            merged["metadata"] = dict(obj.get("metadata", {}), uid=current["metadata"]["uid"],
                                      creationTimestamp=current["metadata"]["creationTimestamp"])
            if "spec" in current:
                generation = current["metadata"].get("generation", 1)
                merged["metadata"]["generation"] = generation + (merged.get("spec") != current.get("spec"))
        put(key, merged)
        return self.send(200, shown(store["objects"], prefix, merged))

    def list(self, query, ns, gv, prefix, kind, namespaced):
        def items():
            found = []
            for k, obj in sorted(store["objects"].items()):
                r, o_ns, _ = k.split("/", 2)
                if r != prefix or (namespaced and ns and o_ns != ns):
                    continue
                if not label_match(obj["metadata"].get("labels", {}), query.get("labelSelector", "")):
                    continue
                if not field_match(obj, query.get("fieldSelector", "")):
                    continue
                found.append(shown(store["objects"], prefix, obj))
            return found

        if query.get("watch") in ("true", "1"):
            return self.watch(query, items, kind)
        rv = str(store["rv"])
        if "as=Table" in self.headers.get("Accept", ""):
            return self.send(200, table(prefix, items(), rv))
        return self.send(200, {"kind": kind + "List", "apiVersion": gv, "metadata": {"resourceVersion": rv},
                               "items": items()})

    def watch(self, query, items, kind):
        """Streams ADDED/MODIFIED/DELETED events as the API server's watch does (one JSON object a line).

        With sendInitialEvents=true (the WatchList stream client-go uses from v1.34: KEP-3157) the current
        objects come first as ADDED, then a BOOKMARK annotated k8s.io/initial-events-end=true.
        """
        initial = query.get("sendInitialEvents") == "true"
        deadline = time.time() + min(int(query.get("timeoutSeconds", "1800")), 1800)
        since = int(query.get("resourceVersion") or 0)
        seen = {}
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def emit(kind, obj):
            data = (json.dumps({"type": kind, "object": obj}) + "\n").encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        try:
            first = True
            while time.time() < deadline:
                current = {o["metadata"]["uid"]: o for o in items()}
                for uid, obj in current.items():
                    rv = int(obj["metadata"]["resourceVersion"])
                    if uid not in seen:
                        if not first or since == 0 or rv > since:
                            emit("ADDED" if not first or since == 0 else "MODIFIED", obj)
                    elif seen[uid] != rv:
                        emit("MODIFIED", obj)
                for uid in set(seen) - set(current):
                    emit("DELETED", {"metadata": {"uid": uid}})
                seen = {uid: int(o["metadata"]["resourceVersion"]) for uid, o in current.items()}
                if first and initial:
                    emit("BOOKMARK", {"kind": kind, "apiVersion": "v1", "metadata": {
                        "resourceVersion": str(store["rv"]), "annotations": {"k8s.io/initial-events-end": "true"}}})
                first = False
                lock.wait(timeout=1.0)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    load()
    advertise = os.environ.get("ADVERTISE_ADDRESS", "0.0.0.0") + ":6443"
    server = ThreadingHTTPServer(("", 6443), Handler)
    server.advertise = advertise
    server.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(simlib.PKI, "apiserver.crt"), os.path.join(simlib.PKI, "apiserver.key"))
    ctx.load_verify_locations(os.path.join(simlib.PKI, "ca.crt"))
    ctx.verify_mode = ssl.CERT_OPTIONAL
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    sys.stderr.write("I%s Serving securely on [::]:6443\n" % time.strftime("%m%d %H:%M:%S"))
    server.serve_forever()


if __name__ == "__main__":
    main()
