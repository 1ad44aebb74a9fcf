"""Simulated kubelet for the devbox rig's kind node (no kubelet package exists here).

It does what the real kubelet does that the rig can observe: registers its Node (labels, addresses, nodeInfo
with the real containerd version), posts node status every 10 s (nodeStatusUpdateFrequency), and runs a
PLEG-like relist every second whose health decides the Ready condition, in kubelet's own wording:
- pkg/kubelet/pleg/generic.go Healthy(): "pleg has yet to be successful",
  "pleg was last seen active %v ago; threshold is %v" (genericPlegRelistThreshold = 3m0s);
- pkg/kubelet/runtime.go runtimeErrors(): "%s is not healthy: %v" → "PLEG is not healthy: …",
  "container runtime is down"; several errors print as an aggregate "[a, b]";
- pkg/kubelet/nodestatus/setters.go ReadyCondition: KubeletReady "kubelet is posting ready status" /
  KubeletNotReady with the runtime errors; "Node became not ready" log line;
- pkg/kubelet/kubelet.go syncLoop: `"Skipping pod synchronization" err="…"` (klog structured).
What stands in for the CRI relist: `ctr` asking the node's real containerd for its tasks (every 5 s, to spare
CPU), and /proc showing a `runc:[2:INIT]`/`runc:[1:CHILD]` blocked writing a pipe (wchan pipe_write,
anon_pipe_write or pipe_wait, the upstream rc93 hang of runc#2871): while one exists, the relist counts as
blocked, as the real relist blocks on the container whose create never returns (containerd#5280).
Tunable for tests in /etc/default/kubelet-sim: PLEG_RELIST_THRESHOLD_SECONDS (default 180).
"""
import os
import platform
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

STUCK_WCHAN = re.compile(r"pipe_write|anon_pipe_write|pipe_wait")
RUNTIME_DOWN_AFTER = 30.0  # seconds without a successful runtime check before "container runtime is down"


def stuck_inits(min_age):
    """runc init processes blocked writing a pipe for at least min_age seconds: [(pid, comm, wchan, age)]."""
    found = []
    hz = os.sysconf("SC_CLK_TCK")
    uptime = float(open("/proc/uptime").read().split()[0])
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open("/proc/%s/stat" % pid).read()
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            if not comm.startswith("runc:["):
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            state, started = fields[0], int(fields[19]) / hz
            wchan = open("/proc/%s/wchan" % pid).read().strip()
        except (OSError, ValueError, IndexError):
            continue
        age = uptime - started
        if state in ("S", "D") and STUCK_WCHAN.search(wchan) and age >= min_age:
            found.append((int(pid), comm, wchan, age))
    return found


def runtime_check():
    """(ok, version): asks the node's containerd for its tasks in every namespace."""
    try:
        version = subprocess.run(["ctr", "version"], capture_output=True, text=True, timeout=10)
        if version.returncode != 0:
            return False, None
        namespaces = subprocess.run(["ctr", "namespaces", "ls", "-q"], capture_output=True, text=True, timeout=10)
        for ns in namespaces.stdout.split():
            subprocess.run(["ctr", "-n", ns, "tasks", "ls"], capture_output=True, timeout=10, check=True)
        m = re.search(r"Server:\s*\n\s*Version:\s*v?(\S+)", version.stdout)
        return True, m.group(1) if m else None
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError, OSError):
        return False, None


def os_image():
    text = open("/etc/os-release").read()
    m = re.search(r'^PRETTY_NAME="?([^"\n]*)', text, re.M)
    return m.group(1) if m else "Linux"


def node_ip():
    flags = simlib.read_env("/var/lib/kubelet/kubeadm-flags.env").get("KUBELET_KUBEADM_ARGS", "")
    m = re.search(r"--node-ip=(\S+)", flags)
    if m:
        return m.group(1).split(",")[0]
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return next((a for a in out if ":" not in a), out[0] if out else "127.0.0.1")


def main():
    if not os.path.exists(simlib.KUBELET_CONF):
        simlib.klog("E", "run.go:72", "command failed",
                    err="failed to load kubelet config file, path: %s, error: open %s: no such file or directory"
                    % (simlib.KUBELET_CONFIG, simlib.KUBELET_CONFIG))
        sys.exit(1)
    env = simlib.read_env()
    threshold = float(env.get("PLEG_RELIST_THRESHOLD_SECONDS", "180"))
    api = simlib.Api(simlib.KUBELET_CONF)
    name = socket.gethostname()
    version = simlib.kube_version()
    simlib.klog("I", "server.go:530", "Kubelet version", kubeletVersion=version)
    labels = {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
              "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64"}
    started = time.time()
    last_active = None
    last_runtime_ok = None
    runtime_version = None
    last_check = 0.0
    last_post = 0.0
    last_skip_log = 0.0
    was_ready = None
    registered = False
    while True:
        now = time.time()
        if now - last_check >= 5 or last_runtime_ok is None:
            ok, v = runtime_check()
            last_check = now
            if ok:
                last_runtime_ok, runtime_version = now, v or runtime_version
        relist_ok = last_runtime_ok is not None and now - last_runtime_ok < 10 and not stuck_inits(2.0)
        if relist_ok:
            last_active = now
        errors = []
        if last_runtime_ok is None:
            if now - started > RUNTIME_DOWN_AFTER:
                errors.append("container runtime is down")
            else:
                errors.append("container runtime status check may not have completed yet")
        elif now - last_runtime_ok > RUNTIME_DOWN_AFTER:
            errors.append("container runtime is down")
        if last_active is None:
            if now - started > threshold:
                errors.append("PLEG is not healthy: pleg has yet to be successful")
        elif now - last_active > threshold:
            errors.append("PLEG is not healthy: pleg was last seen active %s ago; threshold is %s"
                          % (simlib.go_duration(round(now - last_active, 2)), simlib.go_duration(threshold)))
        message = errors[0] if len(errors) == 1 else "[%s]" % ", ".join(errors) if errors else ""
        ready = not errors
        if errors and now - last_skip_log >= 5:
            simlib.klog("E", "kubelet.go:2473", "Skipping pod synchronization", err=message)
            last_skip_log = now
        if not registered:
            node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "labels": labels},
                    "spec": {}, "status": {}}
            code, _ = api.call("POST", "/api/v1/nodes", node)
            if code in (201, 409):
                registered = True
                simlib.klog("I", "kubelet_node_status.go:78", "Successfully registered node", node=name)
            else:
                simlib.klog("E", "kubelet_node_status.go:96", "Unable to register node with API server",
                            err="HTTP %d" % code, node=name)
                time.sleep(1)
                continue
        if ready != was_ready or now - last_post >= 10:
            code, current = api.call("GET", "/api/v1/nodes/" + name)
            if code == 200:
                stamp = simlib.rfc3339(now)
                old = {c["type"]: c for c in current.get("status", {}).get("conditions", [])}

                def cond(kind, status, reason, msg):
                    prev = old.get(kind)
                    moved = not prev or prev["status"] != status
                    return {"type": kind, "status": status, "reason": reason, "message": msg,
                            "lastHeartbeatTime": stamp,
                            "lastTransitionTime": stamp if moved else prev["lastTransitionTime"]}

                conditions = [
                    cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    cond("Ready", "True", "KubeletReady", "kubelet is posting ready status") if ready else
                    cond("Ready", "False", "KubeletNotReady", message),
                ]
                current["status"] = {
                    "conditions": conditions,
                    "addresses": [{"type": "InternalIP", "address": node_ip()}, {"type": "Hostname", "address": name}],
                    "nodeInfo": {"kubeletVersion": version, "kubeProxyVersion": "", "operatingSystem": "linux",
                                 "architecture": "amd64", "osImage": os_image(), "kernelVersion": platform.release(),
                                 "containerRuntimeVersion": "containerd://%s" % (runtime_version or "unknown"),
                                 "machineID": open("/etc/machine-id").read().strip(), "systemUUID": "", "bootID": ""},
                    "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
                }
                code, _ = api.call("PUT", "/api/v1/nodes/%s/status" % name, current)
                if code == 200:
                    last_post = now
                    if was_ready is not None and ready != was_ready:
                        if ready:
                            simlib.klog("I", "kubelet_node_status.go:679", "Recording event message for node",
                                        node=name, event="NodeReady")
                        else:
                            simlib.klog("I", "setters.go:602", "Node became not ready", node=name,
                                        condition=conditions[-1])
                    was_ready = ready
        time.sleep(1)


if __name__ == "__main__":
    main()
