"""The speed reference for `pnpm --filter @arya/bom bench`: the spec's rules (issue 4) written the usual way,
with openpyxl — load the workbook, read 原表 and 操作指示表, apply the ops, add 新BOM表 (a copy of 原表 with the
changed cells rewritten and filled yellow) and 变更日志, save.

    python3 bench/reference.py BOM.xlsx OUT.xlsx

It covers what decides the cost (every cell read, the sheet copied, the ops applied, the workbook written) and the
core rules: header search, column synonyms, designator lists with ranges, add/del with the A面/B面 sides, matching by
material code and level, and the six statuses. Warnings, notes and the 校验警告 sheet are left out; they cost little.
"""

import re
import sys

from openpyxl import load_workbook
from openpyxl.styles import PatternFill

BOM_ROLES = {
    "materialCode": ["对象标识", "物料编码", "料号", "material", "part number", "component"],
    "level": ["级别", "level"],
    "quantity": ["菲菱子件用量", "子件用量", "用量", "数量", "quantity", "qty"],
    "designators": ["位号", "designator", "designators", "reference", "references", "refdes"],
    "top": ["a面位号"],
    "bottom": ["b面位号"],
}
OP_ROLES = {
    "level": ["级别", "level"],
    "materialCode": ["物料编码", "对象标识", "料号", "material", "part number"],
    "op": ["操作类型", "操作", "operation", "op"],
    "designators": ["位号", "designator", "designators"],
}
ADD_WORDS = {"add", "增加", "新增"}
DEL_WORDS = {"del", "delete", "删除", "remove"}
SEPARATORS = re.compile(r"[,，;；、\s]+")
RANGE = re.compile(r"^([A-Z]+)(\d+)[-~]([A-Z]+)(\d+)$")
LEVEL = re.compile(r"^[+-]?\d+(\.0*)?$")
LOG_HEADERS = ["序号", "级别", "物料编码", "操作类型", "位号", "状态", "BOM行", "原位号", "新位号", "原用量", "新用量", "说明"]
YELLOW = PatternFill(fill_type="solid", fgColor="FFFFFF00")


def find_header(ws, roles):
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        texts = {c: str(v).strip().lower() for c, v in enumerate(row, start=1) if v is not None and str(v).strip()}
        if any(t in roles["materialCode"] for t in texts.values()):
            columns = {}
            for role, synonyms in roles.items():
                for c in sorted(texts):
                    if texts[c] in synonyms:
                        columns[role] = c
                        break
            return r, columns
    raise SystemExit("no header")


def text_of(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def material_key(value):
    text = text_of(value).strip()
    return text or None


def parse_level(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else "invalid"
    text = str(value).strip()
    return int(float(text)) if LEVEL.match(text) else "invalid"


def designators(value):
    items, malformed = [], []
    for token in SEPARATORS.split(text_of(value)):
        token = token.upper()
        if not token:
            continue
        m = RANGE.match(token) if ("-" in token or "~" in token) else None
        if not m:
            items.append(token)
            continue
        prefix_a, digits_a, prefix_b, digits_b = m.groups()
        start, end = int(digits_a), int(digits_b)
        if prefix_a != prefix_b or end < start or end - start + 1 > 1000:
            malformed.append(token)
            continue
        width = len(digits_a) if digits_a.startswith("0") else 0
        items.extend(prefix_a + str(n).zfill(width) for n in range(start, end + 1))
    return items, malformed


def cell(row, columns, role):
    c = columns.get(role)
    return row[c - 1] if c is not None and c <= len(row) else None


def main(path, out):
    wb = load_workbook(path)
    bom = wb["原表"] if "原表" in wb.sheetnames else wb.worksheets[0]
    header_row, cols = find_header(bom, BOM_ROLES)
    rows, by_code = {}, {}
    for r, values in enumerate(bom.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        level = parse_level(cell(values, cols, "level"))
        entry = {
            "row": r,
            "key": material_key(cell(values, cols, "materialCode")),
            "level": None if level == "invalid" else level,
            "quantity": cell(values, cols, "quantity"),
            "designators": designators(cell(values, cols, "designators"))[0],
            "top": designators(cell(values, cols, "top"))[0],
            "bottom": designators(cell(values, cols, "bottom"))[0],
        }
        rows[r] = entry
        if entry["key"] is not None:
            by_code.setdefault(entry["key"], []).append(entry)

    ops = wb["操作指示表"]
    ops_header, op_cols = find_header(ops, OP_ROLES)
    states, log = {}, []
    for r, values in enumerate(ops.iter_rows(min_row=ops_header + 1, values_only=True), start=ops_header + 1):
        raw = {role: cell(values, op_cols, role) for role in OP_ROLES}
        if all(raw[k] is None or str(raw[k]).strip() == "" for k in ("materialCode", "op", "designators")):
            continue
        word = text_of(raw["op"]).strip().lower()
        kind = "add" if word in ADD_WORDS else "del" if word in DEL_WORDS else None
        key = material_key(raw["materialCode"])
        level = parse_level(raw["level"])
        requested, malformed = designators(raw["designators"])
        requested = list(dict.fromkeys(requested))
        line = [r, raw["level"], raw["materialCode"], text_of(raw["op"]), ",".join(requested)]
        if kind is None or key is None or level == "invalid" or malformed or not requested:
            log.append(line + ["invalid"])
            continue
        matches = [e for e in by_code.get(key, []) if level is None or e["level"] == level]
        if len(matches) != 1:
            log.append(line + ["ambiguous" if matches else "not_found"])
            continue
        row = matches[0]
        state = states.setdefault(
            row["row"],
            {"designators": list(row["designators"]), "top": list(row["top"]), "bottom": list(row["bottom"]),
             "top_touched": False, "bottom_touched": False},
        )
        before = ",".join(state["designators"])
        present = set(state["designators"])
        if kind == "add":
            changed = [d for d in requested if d not in present]
            state["designators"].extend(changed)
        else:
            changed = [d for d in requested if d in present]
            removed = set(changed)
            state["designators"] = [d for d in state["designators"] if d not in removed]
            for side in ("top", "bottom"):
                kept = [d for d in state[side] if d not in removed]
                if len(kept) != len(state[side]):
                    state[side], state[side + "_touched"] = kept, True
        status = "unchanged" if not changed else "partial" if len(changed) < len(requested) else "applied"
        log.append(line + [status, row["row"], before, ",".join(state["designators"]), row["quantity"],
                           len(state["designators"])])

    copy = wb.copy_worksheet(bom)
    copy.title = "新BOM表"
    for r, state in states.items():
        writes = []
        if state["designators"] != rows[r]["designators"]:
            writes.append(("designators", ",".join(state["designators"]) or None))
            writes.append(("quantity", len(state["designators"])))
        if state["top_touched"]:
            writes.append(("top", ",".join(state["top"]) or None))
        if state["bottom_touched"]:
            writes.append(("bottom", ",".join(state["bottom"]) or None))
        for role, value in writes:
            if role in cols:
                target = copy.cell(row=r, column=cols[role])
                target.value = value
                target.fill = YELLOW
    changes = wb.create_sheet("变更日志")
    changes.append(LOG_HEADERS)
    for line in log:
        changes.append(line)
    wb.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
