"""Checks a program's settings literal against the generated SDK's TypedDicts, without the Pulumi
Python SDK (which cannot be installed here): every key of every nested dict literal under
`settings=` must be a key of the TypedDict its place calls for, starting at UnattendSettingsArgsDict;
every enum member it names must exist. Prints one line per problem; exit 1 if any.

    python3 check_typeddicts.py SDK_DIR PROGRAM.py
"""
import ast
import re
import sys

sdk, program = sys.argv[1], sys.argv[2]
inputs = ast.parse(open(f"{sdk}/pulumi_unattend/_inputs.py").read())
enums = ast.parse(open(f"{sdk}/pulumi_unattend/_enums.py").read())

# TypedDict name -> {key: annotation source}
typed = {}
for node in inputs.body:
    if isinstance(node, ast.ClassDef) and node.name.endswith("ArgsDict"):
        typed[node.name] = {
            s.target.id: ast.unparse(s.annotation) for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        }
members = {
    node.name: {t.id for s in node.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)}
    for node in enums.body
    if isinstance(node, ast.ClassDef)
}

problems = []
checked = 0


def check(value, dict_name, where):
    global checked
    if not isinstance(value, ast.Dict):
        return
    keys = typed.get(dict_name)
    if keys is None:
        problems.append(f"{where}: no TypedDict {dict_name}")
        return
    for k, v in zip(value.keys, value.values):
        key = k.value if isinstance(k, ast.Constant) else None
        if key not in keys:
            problems.append(f"{where}: {key!r} is not a key of {dict_name}")
            continue
        checked += 1
        ref = re.search(r"'(\w+ArgsDict)'", keys[key])
        if ref:
            check(v, ref.group(1), f"{where}.{key}")


for node in ast.walk(ast.parse(open(program).read())):
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and isinstance(node.value.value, ast.Name):
        if node.value.value.id == "unattend" and node.value.attr in members and node.attr not in members[node.value.attr]:
            problems.append(f"unattend.{node.value.attr}.{node.attr}: no such enum member")
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg == "settings":
                check(kw.value, "UnattendSettingsArgsDict", "settings")

for p in problems:
    print(p)
print(f"{checked} keys checked against {len(typed)} TypedDicts and {len(members)} enums", file=sys.stderr)
sys.exit(1 if problems or not checked else 0)
