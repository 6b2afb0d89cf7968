#!/usr/bin/env python3
"""Convert the seeds in ../shared/seeds into the demo data and the Markdown fixtures.

Rerun from anywhere: python3 tests/convert_seeds.py [--verbose]. It rewrites assets/demo/**,
tests/fixtures/seeds/{000,003,004}.md and src-tauri/crates/demo/src/embedded.rs.
"""
import re

PAGE_ALONE = re.compile(r"^Page \d+\s*$")
PAGE_GLUED = re.compile(r"^Page \d+ (?=\S)")
BLANK_PAGE = "This page is intentionally left blank"
TERMINAL = tuple(".:;!?)")
CONNECTIVES = {
    "and", "or", "the", "of", "for", "to", "in", "a", "an", "with", "by", "on", "that", "at",
    "from", "as", "is", "are", "be", "we", "our", "their", "its", "which", "this", "will",
}

# Lines that look like a broken paragraph but are not (checked by hand): a title slide.
NO_JOIN = {"How we work with residents affected by Capital Works"}

# Every rejoin made, for the hand check (printed by convert_seeds.py --verbose).
JOINS = []


def inline(text):
    """HTML inline tags and entities to Markdown inline syntax."""
    text = re.sub(r"<sup>\s*(\d+)\s*</sup>", r"[^\1]", text)
    text = re.sub(r"<sup>\s*([A-Za-z]+)\s*</sup>", r"\1", text)
    text = re.sub(r'<a href="mailto:([^"]*)">(.*?)</a>', r"\2", text)
    text = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", text)
    text = re.sub(r"</?small>", "", text)

    def wrap(mark):
        def sub(m):
            inner = m.group(1).strip()
            return f"{mark}{inner}{mark}" if inner else ""
        return sub

    text = re.sub(r"<b>(.*?)</b>", wrap("**"), text)
    text = re.sub(r"<i>(.*?)</i>", wrap("*"), text)
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
    text = text.replace("****", "** **")
    return text


def html_blocks(text):
    """A run of HTML (<p>, <ul><li>, <ol><li>) to a list of Markdown blocks (lines)."""
    def ol(m):
        items = re.findall(r"<li>(.*?)</li>", m.group(0), flags=re.S)
        return "".join(f"<p>{i}. {item.strip()}</p>" for i, item in enumerate(items, 1))

    text = re.sub(r"<ol[^>]*>.*?</ol>", ol, text, flags=re.S)
    text = re.sub(r"<ul[^>]*>|</ul>", "", text)
    text = re.sub(r"<li>\s*(?:•\s*)?", "\x00- ", text)
    text = re.sub(r"</li>|<p>|</p>|<br\s*/?>", "\x00", text)
    blocks = []
    for part in text.split("\x00"):
        part = inline(part).strip()
        if part:
            blocks.append(part)
    return blocks


def cell(text):
    """One table cell: HTML blocks joined by spaces, pipes escaped, no line breaks."""
    if "<p>" in text or "<li>" in text:
        parts = [re.sub(r"^- ", "", b) for b in html_blocks(text)]
        text = " ".join(parts)
    else:
        text = inline(text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace("|", "\\|")


def pipe_table(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    for r in rows[1:]:
        out.append("| " + " | ".join(r) + " |")
    return "\n".join(out)


def heading(line):
    m = re.match(r"^(#+)\s*(.*)$", line)
    level, text = m.group(1), inline(m.group(2))
    text = re.sub(r"\*+", "", text).strip()
    text = re.sub(r"\s+", " ", text)
    return f"{level} {text}" if text else ""


def fix_line(line):
    """Line-level syntax repairs that keep every word."""
    line = line.rstrip()
    if line.startswith("#"):
        return heading(line)
    m = re.match(r"^<sup>\s*(\d+)\s*</sup>\s*(.*)$", line)
    if m:
        return f"[^{m.group(1)}]: {inline(m.group(2))}"
    if "<p>" in line or "<li>" in line or "<ul" in line:
        return "\n\n".join(html_blocks(line))
    line = inline(line)
    # "- 1.1 text": numbered paragraphs the conversion turned into bullets.
    m = re.match(r"^(\s*)- (\d+\.\d+(?:\.\d+)?)\s+(.*)$", line)
    if m:
        return f"{m.group(2)} {m.group(3)}"
    # "- 1. Title**": a numbered bold line whose opening ** was lost.
    m = re.match(r"^(\s*)- (\d+)\.\s+(.*?)\*\*$", line)
    if m and line.count("**") % 2 == 1:
        return f"{m.group(1)}{m.group(2)}. **{m.group(3).strip()}**"
    if line.count("**") % 2 == 1 and line.endswith("**"):
        line = line[:-2].rstrip()
    return line


def is_table_line(line):
    return "\t" in line


def is_plain_text(line):
    s = line.lstrip()
    if not s:
        return False
    if s[0] in "#-*|<[>":
        return False
    if re.match(r"^\d+\.\s", s) or re.match(r"^\d+\.\d+", s):
        return False
    return True


def can_continue(prev_line):
    s = prev_line.strip()
    if not s or s.startswith("#") or s.startswith("|") or s.startswith("[^"):
        return False
    if s.startswith("*") and not s.startswith("* "):
        return False
    if s.endswith("**") or s.endswith("*"):
        return False
    if s.endswith(TERMINAL) or s.endswith('"') or s.endswith("'") or s.endswith("”"):
        return False
    if s.startswith("<") and s.endswith(">"):
        return False
    return True


def clean(lines, running=()):
    """Clean `lines` (a slice of a seed) into Markdown text."""
    running = set(running)
    # 1. Blocks: ("text", [lines]) / ("table", [rows]) / ("break", None) for removed furniture.
    blocks = []
    current = []

    def flush():
        nonlocal current
        if current:
            blocks.append(("text", current))
            current = []

    for raw in lines:
        line = raw.rstrip("\n")
        stripped = line.strip()
        if PAGE_ALONE.match(stripped) or stripped == BLANK_PAGE or stripped in running or stripped == "---":
            flush()
            blocks.append(("break", None))
            continue
        line = PAGE_GLUED.sub("", line)
        if stripped in ("-", ""):
            flush()
            continue
        if is_table_line(line):
            flush()
            row = [cell(c) for c in line.split("\t")]
            while len(row) > 1 and row[-1] == "":
                row.pop()
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(row)
            else:
                blocks.append(("table", [row]))
            continue
        current.append(line)
    flush()

    # 2. Merge tables split by page furniture; drop repeated header rows.
    merged = []
    for kind, body in blocks:
        if kind == "table":
            j = len(merged) - 1
            saw_break = False
            while j >= 0 and merged[j][0] == "break":
                saw_break = True
                j -= 1
            if j >= 0 and merged[j][0] == "table":
                prev = merged[j][1]
                if body[0] == prev[0]:
                    prev.extend(body[1:])
                    continue
                if saw_break and len(body[0]) <= len(prev[0]):
                    prev.extend(body)
                    continue
        merged.append((kind, body))

    # 3. Text lines: syntax repairs; join hard-broken lines inside a block.
    out = []
    for kind, body in merged:
        if kind != "text":
            out.append((kind, body))
            continue
        fixed = []
        for line in body:
            if fixed and (fixed[-1].endswith("  ") or (fixed[-1].startswith("**") and fixed[-1].count("**") % 2 == 1)):
                fixed[-1] = fixed[-1].rstrip() + " " + line.strip()
            else:
                fixed.append(line)
        out.append(("text", [fix_line(line) for line in fixed if fix_line(line)]))

    # 4. Rejoin paragraphs broken across page breaks, moving footnotes out of the way.
    result = []
    i = 0
    while i < len(out):
        kind, body = out[i]
        if kind == "text" and body:
            j = i + 1
            moved = []
            while j < len(out) and (out[j][0] == "break" or (out[j][0] == "text" and out[j][1] and out[j][1][0].startswith("[^"))):
                if out[j][0] == "text":
                    moved.append(out[j])
                j += 1
            if j < len(out) and out[j][0] == "text" and out[j][1]:
                nxt = out[j][1]
                last = body[-1]
                first = nxt[0]
                words = last.split()
                tail = words[-1].lower() if words else ""
                if last.strip() not in NO_JOIN and can_continue(last) and is_plain_text(first) and (first[0].islower() or tail in CONNECTIVES):
                    JOINS.append((last[-60:], first[:60]))
                    body = body[:-1] + [last.rstrip() + " " + first.strip()] + nxt[1:]
                    out[j] = ("text", body)
                    result.extend(moved)
                    i = j
                    continue
        result.append((kind, body))
        i += 1

    # 5. Emit; list blocks right after a footnote definition belong to it (indented 4).
    texts = []
    in_note = False
    for kind, body in result:
        if kind == "break":
            continue
        if kind == "table":
            texts.append(pipe_table(body))
            in_note = False
            continue
        # Numbered paragraphs ("3.1 ...") are paragraphs of their own, not one soft-wrapped run.
        block = "\n".join(body)
        block = re.sub(r"\n(?=\d+\.\d+(?:\.\d+)? )", "\n\n", block)
        if block.startswith("[^"):
            in_note = True
        elif in_note and all(l.lstrip().startswith("- ") for l in body):
            block = "\n".join("    " + l for l in body)
        else:
            in_note = False
        texts.append(block)
    return "\n\n".join(t for t in texts if t.strip()) + "\n"


# ---------------------------------------------------------------------------------------------
# Seed 001 and 002 as bundles; seeds 000, 003, 004 as standalone Markdown.
# ---------------------------------------------------------------------------------------------

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SEEDS = os.path.normpath(os.path.join(REPO, "..", "shared", "seeds"))
DEMO = os.path.join(REPO, "assets", "demo")
FIXTURES = os.path.join(HERE, "fixtures", "seeds")
EMBED_RS = os.path.join(REPO, "src-tauri", "crates", "demo", "src", "embedded.rs")

INCLUDES = []  # (relative path under assets/demo) written this run, for embedded.rs


def read_seed(prefix):
    for name in sorted(os.listdir(SEEDS)):
        if name.startswith(prefix):
            with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
                return f.read().split("\n")
    sys.exit(f"seed {prefix} is not in {SEEDS}")


def find(lines, text, start=0, exact=False):
    """Index of the first line at or after `start` that contains (or equals) `text`."""
    for i in range(start, len(lines)):
        if (lines[i].strip() == text) if exact else (text in lines[i]):
            return i
    sys.exit(f"marker {text!r} not found after line {start + 1}")


def write(rel, text):
    path = os.path.join(DEMO, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    INCLUDES.append(rel)
    return "@include:" + rel


def md(lines, running=()):
    return clean(lines, running).strip()


def blocks_after(cell_html, drop_first):
    """Cover-sheet box (HTML paragraphs) to Markdown, without its own label ("Summary")."""
    parts = html_blocks(cell_html)
    if drop_first and parts:
        parts = parts[1:]
    # Consecutive list items stay together; everything else is its own paragraph.
    out = []
    for p in parts:
        if out and p.startswith("- ") and out[-1].split("\n")[-1].startswith("- "):
            out[-1] += "\n" + p
        elif out and re.match(r"^\d+\. ", p) and re.match(r"^\d+\. ", out[-1].split("\n")[-1]):
            out[-1] += "\n" + p
        else:
            out.append(p)
    return "\n\n".join(out)


def person(name, job_title="", phone="", email=""):
    p = {"name": name}
    if job_title:
        p["job_title"] = job_title
    if phone:
        p["phone"] = phone
    if email:
        p["email"] = email
    return p


def cover_fields(lines, start):
    """The six table rows of a cover sheet starting at `start` (the Title row)."""
    rows = {}
    for line in lines[start:start + 8]:
        cells = line.split("\t")
        key = re.sub(r"<[^>]+>", "", cells[0]).strip()
        rows[key.split(":")[0]] = cells
    return rows


def title_of(lines, start):
    return re.sub(r"<[^>]+>", "", lines[start]).replace("Title:", "").strip()


def summary_and_recs(lines, start):
    s = find(lines, "<p><b>Summary</b></p>", start)
    r = find(lines, "Recommendation(s)", s + 1)
    summary = blocks_after(lines[s].split("\t")[0], True)
    rec_line = lines[r]
    if "<p>" in rec_line:
        recs = blocks_after(rec_line.split("\t")[0], True)
    else:  # "<b>Recommendation(s)</b>" row, text on the next row
        recs = inline(lines[r + 1].split("\t")[0]).strip()
    return summary, recs


MEMBERS_001 = [
    ("Cllr Jane Jones", "chair"), ("Cllr Dorothy Akwaboah", "deputy-chair"),
    ("Cllr Toni Bankole", "member"), ("Cllr Donna Lumsden", "member"),
    ("Cllr Olawale Martins", "member"), ("Cllr Simon Perry", "member"),
    ("Cllr Ingrid Robinson", "member"), ("Cllr Paul Robinson", "member"),
    ("Cllr Bill Turner", "member"), ("Cllr Phil Waker", "member"),
    ("Cllr Cameron Geddes", "by-invitation"), ("Cllr Syed Ghani", "by-invitation"),
    ("Cllr Dominic Twomey", "by-invitation"),
]
# ASSUMED: the seed does not say when the seats began; the start of the 2020/21 municipal year
# is used so that the seats hold on both 4 November and 2 December 2020.
MEMBERS_FROM = "2020-05-20"

WEBCAST = ("Please note that this meeting will be webcast, which is a transmission of audio and video "
           "over the internet. To view the webcast click here and select the relevant meeting (the "
           "weblink will be available at least 24-hours before the meeting).")

CONTACT_001 = person("Claudia Wakefield", "", "020 8227 5276", "claudia.wakefield@lbbd.gov.uk")


def work_programme_001():
    """The work programme rows (seed 001, last pages), as printed."""
    def e(date, title, officers="", presenter="", csg="", gov="", label="", provisional=False):
        d = {"meeting_date": date, "title": title}
        if label:
            d["meeting_label"] = label
        if provisional:
            d["provisional"] = True
        for k, v in (("officers", officers), ("presenter", presenter),
                     ("clearance_deadline", csg), ("final_report_deadline", gov)):
            if v:
                d[k] = v
        return d

    return [
        e("2021-01-06", "General progress update regarding A2020 Scrutiny Recommendations – KLOE 1, 2 and 3",
          "Hilary Morris Elaine Allegretti", "Cllr Twomey", "10 December", "10am, Friday 18 December"),
        e("2021-01-06", "Report arising from recommendation 3 of A2020 Scrutiny Review on Best Value.",
          "Hilary Morris", "Cllr Twomey"),
        e("2021-01-06", "Children's Care and Support:\n\n- i. Corporate Parenting OSC Report\n"
          "- ii. Disabilities Improvement Programme OSC Report\n"
          "- iii. Report requested by recommendation 7 of A2020 Scrutiny Review",
          "Elaine Allegretti", "Cllr Worby"),
        e("2021-01-06", "Work Programme", "Masuma Ahmed"),
        e("2021-01-26", "Covid-19 Financial update: Savings", "Philip Gregory",
          "Cllr Twomey and other relevant Cabinet Members", "17 December", "10am, Thursday 14 January",
          label="Extraordinary Meeting"),
        e("2021-02-03", "Response Times and Clear Up Rates with the Borough Commander", "Andy Opie",
          "Cllr Mullane", "14 January", "10am, Friday 22 January"),
        e("2021-02-03", "OneView: Use, Governance, Ethics & Transparency", "Pye Nyunt and Mark Fowler", "Cllr Ashraf"),
        e("2021-02-03", "Work Programme", "Masuma Ahmed"),
        e("2021-03-03", "General progress update regarding A2020 Scrutiny Recommendations – KLOE 4",
          "Graeme Cook Mark Tyson", "Cllr Geddes", "11 February", "10am, Friday 19 February", provisional=True),
        e("2021-03-03", "Report requested by recommendation 13 of A2020 Scrutiny Review – Impact of change to Reside’s eligibility threshold",
          "Kristian Melgaard, Reside", "Cllr Geddes", provisional=True),
        e("2021-03-03", "Work Programme", "Masuma Ahmed", provisional=True),
        e("2021-03-31", "Supporting elderly residents – 1) reducing isolation 2) support when discharged from hospital",
          "Elaine Allegretti", "Cllr Worby", "11 March", "10am, Friday 19 March", provisional=True),
        e("2021-03-31", "Recovering from the impact on education outcomes of Covid-19", "Jane Hargreaves",
          "Cllr Carpenter", provisional=True),
        e("2021-03-31", "Work Programme", "Masuma Ahmed", provisional=True),
        e("2021-05-12", "Probation Services (to include reoffending)", "Andy Opie", "Cllr Mullane",
          "8 April", "10am, Monday 26 April", provisional=True),
        # The seed prints the next three in one merged row; they are three items.
        e("2021-05-12", "Children's Care and Support:\n\n- i. MASH Annual Report and update\n"
          "- ii. Early Help update on Ofsted Improvement Plan", "Elaine Allegretti", "Cllr Worby", provisional=True),
        e("2021-05-12", "Progress update on recommendations 3,4 and 5 of the Improving Household Waste, Recycling and Street Cleansing Scrutiny Review",
          "Lisa Keating and Andy Opie", "Cllr Ghani and Cllr Mullane", provisional=True),
        e("2021-05-12", "Work Programme", "Masuma Ahmed", provisional=True),
        e("2021-06-09", "Air Quality:\n\n- i. Update on implementation of the Air Quality Action Plan including "
          "recommendation made at 9 Sept 2020 meeting – **TBC**\n- ii. Report requested by recommendation 22 "
          "of A2020 Scrutiny Review – **TBC**", "Chris Banks/ Neil Pearce Graeme Cooke",
          "Cllr Mullane Cllr Geddes", "", "10am, Monday 24 May", label="First meeting of 2021/22",
          provisional=True),
    ]


# Seed 001's text lost some of its markup in the conversion to text; without these repairs the
# demo pack's first build greeted a new user with ten Markdown warnings (issue 14). Each repair
# is (what the seed says, what it meant, how many times it occurs), checked when applied.
SEED_001_REPAIRS = [
    # Footnote marks of the Single Performance Framework that came out as small or plain digits.
    ("<b>Individual agency and social networks</b> <small>16</small>\t",
     "<b>Individual agency and social networks</b> <sup>16</sup>\t", 1),
    ("<b>Every One Every Day</b> 17\t", "<b>Every One Every Day</b> <sup>17</sup>\t", 1),
    # Footnote 18's text is not in the seed (the notes run 17, 19): its mark is dropped rather
    # than a text invented for it.
    ("Number of registered participants. <sup>18</sup>\t", "Number of registered participants.\t", 1),
    ("<b>and Transparency</b> 30\t", "<b>and Transparency</b> <sup>30</sup>\t", 1),
    # Footnote 52 amends exactly this indicator; the seed kept an asterisk where its mark was.
    ("'B' Grade or higher at inspection.*\t", "'B' Grade or higher at inspection.* <sup>52</sup>\t", 1),
    ("<b>Managing households in temporary accommodation</b> 55\t",
     "<b>Managing households in temporary accommodation</b> <sup>55</sup>\t", 1),
    ("<b>Keeping the Borough safe</b> <small>63</small>\t", "<b>Keeping the Borough safe</b> <sup>63</sup>\t", 1),
    ("or better. <small>64</small>\t", "or better. <sup>64</sup>\t", 1),
    ("non-compliant food businesses. <small>65</small>\t", "non-compliant food businesses. <sup>65</sup>\t", 1),
    # A link whose web address the seed lost ("#"): the words stay, as plain text.
    ("[social progress index](#)", "social progress index", 1),
]


def repaired(lines, repairs):
    """`lines` with each (old, new, count) repair made, failing if a repair does not match."""
    text = "\n".join(lines)
    for old, new, count in repairs:
        found = text.count(old)
        if found != count:
            sys.exit(f"seed repair {old!r}: expected {count} occurrence(s), found {found}")
        text = text.replace(old, new)
    return text.split("\n")


def bundle_001():
    L = repaired(read_seed("001_"), SEED_001_REPAIRS)
    # Fixed pages: the vision and priorities page.
    v0 = find(L, "## Our Vision for Barking and Dagenham", exact=True)
    m0 = find(L, "MINUTES OF OVERVIEW AND SCRUTINY COMMITTEE", v0)
    fixed = write("001/fixed-pages.md", md(L[v0:m0]) + "\n")

    # Minutes 21 to 25.
    m_end = find(L, BLANK_PAGE, m0)
    heads = [i for i in range(m0, m_end) if re.match(r"^#+ \*\*(2[1-5])\. ", L[i])]
    entries = []
    for k, h in enumerate(heads):
        nxt = heads[k + 1] if k + 1 < len(heads) else m_end
        number = int(re.match(r"^#+ \*\*(\d+)\.", L[h]).group(1))
        heading = re.sub(r"^#+ \*\*\d+\.\s*|\*\*$", "", L[h]).strip()
        text = write(f"001/minutes/{number}.md", md(L[h + 1:nxt]) + "\n")
        entries.append({"number": number, "heading": heading, "text": text})
    present = [("Cllr Jane Jones", "chair"), ("Cllr Dorothy Akwaboah", "deputy-chair")] + \
        [(n, None) for n in ("Cllr Toni Bankole", "Cllr Donna Lumsden", "Cllr Olawale Martins",
                             "Cllr Simon Perry", "Cllr Ingrid Robinson", "Cllr Paul Robinson",
                             "Cllr Bill Turner", "Cllr Phil Waker")]
    also = ["Cllr Dominic Twomey", "Cllr Saima Ashraf", "Cllr Maureen Worby", "Cllr Sanchia Alasia"]
    attendance = []
    for name, role in present:
        a = {"person": person(name), "kind": "present"}
        if role:
            a["role"] = role
        attendance.append(a)
    attendance += [{"person": person(n), "kind": "also-present"} for n in also]

    # Item 4.
    c4 = find(L, "<b>Title:</b> Progress update on Improving Household Waste", m_end)
    a4 = find(L, "# Appendix 1", c4, exact=True)
    a4_end = find(L, "**Any Questions?**", a4) + 1
    s4, r4 = summary_and_recs(L, c4)
    bp4 = find(L, "**List of appendices:**", c4)
    report4 = {
        "title": title_of(L, c4),
        "report_of": "Report of the Director of My Place",
        "decision": "for-information", "wards_affected": "All", "key_decision": False,
        "authors": [person("Lisa Keating", "Director My Place", "020 8227 3369", "lisa.keating@lbbd.gov.uk"),
                    person("Abdul Jallow", "Head of Compliance, Projects and Admin"),
                    person("Andy Opie", "Head of Enforcement")],
        "accountable_director": "Lisa Keating – Director My Place",
        "summary": s4, "recommendations": r4,
        "body": write("001/item-4/body.md", md(L[bp4:a4]) + "\n"),
        "background_papers": "None.",
        "status": "published",
        "appendices": [{"title": "Improving Household Waste, Recycling, and Street Cleansing",
                        "content": {"kind": "markdown",
                                    "text": write("001/item-4/appendix-1.md", md(L[a4 + 1:a4_end]) + "\n")}}],
    }

    # Item 5: the scrutiny cover report; the Cabinet report it carries is its Appendix 1.
    c5 = find(L, "<b>Title:</b> The Reviewed Corporate Plan", a4_end)
    s5, r5 = summary_and_recs(L, c5)
    reasons5_at = find(L, "**Reason(s)**", c5)
    bp5 = find(L, "**Public Background Papers", reasons5_at)
    cab = find(L, "## CABINET", bp5, exact=True)
    plan = find(L, "# **The Barking & Dagenham** **Corporate Plan**", cab, exact=True)
    spf = find(L, "# The Single Performance Framework", plan, exact=True)
    c6 = find(L, "<b>Title:</b> Working with residents affected by Capital Works", spf)
    spf_end = find(L, "**OVERVIEW AND SCRUTINY COMMITTEE****2 December 2020**", spf)
    # The Cabinet report's own cover sheet, as Markdown: a two-column table of the short
    # fields, then the Summary and Recommendation(s) boxes as paragraphs (lists cannot go in
    # a GFM table cell).
    ct = find(L, "<b>Title:</b> Reviewed Corporate Plan 2020-22", cab)
    rows = [["**CABINET**", "**17 November 2020**"]]
    for line in L[ct:ct + 6]:
        cells = [cell(c) for c in line.split("\t")]
        rows.append((cells + [""])[:2])
    cs, cr = summary_and_recs(L, ct)
    cab_reason = find(L, "## Reason(s)", ct, exact=True)
    cabinet_md = (pipe_table(rows) + "\n\n**Summary**\n\n" + cs + "\n\n**Recommendation(s)**\n\n" + cr +
                  "\n\n" + md(L[cab_reason:plan]) + "\n")
    report5 = {
        "title": title_of(L, c5),
        "report_of": "Report of the Director of Policy and Partnerships",
        "decision": "for-information", "wards_affected": "All", "key_decision": False,
        "authors": [person("Will Donovan", "Policy & Partnerships Officer", "", "Will.donovan@lbbd.gov.uk")],
        "accountable_director": "Mark Tyson – Director of Strategy and Participation",
        "summary": s5, "recommendations": r5,
        "reasons": md(L[reasons5_at + 1:bp5]),
        "body": write("001/item-5/body.md", md(L[bp5 + 1 + 1:cab]) + "\n"),
        "background_papers": "None.",
        "status": "published",
        "appendices": [
            {"title": "Cabinet Report", "content": {"kind": "markdown", "text": write("001/item-5/appendix-1-cabinet-report.md", cabinet_md)}},
            {"title": "Reviewed Corporate Plan", "content": {"kind": "markdown", "text": write(
                "001/item-5/appendix-2-corporate-plan.md", md(L[plan:spf], ["## Appendix 2"]) + "\n")}},
            {"title": "Single Performance Framework", "content": {"kind": "markdown", "text": write(
                "001/item-5/appendix-3-single-performance-framework.md", md(L[spf:spf_end], ["## Appendix 3"]) + "\n")}},
        ],
    }

    # Item 6.
    s6, r6 = summary_and_recs(L, c6)
    bp6 = find(L, "**List of appendices:**", c6)
    a6 = find(L, "# Appendix 1", c6, exact=True)
    wp = find(L, "## Overview and Scrutiny Committee: Work Programme 2020/21", a6, exact=True)
    report6 = {
        "title": title_of(L, c6),
        "report_of": "Report of the Director of My Place",
        "decision": "for-information", "wards_affected": "All", "key_decision": False,
        "authors": [person("Tony Wiggins", "Head of Property Management and Capital Delivery (My Place)", "", "anthony.wiggins@lbbd.gov.uk"),
                    person("Andy Bere", "Asset Manager (My Place)"),
                    person("Michael Westbrook", "Head of Housing and Asset Strategy")],
        "accountable_director": "Graeme Cooke, Director of Inclusive Growth",
        "summary": s6, "recommendations": r6,
        "body": write("001/item-6/body.md", md(L[bp6:a6]) + "\n"),
        "background_papers": "None.",
        "status": "published",
        "appendices": [{"title": "Working with residents affected by Capital Works",
                        "content": {"kind": "markdown", "text": write("001/item-6/appendix-1.md", md(L[a6 + 1:wp]) + "\n")}}],
    }

    texts = {}
    items = [
        {"number": 1, "title": "Apologies for Absence", "kind": "standard-text"},
        {"number": 2, "title": "Declaration of Members' Interests", "kind": "standard-text",
         "description": "In accordance with the Council's Constitution, Members are asked to declare any interest they may have in any matter which is to be considered at this meeting."},
        {"number": 3, "title": "Minutes", "kind": "minutes"},
        {"number": 4, "title": report4["title"], "kind": "report", "report": report4},
        {"number": 5, "title": report5["title"], "kind": "report", "report": report5},
        {"number": 6, "title": report6["title"], "kind": "report", "report": report6},
        {"number": 7, "title": "Work Programme", "kind": "work-programme"},
        {"number": 8, "title": "Any other public items which the Chair decides are urgent", "kind": "urgent-business"},
        {"number": 9, "title": "To consider whether it would be appropriate to pass a resolution to exclude the public and press from the remainder of the meeting due to the nature of the business to be transacted.",
         "kind": "exclusion-resolution"},
        {"title": "Private Business", "kind": "private-business-heading"},
        {"number": 10, "title": "Any confidential or exempt items which the Chair decides are urgent", "kind": "urgent-business"},
    ]
    members = [{"person": person(n), "role": r, "from": MEMBERS_FROM} for n, r in MEMBERS_001]
    return {
        "council": {
            "name": "London Borough of Barking and Dagenham", "nation": "england",
            "chief_executive_name": "Claire Symonds", "chief_executive_title": "Acting Chief Executive",
            "standing_texts": {
                "declaration_of_interests": items[1]["description"],
                "minutes_confirmation": "To confirm as correct the minutes of the meeting held on",
                "urgent_public_items": items[7]["title"],
                "exclusion_resolution": items[8]["title"],
                # The committee's name is a placeholder the pack fills in (issue 14: the seed's
                # wording named Overview & Scrutiny in every committee's pack).
                "private_business": md(L[find(L, "The public and press have a legal right"):find(L, "The public and press have a legal right") + 1]).rstrip()
                    .replace("the Overview & Scrutiny Committee", "the {committee}"),
                "no_private_business": "There are no such items at the time of preparing this agenda.",
                "urgent_exempt_items": items[10]["title"],
                "webcast_notice": WEBCAST,
            },
            "fixed_pages": fixed,
        },
        "committee": {"name": "Overview and Scrutiny Committee", "members": members},
        "meeting": {"starts_at": "2020-12-02T19:00:00", "venue": {"kind": "virtual"}, "status": "scheduled",
                    "contact_officer": CONTACT_001, "published_on": "2020-11-20", "notices": [WEBCAST]},
        "items": items,
        "previous": {
            "meeting": {"starts_at": "2020-11-04T19:00:00", "ends_at": "21:19:00", "venue": {"kind": "virtual"},
                        "status": "held", "contact_officer": CONTACT_001},
            "minutes": {"opened_at": "19:01:00", "closed_at": "21:19:00", "status": "published-draft",
                        "attendance": attendance, "entries": entries},
        },
        "work_programme": work_programme_001(),
        "work_programme_heading": {
            "title": "Overview and Scrutiny Committee: Work Programme 2020/21",
            "note": L[wp + 2].strip(),
        },
    }


def bundle_002():
    L = read_seed("002_")
    reason_at = find(L, "submitted with the agreement of the Chairman")
    item_at = find(L, "- 6 LOCAL GOVERNMENT ASSOCIATION", reason_at)
    title = re.sub(r"^- 6 |\s*\(Pages 1 - 10\)\*\*$", "", L[item_at]).strip()
    appx = find(L, "Appendix B:", item_at)
    appendix_md = md(L[appx + 1:])
    beesley = person("Andrew Beesley", "Head of Democratic Services")
    report = {
        "title": title,
        # The seed carries no cover sheet for this report, only its Appendix B: the cover-sheet
        # fields below are left empty rather than invented. decision and key_decision are
        # ASSUMED (a review of an action plan, for information, not a key decision).
        "report_of": "",
        "decision": "for-information", "wards_affected": "", "key_decision": False,
        "authors": [], "accountable_director": "", "summary": "", "recommendations": "", "body": "",
        "status": "published",
        "appendices": [{"title": L[appx].strip(),
                        "content": {"kind": "markdown", "text": write("002/item-6/appendix-b.md", appendix_md + "\n")}}],
    }
    return {
        "council": {
            # The seed names the borough only as "Havering"; the council's formal name is used.
            "name": "London Borough of Havering", "nation": "england",
            # ASSUMED: the seed names no chief executive; the supplement is signed by the Head of
            # Democratic Services, who is carried here as the signatory the front sheet prints.
            "chief_executive_name": "Andrew Beesley", "chief_executive_title": "Head of Democratic Services",
        },
        "committee": {"name": "Overview & Scrutiny Board"},
        # ASSUMED: the seed gives the date only; the time (7:00 pm) and the venue (Havering Town
        # Hall) are placeholders, and the contact officer is the signatory.
        "meeting": {"starts_at": "2019-09-04T19:00:00", "venue": {"kind": "place", "name": "Town Hall, Romford"},
                    "status": "scheduled", "contact_officer": beesley},
        "items": [{"number": 6, "title": title, "kind": "report", "supplementary": True, "report": report}],
        "supplement_reason": L[reason_at].strip(),
    }


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def standalone(prefix, running=()):
    L = [PRIVATE_USE.sub("", l).replace("\u00a0", " ") for l in read_seed(prefix)]
    return clean(L, running)


def main():
    verbose = "--verbose" in sys.argv
    b1 = bundle_001()
    b2 = bundle_002()
    for rel, b in (("001/bundle.json", b1), ("002/bundle.json", b2)):
        path = os.path.join(DEMO, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(b, f, ensure_ascii=False, indent=2)
            f.write("\n")
        INCLUDES.append(rel)
    os.makedirs(FIXTURES, exist_ok=True)
    for prefix, running in (("000_", ()), ("003_", ("DRAFT",)), ("004_", ())):
        with open(os.path.join(FIXTURES, prefix[:3] + ".md"), "w", encoding="utf-8") as f:
            f.write(standalone(prefix, running))
    with open(EMBED_RS, "w", encoding="utf-8") as f:
        f.write("//! The demo data files, embedded so the binary needs no assets at run time.\n")
        f.write("//! Generated by tests/convert_seeds.py: do not edit by hand, rerun the script.\n\n")
        f.write("/// (path under assets/demo, contents), in the order the script wrote them.\n")
        f.write("pub(crate) const FILES: &[(&str, &str)] = &[\n")
        for rel in INCLUDES:
            f.write(f'    ("{rel}", include_str!("../../../../assets/demo/{rel}")),\n')
        f.write("];\n")
    if verbose:
        for a, b in JOINS:
            print(f"joined: ...{a!r} + {b!r}...")
    print(f"wrote {len(INCLUDES)} demo files, 3 fixtures, {len(JOINS)} paragraph rejoins")


if __name__ == "__main__":
    main()
