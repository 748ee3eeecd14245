"""One certification earned may renew several ledgers (rules-facts 5.2, CompTIA CE program · Earn a
higher-level CompTIA certification: CySA+ renews Security+ and Network+): the app shows, beside the
activity, each open ledger it renews and whether it is recorded there."""

from __future__ import annotations

from datetime import date

from tests.ui.conftest import make_app, settle

CYSA = ('[[activity]]\nid = "2026-09-01-cysa"\ndate = 2026-09-01\ntitle = "CySA+ earned"\n'
        'type = "higher-certification"\ncertification = "CySA+"\n')
SECURITY_PLUS = '[cycle]\nprogram = "comptia"\ncredential = "Security+"\nstart = 2025-04-10\n\n' + CYSA
NETWORK_PLUS = '[cycle]\nprogram = "comptia"\ncredential = "Network+"\nstart = 2024-11-01\n\n'
# Earned on 2026-09-01, after this Network+ cycle ended: it renews nothing there.
OLD_A_PLUS = '[cycle]\nprogram = "comptia"\ncredential = "A+"\nstart = 2022-01-10\n\n'


async def test_the_explanation_names_each_ledger_the_certification_renews(ledgers) -> None:
    folder = ledgers(**{"security-plus": SECURITY_PLUS, "network-plus": NETWORK_PLUS, "a-plus": OLD_A_PLUS})
    app = make_app(folder, as_of=date(2026, 10, 1))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.query_one("#ledgers").focus()
        while not app.selected.endswith("security-plus.toml"):
            await pilot.press("down")
            await settle(pilot)
        app.query_one("#tab-activities").table.focus()
        await settle(pilot)
        text = app.query_one("#explain").render().plain
        assert "renews Security+ (this ledger)" in text
        assert "would renew Network+ (network-plus.toml) once recorded there: c copies it" in text
        assert "a-plus.toml" not in text  # its cycle ended before 2026-09-01
        lines = [line for line in text.splitlines() if line.startswith("↻")]
        assert lines[0] == "↻ renews Security+ (this ledger)"  # its own ledger first


def test_a_ledger_that_records_it_too_is_named_as_renewed() -> None:
    from cpetui.ledger.parse import parse_text
    from cpetui.ledger.session import Entry
    from cpetui.status import evaluate
    from cpetui.ui.renews import renewed_ledgers

    as_of = date(2026, 10, 1)

    def entry(name: str, text: str) -> Entry:
        ledger = parse_text(text, name)
        return Entry(name, ledger, evaluate(ledger, as_of))

    sec = entry("security-plus.toml", SECURITY_PLUS)
    net = entry("network-plus.toml", NETWORK_PLUS + CYSA)
    activity = sec.ledger.activities[0]
    assert renewed_ledgers(activity, sec, [net, sec]) == (
        "renews Security+ (this ledger)", "renews Network+ (network-plus.toml: recorded there too)")
    assert net.status is not None and net.status.state == "complete"  # it renews Network+ where recorded
