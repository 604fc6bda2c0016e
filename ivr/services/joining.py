"""Residents who are not in a group ask to join one, by phone or SMS, through their postcode.

One path for both channels: the groups whose area holds the postcode, then one request to one
group's admins, with the exact `LID` command that invites the resident. A number that said
no (STOP, a declined invitation, taken out of that group lately) hears the same words as
anyone, but nothing reaches the admins.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from ivr.flows import gsm, keywords, phones
from ivr.flows.alert_text import clean_free_text
from ivr.flows.catalogue import DEFAULT, each, t
from ivr.flows.postcodes import Postcode
from ivr.services import membership
from ivr.storage import deliveries, groups, join_requests, refusals
from ivr.storage.models import DeliveryKind, Group, MemberStatus, utcnow

ONCE_PER_DAYS = 7  # one join request per number in this many days, across all groups
NO_MEANS_NO_DAYS = 30  # a number taken out of a group (or that declined) is not passed on
MAX_WORDS = 120  # characters of name and street taken in
MAX_CHOICES = 4  # groups offered in one question, by phone or SMS


class Outcome(StrEnum):
    """What became of a join request; the resident is told so in their own channel."""

    SENT = "sent"  # the admins have it (or, for a number that said no, it looks so)
    MEMBER = "member"  # already a member of that group
    INVITED = "invited"  # already invited: answer the invitation
    AGAIN = "again"  # asked already in the last ONCE_PER_DAYS days
    FULL = "full"  # the group has had its JOIN_REQUESTS_PER_GROUP_PER_DAY today


def covering(session: Session, code: Postcode) -> list[Group]:
    """The groups whose area holds `code`, by name, at most MAX_CHOICES."""
    return groups.covering(session, code)[:MAX_CHOICES]


def request(
    session: Session, group: Group, phone: str, channel: str, words: str, config: Mapping,
    language: str = DEFAULT,
) -> Outcome:
    """Ask `group`'s admins to invite `phone`; `words` are the resident's name and street, and
    `language` the one they asked in (the LID command the admins get invites them in it)."""
    current = membership.memberships(session, phone, MemberStatus.ACTIVE, MemberStatus.INVITED)
    own = next((m for m in current if m.group_id == group.id), None)
    if own is not None:
        return Outcome.MEMBER if own.status == MemberStatus.ACTIVE else Outcome.INVITED
    now = utcnow()
    per_day = config["JOIN_REQUESTS_PER_GROUP_PER_DAY"]
    if join_requests.passed_on_since(session, group.id, now - timedelta(days=1)) >= per_day:
        return Outcome.FULL
    if not join_requests.take_turn(session, phone, now - timedelta(days=ONCE_PER_DAYS), now):
        return Outcome.AGAIN
    said_no = now - timedelta(days=NO_MEANS_NO_DAYS)
    passed_on = not (
        refusals.refused_since(session, phone, said_no)
        or join_requests.removed_since(session, group.id, phone, said_no)
        or not membership.destinations(config).allows(phone, channel)
    )
    words = clean_free_text(words, MAX_WORDS)
    join_requests.add(session, group.id, phone, channel, words, passed_on)
    if passed_on:
        texts = each(lambda lang: admins_text(group.name, phone, words, lang, language))
        deliveries.queue_to_admins(session, group.id, texts, DeliveryKind.JOIN_REQUEST)
    return Outcome.SENT


def admins_text(group: str, phone: str, words: str, lang: str = DEFAULT, asked_in: str = DEFAULT) -> str:
    """The admins' SMS in `lang`: who (name, street, number) and the exact LID command (with the
    language the resident asked in, when not Dutch); two segments at most."""
    name, street = split_name_and_street(words)
    local = phones.local(phone)
    spoken = "" if asked_in == DEFAULT else f" {asked_in.upper()}"

    def lid(name_: str) -> str:
        return f"LID {local} {name_ or t('sms.join.name_placeholder', lang)}{spoken}"

    def text(name_: str, street_: str) -> str:
        return gsm.clean(t("sms.join.admins", lang, group=group, name=name_ or "-", street=street_ or "-",
                           phone=phones.local(phone), invite=lid(name_)))

    body = text(name, street)
    for budget in (60, 40, 25, 15):  # shorten name and street until it fits two segments
        if gsm.septets(body) <= gsm.MAX_SEPTETS:
            break
        body = text(gsm.truncate(name, budget), gsm.truncate(street, budget))
    return gsm.truncate(body, gsm.MAX_SEPTETS)


def split_name_and_street(words: str) -> tuple[str, str]:
    """ "Jan Jansen, Dorpsstraat 4" -> ("Jan Jansen", "Dorpsstraat 4"): by a comma, else by the
    place the text names; what cannot be told apart is the name."""
    words = " ".join(words.split()).strip(" ,.")
    if "," in words:
        name, street = (part.strip(" ,.") for part in words.split(",", 1))
        return name, street
    place = keywords.find_place(words)
    if place and place in words:
        name = words[: words.index(place)].strip(" ,.")
        for joiner in (" uit de", " uit", " van de", " aan de", " in de", " op de", " op"):
            if name.lower().endswith(joiner):
                name = name[: -len(joiner)].strip()
                break
        return name, place.strip(" ,.")
    return words, ""
