#!/usr/bin/env python3
"""Writes a large `aws iam get-account-authorization-details` output for load benchmarks.

Copies the users and roles of a real output N times under new names, ARNs and ids, keeping its
groups and managed policies, so `kmsaccess inventory --from-aws OUT` reads AWS CLI JSON at scale.

    bench/make_authz_details.py testdata/aws/formats/cloudsplaining__example-authz-details.json 4000 /tmp/authz-big
"""
import copy
import json
import os
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    source, copies, out_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(source, encoding="utf-8") as f:
        details = json.load(f)
    out = {"UserDetailList": [], "GroupDetailList": details.get("GroupDetailList", []),
           "RoleDetailList": [], "Policies": details.get("Policies", [])}
    for i in range(copies):
        for kind, name_field, id_field, prefix in (("RoleDetailList", "RoleName", "RoleId", "AROA"),
                                                   ("UserDetailList", "UserName", "UserId", "AIDA")):
            for entity in details.get(kind, []):
                e = copy.deepcopy(entity)
                e[name_field] = f"{entity[name_field]}-{i}"
                e[id_field] = f"{prefix}{i:016d}{entity[id_field][:4].upper()}"
                e["Arn"] = entity["Arn"].rsplit("/", 1)[0] + "/" + e[name_field]
                out[kind].append(e)
    os.makedirs(os.path.join(out_dir, "iam"), exist_ok=True)
    path = os.path.join(out_dir, "iam", "get-account-authorization-details.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
    print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB, "
          f"{len(out['UserDetailList'])} users, {len(out['RoleDetailList'])} roles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
