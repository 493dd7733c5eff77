"""The same aggregation with polars-python's read_excel (calamine engine).

Usage: python analyst_polars.py DIR   → prints one JSON line with the totals (a checksum).
"""
import json, os, sys
import polars as pl

def main(d):
    sat = returned = households = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".xlsx"):
            continue
        path = os.path.join(d, name)
        reg = pl.read_excel(path, sheet_name="Khu dân cư", engine="calamine", read_options={"header_row": 4})
        households += int(reg["Tổng số hộ"].sum())
        forms = pl.read_excel(path, sheet_name="Phiếu", engine="calamine", read_options={"header_row": 2})
        items = [c for c in forms.columns if c.startswith("Câu ")]
        returned += forms.height
        counts = forms.group_by("Khu dân cư").agg([(pl.col(c) == "Hài lòng").sum().alias(c) for c in items])
        sat += int(sum(counts[c].sum() for c in items))
    print(json.dumps({"households": households, "returned": returned, "satisfied": sat}))

main(sys.argv[1])
