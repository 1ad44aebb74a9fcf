"""Simulated kubeadm for the devbox rig's kind node (no kubeadm package exists here).

Does what kind asks of kubeadm (kind pkg/cluster/internal/create/actions/kubeadminit, kubeadmjoin):
`kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6` writes the cluster CA and certificates
under /etc/kubernetes/pki (openssl), admin.conf/super-admin.conf/kubelet.conf with embedded credentials,
the kube-apiserver static Pod manifest and the kubelet's config, starts the (simulated) API server and
kubelet through systemd, waits for /readyz, marks the node as control plane (label + NoSchedule taint) and
publishes kube-public/cluster-info. `kubeadm join --config …` reads cluster-info from the control plane
(kind sets unsafeSkipCAVerification) and starts the kubelet with the bootstrap token as its credential.
Output lines follow kubeadm's phase wording (cmd/kubeadm/app/cmd/phases).
"""
import base64
import os
import re
import socket
import ssl
import subprocess
import sys
import time
import json
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

PKI = simlib.PKI


def say(line):
    print(line, flush=True)


def sh(*argv):
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def config_path(argv):
    for i, a in enumerate(argv):
        if a.startswith("--config="):
            return a.split("=", 1)[1]
        if a == "--config" and i + 1 < len(argv):
            return argv[i + 1]
    return "/kind/kubeadm.conf"


def conf_value(text, key):
    m = re.search(r'^\s*%s:\s*"?([^"\n]*)"?\s*$' % re.escape(key), text, re.M)
    return m.group(1).strip() if m else None


def wait_for_systemd():
    """kind may exec into the node as soon as the entrypoint says "detected cgroup v1", before systemd is PID 1."""
    deadline = time.time() + 120
    while time.time() < deadline:
        if os.path.basename(os.readlink("/proc/1/exe")) == "systemd":
            state = subprocess.run(["systemctl", "is-system-running"], capture_output=True, text=True).stdout.strip()
            if state in ("running", "degraded"):
                return
        time.sleep(0.5)
    raise SystemExit("error execution phase kubelet-start: systemd did not become ready within 2m0s")


def new_ca(name, cn):
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=" + cn,
       "-keyout", "%s/%s.key" % (PKI, name), "-out", "%s/%s.crt" % (PKI, name),
       "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign")


def new_cert(name, subject, ca, ext):
    ext_file = "%s/%s.ext" % (PKI, name)
    with open(ext_file, "w") as f:
        f.write(ext)
    sh("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject,
       "-keyout", "%s/%s.key" % (PKI, name), "-out", "%s/%s.csr" % (PKI, name))
    sh("openssl", "x509", "-req", "-in", "%s/%s.csr" % (PKI, name), "-CA", "%s/%s.crt" % (PKI, ca),
       "-CAkey", "%s/%s.key" % (PKI, ca), "-CAcreateserial", "-days", "365", "-extfile", ext_file,
       "-out", "%s/%s.crt" % (PKI, name))
    os.unlink(ext_file)
    os.unlink("%s/%s.csr" % (PKI, name))


def b64(path):
    return base64.b64encode(open(path, "rb").read()).decode()


def kubeconfig(path, server, user, cert=None, token=None):
    creds = ("    client-certificate-data: %s\n    client-key-data: %s\n" % (b64(PKI + "/" + cert + ".crt"),
                                                                            b64(PKI + "/" + cert + ".key"))
             if cert else "    token: %s\n" % token)
    text = ("apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: %s\n    server: %s\n"
            "  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: %s\n"
            "  name: %s@kubernetes\ncurrent-context: %s@kubernetes\nkind: Config\npreferences: {}\nusers:\n"
            "- name: %s\n  user:\n%s") % (b64(PKI + "/ca.crt"), server, user, user, user, user, creds)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def start_kubelet(node_ip):
    write("/var/lib/kubelet/kubeadm-flags.env",
          'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/containerd/containerd.sock '
          '--node-ip=%s"\n' % node_ip)
    write(simlib.KUBELET_CONFIG, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
          "cgroupDriver: cgroupfs\nnodeStatusUpdateFrequency: 10s\n")
    say('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"')
    say('[kubelet-start] Writing kubelet configuration to file "%s"' % simlib.KUBELET_CONFIG)
    say("[kubelet-start] Starting the kubelet")
    sh("systemctl", "restart", "kubelet")


def wait_node(api, name, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        code, _ = api.call("GET", "/api/v1/nodes/" + name)
        if code == 200:
            return
        time.sleep(0.5)
    raise SystemExit("error execution phase mark-control-plane: timed out waiting for the node %q" % name)


def init(argv):
    text = open(config_path(argv)).read()
    version = conf_value(text, "kubernetesVersion") or simlib.kube_version()
    advertise = conf_value(text, "advertiseAddress") or "127.0.0.1"
    endpoint = conf_value(text, "controlPlaneEndpoint") or advertise + ":6443"
    token = conf_value(text, "token") or "abcdef.0123456789abcdef"
    m = re.search(r"certSANs:\s*\[([^\]]*)\]", text)
    sans = [s.strip().strip('"') for s in m.group(1).split(",")] if m else []
    name = socket.gethostname()
    say("[init] Using Kubernetes version: %s" % version)
    wait_for_systemd()
    os.makedirs(PKI + "/etcd", exist_ok=True)
    say('[certs] Using certificateDir folder "%s"' % PKI)
    say('[certs] Generating "ca" certificate and key')
    new_ca("ca", "kubernetes")
    dns = ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
           name, "localhost"] + [s for s in sans if not re.match(r"^[0-9.:]+$", s)] + [endpoint.rsplit(":", 1)[0]]
    ips = ["10.96.0.1", advertise, "127.0.0.1"] + [s for s in sans if re.match(r"^[0-9.:]+$", s)]
    dns = [d for i, d in enumerate(dns) if d and d not in dns[:i] and not re.match(r"^[0-9.:]+$", d)]
    ips = [p for i, p in enumerate(ips) if p not in ips[:i]]
    say('[certs] Generating "apiserver" certificate and key')
    say("[certs] apiserver serving cert is signed for DNS names [%s] and IPs [%s]" % (" ".join(dns), " ".join(ips)))
    alt = ",".join(["DNS:" + d for d in dns] + ["IP:" + p for p in ips])
    new_cert("apiserver", "/CN=kube-apiserver", "ca",
             "subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n" % alt)
    client = "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
    new_cert("admin", "/O=kubeadm:cluster-admins/CN=kubernetes-admin", "ca", client)
    new_cert("super-admin", "/O=system:masters/CN=kubernetes-super-admin", "ca", client)
    new_cert("kubelet-client", "/O=system:nodes/CN=system:node:" + name, "ca", client)
    for ca in ("front-proxy-ca", "etcd/ca"):
        say('[certs] Generating "%s" certificate and key' % ca)
        new_ca(ca, ca.replace("/", "-"))
    say('[certs] Generating "sa" key and public key')
    sh("openssl", "genrsa", "-out", PKI + "/sa.key", "2048")
    sh("openssl", "rsa", "-in", PKI + "/sa.key", "-pubout", "-out", PKI + "/sa.pub")
    server = "https://%s" % endpoint
    say('[kubeconfig] Using kubeconfig folder "/etc/kubernetes"')
    for conf, user, cert in (("admin.conf", "kubernetes-admin", "admin"),
                             ("super-admin.conf", "kubernetes-super-admin", "super-admin"),
                             ("kubelet.conf", "system:node:" + name, "kubelet-client")):
        say('[kubeconfig] Writing "%s" kubeconfig file' % conf)
        kubeconfig("/etc/kubernetes/" + conf, server, user, cert=cert)
    write("/etc/kubernetes/sim-bootstrap-token", "TOKEN=%s\n" % token, 0o600)
    say('[control-plane] Using manifest folder "/etc/kubernetes/manifests"')
    say('[control-plane] Creating static Pod manifest for "kube-apiserver"')
    write(simlib.APISERVER_MANIFEST, (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\n"
        "  labels: {component: kube-apiserver, tier: control-plane}\nspec:\n  hostNetwork: true\n  containers:\n"
        "  - name: kube-apiserver\n    # simulated: run by kube-apiserver.service (devbox rig), not by a kubelet\n"
        "    command: [kube-apiserver, --advertise-address=%s, --secure-port=6443, --client-ca-file=%s/ca.crt,\n"
        "      --tls-cert-file=%s/apiserver.crt, --tls-private-key-file=%s/apiserver.key]\n") % (advertise, PKI, PKI, PKI))
    write("/etc/default/kube-apiserver-sim", "ADVERTISE_ADDRESS=%s\n" % advertise)
    start_kubelet(advertise)
    say('[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory '
        '"/etc/kubernetes/manifests"')
    sh("systemctl", "restart", "kube-apiserver")
    say("[api-check] Waiting for a healthy API server. This can take up to 4m0s")
    began = time.time()
    ctx = ssl.create_default_context(cafile=PKI + "/ca.crt")
    while True:
        try:
            with urllib.request.urlopen("https://127.0.0.1:6443/readyz", context=ctx, timeout=2) as r:
                if r.read() == b"ok":
                    break
        except OSError:
            pass
        if time.time() - began > 240:
            raise SystemExit("error execution phase wait-control-plane: the API server did not become healthy")
        time.sleep(0.3)
    say("[api-check] The API server is healthy after %s" % simlib.go_duration(round(time.time() - began, 3)))
    api = simlib.Api("/etc/kubernetes/admin.conf")
    cluster_info = ("apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: %s\n    server: %s\n"
                    "  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n"
                    % (b64(PKI + "/ca.crt"), server))
    api.call("POST", "/api/v1/namespaces/kube-public/configmaps", {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cluster-info", "namespace": "kube-public"},
        "data": {"kubeconfig": cluster_info}})
    api.call("POST", "/api/v1/namespaces/kube-system/configmaps", {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kubeadm-config", "namespace": "kube-system"},
        "data": {"ClusterConfiguration": text}})
    say("[upload-config] Storing the configuration used in ConfigMap \"kubeadm-config\" in the \"kube-system\" Namespace")
    wait_node(api, name)
    labels = ["node-role.kubernetes.io/control-plane", "node.kubernetes.io/exclude-from-external-load-balancers"]
    say("[mark-control-plane] Marking the node %s as control-plane by adding the labels: [%s]" % (name, " ".join(labels)))
    say("[mark-control-plane] Marking the node %s as control-plane by adding the taints "
        "[node-role.kubernetes.io/control-plane:NoSchedule]" % name)
    code, _ = api.call("PATCH", "/api/v1/nodes/" + name, {
        "metadata": {"labels": {k: "" for k in labels}},
        "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}},
        content_type="application/merge-patch+json")
    if code != 200:
        raise SystemExit("error execution phase mark-control-plane: HTTP %d" % code)
    say("[bootstrap-token] Using token: <value withheld>")
    say("[addons] Applied essential addon: CoreDNS (simulated: not running)")
    say("\nYour Kubernetes control-plane has initialized successfully!")


def join(argv):
    text = open(config_path(argv)).read()
    endpoint = conf_value(text, "apiServerEndpoint")
    token = conf_value(text, "token")
    advertise = conf_value(text, "node-ip") or conf_value(text, "advertiseAddress") or "127.0.0.1"
    say("[preflight] Running pre-flight checks")
    wait_for_systemd()
    # kind sets discovery.bootstrapToken.unsafeSkipCAVerification: the CA comes from cluster-info unverified.
    ctx = ssl._create_unverified_context()
    deadline = time.time() + 120
    while True:
        try:
            url = "https://%s/api/v1/namespaces/kube-public/configmaps/cluster-info" % endpoint
            with urllib.request.urlopen(url, context=ctx, timeout=5) as r:
                info = json.loads(r.read())["data"]["kubeconfig"]
                break
        except OSError:
            if time.time() > deadline:
                raise SystemExit("error execution phase preflight: couldn't validate the identity of the API Server")
            time.sleep(1)
    ca = re.search(r"certificate-authority-data:\s*(\S+)", info).group(1)
    os.makedirs(PKI, exist_ok=True)
    with open(PKI + "/ca.crt", "wb") as f:
        f.write(base64.b64decode(ca))
    say("[preflight] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"...")
    kubeconfig(simlib.KUBELET_CONF, "https://" + endpoint, "system:node:" + socket.gethostname(), token=token)
    start_kubelet(advertise)
    say("[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap")
    wait_node(simlib.Api(simlib.KUBELET_CONF), socket.gethostname())
    say("\nThis node has joined the cluster:\n* Certificate signing request was sent to apiserver and a response "
        "was received.\n* The Kubelet was informed of the new secure connection details.")


def main():
    argv = sys.argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        say("Usage:\n  kubeadm [command]\n\nAvailable Commands:\n  init\n  join\n  version")
        return
    if argv[0] == "version":
        v = simlib.kube_version()
        say('kubeadm version: &version.Info{Major:"1", Minor:"%s", GitVersion:"%s"}' % (v.split(".")[1], v))
        return
    if argv[0] == "init":
        return init(argv[1:])
    if argv[0] == "join":
        return join(argv[1:])
    sys.stderr.write('unknown command "%s" for "kubeadm"\n' % argv[0])
    sys.exit(1)


if __name__ == "__main__":
    main()
