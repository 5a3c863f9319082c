"""Short articles written for the corpus tests (no third-party news text)."""

from __future__ import annotations

STORIES = {
    "ferry": """Island ferry service cut back for winter

The operator of the Corran Sound ferry said on Tuesday that it would run only four crossings a day from November, down from eleven, because two of its three boats need new engines before the spring. Harbour master Ines Calloway said the repairs had been postponed twice since 2023 and could not wait any longer. Shopkeepers on the island warned that deliveries of fresh food would arrive a day late for most of the winter. The regional council has promised a grant of 1.2 million pounds towards the engines, but the money will not be paid until the accounts for last year have been audited. A temporary landing craft borrowed from the navy will carry lorries on Saturdays. Fishermen said the timetable leaves them unable to reach the mainland market before the early auction closes.""",
    "orchard": """Frost ruins half of valley apple crop

Growers in the Ashdown valley have lost roughly half of this year's apple harvest after three nights of hard frost in late April destroyed the blossom on thousands of trees. The growers' cooperative said its members expected to pick about 9,000 tonnes, against 18,500 tonnes in an ordinary season. Cider makers in the valley are already buying fruit from growers in the north to keep their presses running through the autumn. Orchard owner Bartholomew Quince said the frost arrived after a warm March had brought the blossom out three weeks early. Insurance covers few of the smaller orchards because the premiums rose sharply after the floods two years ago. The cooperative has asked the agriculture ministry for emergency loans with no interest for the first eighteen months.""",
    "museum": """Railway museum reopens with restored locomotive

A railway museum in the market town of Pellham reopened to visitors on Sunday after a two-year closure, with a restored steam locomotive from 1911 as the centrepiece of its new hall. Volunteers spent more than forty thousand hours stripping the engine down to its frame and rebuilding the boiler with parts made by a foundry in the next county. Museum director Odile Fairweather said the restoration cost far less than expected because retired engineers gave their time for free. The hall also holds a signal box rescued from a branch line that closed in the nineteen sixties, and children can pull its levers. Ticket prices have risen by one pound, and the museum will open on Mondays during the school holidays.""",
    "bridge": """Cracks close footbridge over the Wendle

Engineers closed the Harcourt footbridge over the river Wendle on Thursday after an inspection found cracks in two of the steel hangers that carry the deck. Pedestrians now face a detour of almost two kilometres through the industrial estate to reach the railway station. The city's head of highways, Marguerite Obi, said a specialist firm would survey the whole structure next week and that the bridge would stay shut until it was certified safe. The footbridge opened only nine years ago and cost 6.4 million pounds, and its designers said the hangers should have lasted a century. Local traders said takings had already fallen because commuters no longer walk past their shops in the morning.""",
}


def body(story: str) -> str:
    """A story without its title line."""
    return STORIES[story].split("\n\n", 1)[1]


def sentences(story: str) -> list[str]:
    return [s.strip().rstrip(".") + "." for s in body(story).split(". ") if s.strip()]


def test_fixture_stories_are_distinct() -> None:
    assert len({s.split()[0] for s in STORIES.values()}) == len(STORIES)
    assert all(len(sentences(name)) >= 5 for name in STORIES)
