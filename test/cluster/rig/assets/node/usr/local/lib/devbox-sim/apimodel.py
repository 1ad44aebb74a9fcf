"""Pure parts of the rig's simulated kube-apiserver (apiserver.py): the resource table, metav1.Status bodies,
merge and JSON patches, selectors, server-side Tables and discovery/OpenAPI documents. Shapes follow
kubernetes/kubernetes (apimachinery metav1, pkg/printers/internalversion for the node columns).
"""
import copy
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

RESOURCES = {
    # resource: (kind, namespaced, short names)
    "nodes": ("Node", False, ["no"]),
    "namespaces": ("Namespace", False, ["ns"]),
    "configmaps": ("ConfigMap", True, ["cm"]),
    "events": ("Event", True, ["ev"]),
}


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


def discovery_v1():
    resources = []
    for name, (kind, namespaced, short) in RESOURCES.items():
        resources.append({"name": name, "singularName": kind.lower(), "namespaced": namespaced, "kind": kind,
                          "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
                          "shortNames": short})
    resources.append({"name": "nodes/status", "singularName": "", "namespaced": False, "kind": "Node",
                      "verbs": ["get", "patch", "update"]})
    return {"kind": "APIResourceList", "groupVersion": "v1", "resources": resources}


def openapi_v1():
    """Just enough OpenAPI v3 for kubectl to see that create/patch accept fieldValidation (server-side)."""
    paths = {}
    param = [{"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": True}}]
    for name, (kind, namespaced, _) in RESOURCES.items():
        base = "/api/v1/namespaces/{namespace}/" + name if namespaced else "/api/v1/" + name
        gvk = {"group": "", "version": "v1", "kind": kind}
        paths[base] = {"post": {"operationId": "createCoreV1" + kind, "parameters": param, "responses": {},
                                "x-kubernetes-action": "post", "x-kubernetes-group-version-kind": gvk}}
        paths[base + "/{name}"] = {
            "patch": {"operationId": "patchCoreV1" + kind, "parameters": param, "responses": {},
                      "x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": gvk},
            "put": {"operationId": "replaceCoreV1" + kind, "parameters": param, "responses": {},
                    "x-kubernetes-action": "put", "x-kubernetes-group-version-kind": gvk}}
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": simlib.kube_version()},
            "paths": paths, "components": {"schemas": {}}}
