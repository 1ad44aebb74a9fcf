"""Pure parts of the rig's simulated kube-apiserver (apiserver.py): the resource table, metav1.Status bodies,
merge and JSON patches, selectors, server-side Tables and discovery/OpenAPI documents. Shapes follow
kubernetes/kubernetes (apimachinery metav1, pkg/printers/internalversion for the node columns).
"""
import copy
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

RESOURCES = {
    # resource: (kind, namespaced, short names) of the core group, v1
    "nodes": ("Node", False, ["no"]),
    "namespaces": ("Namespace", False, ["ns"]),
    "configmaps": ("ConfigMap", True, ["cm"]),
    "events": ("Event", True, ["ev"]),
    "pods": ("Pod", True, ["po"]),
    "serviceaccounts": ("ServiceAccount", True, ["sa"]),
    "services": ("Service", True, ["svc"]),
    "secrets": ("Secret", True, []),
}

# The named groups a CNI's manifest uses (calico.yaml: CRDs, RBAC, a DaemonSet, a Deployment, a PDB).
GROUPS = {
    "apps/v1": {"daemonsets": ("DaemonSet", True, ["ds"]), "deployments": ("Deployment", True, ["deploy"])},
    "rbac.authorization.k8s.io/v1": {
        "clusterroles": ("ClusterRole", False, []), "clusterrolebindings": ("ClusterRoleBinding", False, []),
        "roles": ("Role", True, []), "rolebindings": ("RoleBinding", True, [])},
    "apiextensions.k8s.io/v1": {"customresourcedefinitions": ("CustomResourceDefinition", False, ["crd", "crds"])},
    "policy/v1": {"poddisruptionbudgets": ("PodDisruptionBudget", True, ["pdb"])},
}


def resources_of(gv):
    return RESOURCES if gv == "v1" else GROUPS.get(gv, {})


def store_prefix(gv, resource):
    """Key prefix in the store: the resource for the core group, resource.group otherwise (as etcd's paths)."""
    return resource if gv == "v1" else "%s.%s" % (resource, gv.split("/")[0])


def status(code, reason, message, details=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
            "reason": reason, "code": code}
    if details:
        body["details"] = details
    return code, body


def merge_patch(target, patch):
    """RFC 7386 JSON merge patch; strategic-merge directives ($setElementOrder, $patch) are dropped."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if k.startswith("$"):
            continue
        if v is None:
            result.pop(k, None)
        else:
            result[k] = merge_patch(result.get(k), v)
    return result


def json_patch(doc, ops):
    """RFC 6902 add/replace/remove/test on object paths and list indexes."""
    doc = copy.deepcopy(doc)
    for op in ops:
        parts = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
        parent = doc
        for p in parts[:-1]:
            parent = parent[int(p)] if isinstance(parent, list) else parent.setdefault(p, {})
        last = parts[-1]
        if op["op"] in ("add", "replace"):
            if isinstance(parent, list):
                if last == "-":
                    parent.append(op["value"])
                elif op["op"] == "add":
                    parent.insert(int(last), op["value"])
                else:
                    parent[int(last)] = op["value"]
            else:
                parent[last] = op["value"]
        elif op["op"] == "remove":
            del parent[int(last) if isinstance(parent, list) else last]
        elif op["op"] == "test" and (parent[int(last)] if isinstance(parent, list) else parent.get(last)) != op["value"]:
            raise ValueError("test operation failed")
    return doc


def label_match(labels, selector):
    for term in filter(None, (t.strip() for t in selector.split(","))):
        if term.startswith("!"):
            if term[1:] in labels:
                return False
        elif "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k) == v:
                return False
        elif "=" in term:
            k, v = term.replace("==", "=").split("=", 1)
            if labels.get(k) != v:
                return False
        elif term not in labels:
            return False
    return True


def field_match(obj, selector):
    for term in filter(None, (t.strip() for t in selector.split(","))):
        k, v = term.replace("==", "=").split("=", 1)
        value = {"metadata.name": obj["metadata"].get("name"),
                 "metadata.namespace": obj["metadata"].get("namespace", "")}.get(k)
        if value != v:
            return False
    return True


def age(ts):
    seconds = max(0, time.time() - time.mktime(time.strptime(ts, "%Y-%m-%dT%H:%M:%SZ")) + time.timezone)
    # pkg/util/duration HumanDuration, the short form kubectl's AGE column uses.
    if seconds < 120:
        return "%ds" % seconds
    if seconds < 600:
        return "%dm%ds" % (seconds // 60, seconds % 60) if seconds % 60 else "%dm" % (seconds // 60)
    if seconds < 3 * 3600:
        return "%dm" % (seconds // 60)
    return "%dh" % (seconds // 3600)


def table(resource, items, list_rv):
    if resource == "nodes":
        columns = [("Name", "string", "name"), ("Status", "string", ""), ("Roles", "string", ""),
                   ("Age", "string", ""), ("Version", "string", ""), ("Internal-IP", "string", "", 1),
                   ("External-IP", "string", "", 1), ("OS-Image", "string", "", 1),
                   ("Kernel-Version", "string", "", 1), ("Container-Runtime", "string", "", 1)]
    else:
        columns = [("Name", "string", "name"), ("Created At", "date", "")]
    rows = []
    for obj in items:
        meta = obj["metadata"]
        if resource == "nodes":
            ready = next((c for c in obj.get("status", {}).get("conditions", []) if c["type"] == "Ready"), None)
            state = {"True": "Ready", "False": "NotReady"}.get(ready and ready["status"], "Unknown")
            if obj.get("spec", {}).get("unschedulable"):
                state += ",SchedulingDisabled"
            roles = sorted(k.split("/", 1)[1] for k in meta.get("labels", {})
                           if k.startswith("node-role.kubernetes.io/"))
            info = obj.get("status", {}).get("nodeInfo", {})
            addresses = {a["type"]: a["address"] for a in obj.get("status", {}).get("addresses", [])}
            cells = [meta["name"], state, ",".join(roles) or "<none>", age(meta["creationTimestamp"]),
                     info.get("kubeletVersion", ""), addresses.get("InternalIP", "<none>"),
                     addresses.get("ExternalIP", "<none>"), info.get("osImage", "<unknown>"),
                     info.get("kernelVersion", "<unknown>"), info.get("containerRuntimeVersion", "<unknown>")]
        else:
            cells = [meta["name"], meta["creationTimestamp"]]
        rows.append({"cells": cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                                "metadata": meta}})
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": list_rv},
            "columnDefinitions": [{"name": c[0], "type": c[1], "format": c[2], "description": "",
                                   "priority": c[3] if len(c) > 3 else 0} for c in columns], "rows": rows}


def discovery(gv):
    resources = []
    for name, (kind, namespaced, short) in resources_of(gv).items():
        resources.append({"name": name, "singularName": kind.lower(), "namespaced": namespaced, "kind": kind,
                          "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
                          "shortNames": short})
        if name in ("nodes", "pods", "daemonsets", "deployments"):
            resources.append({"name": name + "/status", "singularName": "", "namespaced": namespaced, "kind": kind,
                              "verbs": ["get", "patch", "update"]})
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}


def group_list():
    groups = []
    for gv in GROUPS:
        group, version = gv.split("/")
        ref = {"groupVersion": gv, "version": version}
        groups.append({"name": group, "versions": [ref], "preferredVersion": ref})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def openapi_paths():
    return {("api/v1" if gv == "v1" else "apis/" + gv): {"serverRelativeURL": "/openapi/v3/%s?hash=devbox" % (
        "api/v1" if gv == "v1" else "apis/" + gv)} for gv in ["v1"] + list(GROUPS)}


def openapi(gv):
    """Just enough OpenAPI v3 for kubectl to see that create/patch accept fieldValidation (server-side)."""
    paths = {}
    param = [{"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": True}}]
    root = "/api/v1" if gv == "v1" else "/apis/" + gv
    group, version = ("", "v1") if gv == "v1" else gv.split("/")
    for name, (kind, namespaced, _) in resources_of(gv).items():
        base = root + ("/namespaces/{namespace}/" if namespaced else "/") + name
        gvk = {"group": group, "version": version, "kind": kind}
        op = kind + version.capitalize()
        paths[base] = {"post": {"operationId": "create" + op, "parameters": param, "responses": {},
                                "x-kubernetes-action": "post", "x-kubernetes-group-version-kind": gvk}}
        paths[base + "/{name}"] = {
            "patch": {"operationId": "patch" + op, "parameters": param, "responses": {},
                      "x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": gvk},
            "put": {"operationId": "replace" + op, "parameters": param, "responses": {},
                    "x-kubernetes-action": "put", "x-kubernetes-group-version-kind": gvk}}
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": simlib.kube_version()},
            "paths": paths, "components": {"schemas": {}}}


def daemonset_status(ds, nodes, pods):
    """What the DaemonSet controller (pkg/controller/daemon) writes to a DaemonSet's status, from the nodes
    its template selects and the pods the nodes' kubelets report for it."""
    selector = ds.get("spec", {}).get("template", {}).get("spec", {}).get("nodeSelector", {})
    wanted = [n["metadata"]["name"] for n in nodes
              if all(n["metadata"].get("labels", {}).get(k) == v for k, v in selector.items())]
    generation = ds["metadata"].get("generation", 1)
    mine = [p for p in pods if any(o.get("uid") == ds["metadata"]["uid"]
                                   for o in p["metadata"].get("ownerReferences", []))
            and p.get("spec", {}).get("nodeName") in wanted]

    def ready(p):
        return any(c["type"] == "Ready" and c["status"] == "True" for c in p.get("status", {}).get("conditions", []))

    updated = [p for p in mine if p["metadata"].get("annotations", {}).get(
        "deprecated.daemonset.template.generation") == str(generation)]
    n_ready = len([p for p in mine if ready(p)])
    return {"currentNumberScheduled": len(mine), "desiredNumberScheduled": len(wanted), "numberMisscheduled": 0,
            "numberReady": n_ready, "numberAvailable": n_ready, "numberUnavailable": len(wanted) - n_ready,
            "updatedNumberScheduled": len(updated), "observedGeneration": generation}


def api_document(path):
    """The discovery and OpenAPI documents by path (/apis, /api/v1, /apis/G/V, /openapi/v3[/...]), else None."""
    if path == "/apis":
        return group_list()
    m = re.match(r"^/(?:api/(v1)|apis/([^/]+/[^/]+))$", path)
    if m and resources_of(m.group(1) or m.group(2)):
        return discovery(m.group(1) or m.group(2))
    if path == "/openapi/v3":
        return {"paths": openapi_paths()}
    m = re.match(r"^/openapi/v3/(?:api/(v1)|apis/([^/]+/[^/]+))$", path)
    if m and resources_of(m.group(1) or m.group(2)):
        return openapi(m.group(1) or m.group(2))
    return None


def shown(objects, prefix, obj):
    """An object as a read returns it: a DaemonSet with the status its controller would have written."""
    if prefix != "daemonsets.apps":
        return obj
    nodes = [o for k, o in objects.items() if k.startswith("nodes/")]
    pods = [o for k, o in objects.items() if k.startswith("pods/%s/" % obj["metadata"]["namespace"])]
    return dict(obj, status=daemonset_status(obj, nodes, pods))
