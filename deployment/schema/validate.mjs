// Reads a JSON array of Kubernetes objects on stdin and checks each against the Kubernetes OpenAPI
// schemas (types, enums, required fields) with the kubernetes-models packages. Prints one JSON line
// per object: {"index", "kind", "name", "schema": true|false, "errors": [...]}. "schema" is false
// for a kind no installed package describes (e.g. Strimzi's KafkaTopic); the Java tests check those.
import { readFileSync } from "node:fs";

const packages = [
  (group, version) => `kubernetes-models/${group ? group + "/" : ""}${version}`,
  (group, version) => `@kubernetes-models/gateway-api/${group}/${version}`,
  (group, version) => `@kubernetes-models/prometheus-operator/${group}/${version}`,
];

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  for (const path of packages) {
    try {
      const module = await import(path(group, version));
      if (module[kind]) return module[kind];
    } catch (e) {
      if (e.code !== "ERR_MODULE_NOT_FOUND" && e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw e;
    }
  }
  return null;
}

const objects = JSON.parse(readFileSync(0, "utf8"));
for (const [index, object] of objects.entries()) {
  const result = { index, kind: object.kind, name: object.metadata?.name, schema: false, errors: [] };
  const Model = await modelOf(object.apiVersion ?? "", object.kind ?? "");
  if (Model) {
    result.schema = true;
    try {
      new Model(object).validate();
    } catch (e) {
      result.errors = (e.errors ?? [{ message: e.message }]).map((x) =>
        `${x.instancePath ?? ""} ${x.message ?? String(x)}`.trim());
    }
  }
  console.log(JSON.stringify(result));
}
