"""What an analyst writes today: read every commune workbook with pandas + openpyxl and count.

Usage: python analyst_pandas.py DIR   → prints one JSON line with the totals (a checksum).
"""
import json, os, sys
import pandas as pd

def main(d):
    sat = returned = households = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".xlsx"):
            continue
        path = os.path.join(d, name)
        reg = pd.read_excel(path, sheet_name="Khu dân cư", header=4, engine="openpyxl")
        households += int(reg["Tổng số hộ"].sum())
        forms = pd.read_excel(path, sheet_name="Phiếu", header=2, engine="openpyxl")
        items = [c for c in forms.columns if str(c).startswith("Câu ")]
        returned += len(forms)
        for c in items:
            sat += int((forms[c] == "Hài lòng").sum())
        # the per-commune table an analyst would build
        _ = forms.groupby("Khu dân cư")[items].agg(lambda s: (s == "Hài lòng").mean())
    print(json.dumps({"households": households, "returned": returned, "satisfied": sat}))

main(sys.argv[1])
