"""Shared pieces of the simulated Kubernetes control plane inside the devbox rig's kind node image.

kubelet, kubeadm and kube-apiserver exist in no package this rig can install, so the node image carries
stand-ins (see test/cluster/rig/README.md). This module holds what they share: klog's line format, Go's
duration format, the on-node paths kubeadm uses, and a small HTTPS client for the simulated API.
"""
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.request

PKI = "/etc/kubernetes/pki"
ADMIN_CONF = "/etc/kubernetes/admin.conf"
KUBELET_CONF = "/etc/kubernetes/kubelet.conf"
KUBELET_CONFIG = "/var/lib/kubelet/config.yaml"
APISERVER_MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml"
SIM_ENV = "/etc/default/kubelet-sim"


def kube_version():
    with open("/kind/version") as f:
        return f.read().strip()


def klog(severity, source, msg, **kv):
    """One klog structured line as kubelet writes it: `I1130 14:05:01.123456    1234 file.go:NN] "msg" k="v"`.

    Format: k8s.io/klog/v2 (header `Lmmdd hh:mm:ss.uuuuuu threadid file:line]`, structured key="value").
    """
    now = time.time()
    t = time.gmtime(now)
    head = "%s%02d%02d %02d:%02d:%02d.%06d %7d %s]" % (
        severity, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, int((now % 1) * 1e6), os.getpid(), source)
    parts = [head, json.dumps(msg)]
    for k, v in kv.items():
        parts.append("%s=%s" % (k, json.dumps(v) if isinstance(v, str) else json.dumps(v, separators=(",", ":"))))
    sys.stderr.write(" ".join(parts) + "\n")
    sys.stderr.flush()


def go_duration(seconds):
    """Go's time.Duration.String(): 3m0s, 3m7.34s, 1.5s, 250ms, 1h2m3s."""
    if seconds == 0:
        return "0s"
    if seconds < 1:
        ms = seconds * 1000
        return ("%.3f" % ms).rstrip("0").rstrip(".") + "ms"
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    s_text = ("%.9f" % s).rstrip("0").rstrip(".") + "s"
    if h >= 1:
        return "%dh%dm%s" % (h, m, s_text)
    if m >= 1:
        return "%dm%s" % (m, s_text)
    return s_text


def rfc3339(ts=None):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts if ts is not None else time.time()))


def read_env(path=SIM_ENV):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"^\s*([A-Z_][A-Z0-9_]*)=(.*)$", line)
            if m:
                values[m.group(1)] = m.group(2).strip().strip('"')
    return values


def kubeconfig_client(path):
    """(server, ssl context, bearer token or None) from a kubeconfig kubeadm wrote (our own simple layout)."""
    import base64
    import tempfile
    text = open(path).read()
    server = re.search(r"server:\s*(\S+)", text).group(1)

    def field(name):
        m = re.search(r"\b%s:\s*(\S+)" % name, text)
        return m.group(1) if m else None

    ca = field("certificate-authority-data")
    ctx = ssl.create_default_context(cadata=base64.b64decode(ca).decode()) if ca else \
        ssl.create_default_context(cafile=os.path.join(PKI, "ca.crt"))
    cert, key = field("client-certificate-data"), field("client-key-data")
    if cert and key:
        # load_cert_chain wants files: a private temporary copy, removed at once.
        with tempfile.NamedTemporaryFile("wb", delete=False) as f:
            f.write(base64.b64decode(cert) + b"\n" + base64.b64decode(key))
        try:
            ctx.load_cert_chain(f.name)
        finally:
            os.unlink(f.name)
    token = re.search(r"token:\s*(\S+)", text)
    return server, ctx, token.group(1) if token else None


class Api:
    def __init__(self, kubeconfig):
        self.server, self.ctx, self.token = kubeconfig_client(kubeconfig)

    def call(self, method, path, body=None, content_type="application/json", timeout=10):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.server + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", content_type)
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, context=self.ctx, timeout=timeout) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")
