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

DaemonSet pods (for a CNI's rollout): every 5 s the kubelet reports, for each DaemonSet whose nodeSelector
matches its Node, a pod `<daemonset>-<node hash>` (standing in for the pod the DaemonSet controller would
create and this kubelet would run) with the template generation annotation the controller sets. The pod is
Running and Ready when the node's containerd holds every image of its template (`ctr -n k8s.io images ls`:
the rig pulls nothing, images are loaded with `kind load`), else Pending with each missing image's container
waiting in ImagePullBackOff, `Back-off pulling image "X"` (pkg/kubelet/images/image_manager.go). Containers
are not started. The Ready condition of the Node does not depend on a CNI config here.
"""
import hashlib
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
    """(status_ok, version, relist_ok) from the node's containerd.

    status_ok/version stand for the CRI Status call (`ctr version` answering); relist_ok for the PLEG relist
    (`ctr -n NS tasks ls` answering for every namespace): a task stuck in create can block the relist while
    the runtime itself still answers, as with the rc93 hang (PLEG unhealthy, runtime not "down").
    """
    try:
        version = subprocess.run(["ctr", "version"], capture_output=True, text=True, timeout=10)
    except (subprocess.TimeoutExpired, OSError):
        return False, None, False
    if version.returncode != 0:
        return False, None, False
    m = re.search(r"Server:\s*\n\s*Version:\s*v?(\S+)", version.stdout)
    try:
        namespaces = subprocess.run(["ctr", "namespaces", "ls", "-q"], capture_output=True, text=True, timeout=10)
        for ns in namespaces.stdout.split():
            subprocess.run(["ctr", "-n", ns, "tasks", "ls"], capture_output=True, timeout=10, check=True)
        relist_ok = namespaces.returncode == 0
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError, OSError):
        relist_ok = False
    return True, m.group(1) if m else None, relist_ok


def normalized(ref):
    """An image reference as containerd names it: docker.io/library/x:latest for x."""
    name, tag = (ref, ":latest") if not re.search(r"[:@][^/]*$", ref) else (
        ref[:re.search(r"[:@][^/]*$", ref).start()], ref[re.search(r"[:@][^/]*$", ref).start():])
    parts = name.split("/")
    if len(parts) == 1 or not ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = ["docker.io"] + (["library"] if len(parts) == 1 else []) + parts
    return "/".join(parts) + tag


def sync_daemonset_pods(api, name):
    """Reports this node's pod of every DaemonSet that selects it (see the module's docstring)."""
    code2, sets = api.call("GET", "/apis/apps/v1/daemonsets")
    code, node = api.call("GET", "/api/v1/nodes/" + name) if sets and sets.get("items") else (0, None)
    if code != 200 or code2 != 200 or not sets.get("items"):
        return
    try:
        listed = subprocess.run(["ctr", "-n", "k8s.io", "images", "ls", "-q"], capture_output=True, text=True,
                                timeout=10).stdout.split()
    except (subprocess.TimeoutExpired, OSError):
        return
    present = set(listed)
    labels = node["metadata"].get("labels", {})
    for ds in sets.get("items", []):
        spec = ds["spec"]["template"].get("spec", {})
        if any(labels.get(k) != v for k, v in spec.get("nodeSelector", {}).items()):
            continue
        meta = ds["metadata"]
        pod_name = "%s-%s" % (meta["name"], hashlib.sha256(name.encode()).hexdigest()[:5])
        path = "/api/v1/namespaces/%s/pods/%s" % (meta["namespace"], pod_name)

        def statuses(containers):
            out = []
            for c in containers:
                ok = normalized(c["image"]) in present
                out.append({"name": c["name"], "image": c["image"], "ready": ok, "restartCount": 0,
                            "state": {"running": {"startedAt": simlib.rfc3339()}} if ok else
                            {"waiting": {"reason": "ImagePullBackOff",
                                         "message": 'Back-off pulling image "%s"' % c["image"]}}})
            return out

        init, main = statuses(spec.get("initContainers", [])), statuses(spec.get("containers", []))
        waiting = [c["name"] for c in init + main if not c["ready"]]
        ready = "False" if waiting else "True"
        stamp = simlib.rfc3339()
        pod = {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": pod_name, "namespace": meta["namespace"],
                            "labels": ds["spec"]["template"].get("metadata", {}).get("labels", {}),
                            "annotations": {"deprecated.daemonset.template.generation":
                                            str(meta.get("generation", 1))},
                            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": meta["name"],
                                                 "uid": meta["uid"], "controller": True}]},
               "spec": dict(spec, nodeName=name),
               "status": {"phase": "Pending" if waiting else "Running",
                          "conditions": [
                              dict({"type": "Ready", "status": ready, "lastTransitionTime": stamp},
                                   **({"reason": "ContainersNotReady", "message": "containers with unready status: "
                                       "[%s]" % " ".join(waiting)} if waiting else {})),
                              {"type": "ContainersReady", "status": ready, "lastTransitionTime": stamp}],
                          "initContainerStatuses": init, "containerStatuses": main}}
        code, current = api.call("GET", path)
        if code == 404:
            api.call("POST", "/api/v1/namespaces/%s/pods" % meta["namespace"], pod)
        elif code == 200 and (current.get("status", {}).get("phase") != pod["status"]["phase"]
                              or current["metadata"].get("annotations") != pod["metadata"]["annotations"]
                              or current.get("spec") != pod["spec"]):
            pod["metadata"] = dict(current["metadata"], annotations=pod["metadata"]["annotations"],
                                   labels=pod["metadata"]["labels"])
            api.call("PUT", path, pod)
            api.call("PUT", path + "/status", pod)


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
    last_tasks_ok = None
    runtime_version = None
    last_check = 0.0
    last_post = 0.0
    last_skip_log = 0.0
    was_ready = None
    registered = False
    while True:
        now = time.time()
        if now - last_check >= 5 or last_runtime_ok is None:
            ok, v, tasks_ok = runtime_check()
            last_check = now
            if ok:
                last_runtime_ok, runtime_version = now, v or runtime_version
            if tasks_ok:
                last_tasks_ok = now
            if registered:
                sync_daemonset_pods(api, name)
        relist_ok = last_tasks_ok is not None and now - last_tasks_ok < 10 and not stuck_inits(2.0)
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
