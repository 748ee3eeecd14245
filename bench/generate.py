"""Generates realistic ledger folders of any size (and the equivalent hledger journal) for benchmarks."""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

TITLES_EN = [
    "OWASP chapter meeting: API security", "Cloud incident response workshop",
    "Zero trust architecture webinar", "Threat modelling with STRIDE", "Fraud risk assessment seminar",
    "Internal audit data analytics", "Secure code review bootcamp", "Ransomware tabletop exercise",
]
TITLES_JA = [
    "ゼロトラスト入門セミナー", "内部監査基礎研修", "不正調査の実務", "クラウドセキュリティ勉強会",
    "情報セキュリティ監査の最新動向", "倫理規程に関する研修", "サイバー攻撃の事例研究",
]
PROVIDERS = ["ISC2 Japan Chapter", "OWASP Tokyo", "ACFE Japan", "日本内部監査協会", "SANS", "OffSec"]

PROGRAMS = [
    # program, credential, cycle years, types, extra key
    ("isc2", "CISSP", 3, ["education", "contribution", "professional-development"], "group"),
    ("acfe", "CFE", 1, ["participant", "self-study", "in-house"], "field"),
    ("offsec", "OSCP+", 3, ["webinar", "courses-seminars"], None),
    ("iia-japan", "CCSA", 2, ["education", "event", "e-learning"], None),
    ("iia", "CIA", 1, ["education", "self-study"], "ethics-field"),
]


def _activity(rng: random.Random, i: int, day: date, types: list[str], extra: str | None) -> str:
    title = rng.choice(TITLES_JA if rng.random() < 0.4 else TITLES_EN)
    kind = rng.choice(types)
    lines = []
    if rng.random() < 0.3:
        lines.append(f"# note {i}: registered through the member portal")
    lines += [
        "[[activity]]",
        f'id = "{day.isoformat()}-a{i:05d}"',
        f"date = {day.isoformat()}",
        f'title = "{title} #{i}"',
        f'provider = "{rng.choice(PROVIDERS)}"',
        f'type = "{kind}"',
    ]
    if extra == "group":  # professional development is Group B by ISC2's definition
        group = "B" if kind == "professional-development" or rng.random() < 0.1 else "A"
        lines.append(f'group = "{group}"')
    elif extra == "field":
        lines.append(f'field = "{rng.choice(["fraud", "ethics", "general"])}"')
    elif extra == "ethics-field":  # the IIA declares ethics and general hours only
        lines.append(f'field = "{rng.choice(["ethics", "general"])}"')
    if rng.random() < 0.5:
        minutes = [60, 90, 120, 180] if extra == "group" else [50, 60, 90, 100, 120, 180]
        lines.append(f"minutes = {rng.choice(minutes)}   # breaks excluded")
    else:
        lines.append(f"hours = {rng.choice([1, 1.5, 2, 2.25, 3])}")
    lines.append(f'evidence = ["evidence/cert-{i:05d}.pdf"]')
    if rng.random() < 0.5:
        lines.append(f"submitted = {(day + timedelta(days=rng.randint(1, 20))).isoformat()}")
    if rng.random() < 0.2:
        lines.append('notes = "講師: 山田太郎。資料は共有フォルダに保存。"')
    return "\n".join(lines) + "\n"


def generate(folder: Path, ledgers: int, per_ledger: int, seed: int = 7) -> int:
    """Write `ledgers` files of `per_ledger` activities each; returns the number of activities."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    evidence = folder / "evidence"
    evidence.mkdir(exist_ok=True)
    count = 0
    for n in range(ledgers):
        program, credential, years, types, extra = PROGRAMS[n % len(PROGRAMS)]
        start = date(2024, 1, 1) if program in ("acfe", "iia", "iia-japan") else date(2024, 7, 1)
        # activities are in the past: a ledger logs what was done, up to the benchmark's "today"
        span = min(365 * years - 2, (date(2026, 11, 22) - start).days)
        head = [
            "#:schema ../cpetui/schema/ledger.schema.json",
            f"# benchmark ledger {n}",
            "[cycle]",
            f'program = "{program}"',
            f'credential = "{credential}"',
            f"start = {start.isoformat()}",
        ]
        if program == "offsec":
            head.append(f"certified = {start.isoformat()}")
        if program in ("iia", "iia-japan"):
            head.append("practicing = true")
        days = sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(per_ledger))
        body = [_activity(rng, count + i, d, types, extra) for i, d in enumerate(days)]
        for i in range(count, count + per_ledger):  # a real log keeps its certificates
            (evidence / f"cert-{i:05d}.pdf").write_bytes(b"%PDF-1.4 certificate\n")
        count += per_ledger
        text = "\n".join(head) + "\n\n" + "\n".join(body)
        (folder / f"{program}-{credential.lower().replace('+', 'plus')}-{n:03d}.toml").write_text(
            text, encoding="utf-8"
        )
    return count


def generate_journal(path: Path, transactions: int, seed: int = 7) -> None:
    """An hledger journal with as many transactions, the plain-text peer's equivalent of the ledgers."""
    rng = random.Random(seed)
    day = date(2024, 1, 1)
    out = ["; benchmark journal", "account assets:bank", "account expenses:training",
           "account income:salary", ""]
    for i in range(transactions):
        day += timedelta(days=rng.randint(0, 1))
        amount = rng.choice([1, 1.5, 2, 2.25, 3])
        out += [
            f"{day.isoformat()} * {rng.choice(TITLES_EN)} #{i}  ; provider:{rng.choice(PROVIDERS[:3])}",
            f"    expenses:training      {amount} CPE",
            "    assets:bank",
            "",
        ]
    path.write_text("\n".join(out), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ledgers", type=int, default=50)
    parser.add_argument("--per-ledger", type=int, default=200)
    parser.add_argument("--journal", type=Path, help="also write an hledger journal of the same size")
    args = parser.parse_args()
    n = generate(args.folder, args.ledgers, args.per_ledger)
    if args.journal:
        generate_journal(args.journal, n)
    print(f"{n} activities in {args.ledgers} ledgers under {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
