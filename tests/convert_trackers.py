#!/usr/bin/env python3
"""Transcribes seed 000's peer-challenge implementation plan into a demo tracker
(assets/demo/trackers/000.json, the serde form of agendapack_model::Tracker).

The seed's table was extracted page by page, so a row that ran over a page break appears as two
rows; FIXES below names each such place (by seed line number) and how it is joined back. Status
is read from the progress text ("Complete ...", "Ongoing ..."); the due date from the first
"Month YYYY" of the timescale (the last one after " to "; none for "From ..."/"onwards").
Seed 004 has no machine-readable structure (its cells are broken mid-word) and is transcribed
by hand in assets/demo/trackers/004.json.
"""
import calendar, html, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path('/work/shared/seeds/000_20aceb96b9063406.txt')
OUT = ROOT / 'assets/demo/trackers/000.json'
MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
# The seed's only progress column: "Progress as at November 2014".
AS_AT = '2014-11-30'

def clean(cell):
    cell = re.sub(r'</p>\s*<p>', '\n', cell)
    cell = re.sub(r'<li>', '\n', cell)
    cell = re.sub(r'<[^>]+>', '', cell)
    cell = html.unescape(cell)
    lines = [re.sub(r'\s+', ' ', l).strip() for l in cell.split('\n')]
    return '\n'.join(l for l in lines if l)

def join(a, b):
    if not a: return b
    if not b: return a
    return a + ' ' + b

def due(timescale):
    t = timescale
    if re.match(r'(?i)\s*from\b', t) or 'onwards' in t: return None
    found = re.findall(r'(' + '|'.join(MONTHS) + r')\s+(\d{4})', t)
    if not found: return None
    month, year = found[-1] if ' to ' in t else found[0]
    m, y = MONTHS[month], int(year)
    return f'{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}'

def status(progress):
    p = progress.lower()
    if not p: return 'not-started'
    if p.startswith('complete'): return 'complete'
    if p.startswith('ongoing'): return 'ongoing'
    return 'in-progress'

def main():
    lines = SEED.read_text(encoding='utf-8').split('\n')
    rows = {}  # seed line number -> cells
    for n, line in enumerate(lines, 1):
        cells = line.split('\t')
        if len(cells) == 6 and not cells[0].startswith('Recommendation'):
            rows[n] = [clean(c) for c in cells]
    def append(into, frm, cols):
        for c in cols:
            rows[into][c] = join(rows[into][c], rows[frm][c])
    # Page-break continuations, checked by eye against the seed.
    append(24, 26, [1, 4])            # "... externally and | internally - see 1.3"
    append(43, 45, [0, 1, 4])         # 3.1 text, action and progress run on
    append(85, 87, [0])               # 5.3's recommendation text runs on
    append(84, 87, [1])               # "... including NHS, plus | GLA/Council group ..."
    append(104, 106, [0, 1])          # 6.4 text and action run on
    # Line 100 starts with the tail of line 98's action and progress, then a new action.
    tail = rows[100]
    rows[98][1] = join(rows[98][1], 'Action Plan.')
    rows[98][4] = join(rows[98][4], 'programme.')
    tail[1] = tail[1].removeprefix('Action Plan.').strip()
    tail[4] = tail[4].removeprefix('programme.').strip()
    for gone in (26, 45, 87, 106):
        del rows[gone]

    theme = ''
    recs = []
    for n, line in enumerate(lines, 1):
        m = re.match(r'#+\s*(Theme .*)', line)
        if m:
            theme = m.group(1).strip()
            continue
        if n not in rows: continue
        rec, action, timescale, lead, progress, holder = rows[n]
        m = re.match(r'(\d\.\d+)\s+(.*)', rec, re.S)
        if m:
            recs.append({'number': m.group(1), 'text': m.group(2), 'theme': theme, 'actions': []})
        elif rec:
            sys.exit(f'line {n}: unexpected recommendation text {rec[:40]!r}')
        if not action: continue
        a = {'text': action}
        if lead: a['lead_officer'] = lead
        if timescale: a['timescale'] = timescale
        d = due(timescale)
        if d: a['due'] = d
        if holder: a['portfolio_holder'] = holder
        if progress:
            a['updates'] = [{'as_at': AS_AT, 'text': progress, 'status': status(progress)}]
        recs[-1]['actions'].append(a)
    tracker = {
        'title': 'London Borough of Barking & Dagenham LGA Corporate Peer Challenge Implementation Plan',
        'source': 'peer-challenge',
        'source_name': 'LGA Corporate Peer Challenge 2014',
        'recommendations': recs,
    }
    OUT.write_text(json.dumps(tracker, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    print(f'{OUT}: {len(recs)} recommendations, {sum(len(r["actions"]) for r in recs)} actions')

main()
